#include "iceberg/statistics_file.h"

namespace floe::iceberg {

namespace {

Status CheckSize(int64_t size, std::string_view name) {
  if (size < 0) return Status::InvalidArgument("'{}' must not be negative, got {}", name, size);
  return Status::OK();
}

Result<BlobMetadata> BlobMetadataFromJson(const Json& json) {
  if (!json.is_object()) {
    return Status::InvalidArgument("blob metadata must be an object, got {}", JsonTypeName(json));
  }
  BlobMetadata blob;
  FLOE_ASSIGN_OR_RETURN(blob.type, GetString(json, "type"));
  FLOE_ASSIGN_OR_RETURN(blob.source_snapshot_id, GetSnapshotId(json, "snapshot-id"));
  FLOE_ASSIGN_OR_RETURN(blob.source_snapshot_sequence_number, GetInt64(json, "sequence-number"));
  FLOE_ASSIGN_OR_RETURN(blob.fields, GetInt32List(json, "fields"));
  FLOE_ASSIGN_OR_RETURN(blob.properties, GetOptionalStringMap(json, "properties"));
  return blob;
}

}  // namespace

Result<StatisticsFile> StatisticsFileFromJson(const Json& json) {
  if (!json.is_object()) {
    return Status::InvalidArgument("a statistics file must be an object, got {}",
                                   JsonTypeName(json));
  }
  StatisticsFile file;
  auto snapshot_id = GetSnapshotId(json, "snapshot-id");
  if (!snapshot_id.has_value()) return snapshot_id.error().WithContext("statistics file");
  file.snapshot_id = *snapshot_id;
  auto read = [&]() -> Status {
    FLOE_ASSIGN_OR_RETURN(file.path, GetString(json, "statistics-path"));
    FLOE_ASSIGN_OR_RETURN(file.file_size_in_bytes, GetInt64(json, "file-size-in-bytes"));
    FLOE_RETURN_NOT_OK(CheckSize(file.file_size_in_bytes, "file-size-in-bytes"));
    FLOE_ASSIGN_OR_RETURN(file.file_footer_size_in_bytes,
                          GetInt64(json, "file-footer-size-in-bytes"));
    FLOE_RETURN_NOT_OK(CheckSize(file.file_footer_size_in_bytes, "file-footer-size-in-bytes"));
    FLOE_ASSIGN_OR_RETURN(file.key_metadata, GetOptionalString(json, "key-metadata"));
    FLOE_ASSIGN_OR_RETURN(const Json* blobs, GetArray(json, "blob-metadata"));
    for (size_t i = 0; i < blobs->size(); ++i) {
      auto blob = BlobMetadataFromJson((*blobs)[i]);
      if (!blob.has_value()) return blob.error().WithContext("blob {}", i);
      file.blob_metadata.push_back(std::move(blob).value());
    }
    return Status::OK();
  };
  Status st = read();
  if (!st.ok()) return st.WithContext("statistics file of snapshot {}", file.snapshot_id);
  return file;
}

Json StatisticsFileToJson(const StatisticsFile& file) {
  Json out = Json::object();
  out["snapshot-id"] = file.snapshot_id;
  out["statistics-path"] = file.path;
  out["file-size-in-bytes"] = file.file_size_in_bytes;
  out["file-footer-size-in-bytes"] = file.file_footer_size_in_bytes;
  if (file.key_metadata.has_value()) out["key-metadata"] = *file.key_metadata;
  Json blobs = Json::array();
  for (const BlobMetadata& blob : file.blob_metadata) {
    Json b = Json::object();
    b["type"] = blob.type;
    b["snapshot-id"] = blob.source_snapshot_id;
    b["sequence-number"] = blob.source_snapshot_sequence_number;
    b["fields"] = blob.fields;
    if (!blob.properties.empty()) b["properties"] = blob.properties;
    blobs.push_back(std::move(b));
  }
  out["blob-metadata"] = std::move(blobs);
  return out;
}

Result<PartitionStatisticsFile> PartitionStatisticsFileFromJson(const Json& json) {
  if (!json.is_object()) {
    return Status::InvalidArgument("a partition statistics file must be an object, got {}",
                                   JsonTypeName(json));
  }
  PartitionStatisticsFile file;
  auto snapshot_id = GetSnapshotId(json, "snapshot-id");
  if (!snapshot_id.has_value()) {
    return snapshot_id.error().WithContext("partition statistics file");
  }
  file.snapshot_id = *snapshot_id;
  auto read = [&]() -> Status {
    FLOE_ASSIGN_OR_RETURN(file.path, GetString(json, "statistics-path"));
    FLOE_ASSIGN_OR_RETURN(file.file_size_in_bytes, GetInt64(json, "file-size-in-bytes"));
    return CheckSize(file.file_size_in_bytes, "file-size-in-bytes");
  };
  Status st = read();
  if (!st.ok()) {
    return st.WithContext("partition statistics file of snapshot {}", file.snapshot_id);
  }
  return file;
}

Json PartitionStatisticsFileToJson(const PartitionStatisticsFile& file) {
  Json out = Json::object();
  out["snapshot-id"] = file.snapshot_id;
  out["statistics-path"] = file.path;
  out["file-size-in-bytes"] = file.file_size_in_bytes;
  return out;
}

}  // namespace floe::iceberg
