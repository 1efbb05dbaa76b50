// AvroResolvedDecoder: schema resolution (fields by name and by Iceberg field id, defaults,
// promotions, unions, enums), skipping, and decoding bounds.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "formats/avro/avro_datum_encoder.h"
#include "formats/avro/avro_resolved_decoder.h"
#include "util/avro_peer.h"
#include "util/test_macros.h"

namespace floe::avro {
namespace {

using Json = nlohmann::json;
using test::AvroCanonicalJson;

std::shared_ptr<const AvroSchema> Schema(const char* json) {
  auto s = AvroSchema::Parse(json);
  EXPECT_TRUE(s.has_value()) << s.error().ToString();
  return s.has_value() ? *s : nullptr;
}

std::string Encode(const AvroSchema& schema, const std::vector<AvroDatum>& values) {
  std::string out;
  AvroEncoder enc(out);
  for (const AvroDatum& v : values) {
    Status st = EncodeDatum(v, schema.root(), enc);
    EXPECT_TRUE(st.ok()) << st.ToString();
  }
  return out;
}

// Decodes every value of `bytes` (writer's schema) as the reader's, in canonical JSON.
Result<Json> DecodeAll(const AvroResolvedDecoder& decoder, std::string_view bytes) {
  AvroDatumArena arena;
  AvroDecodeTarget target{&arena, 1 << 20};
  AvroDecoder dec(bytes);
  Json out = Json::array();
  while (!dec.at_end()) {
    FLOE_ASSIGN_OR_RETURN(AvroDatum d, decoder.Decode(dec, target));
    out.push_back(AvroCanonicalJson(d, decoder.reader_schema().root()));
  }
  return out;
}

Result<Json> Resolve(const char* writer_json, const char* reader_json,
                     const std::vector<AvroDatum>& values, AvroResolutionOptions options = {}) {
  auto writer = Schema(writer_json);
  auto reader = Schema(reader_json);
  FLOE_ASSIGN_OR_RETURN(auto decoder, AvroResolvedDecoder::Make(writer, reader, options));
  return DecodeAll(*decoder, Encode(*writer, values));
}

constexpr const char* kWriterV1 = R"({"type": "record", "name": "r", "fields": [
  {"name": "id", "type": "long", "field-id": 1},
  {"name": "name", "type": "string", "field-id": 2},
  {"name": "tags", "type": {"type": "array", "items": "string"}, "field-id": 3},
  {"name": "score", "type": ["null", "double"], "field-id": 4}]})";

std::vector<AvroDatum> V1Rows() {
  static const AvroDatum tags[] = {AvroDatum::String("a"), AvroDatum::String("bb")};
  static const AvroDatum row0[] = {AvroDatum::Long(7), AvroDatum::String("seven"),
                                   AvroDatum::Array(tags), AvroDatum::Double(0.5).WithBranch(1)};
  static const AvroDatum row1[] = {AvroDatum::Long(-1), AvroDatum::String(""), AvroDatum::Array({}),
                                   AvroDatum::Null()};
  return {AvroDatum::Record(row0), AvroDatum::Record(row1)};
}

TEST(AvroResolutionTest, IdentityReadsEveryValue) {
  ASSERT_OK_AND_ASSIGN(Json got, Resolve(kWriterV1, kWriterV1, V1Rows()));
  EXPECT_EQ(got, Json::parse(R"([{"id": 7, "name": "seven", "tags": ["a", "bb"], "score": 0.5},
                                 {"id": -1, "name": "", "tags": [], "score": null}])"));
}

