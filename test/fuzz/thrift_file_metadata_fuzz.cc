// (b) One Thrift compact-protocol FileMetaData (the input is a footer without
// its length and magic), and everything Floe builds from a footer before it
// reads any data: ParquetSchema::Make on its schema elements, the type
// mapping and a record assembler for every top-level field, then
// ParquetFileMetadata::Make and, for every column chunk, its byte range and
// its statistics. Each step must return a Status for anything.
//
// The data is taken to end 1 TiB into the file, so chunk offsets in a footer
// are never refused for lying beyond the file; Make's other checks still
// apply.
#include <memory>

#include "formats/parquet/column_chunk_range.h"
#include "formats/parquet/file_metadata.h"
#include "formats/parquet/parquet_types.h"
#include "formats/parquet/record_assembler.h"
#include "formats/parquet/schema.h"
#include "formats/parquet/statistics.h"
#include "formats/parquet/thrift_serde.h"
#include "formats/parquet/type_mapping.h"
#include "fuzz/fuzz_targets.h"
#include "fuzz/fuzz_util.h"

namespace floe::fuzz {
namespace {

namespace format = parquet::format;

constexpr int64_t kDataSize = int64_t{1} << 40;
// Column chunks whose statistics are decoded; a footer of 64 KiB holds fewer.
constexpr int64_t kMaxChunks = int64_t{1} << 16;

void UseSchema(const parquet::ParquetSchema& schema) {
  size_t sink = 0;
  for (int32_t child : schema.root().children) {
    auto tree = parquet::MapParquetNodeTree(schema, child);
    if (tree.has_value()) sink += tree->children.size();
    auto type = parquet::MapParquetNode(schema, child);
    if (type.has_value()) sink += type->ToString().size();
    for (bool keep_dictionary : {false, true}) {
      auto assembler = parquet::RecordAssembler::Make(schema, child, {keep_dictionary});
      if (assembler.has_value()) sink += (*assembler)->leaf_columns().size();
    }
  }
  for (const parquet::ColumnDescriptor& column : schema.columns()) {
    FLOE_FUZZ_CHECK(schema.FindColumn(column.dotted_path) >= 0);
    sink += schema.NodePath(column.node_index).size();
  }
  auto fields = parquet::MapParquetFields(schema);
  if (fields.has_value()) sink += fields->size();
  DoNotOptimize(sink);
}

}  // namespace

int FuzzThriftFileMetadata(const uint8_t* data, size_t size) {
  if (size > UINT32_MAX) return 0;
  auto thrift = std::make_unique<format::FileMetaData>();
  Result<uint32_t> consumed =
      parquet::DeserializeThrift(data, static_cast<uint32_t>(size), thrift.get());
  if (!consumed.has_value()) return 0;
  FLOE_FUZZ_CHECK(*consumed <= size);

  auto schema = parquet::ParquetSchema::Make(thrift->schema);
  if (schema.has_value()) UseSchema(*schema);

  const uint32_t footer_length = *consumed;
  auto metadata = parquet::ParquetFileMetadata::Make(
      "mem://fuzz.parquet", kDataSize + 8 + footer_length, footer_length, std::move(thrift));
  if (!metadata.has_value()) return 0;
  const parquet::ParquetFileMetadata& m = **metadata;
  int64_t chunks = 0;
  size_t sink = 0;
  for (int32_t rg = 0; rg < m.num_row_groups(); ++rg) {
    for (int32_t c = 0; c < m.schema().num_columns() && chunks < kMaxChunks; ++c, ++chunks) {
      auto range = parquet::ColumnChunkRange(m, rg, c);
      if (range.has_value()) {
        FLOE_FUZZ_CHECK(range->offset >= 0 && range->length >= 0);
        FLOE_FUZZ_CHECK(range->offset + range->length <= m.footer_offset());
      }
      auto stats = parquet::ReadColumnChunkStatistics(m, rg, c);
      if (stats.has_value()) {
        // (Compared, not formatted: ToString is the display path.)
        if (stats->min.has_value()) FLOE_FUZZ_CHECK(*stats->min == *stats->min);
        if (stats->max.has_value()) FLOE_FUZZ_CHECK(*stats->max == *stats->max);
        sink += static_cast<size_t>(stats->num_values);
      }
    }
  }
  DoNotOptimize(sink);
  return 0;
}

}  // namespace floe::fuzz

#ifdef FLOE_LIBFUZZER
extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return floe::fuzz::FuzzThriftFileMetadata(data, size);
}
#endif
