#include "iceberg/data_file.h"

#include <algorithm>

#include "iceberg/single_value.h"

namespace floe::iceberg {

namespace {

template <typename Metrics>
auto FindMetric(const Metrics& metrics, int32_t field_id) -> decltype(&metrics.front().second) {
  auto it = std::lower_bound(metrics.begin(), metrics.end(), field_id,
                             [](const auto& entry, int32_t id) { return entry.first < id; });
  if (it == metrics.end() || it->first != field_id) return nullptr;
  return &it->second;
}

template <typename Metrics>
Status SortMetrics(Metrics& metrics) {
  auto by_id = [](const auto& a, const auto& b) { return a.first < b.first; };
  if (!std::is_sorted(metrics.begin(), metrics.end(), by_id)) {
    std::stable_sort(metrics.begin(), metrics.end(), by_id);
  }
  for (size_t i = 1; i < metrics.size(); ++i) {
    if (metrics[i].first == metrics[i - 1].first) {
      return Status::InvalidArgument("field id {} occurs twice", metrics[i].first);
    }
  }
  return Status::OK();
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i];
    char y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

Result<std::optional<Value>> Bound(const ColumnBounds& bounds, const Schema& schema,
                                   int32_t field_id) {
  const std::string* bytes = FindColumnBound(bounds, field_id);
  if (bytes == nullptr) return std::optional<Value>();
  FLOE_ASSIGN_OR_RETURN(Value value, DecodeColumnBound(schema, field_id, *bytes));
  return std::optional<Value>(std::move(value));
}

}  // namespace

std::string_view DataFileContentName(DataFileContent content) {
  switch (content) {
    case DataFileContent::kData:
      return "data";
    case DataFileContent::kPositionDeletes:
      return "position deletes";
    case DataFileContent::kEqualityDeletes:
      return "equality deletes";
  }
  return "?";
}

Result<DataFileContent> DataFileContentFromInt(int64_t code) {
  if (code < 0 || code > 2) {
    return Status::InvalidArgument(
        "content {} is not 0 (data), 1 (position deletes) or 2 (equality deletes)", code);
  }
  return static_cast<DataFileContent>(code);
}

std::string_view FileFormatName(FileFormat format) {
  switch (format) {
    case FileFormat::kParquet:
      return "PARQUET";
    case FileFormat::kAvro:
      return "AVRO";
    case FileFormat::kOrc:
      return "ORC";
    case FileFormat::kPuffin:
      return "PUFFIN";
  }
  return "?";
}

Result<FileFormat> FileFormatFromString(std::string_view text) {
  for (FileFormat f :
       {FileFormat::kParquet, FileFormat::kAvro, FileFormat::kOrc, FileFormat::kPuffin}) {
    if (EqualsIgnoreCase(text, FileFormatName(f))) return f;
  }
  return Status::InvalidArgument("file format '{}' is not avro, orc, parquet or puffin", text);
}

const int64_t* FindColumnCount(const ColumnCounts& counts, int32_t field_id) {
  return FindMetric(counts, field_id);
}

const std::string* FindColumnBound(const ColumnBounds& bounds, int32_t field_id) {
  return FindMetric(bounds, field_id);
}

Status SortColumnMetrics(ColumnCounts& counts) { return SortMetrics(counts); }
Status SortColumnMetrics(ColumnBounds& bounds) { return SortMetrics(bounds); }

Result<Value> DecodeColumnBound(const Schema& schema, int32_t field_id, std::string_view bytes) {
  const NestedField* field = schema.FindFieldById(field_id);
  if (field == nullptr) {
    return Status::InvalidArgument("iceberg: bound of field {}: the schema has no such field",
                                   field_id);
  }
  if (!field->type.is_primitive()) {
    return Status::InvalidArgument("iceberg: bound of field {} '{}': {} has no bounds", field_id,
                                   field->name, field->type.ToString());
  }
  auto value = SingleValueFromBinary(field->type, bytes);
  if (!value.has_value()) {
    return value.error().WithContext("iceberg: bound of field {} '{}'", field_id, field->name);
  }
  return value;
}

Result<std::optional<Value>> DataFile::LowerBound(const Schema& schema, int32_t field_id) const {
  return Bound(lower_bounds, schema, field_id);
}

Result<std::optional<Value>> DataFile::UpperBound(const Schema& schema, int32_t field_id) const {
  return Bound(upper_bounds, schema, field_id);
}

Status DataFile::Validate(int format_version) const {
  auto fail = [&](std::string_view why) {
    return Status::InvalidArgument("iceberg: data file '{}': {}", file_path, why);
  };
  if (file_path.empty()) return Status::InvalidArgument("iceberg: data file: empty file_path");
  if (record_count < 0) return fail(fmt::format("record_count {} is negative", record_count));
  if (file_size_in_bytes < 0) {
    return fail(fmt::format("file_size_in_bytes {} is negative", file_size_in_bytes));
  }
  if (format_version < 2 && content != DataFileContent::kData) {
    return fail(fmt::format("{} need format version 2", DataFileContentName(content)));
  }
  if (content == DataFileContent::kEqualityDeletes && equality_ids.empty()) {
    return fail("equality deletes without equality_ids");
  }
  if (content_offset.has_value() && !content_size_in_bytes.has_value()) {
    return fail("content_offset without content_size_in_bytes");
  }
  if (file_format == FileFormat::kPuffin) {
    if (content != DataFileContent::kPositionDeletes) {
      return fail(fmt::format("a Puffin file must be a deletion vector (position deletes), not {}",
                              DataFileContentName(content)));
    }
    if (!referenced_data_file.has_value() || !content_offset.has_value() ||
        !content_size_in_bytes.has_value()) {
      return fail(
          "a deletion vector needs referenced_data_file, content_offset and "
          "content_size_in_bytes");
    }
  }
  if (content != DataFileContent::kData && first_row_id.has_value()) {
    return fail("delete files have no first_row_id");
  }
  if (format_version < 3 && (first_row_id.has_value() || content_offset.has_value() ||
                             content_size_in_bytes.has_value())) {
    return fail(fmt::format(
        "first_row_id, content_offset and content_size_in_bytes need format version 3, not {}",
        format_version));
  }
  return Status::OK();
}

}  // namespace floe::iceberg