TEST(AvroResolutionTest, AddedFieldsTakeTheirDefaultOrNull) {
  constexpr const char* kReader = R"({"type": "record", "name": "r", "fields": [
    {"name": "id", "type": "long"},
    {"name": "added_int", "type": "int", "default": 42},
    {"name": "added_optional", "type": ["null", "string"]},
    {"name": "added_record", "type": {"type": "record", "name": "sub", "fields": [
      {"name": "x", "type": "int"}, {"name": "y", "type": "string", "default": "why"}]},
     "default": {"x": 1}},
    {"name": "added_bytes", "type": "bytes", "default": "\u0000\u00ff"},
    {"name": "added_map", "type": {"type": "map", "values": "long"}, "default": {"k": 5}},
    {"name": "added_union", "type": ["string", "null"], "default": "first"},
    {"name": "added_enum", "type": {"type": "enum", "name": "e", "symbols": ["A", "B"]},
     "default": "B"},
    {"name": "added_array", "type": {"type": "array", "items": "double"}, "default": [1, 2.5]},
    {"name": "added_nan", "type": "float", "default": "NaN"}]})";
  ASSERT_OK_AND_ASSIGN(Json got, Resolve(kWriterV1, kReader, V1Rows()));
  Json expected_tail = Json::parse(R"({"added_int": 42, "added_optional": null,
    "added_record": {"x": 1, "y": "why"}, "added_bytes": {"$bytes": "00ff"},
    "added_map": {"k": 5}, "added_union": "first", "added_enum": "B",
    "added_array": [1.0, 2.5], "added_nan": "NaN"})");
  Json first = expected_tail;
  first["id"] = 7;
  Json second = expected_tail;
  second["id"] = -1;
  EXPECT_EQ(got, Json::array({first, second}));
}

TEST(AvroResolutionTest, RemovedFieldsAreSkipped) {
  // Only the last field is wanted: everything before it is skipped without being read.
  constexpr const char* kReader = R"({"type": "record", "name": "r", "fields": [
    {"name": "score", "type": ["null", "double"]}]})";
  ASSERT_OK_AND_ASSIGN(Json got, Resolve(kWriterV1, kReader, V1Rows()));
  EXPECT_EQ(got, Json::parse(R"([{"score": 0.5}, {"score": null}])"));
}

TEST(AvroResolutionTest, FieldOrderMayDiffer) {
  constexpr const char* kReader = R"({"type": "record", "name": "r", "fields": [
    {"name": "name", "type": "string"}, {"name": "id", "type": "long"}]})";
  ASSERT_OK_AND_ASSIGN(Json got, Resolve(kWriterV1, kReader, V1Rows()));
  EXPECT_EQ(got, Json::parse(R"([{"name": "seven", "id": 7}, {"name": "", "id": -1}])"));
}

TEST(AvroResolutionTest, Promotions) {
  constexpr const char* kWriter = R"({"type": "record", "name": "p", "fields": [
    {"name": "i2l", "type": "int"}, {"name": "i2f", "type": "int"}, {"name": "i2d", "type": "int"},
    {"name": "l2f", "type": "long"}, {"name": "l2d", "type": "long"},
    {"name": "f2d", "type": "float"}, {"name": "s2b", "type": "string"},
    {"name": "b2s", "type": "bytes"}]})";
  constexpr const char* kReader = R"({"type": "record", "name": "p", "fields": [
    {"name": "i2l", "type": "long"}, {"name": "i2f", "type": "float"},
    {"name": "i2d", "type": "double"}, {"name": "l2f", "type": "float"},
    {"name": "l2d", "type": "double"}, {"name": "f2d", "type": "double"},
    {"name": "s2b", "type": "bytes"}, {"name": "b2s", "type": "string"}]})";
  const AvroDatum row[] = {AvroDatum::Int(-5),
                           AvroDatum::Int(3),
                           AvroDatum::Int(INT32_MAX),
                           AvroDatum::Long(1 << 20),
                           AvroDatum::Long(int64_t{1} << 40),
                           AvroDatum::Float(0.25f),
                           AvroDatum::String("ab"),
                           AvroDatum::Bytes("cd")};
  ASSERT_OK_AND_ASSIGN(Json got, Resolve(kWriter, kReader, {AvroDatum::Record(row)}));
  EXPECT_EQ(got, Json::parse(R"([{"i2l": -5, "i2f": 3.0, "i2d": 2147483647.0, "l2f": 1048576.0,
    "l2d": 1099511627776.0, "f2d": 0.25, "s2b": {"$bytes": "6162"}, "b2s": "cd"}])"));
  // The datums carry the reader's types.
  auto writer = Schema(kWriter);
  auto reader = Schema(kReader);
  ASSERT_OK_AND_ASSIGN(auto decoder, AvroResolvedDecoder::Make(writer, reader));
  std::string bytes = Encode(*writer, {AvroDatum::Record(row)});
  AvroDatumArena arena;
  AvroDecodeTarget target{&arena, 100};
  AvroDecoder dec(bytes);
  ASSERT_OK_AND_ASSIGN(AvroDatum d, decoder->Decode(dec, target));
  EXPECT_EQ(d.field(0).type(), AvroType::kLong);
  EXPECT_EQ(d.field(0).long_value(), -5);
  EXPECT_EQ(d.field(3).type(), AvroType::kFloat);
  EXPECT_EQ(d.field(6).type(), AvroType::kBytes);
  EXPECT_EQ(d.field(7).type(), AvroType::kString);
}

