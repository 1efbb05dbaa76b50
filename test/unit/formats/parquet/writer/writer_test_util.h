// Helpers for the Parquet writer's tests: build DataChunks from Values, write
// them to a file, and read files back with DuckDB (the independent oracle),
// rendering Floe's Values in the oracle's canonical text.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "formats/parquet/footer_reader.h"
#include "formats/parquet/thrift_serde.h"
#include "formats/parquet/writer/parquet_writer.h"
#include "io/local_file_io.h"
#include "util/canonical_value.h"
#include "util/duckdb_oracle.h"
#include "util/query_result.h"
#include "util/test_macros.h"
#include "vector/data_chunk.h"
#include "vector/value.h"

namespace floe::parquet::test {

using ::floe::test::QueryCell;
using ::floe::test::QueryResult;
using ::floe::test::QueryRow;

// DuckDB's TIMESTAMP_NS text: the second, then up to 9 fraction digits.
inline std::string CanonicalTimestampNs(int64_t nanos) {
  int64_t seconds = nanos / 1000000000;
  int64_t fraction = nanos % 1000000000;
  if (fraction < 0) {
    fraction += 1000000000;
    --seconds;
  }
  std::string text = ::floe::test::CanonicalTimestamp(seconds * 1000000);
  if (fraction != 0) {
    std::string digits = fmt::format("{:09d}", fraction);
    while (digits.back() == '0') digits.pop_back();
    text += "." + digits;
  }
  return text;
}

inline std::string CanonicalUuid(const std::string& bytes) {
  std::string hex;
  for (size_t i = 0; i < bytes.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) hex += '-';
    hex += fmt::format("{:02x}", static_cast<uint8_t>(bytes[i]));
  }
  return hex;
}

// The canonical text of `value` as DuckDB renders it after reading it back
// from Parquet; nullopt for NULL.
inline QueryCell Canonical(const Value& value) {
  using namespace ::floe::test;  // NOLINT
  if (value.is_null()) return std::nullopt;
  const LogicalType& type = value.type();
  auto nested = [](const Value& v) {
    return NestedElement(Canonical(v),
                         v.type().IsNested() ? NestedKind::kNested : NestedKind::kScalar);
  };
  switch (type.id()) {
    case TypeId::kBoolean:
      return CanonicalBool(value.GetBool());
    case TypeId::kInt8:
    case TypeId::kInt16:
    case TypeId::kInt32:
    case TypeId::kInt64:
      return CanonicalInteger(value.GetInt64());
    case TypeId::kFloat:
      return CanonicalFloat(value.GetFloat());
    case TypeId::kDouble:
      return CanonicalDouble(value.GetDouble());
    case TypeId::kDecimal:
      return CanonicalDecimal(value.GetDecimal(), type.scale());
    case TypeId::kDate:
      return CanonicalDate(static_cast<int32_t>(value.GetInt64()));
    case TypeId::kTime:
      return CanonicalTime(value.GetInt64());
    case TypeId::kTimestamp:
      return CanonicalTimestamp(value.GetInt64());
    case TypeId::kTimestampTz:
      return CanonicalTimestampTz(value.GetInt64());
    case TypeId::kTimestampNs:
      return CanonicalTimestampNs(value.GetInt64());
    case TypeId::kTimestampTzNs: {
      // DuckDB reads TIMESTAMP(NANOS, UTC) as TIMESTAMP WITH TIME ZONE in
      // microseconds, dividing with truncation toward zero (so instants
      // before 1970 move up to 1 us later).
      return CanonicalTimestampTz(value.GetInt64() / 1000);
    }
    case TypeId::kString:
      return value.GetString();
    case TypeId::kBinary:
    case TypeId::kFixed:
      return CanonicalBlob(value.GetString());
    case TypeId::kUuid:
      return CanonicalUuid(value.GetString());
    case TypeId::kList: {
      std::vector<std::string> elements;
      for (const Value& e : value.children()) elements.push_back(nested(e));
      return CanonicalList(elements);
    }
    case TypeId::kStruct: {
      std::vector<std::pair<std::string, std::string>> fields;
      for (size_t i = 0; i < value.children().size(); ++i) {
        fields.emplace_back(type.children()[i].name, nested(value.children()[i]));
      }
      return CanonicalStruct(fields);
    }
    case TypeId::kMap: {
      std::vector<std::pair<std::string, std::string>> entries;
      for (const Value& entry : value.children()) {
        entries.emplace_back(nested(entry.children()[0]), nested(entry.children()[1]));
      }
      return CanonicalMap(entries);
    }
  }
  return std::nullopt;
}

inline std::vector<QueryRow> CanonicalRows(const std::vector<std::vector<Value>>& rows) {
  std::vector<QueryRow> out;
  for (const auto& row : rows) {
    QueryRow cells;
    for (const Value& v : row) cells.push_back(Canonical(v));
    out.push_back(std::move(cells));
  }
  return out;
}

// A chunk holding `rows` (each one Value per type), flat vectors.
inline Result<DataChunk> MakeChunk(const std::vector<LogicalType>& types,
                                   const std::vector<std::vector<Value>>& rows) {
  FLOE_ASSIGN_OR_RETURN(
      DataChunk chunk,
      DataChunk::Make(types, {}, std::max<int64_t>(1, static_cast<int64_t>(rows.size()))));
  for (const auto& row : rows) FLOE_RETURN_NOT_OK(chunk.AppendRow(row));
  return chunk;
}

