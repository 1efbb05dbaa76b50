#include "formats/parquet/page_index.h"

#include <algorithm>

#include "formats/parquet/column_chunk_range.h"
#include "formats/parquet/statistics_value.h"
#include "formats/parquet/thrift_enum.h"
#include "formats/parquet/thrift_serde.h"
#include "vector/value_compare.h"

namespace floe::parquet {

size_t OffsetIndex::PageOfRow(int64_t row) const {
  auto it = std::upper_bound(pages.begin(), pages.end(), row, [](int64_t r, const PageLocation& p) {
    return r < p.first_row_index;
  });
  return it == pages.begin() ? 0 : static_cast<size_t>(it - pages.begin()) - 1;
}

int64_t OffsetIndex::PageRowEnd(size_t page, int64_t num_rows) const {
  return page + 1 < pages.size() ? pages[page + 1].first_row_index : num_rows;
}

namespace {

template <typename... Args>
Status Bad(fmt::format_string<Args...> format, Args&&... args) {
  return Status::Corruption(format, std::forward<Args>(args)...);
}

Status Decode(std::span<const uint8_t> bytes, apache::thrift::TBase* out) {
  if (bytes.size() > UINT32_MAX) return Bad("{} bytes", bytes.size());
  Result<uint32_t> used = DeserializeThrift(bytes.data(), static_cast<uint32_t>(bytes.size()), out);
  return used.status();
}

// Rows of page `i` when each level entry is a row (no repetition), else
// nullopt.
std::optional<int64_t> RowsOfPage(const OffsetIndex& index, size_t i, int64_t num_rows,
                                  bool repeated) {
  if (repeated) return std::nullopt;
  return index.PageRowEnd(i, num_rows) - index.pages[i].first_row_index;
}

}  // namespace

Result<OffsetIndex> DecodeOffsetIndex(const ParquetFileMetadata& metadata, int32_t row_group,
                                      int32_t column, std::span<const uint8_t> bytes) {
  format::OffsetIndex thrift;
  Status st = Decode(bytes, &thrift);
  if (!st.ok()) return Bad("does not decode: {}", st.message());
  FLOE_ASSIGN_OR_RETURN(ReadRange chunk, ColumnChunkRange(metadata, row_group, column));
  const int64_t chunk_end = chunk.offset + chunk.length;
  const int64_t num_rows = metadata.row_group(row_group).num_rows;
  if (num_rows > 0 && thrift.page_locations.empty()) {
    return Bad("no pages for the row group's {} rows", num_rows);
  }
  OffsetIndex out;
  out.pages.reserve(thrift.page_locations.size());
  int64_t prev_end = chunk.offset;
  int64_t prev_row = 0;
  for (size_t i = 0; i < thrift.page_locations.size(); ++i) {
    const format::PageLocation& loc = thrift.page_locations[i];
    if (loc.compressed_page_size <= 0) {
      return Bad("page {} has size {}", i, loc.compressed_page_size);
    }
    // Data pages follow each other without gaps, so reading from one page to
    // the next by the index cannot pass over a page the index left out.
    if ((i == 0 ? loc.offset < prev_end : loc.offset != prev_end) || loc.offset > chunk_end ||
        loc.compressed_page_size > chunk_end - loc.offset) {
      return Bad("page {} at offset {} of {} bytes does not {} inside the column chunk [{}, {})", i,
                 loc.offset, loc.compressed_page_size, i == 0 ? "lie" : "follow the previous page",
                 chunk.offset, chunk_end);
    }
    if ((i == 0 && loc.first_row_index != 0) || loc.first_row_index < prev_row ||
        loc.first_row_index > num_rows) {
      return Bad("page {} starts at row {} (previous page: row {}, row group: {} rows)", i,
                 loc.first_row_index, prev_row, num_rows);
    }
    prev_end = loc.offset + loc.compressed_page_size;
    prev_row = loc.first_row_index;
    out.pages.push_back({loc.offset, loc.compressed_page_size, loc.first_row_index});
  }
  return out;
}

Result<ColumnIndex> DecodeColumnIndex(const ParquetFileMetadata& metadata, int32_t row_group,
                                      int32_t column, const OffsetIndex& offset_index,
                                      std::span<const uint8_t> bytes) {
  format::ColumnIndex thrift;
  Status st = Decode(bytes, &thrift);
  if (!st.ok()) return Bad("does not decode: {}", st.message());
  const int32_t order = ThriftEnumValue(thrift.boundary_order);
  if (!IsKnownThriftEnum(format::_BoundaryOrder_VALUES_TO_NAMES, order)) {
    return Bad("unknown boundary order {}", order);
  }
  const size_t n = offset_index.pages.size();
  if (thrift.null_pages.size() != n || thrift.min_values.size() != n ||
      thrift.max_values.size() != n) {
    return Bad("{} null_pages, {} min_values and {} max_values for {} pages",
               thrift.null_pages.size(), thrift.min_values.size(), thrift.max_values.size(), n);
  }
  if (thrift.__isset.null_counts && thrift.null_counts.size() != n) {
    return Bad("{} null counts for {} pages", thrift.null_counts.size(), n);
  }
  if (thrift.__isset.nan_counts && thrift.nan_counts.size() != n) {
    return Bad("{} NaN counts for {} pages", thrift.nan_counts.size(), n);
  }
  const ColumnDescriptor& descriptor = metadata.schema().column(column);
  const bool repeated = descriptor.max_repetition_level > 0;
  const int64_t num_rows = metadata.row_group(row_group).num_rows;

  // parquet-mr without statistics writes null counts of -1 and marks every
  // page a null page: nothing in such an index holds.
  const bool null_counts = thrift.__isset.null_counts;
  for (size_t i = 0; null_counts && i < n; ++i) {
    if (thrift.null_counts[i] < 0) return Bad("page {} has {} nulls", i, thrift.null_counts[i]);
  }

  ColumnIndex out;
  out.boundary_order = static_cast<BoundaryOrder>(order);
  Result<MappedNode> leaf = MapLeafColumn(metadata.schema(), column);
  const bool trust_bounds =
      leaf.has_value() && HasTypeDefinedOrder(metadata, column) && !WriterBoundsUntrusted(metadata);
  out.bounds_exact = !leaf.has_value() || !BoundsMayBeTruncated(*leaf);
  out.pages.resize(n);
  int64_t null_sum = 0;
  for (size_t i = 0; i < n; ++i) {
    PageStatistics& page = out.pages[i];
    page.null_page = thrift.null_pages[i];
    const std::optional<int64_t> rows = RowsOfPage(offset_index, i, num_rows, repeated);
    if (null_counts) {
      const int64_t nulls = thrift.null_counts[i];
      if (rows.has_value() && nulls > *rows) {
        return Bad("page {} has {} nulls", i, nulls);
      }
      if (rows.has_value() && *rows > 0 && page.null_page != (nulls == *rows)) {
        return Bad("page {} has {} nulls in {} rows but null_page is {}", i, nulls, *rows,
                   page.null_page);
      }
      page.null_count = nulls;
      null_sum += nulls;
    }
    if (thrift.__isset.nan_counts && thrift.nan_counts[i] >= 0) {
      page.nan_count = thrift.nan_counts[i];
    }
    if (page.null_page || !trust_bounds) continue;
    std::optional<Value> min = DecodeStatisticsValue(*leaf, thrift.min_values[i]);
    std::optional<Value> max = DecodeStatisticsValue(*leaf, thrift.max_values[i]);
    if (!min.has_value() || !max.has_value() || !NormalizeBounds(*min, *max)) continue;
    std::optional<int> c = CompareValues(*min, *max);
    if (c.has_value() && *c > 0) {
      return Bad("page {} has min {} above max {}", i, min->ToString(), max->ToString());
    }
    page.min = std::move(min);
    page.max = std::move(max);
  }
  const format::ColumnMetaData& meta = metadata.column_chunk(row_group, column).meta_data;
  if (meta.__isset.statistics && meta.statistics.__isset.null_count &&
      meta.statistics.null_count >= 0) {
    const int64_t chunk_nulls = meta.statistics.null_count;
    if (null_counts && chunk_nulls != null_sum) {
      return Bad("page null counts add up to {}, the chunk's statistics say {}", null_sum,
                 chunk_nulls);
    }
    const bool any_null_page = std::find(thrift.null_pages.begin(), thrift.null_pages.end(),
                                         true) != thrift.null_pages.end();
    if (chunk_nulls == 0 && any_null_page && meta.num_values > 0) {
      return Bad("a null page in a chunk whose statistics say it has no nulls");
    }
  }
  return out;
}

namespace {

// The range [offset, offset + length) if it is a plausible index location:
// inside the file's data, after the leading magic and before the footer.
std::optional<ReadRange> IndexRange(const ParquetFileMetadata& metadata, int64_t offset,
                                    int64_t length) {
  if (offset < 4 || length <= 0 || offset > metadata.footer_offset() ||
      length > metadata.footer_offset() - offset) {
    return std::nullopt;
  }
  return ReadRange{offset, length};
}

}  // namespace

Result<std::vector<ColumnChunkPageIndex>> ReadPageIndexes(
    RandomAccessFile& file, const ParquetFileMetadata& metadata, int32_t row_group,
    std::span<const PageIndexRequest> requests) {
  std::vector<ColumnChunkPageIndex> out(requests.size());
  std::vector<ReadRange> ranges;
  // Per request: where its offset and column index are in `ranges`, or -1.
  std::vector<std::pair<int, int>> slots(requests.size(), {-1, -1});
  for (size_t i = 0; i < requests.size(); ++i) {
    const int32_t column = requests[i].column;
    out[i].column = column;
    const format::ColumnChunk& chunk = metadata.column_chunk(row_group, column);
    if (!chunk.__isset.offset_index_offset || !chunk.__isset.offset_index_length) continue;
    std::optional<ReadRange> oi =
        IndexRange(metadata, chunk.offset_index_offset, chunk.offset_index_length);
    if (!oi.has_value()) {
      out[i].ignored_reason = fmt::format("offset index at {} of {} bytes lies outside the data",
                                          chunk.offset_index_offset, chunk.offset_index_length);
      continue;
    }
    slots[i].first = static_cast<int>(ranges.size());
    ranges.push_back(*oi);
    if (!requests[i].column_index || !chunk.__isset.column_index_offset ||
        !chunk.__isset.column_index_length) {
      continue;
    }
    std::optional<ReadRange> ci =
        IndexRange(metadata, chunk.column_index_offset, chunk.column_index_length);
    if (!ci.has_value()) {
      out[i].ignored_reason = fmt::format("column index at {} of {} bytes lies outside the data",
                                          chunk.column_index_offset, chunk.column_index_length);
      continue;
    }
    slots[i].second = static_cast<int>(ranges.size());
    ranges.push_back(*ci);
  }
  if (ranges.empty()) return out;
  FLOE_ASSIGN_OR_RETURN(auto buffers, file.ReadRanges(ranges));
  auto bytes_of = [&](int slot) {
    const auto& b = buffers[static_cast<size_t>(slot)];
    return std::span<const uint8_t>(b->data(), static_cast<size_t>(b->size()));
  };
  for (size_t i = 0; i < requests.size(); ++i) {
    if (slots[i].first < 0) continue;
    const int32_t column = requests[i].column;
    Result<OffsetIndex> oi =
        DecodeOffsetIndex(metadata, row_group, column, bytes_of(slots[i].first));
    if (!oi.has_value()) {
      out[i].ignored_reason = "offset index: " + oi.error().message();
      continue;
    }
    out[i].offset_index = std::move(oi).value();
    if (slots[i].second < 0) continue;
    Result<ColumnIndex> ci = DecodeColumnIndex(metadata, row_group, column, *out[i].offset_index,
                                               bytes_of(slots[i].second));
    if (!ci.has_value()) {
      out[i].ignored_reason = "column index: " + ci.error().message();
      continue;
    }
    out[i].column_index = std::move(ci).value();
  }
  return out;
}

}  // namespace floe::parquet