TEST(AvroResolutionTest, ImpossibleReadsNameTheField) {
  constexpr const char* kReader = R"({"type": "record", "name": "r", "fields": [
    {"name": "id", "type": "int"}]})";
  ASSERT_STATUS(kInvalidArgument, "field 'id': writer's long cannot be read as reader's int",
                Resolve(kWriterV1, kReader, {}));
  constexpr const char* kMissing = R"({"type": "record", "name": "r", "fields": [
    {"name": "required_new", "type": "long"}]})";
  ASSERT_STATUS(kInvalidArgument, "field 'required_new': the writer's record 'r' has no such field",
                Resolve(kWriterV1, kMissing, {}));
  ASSERT_STATUS(kInvalidArgument, "no branch of the reader's union matches",
                Resolve(R"("string")", R"(["null", "long"])", {}));
  ASSERT_STATUS(kInvalidArgument, "size 4 differs from 8",
                Resolve(R"({"type": "fixed", "name": "f", "size": 4})",
                        R"({"type": "fixed", "name": "f", "size": 8})", {}));
  ASSERT_STATUS(
      kInvalidArgument, "decimal scale 2 differs from 3",
      Resolve(R"({"type": "bytes", "logicalType": "decimal", "precision": 9, "scale": 2})",
              R"({"type": "bytes", "logicalType": "decimal", "precision": 9, "scale": 3})", {}));
  ASSERT_STATUS(kInvalidArgument, "default 1 is not a valid string",
                Resolve(kWriterV1, R"({"type": "record", "name": "r", "fields": [
                  {"name": "x", "type": "string", "default": 1}]})",
                        {}));
  ASSERT_STATUS(kInvalidArgument, "code points 0-255",
                Resolve(kWriterV1, R"({"type": "record", "name": "r", "fields": [
                  {"name": "x", "type": "bytes", "default": "\u0100"}]})",
                        {}));
}

TEST(AvroResolutionTest, UnionsReorderedAndOnEitherSide) {
  // Writer union, reader union in another order: values go to the matching reader branch.
  auto writer = Schema(R"(["null", "string", "long"])");
  auto reader = Schema(R"(["long", "string", "null"])");
  ASSERT_OK_AND_ASSIGN(auto decoder, AvroResolvedDecoder::Make(writer, reader));
  std::string bytes = Encode(*writer, {AvroDatum::Null(), AvroDatum::String("s").WithBranch(1),
                                       AvroDatum::Long(9).WithBranch(2)});
  AvroDatumArena arena;
  AvroDecodeTarget target{&arena, 100};
  AvroDecoder dec(bytes);
  ASSERT_OK_AND_ASSIGN(AvroDatum a, decoder->Decode(dec, target));
  ASSERT_OK_AND_ASSIGN(AvroDatum b, decoder->Decode(dec, target));
  ASSERT_OK_AND_ASSIGN(AvroDatum c, decoder->Decode(dec, target));
  EXPECT_TRUE(a.is_null());
  EXPECT_EQ(a.branch(), 2u);
  EXPECT_EQ(b.bytes_value(), "s");
  EXPECT_EQ(b.branch(), 1u);
  EXPECT_EQ(c.long_value(), 9);
  EXPECT_EQ(c.branch(), 0u);

  // Writer plain, reader union (with a promotion); writer union, reader plain.
  ASSERT_OK_AND_ASSIGN(Json up, Resolve(R"("int")", R"(["null", "double"])", {AvroDatum::Int(4)}));
  EXPECT_EQ(up, Json::parse("[4.0]"));
  ASSERT_OK_AND_ASSIGN(
      Json down, Resolve(R"(["null", "int"])", R"("long")", {AvroDatum::Int(4).WithBranch(1)}));
  EXPECT_EQ(down, Json::parse("[4]"));
  // A writer branch the reader cannot take fails only when a value uses it.
  auto st = Resolve(R"(["null", "int"])", R"("long")", {AvroDatum::Null()});
  ASSERT_STATUS(kInvalidArgument, "union branch 0 (null) cannot be read as reader's long", st);
  // Records in unions are told apart by name.
  constexpr const char* kTwo = R"([{"type": "record", "name": "a", "fields": [
      {"name": "x", "type": "int"}]},
    {"type": "record", "name": "b", "fields": [{"name": "y", "type": "string"}]}])";
  constexpr const char* kTwoSwapped = R"([{"type": "record", "name": "b", "fields": [
      {"name": "y", "type": "string"}]},
    {"type": "record", "name": "a", "fields": [{"name": "x", "type": "int"}]}])";
  const AvroDatum fa[] = {AvroDatum::Int(1)};
  const AvroDatum fb[] = {AvroDatum::String("z")};
  ASSERT_OK_AND_ASSIGN(
      Json named,
      Resolve(kTwo, kTwoSwapped, {AvroDatum::Record(fa), AvroDatum::Record(fb).WithBranch(1)}));
  EXPECT_EQ(named, Json::parse(R"([{"x": 1}, {"y": "z"}])"));
}

