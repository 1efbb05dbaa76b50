// RowRanges: a set of rows of one row group, as sorted, disjoint,
// non-adjacent [begin, end) intervals - the rows that page-index pruning
// says might match a predicate, and so the rows a reader decodes.
//
// Thread-safety: a value type.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace floe::parquet {

class RowRanges {
 public:
  struct Range {
    int64_t begin = 0;
    int64_t end = 0;  // exclusive
    friend bool operator==(const Range&, const Range&) = default;
  };

  // No rows.
  RowRanges() = default;
  // Rows [0, num_rows).
  static RowRanges All(int64_t num_rows);

  // Adds [begin, end), merging with what it overlaps or touches. Empty
  // ranges are ignored. Appending in ascending order is O(1).
  void Add(int64_t begin, int64_t end);

  static RowRanges Intersect(const RowRanges& a, const RowRanges& b);
  static RowRanges Union(const RowRanges& a, const RowRanges& b);

  const std::vector<Range>& ranges() const { return ranges_; }
  bool empty() const { return ranges_.empty(); }
  int64_t num_rows() const;
  // Whether any row of [begin, end) is in the set.
  bool Overlaps(int64_t begin, int64_t end) const;

  // "[0, 10) [20, 30)".
  std::string ToString() const;

  friend bool operator==(const RowRanges&, const RowRanges&) = default;

 private:
  std::vector<Range> ranges_;
};

}  // namespace floe::parquet
