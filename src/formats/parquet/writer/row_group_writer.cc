#include "formats/parquet/writer/row_group_writer.h"

#include <span>
#include <utility>

namespace floe::parquet {

Result<std::unique_ptr<RowGroupWriter>> RowGroupWriter::Make(const WriterSchema& schema,
                                                             const ParquetWriterOptions& options,
                                                             const Codec& codec) {
  std::unique_ptr<RowGroupWriter> writer(new RowGroupWriter(schema));
  const std::span<const LeafColumn> leaves(schema.leaves());
  for (size_t i = 0; i < schema.fields().size(); ++i) {
    writer->builders_.emplace_back(schema.fields()[i],
                                   leaves.subspan(static_cast<size_t>(schema.first_leaf(i)),
                                                  static_cast<size_t>(schema.leaf_count(i))));
  }
  for (const LeafColumn& leaf : schema.leaves()) {
    FLOE_ASSIGN_OR_RETURN(std::unique_ptr<ColumnWriter> column,
                          ColumnWriter::Make(leaf, options, codec));
    writer->columns_.push_back(std::move(column));
  }
  return writer;
}

Status RowGroupWriter::Append(const DataChunk& chunk, int64_t offset, int64_t count) {
  std::vector<std::span<const LeafBatch>> shredded;
  shredded.reserve(builders_.size());
  for (size_t i = 0; i < builders_.size(); ++i) {
    FLOE_ASSIGN_OR_RETURN(std::span<const LeafBatch> batches,
                          builders_[i].Shred(chunk.column(i), offset, count));
    shredded.push_back(batches);
  }
  for (size_t i = 0; i < builders_.size(); ++i) {
    const auto first = static_cast<size_t>(schema_.first_leaf(i));
    for (size_t k = 0; k < shredded[i].size(); ++k) {
      Status st = columns_[first + k]->Write(shredded[i][k]);
      if (!st.ok()) {
        broken_ = true;
        return st;
      }
    }
  }
  num_rows_ += count;
  return Status::OK();
}

Status RowGroupWriter::Validate(const DataChunk& chunk) {
  for (size_t i = 0; i < builders_.size(); ++i) {
    FLOE_RETURN_NOT_OK(builders_[i].Shred(chunk.column(i), 0, chunk.size()).status());
  }
  return Status::OK();
}

int64_t RowGroupWriter::EstimatedSize() const {
  int64_t size = 0;
  for (const auto& column : columns_) size += column->EstimatedChunkSize();
  return size;
}

Result<WrittenRowGroup> RowGroupWriter::Flush(OutputStream& out, int16_t ordinal) {
  // Whatever fails from here on leaves the row group half written.
  broken_ = true;
  WrittenRowGroup written;
  format::RowGroup& rg = written.row_group;
  int64_t total_uncompressed = 0;
  int64_t total_compressed = 0;
  const int64_t row_group_start = out.position();
  std::vector<format::ColumnChunk> chunks;
  for (const auto& column : columns_) {
    FLOE_ASSIGN_OR_RETURN(FinishedColumnChunk finished, column->FinishChunk());
    const int64_t start = out.position();
    FLOE_RETURN_NOT_OK(out.Append(finished.dictionary_page.data(),
                                  static_cast<int64_t>(finished.dictionary_page.size())));
    FLOE_RETURN_NOT_OK(
        out.Append(finished.data_pages.data(), static_cast<int64_t>(finished.data_pages.size())));
    format::ColumnMetaData& md = finished.metadata;
    md.__set_data_page_offset(md.data_page_offset + start);
    if (md.__isset.dictionary_page_offset) {
      md.__set_dictionary_page_offset(md.dictionary_page_offset + start);
    }
    for (format::PageLocation& location : finished.offset_index.page_locations) {
      location.offset += start;
    }
    total_uncompressed += md.total_uncompressed_size;
    total_compressed += md.total_compressed_size;
    format::ColumnChunk chunk;
    chunk.__set_file_offset(0);  // deprecated; the specification asks for 0
    chunk.__set_meta_data(std::move(md));
    chunks.push_back(std::move(chunk));
    written.column_indexes.push_back(std::move(finished.column_index));
    written.offset_indexes.push_back(std::move(finished.offset_index));
  }
  rg.__set_columns(std::move(chunks));
  rg.__set_total_byte_size(total_uncompressed);
  rg.__set_num_rows(num_rows_);
  rg.__set_file_offset(row_group_start);
  rg.__set_total_compressed_size(total_compressed);
  rg.__set_ordinal(ordinal);
  num_rows_ = 0;
  broken_ = false;
  return written;
}

}  // namespace floe::parquet