TEST(AvroResolutionTest, EnumsBySymbolWithDefault) {
  constexpr const char* kWriter = R"({"type": "enum", "name": "e", "symbols": ["A", "B", "C"]})";
  constexpr const char* kReader =
      R"({"type": "enum", "name": "e", "symbols": ["C", "A", "OTHER"], "default": "OTHER"})";
  ASSERT_OK_AND_ASSIGN(
      Json got,
      Resolve(kWriter, kReader, {AvroDatum::Enum(0), AvroDatum::Enum(1), AvroDatum::Enum(2)}));
  EXPECT_EQ(got, Json::parse(R"(["A", "OTHER", "C"])"));
  constexpr const char* kNoDefault = R"({"type": "enum", "name": "e", "symbols": ["A"]})";
  ASSERT_OK_AND_ASSIGN(Json fine, Resolve(kWriter, kNoDefault, {AvroDatum::Enum(0)}));
  EXPECT_EQ(fine, Json::parse(R"(["A"])"));
  ASSERT_STATUS(kInvalidArgument, "symbol 'C' is not in the reader's enum",
                Resolve(kWriter, kNoDefault, {AvroDatum::Enum(2)}));
}

TEST(AvroResolutionTest, FieldIdsMatchAcrossRenames) {
  // The reader renamed "name" to "label" (same id 2) and dropped "id"; a new field "id2" takes
  // the old name "score" but a new id: by id it must not pick up the old column's data.
  constexpr const char* kReader = R"({"type": "record", "name": "other_name", "fields": [
    {"name": "label", "type": "string", "field-id": 2},
    {"name": "score", "type": ["null", "double"], "field-id": 99},
    {"name": "tags", "type": {"type": "array", "items": "string"}, "field-id": 3}]})";
  ASSERT_OK_AND_ASSIGN(Json by_id, Resolve(kWriterV1, kReader, V1Rows()));
  EXPECT_EQ(by_id, Json::parse(R"([{"label": "seven", "score": null, "tags": ["a", "bb"]},
                                   {"label": "", "score": null, "tags": []}])"));
  // By name, "label" is missing (and required) while "score" finds the old data.
  AvroResolutionOptions by_name;
  by_name.match_field_ids = false;
  ASSERT_STATUS(kInvalidArgument, "field 'label'", Resolve(kWriterV1, kReader, V1Rows(), by_name));
  constexpr const char* kOptionalLabel = R"({"type": "record", "name": "r", "fields": [
    {"name": "label", "type": ["null", "string"], "field-id": 2},
    {"name": "score", "type": ["null", "double"], "field-id": 99}]})";
  ASSERT_OK_AND_ASSIGN(Json named, Resolve(kWriterV1, kOptionalLabel, V1Rows(), by_name));
  EXPECT_EQ(named, Json::parse(R"([{"label": null, "score": 0.5}, {"label": null,
                                    "score": null}])"));
  // A writer without ids is matched by name even when the reader has ids.
  constexpr const char* kNoIds = R"({"type": "record", "name": "r", "fields": [
    {"name": "name", "type": "string"}]})";
  const AvroDatum row[] = {AvroDatum::String("n")};
  ASSERT_OK_AND_ASSIGN(Json fallback, Resolve(kNoIds, R"({"type": "record", "name": "r", "fields": [
                         {"name": "name", "type": "string", "field-id": 5}]})",
                                              {AvroDatum::Record(row)}));
  EXPECT_EQ(fallback, Json::parse(R"([{"name": "n"}])"));
}