inline std::vector<LogicalType> TypesOf(const std::vector<WriterField>& fields) {
  std::vector<LogicalType> types;
  for (const WriterField& f : fields) types.push_back(f.type);
  return types;
}

// Writes `rows` in chunks of `chunk_rows` to `path`.
inline Result<ParquetWriteResult> WriteRows(const std::string& path,
                                            const std::vector<WriterField>& fields,
                                            const std::vector<std::vector<Value>>& rows,
                                            ParquetWriterOptions options = {},
                                            size_t chunk_rows = 2048) {
  LocalFileIO io;
  FLOE_ASSIGN_OR_RETURN(auto writer, ParquetWriter::Open(io, path, fields, std::move(options)));
  const std::vector<LogicalType> types = TypesOf(fields);
  for (size_t begin = 0; begin < rows.size(); begin += chunk_rows) {
    std::vector<std::vector<Value>> part(
        rows.begin() + static_cast<std::ptrdiff_t>(begin),
        rows.begin() + static_cast<std::ptrdiff_t>(std::min(rows.size(), begin + chunk_rows)));
    FLOE_ASSIGN_OR_RETURN(DataChunk chunk, MakeChunk(types, part));
    FLOE_RETURN_NOT_OK(writer->Write(chunk));
  }
  return writer->Close();
}

// Every row of the file, in file order.
inline Result<QueryResult> ReadWithDuckDb(::floe::test::DuckDbOracle& oracle,
                                          const std::string& path) {
  return oracle.Query(fmt::format(
      "SELECT * EXCLUDE (file_row_number) FROM read_parquet('{}', file_row_number = true) "
      "ORDER BY file_row_number",
      path));
}

// Column `name` of a result.
inline size_t ColumnIndexOf(const QueryResult& result, const std::string& name) {
  for (size_t i = 0; i < result.column_names.size(); ++i) {
    if (result.column_names[i] == name) return i;
  }
  ADD_FAILURE() << "no column " << name;
  return 0;
}

inline std::string Cell(const QueryResult& result, size_t row, const std::string& name) {
  const QueryCell& cell = result.rows.at(row).at(ColumnIndexOf(result, name));
  return cell ? *cell : "NULL";
}

// The footer of a file, read by Floe's footer reader (not the writer's code).
inline Result<std::shared_ptr<const ParquetFileMetadata>> ReadFooter(const std::string& path) {
  LocalFileIO io;
  FLOE_ASSIGN_OR_RETURN(auto file, io.OpenRead(path));
  return ReadParquetFooter(*file);
}

// Reads one Thrift struct of `length` bytes at `offset` of `path`.
template <typename T>
Result<T> ReadThriftAt(const std::string& path, int64_t offset, int64_t length) {
  LocalFileIO io;
  FLOE_ASSIGN_OR_RETURN(auto file, io.OpenRead(path));
  FLOE_ASSIGN_OR_RETURN(auto bytes, file->ReadAt(offset, length));
  T value;
  FLOE_ASSIGN_OR_RETURN(uint32_t used,
                        DeserializeThrift(bytes->data(), static_cast<uint32_t>(length), &value));
  if (used != static_cast<uint32_t>(length)) {
    return Status::Corruption("{} of {} bytes used", used, length);
  }
  return value;
}

// The OffsetIndex of every column chunk, row group by row group.
inline Result<std::vector<format::OffsetIndex>> ReadOffsetIndexes(
    const std::string& path, const ParquetFileMetadata& footer) {
  std::vector<format::OffsetIndex> out;
  for (int32_t r = 0; r < footer.num_row_groups(); ++r) {
    for (const format::ColumnChunk& chunk : footer.row_group(r).columns) {
      if (!chunk.__isset.offset_index_offset) return Status::NotFound("no offset index");
      FLOE_ASSIGN_OR_RETURN(format::OffsetIndex index,
                            ReadThriftAt<format::OffsetIndex>(path, chunk.offset_index_offset,
                                                              chunk.offset_index_length));
      out.push_back(std::move(index));
    }
  }
  return out;
}

// The ColumnIndex of every column chunk (nullopt where there is none).
inline Result<std::vector<std::optional<format::ColumnIndex>>> ReadColumnIndexes(
    const std::string& path, const ParquetFileMetadata& footer) {
  std::vector<std::optional<format::ColumnIndex>> out;
  for (int32_t r = 0; r < footer.num_row_groups(); ++r) {
    for (const format::ColumnChunk& chunk : footer.row_group(r).columns) {
      if (!chunk.__isset.column_index_offset) {
        out.emplace_back();
        continue;
      }
      FLOE_ASSIGN_OR_RETURN(format::ColumnIndex index,
                            ReadThriftAt<format::ColumnIndex>(path, chunk.column_index_offset,
                                                              chunk.column_index_length));
      out.emplace_back(std::move(index));
    }
  }
  return out;
}

// The little-endian bytes of a value, as statistics store it.
template <typename T>
std::string Bytes(T value) {
  std::string out(sizeof(T), '\0');
  std::memcpy(out.data(), &value, sizeof(T));
  return out;
}

inline std::string Hex(const std::string& bytes) {
  std::string out;
  for (char c : bytes) out += fmt::format("{:02x}", static_cast<uint8_t>(c));
  return out;
}

}  // namespace floe::parquet::test
