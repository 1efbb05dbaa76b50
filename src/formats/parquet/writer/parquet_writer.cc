#include "formats/parquet/writer/parquet_writer.h"

#include <algorithm>
#include <cstring>
#include <string>
#include <utility>

#include <fmt/format.h>

#include "common/version.h"
#include "formats/parquet/thrift_serde.h"
#include "formats/parquet/writer/page_writer.h"

namespace floe::parquet {

namespace {

namespace pf = ::floe::parquet::format;

constexpr std::string_view kMagic = "PAR1";
// Rows shredded at a time; the row group size is checked between slices.
constexpr int64_t kSliceRows = 8192;

// Same type up to names and field ids of nested children, which a vector's
// type need not repeat.
bool SameShape(const LogicalType& a, const LogicalType& b) {
  if (a.id() != b.id() || a.precision() != b.precision() || a.scale() != b.scale() ||
      a.fixed_length() != b.fixed_length() || a.children().size() != b.children().size()) {
    return false;
  }
  for (size_t i = 0; i < a.children().size(); ++i) {
    if (!SameShape(a.child_type(i), b.child_type(i))) return false;
  }
  return true;
}

Status ValidateOptions(const ParquetWriterOptions& o) {
  switch (o.compression) {
    case CompressionKind::kUncompressed:
    case CompressionKind::kSnappy:
    case CompressionKind::kGzip:
    case CompressionKind::kZstd:
    case CompressionKind::kLz4Raw:
    case CompressionKind::kBrotli:
      break;
    default:
      return Status::InvalidArgument(
          "parquet writer: compression {} is not one Parquet writers should use (uncompressed, "
          "snappy, gzip, zstd, lz4_raw, brotli)",
          CompressionKindName(o.compression));
  }
  auto positive = [](int64_t value, const char* name) {
    return value > 0 ? Status::OK()
                     : Status::InvalidArgument("parquet writer: {} must be positive, not {}", name,
                                               value);
  };
  FLOE_RETURN_NOT_OK(positive(o.row_group_size, "row_group_size"));
  FLOE_RETURN_NOT_OK(positive(o.max_row_group_rows, "max_row_group_rows"));
  FLOE_RETURN_NOT_OK(positive(o.page_size, "page_size"));
  FLOE_RETURN_NOT_OK(positive(o.max_rows_per_page, "max_rows_per_page"));
  FLOE_RETURN_NOT_OK(positive(o.dictionary_page_size_limit, "dictionary_page_size_limit"));
  FLOE_RETURN_NOT_OK(positive(o.statistics_truncate_length, "statistics_truncate_length"));
  FLOE_RETURN_NOT_OK(positive(o.column_index_truncate_length, "column_index_truncate_length"));
  return Status::OK();
}

}  // namespace

ParquetWriter::ParquetWriter(PassKey, std::unique_ptr<OutputStream> out,
                             std::unique_ptr<WriterSchema> schema, ParquetWriterOptions options,
                             std::unique_ptr<Codec> codec)
    : out_(std::move(out)),
      schema_(std::move(schema)),
      options_(std::move(options)),
      codec_(std::move(codec)),
      column_compressed_(schema_->leaves().size(), 0),
      column_uncompressed_(schema_->leaves().size(), 0) {}

ParquetWriter::~ParquetWriter() {
  if (state_ == State::kOpen) out_->Abort().IgnoreError();
}

Result<std::unique_ptr<ParquetWriter>> ParquetWriter::Make(std::unique_ptr<OutputStream> out,
                                                           std::vector<WriterField> fields,
                                                           ParquetWriterOptions options) {
  if (out == nullptr) return Status::InvalidArgument("parquet writer: no output stream");
  const std::string location = out->location();
  auto fail = [&](Status st) {
    out->Abort().IgnoreError();
    return st.WithContext("parquet writer: {}", location);
  };
  if (Status st = ValidateOptions(options); !st.ok()) return fail(st);
  Result<WriterSchema> schema = WriterSchema::Make(std::move(fields));
  if (!schema.has_value()) return fail(schema.error());
  Result<std::unique_ptr<Codec>> codec =
      Codec::Make(options.compression, options.compression_level);
  if (!codec.has_value()) return fail(codec.error());
  auto writer = std::make_unique<ParquetWriter>(
      PassKey(), std::move(out), std::make_unique<WriterSchema>(std::move(schema).value()),
      std::move(options), std::move(codec).value());
  // The row group writer refers to the schema, options and codec the
  // ParquetWriter now owns (and never moves).
  Result<std::unique_ptr<RowGroupWriter>> row_group =
      RowGroupWriter::Make(*writer->schema_, writer->options_, *writer->codec_);
  if (!row_group.has_value()) return writer->Fail(row_group.error());
  writer->row_group_ = std::move(row_group).value();
  if (Status st = writer->out_->Append(kMagic); !st.ok()) return writer->Fail(st);
  return writer;
}

Result<std::unique_ptr<ParquetWriter>> ParquetWriter::Open(FileIO& io, std::string_view location,
                                                           std::vector<WriterField> fields,
                                                           ParquetWriterOptions options,
                                                           WriteMode mode) {
  FLOE_ASSIGN_OR_RETURN(std::unique_ptr<OutputStream> out, io.OpenWrite(location, mode));
  return Make(std::move(out), std::move(fields), std::move(options));
}

Status ParquetWriter::Fail(Status status) {
  if (state_ == State::kOpen) {
    out_->Abort().IgnoreError();
    state_ = State::kFailed;
    failure_ = status;
  }
  return status;
}

Status ParquetWriter::CheckOpen() const {
  switch (state_) {
    case State::kOpen:
      return Status::OK();
    case State::kClosed:
      return Status::InvalidArgument("parquet writer: {}: already closed", out_->location());
    case State::kAborted:
      return Status::InvalidArgument("parquet writer: {}: aborted", out_->location());
    case State::kFailed:
      return failure_;
  }
  return Status::Internal("parquet writer: unknown state");
}

Status ParquetWriter::CheckChunk(const DataChunk& chunk) const {
  const std::vector<WriterField>& fields = schema_->fields();
  if (chunk.column_count() != fields.size()) {
    return Status::InvalidArgument("parquet writer: {}: a chunk of {} columns for {} fields",
                                   out_->location(), chunk.column_count(), fields.size());
  }
  for (size_t i = 0; i < fields.size(); ++i) {
    const LogicalType& type = chunk.column(i).type();
    if (!SameShape(type, fields[i].type)) {
      return Status::InvalidArgument("parquet writer: {}: column {} ('{}') is {}, not {}",
                                     out_->location(), i, fields[i].name, type.ToString(),
                                     fields[i].type.ToString());
    }
  }
  return Status::OK();
}

Status ParquetWriter::Write(const DataChunk& chunk) {
  FLOE_RETURN_NOT_OK(CheckOpen());
  FLOE_RETURN_NOT_OK(CheckChunk(chunk));
  const int64_t size = chunk.size();
  const int64_t room = options_.max_row_group_rows - row_group_->num_rows();
  if (size > std::min(kSliceRows, room)) {
    // The chunk goes in several slices: shred it whole first, so that bad
    // input is refused before any of its rows are taken.
    FLOE_RETURN_NOT_OK(
        row_group_->Validate(chunk).WithContext("parquet writer: {}", out_->location()));
  }
  int64_t offset = 0;
  while (offset < size) {
    const int64_t count =
        std::min({size - offset, kSliceRows, options_.max_row_group_rows - row_group_->num_rows()});
    Status st = row_group_->Append(chunk, offset, count);
    if (!st.ok()) {
      st = st.WithContext("parquet writer: {}", out_->location());
      return row_group_->broken() ? Fail(st) : st;
    }
    offset += count;
    rows_written_ += count;
    if (row_group_->num_rows() >= options_.max_row_group_rows ||
        row_group_->EstimatedSize() >= options_.row_group_size) {
      FLOE_RETURN_NOT_OK(FlushRowGroup());
    }
  }
  return Status::OK();
}

Status ParquetWriter::FlushRowGroup() {
  const auto index = row_groups_.size();
  const auto ordinal = static_cast<int16_t>(std::min<size_t>(index, INT16_MAX));
  Result<WrittenRowGroup> written = row_group_->Flush(*out_, ordinal);
  if (!written.has_value()) {
    return Fail(written.error().WithContext("parquet writer: {}", out_->location()));
  }
  WrittenRowGroup& rg = written.value();
  if (index > static_cast<size_t>(INT16_MAX)) rg.row_group.__isset.ordinal = false;
  for (size_t i = 0; i < rg.row_group.columns.size(); ++i) {
    column_compressed_[i] += rg.row_group.columns[i].meta_data.total_compressed_size;
    column_uncompressed_[i] += rg.row_group.columns[i].meta_data.total_uncompressed_size;
  }
  row_groups_.push_back(std::move(rg.row_group));
  column_indexes_.push_back(std::move(rg.column_indexes));
  offset_indexes_.push_back(std::move(rg.offset_indexes));
  return Status::OK();
}

Status ParquetWriter::WritePageIndex() {
  if (!options_.write_page_index) return Status::OK();
  // All column indexes first, then all offset indexes, as parquet-mr and
  // Arrow lay them out, so a reader fetches each kind with one read.
  for (size_t r = 0; r < row_groups_.size(); ++r) {
    for (size_t c = 0; c < column_indexes_[r].size(); ++c) {
      if (!column_indexes_[r][c]) continue;
      FLOE_ASSIGN_OR_RETURN(std::string bytes, SerializeThrift(*column_indexes_[r][c]));
      pf::ColumnChunk& chunk = row_groups_[r].columns[c];
      chunk.__set_column_index_offset(out_->position());
      chunk.__set_column_index_length(static_cast<int32_t>(bytes.size()));
      FLOE_RETURN_NOT_OK(out_->Append(bytes));
    }
  }
  for (size_t r = 0; r < row_groups_.size(); ++r) {
    for (size_t c = 0; c < offset_indexes_[r].size(); ++c) {
      FLOE_ASSIGN_OR_RETURN(std::string bytes, SerializeThrift(offset_indexes_[r][c]));
      pf::ColumnChunk& chunk = row_groups_[r].columns[c];
      chunk.__set_offset_index_offset(out_->position());
      chunk.__set_offset_index_length(static_cast<int32_t>(bytes.size()));
      FLOE_RETURN_NOT_OK(out_->Append(bytes));
    }
  }
  column_indexes_.clear();
  offset_indexes_.clear();
  return Status::OK();
}

Status ParquetWriter::WriteFooter() {
  pf::FileMetaData md;
  md.__set_version(1);
  md.__set_schema(schema_->elements());
  md.__set_num_rows(rows_written_);
  md.__set_row_groups(row_groups_);
  if (!options_.key_value_metadata.empty()) {
    std::vector<pf::KeyValue> kvs;
    for (const auto& [key, value] : options_.key_value_metadata) {
      pf::KeyValue kv;
      kv.__set_key(key);
      kv.__set_value(value);
      kvs.push_back(std::move(kv));
    }
    md.__set_key_value_metadata(std::move(kvs));
  }
  md.__set_created_by(fmt::format("floe version {} (build unknown)", kVersion));
  pf::ColumnOrder order;
  order.__set_TYPE_ORDER(pf::TypeDefinedOrder());
  md.__set_column_orders(std::vector<pf::ColumnOrder>(schema_->leaves().size(), order));
  FLOE_ASSIGN_OR_RETURN(std::string footer, SerializeThrift(md));
  FLOE_RETURN_NOT_OK(out_->Append(footer));
  const auto length = static_cast<uint32_t>(footer.size());
  char length_bytes[4];
  std::memcpy(length_bytes, &length, 4);
  FLOE_RETURN_NOT_OK(out_->Append(std::string_view(length_bytes, 4)));
  return out_->Append(kMagic);
}

Result<ParquetWriteResult> ParquetWriter::Close() {
  FLOE_RETURN_NOT_OK(CheckOpen());
  if (row_group_->num_rows() > 0) FLOE_RETURN_NOT_OK(FlushRowGroup());
  if (Status st = WritePageIndex(); !st.ok()) {
    return Fail(st.WithContext("parquet writer: {}", out_->location()));
  }
  if (Status st = WriteFooter(); !st.ok()) {
    return Fail(st.WithContext("parquet writer: {}", out_->location()));
  }
  const int64_t file_size = out_->position();
  // A failed Close has already cleaned up after itself (or, with
  // CommitStateUnknown, may have published): nothing to abort.
  state_ = State::kFailed;
  if (Status st = out_->Close(); !st.ok()) {
    failure_ = st;
    return st;
  }
  state_ = State::kClosed;
  return MakeResult(file_size);
}

Status ParquetWriter::Abort() {
  if (state_ != State::kOpen) return Status::OK();
  state_ = State::kAborted;
  return out_->Abort();
}

int64_t ParquetWriter::EstimatedFileSize() const {
  return out_->position() + (state_ == State::kOpen ? row_group_->EstimatedSize() : 0);
}

ParquetWriteResult ParquetWriter::MakeResult(int64_t file_size) const {
  ParquetWriteResult result;
  result.location = out_->location();
  result.record_count = rows_written_;
  result.file_size = file_size;
  for (const pf::RowGroup& rg : row_groups_) result.split_offsets.push_back(rg.file_offset);
  for (const LeafColumn& leaf : schema_->leaves()) {
    const ColumnWriter& column = row_group_->column(static_cast<size_t>(leaf.ordinal));
    const EncodedStatistics stats = column.FileStatistics();
    ParquetColumnMetrics metrics;
    metrics.field_id = leaf.field_id;
    metrics.path = leaf.path;
    metrics.dotted_path = leaf.dotted_path;
    metrics.type = leaf.type;
    metrics.value_count = column.total_value_count();
    metrics.null_count = stats.null_count;
    if (leaf.order == ValueOrder::kFloat || leaf.order == ValueOrder::kDouble) {
      metrics.nan_count = stats.nan_count;
    }
    metrics.lower_bound = stats.min;
    metrics.upper_bound = stats.max;
    metrics.lower_bound_exact = stats.min.has_value() && stats.min_exact;
    metrics.upper_bound_exact = stats.max.has_value() && stats.max_exact;
    metrics.compressed_size = column_compressed_[static_cast<size_t>(leaf.ordinal)];
    metrics.uncompressed_size = column_uncompressed_[static_cast<size_t>(leaf.ordinal)];
    result.columns.push_back(std::move(metrics));
  }
  return result;
}

}  // namespace floe::parquet
