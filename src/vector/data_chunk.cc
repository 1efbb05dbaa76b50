#include "vector/data_chunk.h"

#include <fmt/format.h>

namespace floe {

Result<DataChunk> DataChunk::Make(std::vector<LogicalType> types, std::vector<std::string> names,
                                  int64_t capacity) {
  if (!names.empty() && names.size() != types.size()) {
    return Status::InvalidArgument("data chunk: {} names for {} columns", names.size(),
                                   types.size());
  }
  DataChunk chunk(std::move(types), std::move(names), capacity);
  for (const LogicalType& type : chunk.types_) {
    FLOE_ASSIGN_OR_RETURN(Vector column, Vector::Make(type, capacity));
    chunk.columns_.push_back(std::move(column));
  }
  return chunk;
}

Status DataChunk::SetSize(int64_t size) {
  if (size < 0 || size > capacity_) {
    return Status::InvalidArgument("data chunk: size {} is outside [0, {}]", size, capacity_);
  }
  for (size_t i = 0; i < columns_.size(); ++i) {
    if (columns_[i].kind() != VectorKind::kConstant && columns_[i].capacity() < size) {
      return Status::InvalidArgument("data chunk: column {} holds only {} rows, not {}", i,
                                     columns_[i].capacity(), size);
    }
  }
  size_ = size;
  return Status::OK();
}

Status DataChunk::SetColumn(size_t i, Vector vector) {
  if (i >= columns_.size()) {
    return Status::InvalidArgument("data chunk: no column {} among {}", i, columns_.size());
  }
  if (!(vector.type() == types_[i])) {
    return Status::InvalidArgument("data chunk: column {} is {}, not {}", i, types_[i].ToString(),
                                   vector.type().ToString());
  }
  if (vector.kind() != VectorKind::kConstant && vector.capacity() < size_) {
    return Status::InvalidArgument("data chunk: column {} replacement holds {} of {} rows", i,
                                   vector.capacity(), size_);
  }
  columns_[i] = std::move(vector);
  return Status::OK();
}

Status DataChunk::AppendRow(const std::vector<Value>& row) {
  if (row.size() != columns_.size()) {
    return Status::InvalidArgument("data chunk: a row of {} values for {} columns", row.size(),
                                   columns_.size());
  }
  if (size_ >= capacity_) {
    return Status::InvalidArgument("data chunk: full at {} rows", capacity_);
  }
  for (size_t i = 0; i < columns_.size(); ++i) {
    FLOE_RETURN_NOT_OK(columns_[i].SetValue(size_, row[i]).WithContext("column {}", i));
  }
  ++size_;
  return Status::OK();
}

Status DataChunk::Flatten() {
  for (Vector& column : columns_) FLOE_RETURN_NOT_OK(column.Flatten(size_));
  return Status::OK();
}

void DataChunk::Reset() {
  size_ = 0;
  for (size_t i = 0; i < columns_.size(); ++i) {
    // Make cannot fail: the same type and capacity succeeded in Make().
    Result<Vector> column = Vector::Make(types_[i], capacity_);
    FLOE_CHECK(column.has_value(), column.status().ToString());
    columns_[i] = std::move(column).value();
  }
}

std::string DataChunk::ToString() const {
  std::string out;
  for (size_t i = 0; i < types_.size(); ++i) {
    out += fmt::format("{}{}: {}", i == 0 ? "" : ", ",
                       names_.empty() ? fmt::format("#{}", i) : names_[i], types_[i].ToString());
  }
  for (int64_t row = 0; row < size_; ++row) {
    out += "\n(";
    for (size_t i = 0; i < columns_.size(); ++i) {
      const Value value = columns_[i].GetValue(row);
      // Quote strings as nested values do, so "NULL" and NULL differ.
      const std::string text = value.type().id() == TypeId::kString && !value.is_null()
                                   ? fmt::format("'{}'", value.ToString())
                                   : value.ToString();
      out += (i == 0 ? "" : ", ") + text;
    }
    out += ")";
  }
  return out;
}

}  // namespace floe
