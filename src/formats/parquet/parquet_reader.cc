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
  if (options_.row_groups.has_value()) {
    for (int32_t rg : *options_.row_groups) {
      if (rg < 0 || rg >= metadata_->num_row_groups()) {
        return Status::InvalidArgument("parquet: {}: no row group {} (file has {})", location, rg,
                                       metadata_->num_row_groups());
      }
    }
    row_groups_ = *options_.row_groups;
  } else {
    for (int32_t rg = 0; rg < metadata_->num_row_groups(); ++rg) row_groups_.push_back(rg);
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

Status ParquetReader::StartRowGroup(int32_t row_group) {
  const format::RowGroup& rg = metadata_->row_group(row_group);
  if (rg.num_rows < 0) {
    return Status::Corruption("parquet: {}: row group {} has {} rows", metadata_->location(),
                              row_group, rg.num_rows);
  }
  // Fetch every needed chunk in one request list.
  std::vector<int32_t> columns;
  std::vector<ReadRange> ranges;
  for (const auto& assembler : assemblers_) {
    for (int32_t column : assembler->leaf_columns()) {
      FLOE_ASSIGN_OR_RETURN(ReadRange range, ColumnChunkRange(*metadata_, row_group, column));
      columns.push_back(column);
      ranges.push_back(range);
    }
  }
  FLOE_ASSIGN_OR_RETURN(auto buffers, file_->ReadRanges(ranges));
  leaf_readers_.clear();
  size_t k = 0;
  for (const auto& assembler : assemblers_) {
    std::vector<std::unique_ptr<ColumnChunkReader>> readers;
    for (size_t i = 0; i < assembler->leaf_columns().size(); ++i, ++k) {
      FLOE_ASSIGN_OR_RETURN(
          auto reader,
          ColumnChunkReader::Make(metadata_, row_group, columns[k], buffers[k], ranges[k].offset,
                                  {options_.keep_dictionary, options_.verify_crc}));
      readers.push_back(std::move(reader));
    }
    leaf_readers_.push_back(std::move(readers));
  }
  current_row_group_ = row_group;
  rows_left_ = rg.num_rows;
  return Status::OK();
}

Result<bool> ParquetReader::Next(DataChunk& out) {
  while (rows_left_ == 0) {
    if (next_row_group_ >= row_groups_.size()) return false;
    FLOE_RETURN_NOT_OK(StartRowGroup(row_groups_[next_row_group_++]));
  }
  if (out.column_count() != projected_.size() || out.capacity() < 1) {
    return Status::InvalidArgument("parquet: Next() needs a chunk made by MakeChunk()");
  }
  const int64_t want = std::min({rows_left_, options_.batch_size, out.capacity()});
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
      FLOE_ASSIGN_OR_RETURN(int64_t got, readers[l]->ReadRecords(want, batch));
      if (got != want) {
        return Status::Corruption(
            "parquet: {}: row group {}, column '{}': {} rows where the row group has {} more",
            metadata_->location(), current_row_group_, readers[l]->descriptor().dotted_path, got,
            rows_left_);
      }
      batches.push_back(&batch);
    }
    FLOE_ASSIGN_OR_RETURN(Vector column, assemblers_[f]->Assemble(batches, want));
    columns.push_back(std::move(column));
  }
  FLOE_RETURN_NOT_OK(out.SetSize(want));
  for (size_t f = 0; f < columns.size(); ++f)
    FLOE_RETURN_NOT_OK(out.SetColumn(f, std::move(columns[f])));
  rows_left_ -= want;
  return true;
}

}  // namespace floe::parquet
