#include "iceberg/manifest_file.h"

#include "iceberg/single_value.h"

namespace floe::iceberg {

namespace {

Result<std::optional<Value>> DecodeBound(const std::optional<std::string>& bytes,
                                         const Type& type) {
  if (!bytes.has_value()) return std::optional<Value>();
  FLOE_ASSIGN_OR_RETURN(Value value, SingleValueFromBinary(type, *bytes));
  return std::optional<Value>(std::move(value));
}

}  // namespace

std::string_view ManifestContentName(ManifestContent content) {
  return content == ManifestContent::kData ? "data" : "deletes";
}

Result<ManifestContent> ManifestContentFromString(std::string_view text) {
  if (text == "data") return ManifestContent::kData;
  if (text == "deletes") return ManifestContent::kDeletes;
  return Status::InvalidArgument("manifest content '{}' is not 'data' or 'deletes'", text);
}

Result<ManifestContent> ManifestContentFromInt(int64_t code) {
  if (code < 0 || code > 1) {
    return Status::InvalidArgument("manifest content {} is not 0 (data) or 1 (deletes)", code);
  }
  return static_cast<ManifestContent>(code);
}

Result<std::optional<Value>> PartitionFieldSummary::DecodeLowerBound(const Type& type) const {
  return DecodeBound(lower_bound, type);
}

Result<std::optional<Value>> PartitionFieldSummary::DecodeUpperBound(const Type& type) const {
  return DecodeBound(upper_bound, type);
}

}  // namespace floe::iceberg
