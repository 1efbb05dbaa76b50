#include "formats/parquet/row_ranges.h"

#include <algorithm>

#include <fmt/format.h>

namespace floe::parquet {

RowRanges RowRanges::All(int64_t num_rows) {
  RowRanges r;
  r.Add(0, num_rows);
  return r;
}

void RowRanges::Add(int64_t begin, int64_t end) {
  if (begin >= end) return;
  if (ranges_.empty() || ranges_.back().end < begin) {
    if (ranges_.empty() || ranges_.back().begin <= begin) {
      ranges_.push_back({begin, end});
      return;
    }
  } else if (ranges_.back().begin <= begin) {
    ranges_.back().end = std::max(ranges_.back().end, end);
    return;
  }
  // Out of order: insert and merge.
  auto it = std::lower_bound(ranges_.begin(), ranges_.end(), begin,
                             [](const Range& r, int64_t b) { return r.end < b; });
  // `it` is the first range that ends at or after `begin`: merge all that
  // start at or before `end`.
  auto last = it;
  while (last != ranges_.end() && last->begin <= end) {
    begin = std::min(begin, last->begin);
    end = std::max(end, last->end);
    ++last;
  }
  it = ranges_.erase(it, last);
  ranges_.insert(it, Range{begin, end});
}

RowRanges RowRanges::Intersect(const RowRanges& a, const RowRanges& b) {
  RowRanges out;
  size_t i = 0, j = 0;
  while (i < a.ranges_.size() && j < b.ranges_.size()) {
    const Range& x = a.ranges_[i];
    const Range& y = b.ranges_[j];
    out.Add(std::max(x.begin, y.begin), std::min(x.end, y.end));
    if (x.end < y.end) {
      ++i;
    } else {
      ++j;
    }
  }
  return out;
}

RowRanges RowRanges::Union(const RowRanges& a, const RowRanges& b) {
  RowRanges out;
  size_t i = 0, j = 0;
  while (i < a.ranges_.size() || j < b.ranges_.size()) {
    bool take_a =
        j == b.ranges_.size() || (i < a.ranges_.size() && a.ranges_[i].begin <= b.ranges_[j].begin);
    const Range& r = take_a ? a.ranges_[i++] : b.ranges_[j++];
    out.Add(r.begin, r.end);
  }
  return out;
}

int64_t RowRanges::num_rows() const {
  int64_t n = 0;
  for (const Range& r : ranges_) n += r.end - r.begin;
  return n;
}

bool RowRanges::Overlaps(int64_t begin, int64_t end) const {
  if (begin >= end) return false;
  auto it = std::upper_bound(ranges_.begin(), ranges_.end(), begin,
                             [](int64_t b, const Range& r) { return b < r.end; });
  return it != ranges_.end() && it->begin < end;
}

std::string RowRanges::ToString() const {
  std::string out;
  for (const Range& r : ranges_) {
    if (!out.empty()) out += ' ';
    out += fmt::format("[{}, {})", r.begin, r.end);
  }
  return out.empty() ? "{}" : out;
}

}  // namespace floe::parquet
