#include "formats/parquet/file_metadata.h"

#include <utility>

#include "formats/parquet/thrift_enum.h"

namespace floe::parquet {

namespace {

// Encrypted columns keep their real metadata in encrypted_column_metadata, so
// nothing else about them can be checked or read without keys.
Status CheckNotEncrypted(const std::string& location, const format::FileMetaData& meta) {
  if (meta.__isset.encryption_algorithm) {
    return Status::NotSupported(
        "parquet: {}: encrypted columns are not supported (plaintext footer with an encryption "
        "algorithm)",
        location);
  }
  for (size_t rg = 0; rg < meta.row_groups.size(); ++rg) {
    const auto& columns = meta.row_groups[rg].columns;
    for (size_t c = 0; c < columns.size(); ++c) {
      if (columns[c].__isset.crypto_metadata || columns[c].__isset.encrypted_column_metadata) {
        return Status::NotSupported(
            "parquet: {}: row group {}, column {}: encrypted columns are not supported", location,
            rg, c);
      }
    }
  }
  return Status::OK();
}

// The enum fields of a column chunk's metadata; see thrift_enum.h for why
// this comes before any other use of the struct.
Status CheckColumnEnums(const format::ColumnMetaData& md) {
  const int32_t type = ThriftEnumValue(md.type);
  if (!IsKnownThriftEnum(format::_Type_VALUES_TO_NAMES, type)) {
    return Status::Corruption("unknown physical type {}", type);
  }
  const int32_t codec = ThriftEnumValue(md.codec);
  if (!IsKnownThriftEnum(format::_CompressionCodec_VALUES_TO_NAMES, codec)) {
    return Status::NotSupported("unknown compression codec {}", codec);
  }
  for (const auto& encoding : md.encodings) {
    if (!IsKnownThriftEnum(format::_Encoding_VALUES_TO_NAMES, ThriftEnumValue(encoding))) {
      return Status::NotSupported("unknown encoding {}", ThriftEnumValue(encoding));
    }
  }
  for (const auto& stats : md.encoding_stats) {
    if (!IsKnownThriftEnum(format::_PageType_VALUES_TO_NAMES, ThriftEnumValue(stats.page_type))) {
      return Status::Corruption("encoding_stats has unknown page type {}",
                                ThriftEnumValue(stats.page_type));
    }
    if (!IsKnownThriftEnum(format::_Encoding_VALUES_TO_NAMES, ThriftEnumValue(stats.encoding))) {
      return Status::NotSupported("unknown encoding {}", ThriftEnumValue(stats.encoding));
    }
  }
  return Status::OK();
}

// One column chunk against its schema column and the file's data region
// [0, data_end). (Writers of empty chunks store offset 0, inside the magic.)
// Messages carry no location; the caller adds it.
Status CheckColumnChunk(const format::ColumnChunk& chunk, const ColumnDescriptor& column,
                        int64_t data_end) {
  if (!chunk.__isset.meta_data) return Status::Corruption("the column chunk has no metadata");
  const format::ColumnMetaData& md = chunk.meta_data;
  FLOE_RETURN_NOT_OK(CheckColumnEnums(md));

  const int32_t type = ThriftEnumValue(md.type);
  if (type != static_cast<int32_t>(column.physical_type)) {
    return Status::Corruption("the column chunk's type {} differs from the schema's {}",
                              ThriftEnumName(format::_Type_VALUES_TO_NAMES, type),
                              PhysicalTypeName(column.physical_type));
  }
  if (md.num_values < 0) {
    return Status::Corruption("negative num_values {}", md.num_values);
  }
  if (md.total_compressed_size < 0 || md.total_uncompressed_size < 0) {
    return Status::Corruption("negative total size (compressed {}, uncompressed {})",
                              md.total_compressed_size, md.total_uncompressed_size);
  }
  // Summary files (_metadata) point into other files; their ranges are
  // checked when those files are read.
  if (chunk.__isset.file_path) return Status::OK();

  // Some writers store dictionary_page_offset 0 to mean "none".
  int64_t start = md.data_page_offset;
  if (md.__isset.dictionary_page_offset && md.dictionary_page_offset > 0 &&
      md.dictionary_page_offset < start) {
    start = md.dictionary_page_offset;
  }
  int64_t end = 0;
  if (start < 0 || __builtin_add_overflow(start, md.total_compressed_size, &end) ||
      end > data_end) {
    return Status::Corruption(
        "the column chunk's bytes [{}, {} + {}) are not within the data before the footer "
        "[0, {})",
        start, start, md.total_compressed_size, data_end);
  }
  return Status::OK();
}

// The schema ignores converted types it does not know; clearing them here
// too keeps the kept FileMetaData safe to copy (see thrift_enum.h).
void ClearUnknownConvertedTypes(format::FileMetaData& meta) {
  for (format::SchemaElement& element : meta.schema) {
    if (element.__isset.converted_type &&
        !IsKnownThriftEnum(format::_ConvertedType_VALUES_TO_NAMES,
                           ThriftEnumValue(element.converted_type))) {
      element.converted_type = format::ConvertedType::UTF8;
      element.__isset.converted_type = false;
    }
  }
}

}  // namespace

ParquetFileMetadata::ParquetFileMetadata(PassKey, std::string location, int64_t file_size,
                                         uint32_t footer_length,
                                         std::unique_ptr<format::FileMetaData> thrift,
                                         ParquetSchema schema)
    : location_(std::move(location)),
      file_size_(file_size),
      footer_length_(footer_length),
      thrift_(std::move(thrift)),
      schema_(std::move(schema)) {}

Result<std::shared_ptr<const ParquetFileMetadata>> ParquetFileMetadata::Make(
    std::string location, int64_t file_size, uint32_t footer_length,
    std::unique_ptr<format::FileMetaData> thrift) {
  FLOE_DCHECK(thrift != nullptr);
  const format::FileMetaData& meta = *thrift;
  FLOE_RETURN_NOT_OK(CheckNotEncrypted(location, meta));
  if (meta.num_rows < 0) {
    return Status::Corruption("parquet: {}: invalid footer: negative row count {}", location,
                              meta.num_rows);
  }
  ClearUnknownConvertedTypes(*thrift);
  auto schema = ParquetSchema::Make(meta.schema);
  if (!schema.has_value()) return schema.error().WithContext("parquet: {}", location);

  const int64_t data_end = file_size - 8 - static_cast<int64_t>(footer_length);
  const int32_t num_columns = schema->num_columns();
  for (size_t rg = 0; rg < meta.row_groups.size(); ++rg) {
    const format::RowGroup& row_group = meta.row_groups[rg];
    if (row_group.num_rows < 0) {
      return Status::Corruption("parquet: {}: row group {}: negative row count {}", location, rg,
                                row_group.num_rows);
    }
    if (row_group.columns.size() != static_cast<size_t>(num_columns)) {
      return Status::Corruption(
          "parquet: {}: row group {}: {} column chunks, but the schema has {} leaf columns",
          location, rg, row_group.columns.size(), num_columns);
    }
    for (int32_t c = 0; c < num_columns; ++c) {
      const ColumnDescriptor& column = schema->column(c);
      Status st = CheckColumnChunk(row_group.columns[static_cast<size_t>(c)], column, data_end);
      if (!st.ok()) {
        return st.WithContext("parquet: {}: row group {}, column '{}'", location, rg,
                              column.dotted_path);
      }
    }
  }
  return std::make_shared<const ParquetFileMetadata>(PassKey{}, std::move(location), file_size,
                                                     footer_length, std::move(thrift),
                                                     std::move(*schema));
}

}  // namespace floe::parquet