TEST(AvroResolutionTest, AliasesMatchRenamedFields) {
  constexpr const char* kReader = R"({"type": "record", "name": "r", "fields": [
    {"name": "identifier", "aliases": ["id"], "type": "long"}]})";
  AvroResolutionOptions by_name;
  by_name.match_field_ids = false;
  ASSERT_OK_AND_ASSIGN(Json got, Resolve(kWriterV1, kReader, V1Rows(), by_name));
  EXPECT_EQ(got, Json::parse(R"([{"identifier": 7}, {"identifier": -1}])"));
}

TEST(AvroResolutionTest, RecursiveSchemas) {
  constexpr const char* kList = R"({"type": "record", "name": "L", "fields": [
    {"name": "v", "type": "int"}, {"name": "next", "type": ["null", "L"]}]})";
  const AvroDatum tail[] = {AvroDatum::Int(2), AvroDatum::Null()};
  const AvroDatum head[] = {AvroDatum::Int(1), AvroDatum::Record(tail).WithBranch(1)};
  ASSERT_OK_AND_ASSIGN(Json got, Resolve(kList, kList, {AvroDatum::Record(head)}));
  EXPECT_EQ(got, Json::parse(R"([{"v": 1, "next": {"v": 2, "next": null}}])"));

  // A chain deeper than kMaxValueDepth is refused, not a stack overflow.
  std::string bytes;
  AvroEncoder enc(bytes);
  for (int i = 0; i < 100000; ++i) {
    enc.WriteInt(i);
    enc.WriteUnionIndex(1);
  }
  enc.WriteInt(0);
  enc.WriteUnionIndex(0);
  auto schema = Schema(kList);
  ASSERT_OK_AND_ASSIGN(auto decoder, AvroResolvedDecoder::Make(schema, schema));
  AvroDatumArena arena;
  AvroDecodeTarget target{&arena, 1 << 22};
  AvroDecoder dec(bytes);
  ASSERT_STATUS(kCorruption, "nest deeper than", decoder->Decode(dec, target));
  AvroDecoder skip(bytes);
  ASSERT_STATUS(kCorruption, "nest deeper than", decoder->Skip(skip));
}

