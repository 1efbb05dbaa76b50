// PartitionSummaryBuilder: the per-field summaries a manifest list keeps of a manifest's
// partition tuples (spec "Manifest Lists", `field_summary`, ids 509-511 and 518), accumulated
// while the manifest is written.
//
// For each partition field: whether any tuple has a null, whether any has a NaN (false for
// fields that cannot hold one, as Iceberg's Java writer says), and the least and greatest
// non-null, non-NaN value as Appendix D bytes. Where -0.0 and +0.0 tie, the lower bound keeps
// -0.0 and the upper +0.0, as the spec's note requires. Every tuple counts, whatever the
// entry's status (a deleted file's partition is still in the manifest).
//
// Thread-safety: not thread-safe; one writer at a time.
#pragma once

#include <optional>
#include <vector>

#include "common/result.h"
#include "iceberg/manifest_file.h"
#include "iceberg/type.h"
#include "vector/value.h"

namespace floe::iceberg {

class PartitionSummaryBuilder {
 public:
  // `partition_type`: a struct of primitive fields (PartitionSpec::PartitionType); fields of
  // type unknown are NotSupported.
  static Result<PartitionSummaryBuilder> Make(const Type& partition_type);

  // Adds one tuple: one Value per field, of the field's LogicalType or NULL.
  // InvalidArgument for a tuple of another shape (nothing is added then).
  Status Add(const std::vector<Value>& partition);

  // One summary per field, in order.
  Result<std::vector<PartitionFieldSummary>> Summaries() const;

 private:
  struct FieldStats {
    Type type;
    LogicalType logical;
    bool contains_null = false;
    bool contains_nan = false;
    std::optional<Value> lower;
    std::optional<Value> upper;
  };
  explicit PartitionSummaryBuilder(std::vector<FieldStats> fields) : fields_(std::move(fields)) {}

  std::vector<FieldStats> fields_;
};

// Checks that `partition` is a tuple of `partition_type`: as many Values as fields, each of the
// field's LogicalType or a NULL. InvalidArgument naming the field otherwise.
Status CheckPartitionTuple(const Type& partition_type, const std::vector<Value>& partition);

}  // namespace floe::iceberg
