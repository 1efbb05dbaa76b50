#include "formats/parquet/parquet_reader.h"

#include <algorithm>

#include "formats/parquet/column_chunk_range.h"
#include "formats/parquet/footer_reader.h"

namespace floe::parquet {

ParquetReader::ParquetReader(PassKey, std::unique_ptr<RandomAccessFile> file,
                             std::shared_ptr<const ParquetFileMetadata> metadata,
                             ParquetReaderOptions options)
    : file_(std::move(file)), metadata_(std::move(metadata)), options_(std::move(options)) {}

Result<std::unique_ptr<ParquetReader>> ParquetReader::Open(FileIO& io, std::string_view location,
                                                           ParquetReaderOptions options) {
  FLOE_ASSIGN_OR_RETURN(auto file, io.OpenRead(location));
  FLOE_ASSIGN_OR_RETURN(auto metadata, ReadParquetFooter(*file));
  return OpenWithMetadata(std::move(file), std::move(metadata), std::move(options));
}

Result<std::unique_ptr<ParquetReader>> ParquetReader::OpenWithMetadata(
    std::unique_ptr<RandomAccessFile> file, std::shared_ptr<const ParquetFileMetadata> metadata,
    ParquetReaderOptions options) {
  auto reader = std::make_unique<ParquetReader>(PassKey{}, std::move(file), std::move(metadata),
                                                std::move(options));
  FLOE_RETURN_NOT_OK(reader->Init());
  return reader;
}

int32_t ParquetReader::FindFieldById(int32_t field_id) const {
  for (size_t i = 0; i < fields_.size(); ++i) {
    if (fields_[i].field_id == field_id) return static_cast<int32_t>(i);
  }
  return -1;
}

Status ParquetReader::Init() {
  const std::string& location = metadata_->location();
  if (options_.batch_size <= 0 || options_.batch_size > kMaxVectorCapacity) {
    return Status::InvalidArgument("parquet: batch size {} is not in 1..{}", options_.batch_size,
                                   kMaxVectorCapacity);
  }
  // Map each top-level field on its own, so a field Floe cannot read only
  // matters when it is projected.
  const ParquetSchema& schema = metadata_->schema();
  std::vector<Status> unreadable;
  std::vector<ParquetField> all;
  for (int32_t child : schema.root().children) {
    const SchemaNode& node = schema.node(child);
    Result<LogicalType> type = MapParquetNode(schema, child);
    ParquetField field{node.name, type.has_value() ? *type : LogicalType::Boolean(), node.field_id,
                       child};
    if (type.has_value()) {
      fields_.push_back(field);
    } else {
      unreadable.push_back(type.error().WithContext("parquet: {}", location));
    }
    all.push_back(std::move(field));
  }
  auto pick = [&](auto matches, const std::string& what) -> Status {
    for (size_t i = 0; i < all.size(); ++i) {
      if (!matches(all[i])) continue;
      // Is it readable?
      for (const ParquetField& f : fields_) {
        if (f.node_index == all[i].node_index) {
          projected_.push_back(f);
          return Status::OK();
        }
      }
      for (const Status& st : unreadable) {
        if (st.message().find("'" + all[i].name) != std::string::npos) return st;
      }
      return Status::NotSupported("parquet: {}: column {} cannot be read", location, what);
    }
    return Status::NotFound("parquet: {}: no column {}", location, what);
  };
  if (options_.field_ids.has_value()) {
    for (int32_t id : *options_.field_ids) {
      FLOE_RETURN_NOT_OK(pick([&](const ParquetField& f) { return f.field_id == id; },
                              fmt::format("with field id {}", id)));
    }
  } else if (options_.column_names.has_value()) {
    for (const std::string& name : *options_.column_names) {
      FLOE_RETURN_NOT_OK(
          pick([&](const ParquetField& f) { return f.name == name; }, "'" + name + "'"));
    }
  } else {
    if (!unreadable.empty()) return unreadable.front();
    projected_ = fields_;
  }
  for (const ParquetField& f : projected_) {
    Result<std::unique_ptr<RecordAssembler>> assembler =
        RecordAssembler::Make(schema, f.node_index, {options_.keep_dictionary});
    if (!assembler.has_value()) return assembler.error().WithContext("parquet: {}", location);
    assemblers_.push_back(std::move(assembler).value());
  }
  std::vector<int32_t> candidates;
  if (options_.row_groups.has_value()) {
    for (int32_t rg : *options_.row_groups) {
      if (rg < 0 || rg >= metadata_->num_row_groups()) {
        return Status::InvalidArgument("parquet: {}: no row group {} (file has {})", location, rg,
                                       metadata_->num_row_groups());
      }
    }
    candidates = *options_.row_groups;
  } else {
    for (int32_t rg = 0; rg < metadata_->num_row_groups(); ++rg) candidates.push_back(rg);
  }
  return SelectRowGroups(std::move(candidates));
}

std::vector<int32_t> ParquetReader::ProjectedLeaves() const {
  std::vector<int32_t> leaves;
  for (const auto& assembler : assemblers_) {
    leaves.insert(leaves.end(), assembler->leaf_columns().begin(), assembler->leaf_columns().end());
  }
  return leaves;
}

Status ParquetReader::SelectRowGroups(std::vector<int32_t> candidates) {
  pruning_.row_groups = static_cast<int64_t>(candidates.size());
  if (!options_.predicate.has_value()) {
    row_groups_ = std::move(candidates);
    row_group_all_match_.assign(row_groups_.size(), false);
    return Status::OK();
  }
  FLOE_ASSIGN_OR_RETURN(BoundParquetPredicate bound,
                        BoundParquetPredicate::Bind(*options_.predicate, metadata_));
  predicate_ = std::move(bound);
  const std::vector<int32_t> leaves = ProjectedLeaves();
  for (int32_t rg : candidates) {
    const PruneResult r = predicate_->EvaluateRowGroup(rg);
    if (r != PruneResult::kNone) {
      row_groups_.push_back(rg);
      row_group_all_match_.push_back(r == PruneResult::kAll);
      continue;
    }
    ++pruning_.row_groups_skipped;
    pruning_.rows_skipped += std::max<int64_t>(metadata_->row_group(rg).num_rows, 0);
    for (int32_t column : leaves) {
      Result<ReadRange> range = ColumnChunkRange(*metadata_, rg, column);
      if (range.has_value()) pruning_.bytes_skipped += range->length;
    }
  }
  return Status::OK();
}

Result<DataChunk> ParquetReader::MakeChunk() const {
  std::vector<LogicalType> types;
  std::vector<std::string> names;
  for (const ParquetField& f : projected_) {
    types.push_back(f.type);
    names.push_back(f.name);
  }
  return DataChunk::Make(std::move(types), std::move(names), options_.batch_size);
}

void ParquetReader::SetLeafReaders(std::vector<std::unique_ptr<ColumnChunkReader>> readers) {
  leaf_readers_.clear();
  size_t k = 0;
  for (const auto& assembler : assemblers_) {
    std::vector<std::unique_ptr<ColumnChunkReader>> field;
    for (size_t i = 0; i < assembler->leaf_columns().size(); ++i) {
      field.push_back(std::move(readers[k++]));
    }
    leaf_readers_.push_back(std::move(field));
  }
}

Status ParquetReader::ReadWholeChunks(int32_t row_group, const std::vector<int32_t>& columns) {
  // Fetch every needed chunk in one request list.
  std::vector<ReadRange> ranges;
  for (int32_t column : columns) {
    FLOE_ASSIGN_OR_RETURN(ReadRange range, ColumnChunkRange(*metadata_, row_group, column));
    ranges.push_back(range);
  }
  FLOE_ASSIGN_OR_RETURN(auto buffers, file_->ReadRanges(ranges));
  std::vector<std::unique_ptr<ColumnChunkReader>> readers;
  for (size_t k = 0; k < columns.size(); ++k) {
    FLOE_ASSIGN_OR_RETURN(
        auto reader,
        ColumnChunkReader::Make(metadata_, row_group, columns[k], buffers[k], ranges[k].offset,
                                {options_.keep_dictionary, options_.verify_crc,
                                 /*omit_full_definition_levels=*/true}));
    readers.push_back(std::move(reader));
  }
  SetLeafReaders(std::move(readers));
  return Status::OK();
}

Result<bool> ParquetReader::ReadPrunedChunks(int32_t row_group,
                                             const std::vector<int32_t>& columns) {
  const int64_t num_rows = metadata_->row_group(row_group).num_rows;
  const ParquetSchema& schema = metadata_->schema();
  std::vector<PageIndexRequest> requests;
  for (int32_t column : predicate_->index_columns()) requests.push_back({column, true});
  for (int32_t column : columns) {
    bool listed = false;
    for (const PageIndexRequest& r : requests) listed |= r.column == column;
    if (!listed) requests.push_back({column, false});
  }
  FLOE_ASSIGN_OR_RETURN(std::vector<ColumnChunkPageIndex> indexes,
                        ReadPageIndexes(*file_, *metadata_, row_group, requests));
  for (const ColumnChunkPageIndex& index : indexes) {
    if (!index.ignored_reason.empty()) ++pruning_.page_indexes_ignored;
  }
  RowRanges rows = predicate_->EvaluatePages(row_group, indexes);
  if (rows == RowRanges::All(num_rows)) return false;

  // Per column: the byte ranges to fetch, and whether the offset index is used.
  struct Plan {
    const OffsetIndex* index = nullptr;
    std::vector<ReadRange> segments;
    int64_t pages_skipped = 0;
  };
  std::vector<Plan> plans(columns.size());
  int64_t bytes_skipped = 0;
  std::vector<ReadRange> ranges;
  for (size_t k = 0; k < columns.size(); ++k) {
    const int32_t column = columns[k];
    FLOE_ASSIGN_OR_RETURN(ReadRange chunk, ColumnChunkRange(*metadata_, row_group, column));
    Plan& plan = plans[k];
    for (const ColumnChunkPageIndex& index : indexes) {
      if (index.column == column && index.offset_index.has_value()) {
        plan.index = &*index.offset_index;
      }
    }
    if (plan.index == nullptr || rows.empty()) {
      if (rows.empty()) {
        bytes_skipped += chunk.length;
        if (plan.index != nullptr) {
          plan.pages_skipped = static_cast<int64_t>(plan.index->pages.size());
        }
      } else {
        plan.segments.push_back(chunk);
      }
      continue;
    }
    const OffsetIndex& oi = *plan.index;
    const bool repeated = schema.column(column).max_repetition_level > 0;
    auto add = [&](int64_t offset, int64_t length) {
      if (!plan.segments.empty() &&
          plan.segments.back().offset + plan.segments.back().length == offset) {
        plan.segments.back().length += length;
      } else {
        plan.segments.push_back({offset, length});
      }
    };
    if (repeated) {
      add(chunk.offset, chunk.length);  // see ColumnChunkReader::MakeIndexed
    } else if (!oi.pages.empty() && chunk.offset < oi.pages.front().offset) {
      add(chunk.offset, oi.pages.front().offset - chunk.offset);  // the dictionary page
    }
    int64_t fetched =
        repeated ? chunk.length : (plan.segments.empty() ? 0 : plan.segments[0].length);
    for (size_t p = 0; p < oi.pages.size(); ++p) {
      const PageLocation& loc = oi.pages[p];
      if (!rows.Overlaps(loc.first_row_index, oi.PageRowEnd(p, num_rows))) {
        ++plan.pages_skipped;
        continue;
      }
      if (!repeated) {
        add(loc.offset, loc.compressed_page_size);
        fetched += loc.compressed_page_size;
      }
    }
    bytes_skipped += std::max<int64_t>(chunk.length - fetched, 0);
  }
  for (const Plan& plan : plans) {
    ranges.insert(ranges.end(), plan.segments.begin(), plan.segments.end());
  }
  FLOE_ASSIGN_OR_RETURN(auto buffers, file_->ReadRanges(ranges));

  std::vector<std::unique_ptr<ColumnChunkReader>> readers;
  size_t b = 0;
  for (size_t k = 0; k < columns.size(); ++k) {
    const Plan& plan = plans[k];
    std::vector<ChunkSegment> segments;
    for (const ReadRange& r : plan.segments) segments.push_back({r.offset, buffers[b++]});
    const ColumnChunkReaderOptions reader_options{options_.keep_dictionary, options_.verify_crc,
                                                  /*omit_full_definition_levels=*/true};
    if (rows.empty()) {
      readers.push_back(nullptr);
      continue;
    }
    if (plan.index == nullptr) {
      FLOE_ASSIGN_OR_RETURN(
          auto reader, ColumnChunkReader::Make(metadata_, row_group, columns[k], segments[0].data,
                                               segments[0].offset, reader_options));
      readers.push_back(std::move(reader));
      continue;
    }
    Result<std::unique_ptr<ColumnChunkReader>> reader = ColumnChunkReader::MakeIndexed(
        metadata_, row_group, columns[k], std::move(segments), *plan.index, reader_options);
    if (!reader.has_value()) {
      // The page headers contradict the index: read the row group whole.
      ++pruning_.page_indexes_ignored;
      return false;
    }
    readers.push_back(std::move(reader).value());
  }
  for (const Plan& plan : plans) pruning_.pages_skipped += plan.pages_skipped;
  pruning_.bytes_skipped += bytes_skipped;
  SetLeafReaders(std::move(readers));
  row_ranges_ = std::move(rows);
  return true;
}

Status ParquetReader::StartRowGroup(int32_t row_group, bool all_match) {
  const format::RowGroup& rg = metadata_->row_group(row_group);
  if (rg.num_rows < 0) {
    return Status::Corruption("parquet: {}: row group {} has {} rows", metadata_->location(),
                              row_group, rg.num_rows);
  }
  const std::vector<int32_t> columns = ProjectedLeaves();
  bool pruned = false;
  if (predicate_.has_value() && options_.use_page_index && !all_match &&
      !predicate_->index_columns().empty()) {
    FLOE_ASSIGN_OR_RETURN(pruned, ReadPrunedChunks(row_group, columns));
  }
  if (!pruned) {
    row_ranges_ = RowRanges::All(rg.num_rows);
    FLOE_RETURN_NOT_OK(ReadWholeChunks(row_group, columns));
  }
  current_row_group_ = row_group;
  current_row_ = 0;
  rows_left_ = row_ranges_.num_rows();
  pruning_.rows_skipped += rg.num_rows - rows_left_;
  return Status::OK();
}

Result<bool> ParquetReader::Next(DataChunk& out) {
  while (rows_left_ == 0) {
    if (next_row_group_ >= row_groups_.size()) return false;
    const size_t i = next_row_group_++;
    FLOE_RETURN_NOT_OK(StartRowGroup(row_groups_[i], row_group_all_match_[i]));
  }
  if (out.column_count() != projected_.size() || out.capacity() < 1) {
    return Status::InvalidArgument("parquet: Next() needs a chunk made by MakeChunk()");
  }
  const int64_t want = std::min({rows_left_, options_.batch_size, out.capacity()});
  // The rows to return, as (rows to skip, rows to read) from current_row_.
  std::vector<std::pair<int64_t, int64_t>> pieces;
  int64_t row = current_row_;
  int64_t remaining = want;
  const auto& ranges = row_ranges_.ranges();
  auto it =
      std::upper_bound(ranges.begin(), ranges.end(), row,
                       [](int64_t r, const RowRanges::Range& range) { return r < range.end; });
  for (; it != ranges.end() && remaining > 0; ++it) {
    const int64_t begin = std::max(it->begin, row);
    const int64_t take = std::min(it->end - begin, remaining);
    pieces.emplace_back(begin - row, take);
    row = begin + take;
    remaining -= take;
  }
  auto short_read = [&](const ColumnChunkReader& reader, int64_t got, int64_t expected) {
    return Status::Corruption(
        "parquet: {}: row group {}, column '{}': {} rows where {} were expected at row {}",
        metadata_->location(), current_row_group_, reader.descriptor().dotted_path, got, expected,
        current_row_);
  };
  out.Reset();
  std::vector<Vector> columns;
  columns.reserve(projected_.size());
  for (size_t f = 0; f < projected_.size(); ++f) {
    auto& readers = leaf_readers_[f];
    if (scratch_.size() < readers.size()) scratch_.resize(readers.size());
    std::vector<const ColumnBatch*> batches;
    for (size_t l = 0; l < readers.size(); ++l) {
      ColumnBatch& batch = scratch_[l];
      batch.Clear();
      for (const auto& [skip, take] : pieces) {
        int64_t got = 0;
        if (skip > 0) {
          FLOE_ASSIGN_OR_RETURN(got, readers[l]->SkipRecords(skip));
          if (got != skip) return short_read(*readers[l], got, skip);
        }
        FLOE_ASSIGN_OR_RETURN(got, readers[l]->ReadRecords(take, batch));
        if (got != take) return short_read(*readers[l], got, take);
      }
      batches.push_back(&batch);
    }
    FLOE_ASSIGN_OR_RETURN(Vector column, assemblers_[f]->Assemble(batches, want));
    columns.push_back(std::move(column));
  }
  FLOE_RETURN_NOT_OK(out.SetSize(want));
  for (size_t f = 0; f < columns.size(); ++f)
    FLOE_RETURN_NOT_OK(out.SetColumn(f, std::move(columns[f])));
  current_row_ = row;
  rows_left_ -= want;
  return true;
}

}  // namespace floe::parquet