TEST(AvroResolutionTest, SkipsArraysAndMapsByBlockSize) {
  // Writer data with negative block counts (byte sizes given), as Java's blocking encoders
  // write: [count=-2, size, items..., 0].
  auto writer = Schema(R"({"type": "record", "name": "r", "fields": [
    {"name": "skipped", "type": {"type": "array", "items": "string"}},
    {"name": "skipped_map", "type": {"type": "map", "values": "long"}},
    {"name": "kept", "type": {"type": "array", "items": "long"}}]})");
  auto reader = Schema(R"({"type": "record", "name": "r", "fields": [
    {"name": "kept", "type": {"type": "array", "items": "long"}}]})");
  std::string items;
  AvroEncoder ie(items);
  ie.WriteString("hello");
  ie.WriteString("world");
  std::string map;
  AvroEncoder me(map);
  me.WriteString("k");
  me.WriteLong(1);
  std::string kept;
  AvroEncoder ke(kept);
  ke.WriteLong(10);
  ke.WriteLong(20);
  std::string bytes;
  AvroEncoder enc(bytes);
  enc.WriteBlockCount(-2);
  enc.WriteLong(static_cast<int64_t>(items.size()));
  bytes += items;
  enc.WriteBlockCount(0);
  enc.WriteBlockCount(-1);
  enc.WriteLong(static_cast<int64_t>(map.size()));
  bytes += map;
  enc.WriteBlockCount(0);
  enc.WriteBlockCount(-2);
  enc.WriteLong(static_cast<int64_t>(kept.size()));
  bytes += kept;
  enc.WriteBlockCount(1);  // a second block, without a size
  enc.WriteLong(30);
  enc.WriteBlockCount(0);
  ASSERT_OK_AND_ASSIGN(auto decoder, AvroResolvedDecoder::Make(writer, reader));
  ASSERT_OK_AND_ASSIGN(Json got, DecodeAll(*decoder, bytes));
  EXPECT_EQ(got, Json::parse(R"([{"kept": [10, 20, 30]}])"));
  // The identity decoder reads the same data in full.
  ASSERT_OK_AND_ASSIGN(auto identity, AvroResolvedDecoder::Make(writer, writer));
  ASSERT_OK_AND_ASSIGN(Json all, DecodeAll(*identity, bytes));
  EXPECT_EQ(all, Json::parse(R"([{"skipped": ["hello", "world"], "skipped_map": {"k": 1},
                                  "kept": [10, 20, 30]}])"));
  // A block whose declared size disagrees with its items is corrupt.
  std::string bad;
  AvroEncoder be(bad);
  be.WriteBlockCount(-2);
  be.WriteLong(static_cast<int64_t>(kept.size()) + 1);
  bad += kept + "x";
  be.WriteBlockCount(0);
  auto longs = Schema(R"({"type": "array", "items": "long"})");
  ASSERT_OK_AND_ASSIGN(auto arrays, AvroResolvedDecoder::Make(longs, longs));
  ASSERT_STATUS(kCorruption, "declares 3 bytes but its items take 2", DecodeAll(*arrays, bad));
}

TEST(AvroResolutionTest, HostileCountsAreRefusedBeforeAllocating) {
  auto longs = Schema(R"({"type": "array", "items": "long"})");
  ASSERT_OK_AND_ASSIGN(auto decoder, AvroResolvedDecoder::Make(longs, longs));
  // 2^40 longs claimed in 3 bytes.
  std::string bytes;
  AvroEncoder enc(bytes);
  enc.WriteBlockCount(int64_t{1} << 40);
  bytes += "abc";
  ASSERT_STATUS(kCorruption, "block of 1099511627776 items needs at least 1 bytes each",
                DecodeAll(*decoder, bytes));
  // Nulls take no bytes: the count is bounded by the values budget instead.
  auto nulls = Schema(R"({"type": "array", "items": "null"})");
  ASSERT_OK_AND_ASSIGN(auto null_decoder, AvroResolvedDecoder::Make(nulls, nulls));
  std::string many;
  AvroEncoder me(many);
  me.WriteBlockCount(int64_t{1} << 62);
  me.WriteBlockCount(0);
  ASSERT_STATUS(kCorruption, "exceed the number of values", DecodeAll(*null_decoder, many));
  // Skipping such an array is instant (nothing to skip per item).
  AvroDecoder dec(many);
  EXPECT_OK(null_decoder->Skip(dec));
  // A union index out of range.
  auto u = Schema(R"(["null", "int"])");
  ASSERT_OK_AND_ASSIGN(auto union_decoder, AvroResolvedDecoder::Make(u, u));
  std::string two;
  AvroEncoder(two).WriteUnionIndex(2);
  ASSERT_STATUS(kCorruption, "union branch 2 is not in [0, 2)", DecodeAll(*union_decoder, two));
  // An enum index out of range.
  auto e = Schema(R"({"type": "enum", "name": "e", "symbols": ["A"]})");
  ASSERT_OK_AND_ASSIGN(auto enum_decoder, AvroResolvedDecoder::Make(e, e));
  std::string five;
  AvroEncoder(five).WriteEnum(5);
  ASSERT_STATUS(kCorruption, "enum index 5 is not in [0, 1)", DecodeAll(*enum_decoder, five));
}

}  // namespace
}  // namespace floe::avro
