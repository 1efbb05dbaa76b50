// Table and partition statistics files registered in table metadata (spec
// "Table Statistics", "Partition Statistics"), and their JSON forms (the
// `statistics` and `partition-statistics` members; REST's set-statistics and
// set-partition-statistics). Statistics are informational: readers may ignore
// them, so Floe keeps them to write them back unchanged.
//
// A StatisticsFile is a Puffin file computed for one snapshot and lists its
// blobs' metadata; a PartitionStatisticsFile is a data file of per-partition
// counts for one snapshot. A snapshot has at most one of each.
//
// Thread-safety: plain values; share freely.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "iceberg/json_util.h"

namespace floe::iceberg {

struct BlobMetadata {
  std::string type;  // the Puffin blob type, "apache-datasketches-theta-v1"
  int64_t source_snapshot_id = 0;
  int64_t source_snapshot_sequence_number = 0;
  std::vector<int32_t> fields;  // field ids the statistic covers, in order
  std::map<std::string, std::string> properties;

  friend bool operator==(const BlobMetadata& a, const BlobMetadata& b) = default;
};

struct StatisticsFile {
  int64_t snapshot_id = 0;
  std::string path;
  int64_t file_size_in_bytes = 0;
  int64_t file_footer_size_in_bytes = 0;
  // Base64 text, kept as written.
  std::optional<std::string> key_metadata;
  std::vector<BlobMetadata> blob_metadata;

  friend bool operator==(const StatisticsFile& a, const StatisticsFile& b) = default;
};

struct PartitionStatisticsFile {
  int64_t snapshot_id = 0;
  std::string path;
  int64_t file_size_in_bytes = 0;

  friend bool operator==(const PartitionStatisticsFile& a,
                         const PartitionStatisticsFile& b) = default;
};

// {"snapshot-id", "statistics-path", "file-size-in-bytes",
//  "file-footer-size-in-bytes", "key-metadata"?, "blob-metadata": [{"type",
//  "snapshot-id", "sequence-number", "fields", "properties"?}]}
Result<StatisticsFile> StatisticsFileFromJson(const Json& json);
Json StatisticsFileToJson(const StatisticsFile& file);

// {"snapshot-id", "statistics-path", "file-size-in-bytes"}
Result<PartitionStatisticsFile> PartitionStatisticsFileFromJson(const Json& json);
Json PartitionStatisticsFileToJson(const PartitionStatisticsFile& file);

}  // namespace floe::iceberg
