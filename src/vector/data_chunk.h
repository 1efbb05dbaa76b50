// DataChunk: a batch of rows as a set of equally long column vectors - the
// unit that scans produce and operators consume.
//
// A chunk owns its vectors and knows its schema (types, optional names), its
// capacity (kDefaultBatchSize rows unless chosen) and how many rows are in
// use. Columns may be replaced by constant or dictionary vectors of the same
// type, e.g. a partition column that is constant across a data file.
//
// Thread-safety: not thread-safe for writes; concurrent reads are safe. A
// pipeline hands a chunk from operator to operator; it is not shared.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/result.h"
#include "vector/logical_type.h"
#include "vector/value.h"
#include "vector/vector.h"

namespace floe {

class DataChunk {
 public:
  // `names` is empty or one per column.
  static Result<DataChunk> Make(std::vector<LogicalType> types, std::vector<std::string> names = {},
                                int64_t capacity = kDefaultBatchSize);

  DataChunk(DataChunk&&) noexcept = default;
  DataChunk& operator=(DataChunk&&) noexcept = default;
  FLOE_DISALLOW_COPY_AND_ASSIGN(DataChunk);

  int64_t size() const { return size_; }
  int64_t capacity() const { return capacity_; }
  // Rows [0, size) are in use; every flat or dictionary column must hold them.
  Status SetSize(int64_t size);

  size_t column_count() const { return columns_.size(); }
  Vector& column(size_t i) { return columns_[i]; }
  const Vector& column(size_t i) const { return columns_[i]; }
  const std::vector<LogicalType>& types() const { return types_; }
  const std::vector<std::string>& names() const { return names_; }

  // Replaces column `i` with a vector of the same type that holds size() rows.
  Status SetColumn(size_t i, Vector vector);

  Value GetValue(size_t column, int64_t row) const { return columns_[column].GetValue(row); }
  // Writes `row` (one value per column) at row size() and grows size by one.
  Status AppendRow(const std::vector<Value>& row);
  Status Flatten();
  // Empty again, with fresh flat columns.
  void Reset();

  // "a: int, b: string" then one "(1, 'x')" line per row; for tests and logs.
  std::string ToString() const;

 private:
  DataChunk(std::vector<LogicalType> types, std::vector<std::string> names, int64_t capacity)
      : types_(std::move(types)), names_(std::move(names)), capacity_(capacity) {}

  std::vector<LogicalType> types_;
  std::vector<std::string> names_;
  int64_t capacity_;
  int64_t size_ = 0;
  std::vector<Vector> columns_;
};

}  // namespace floe
