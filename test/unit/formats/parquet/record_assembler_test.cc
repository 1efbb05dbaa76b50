// RecordAssembler on hand-built ColumnBatches: Dremel record assembly for
// structs, lists and maps at any depth (the paper's Document example, NULL vs
// empty lists, lists of NULLs, maps with NULL values), every value
// conversion, dictionary output, and hostile levels and values.
#include "formats/parquet/record_assembler.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "common/buffer.h"
#include "unit/formats/parquet/schema_builders.h"
#include "util/test_macros.h"

namespace floe::parquet {
namespace {

using namespace ::floe::parquet::test;  // NOLINT(build/namespaces): schema builders
using T = pq::Type;

// ---------------------------------------------------------------------------
// Batch building
// ---------------------------------------------------------------------------

template <typename V>
DecodedValues Plain(PhysicalType type, const std::vector<V>& values, int32_t width = sizeof(V)) {
  DecodedValues out;
  out.physical_type = type;
  out.width = width;
  out.count = static_cast<int64_t>(values.size());
  out.fixed.resize(values.size() * static_cast<size_t>(width));
  for (size_t i = 0; i < values.size(); ++i) {
    std::memcpy(out.fixed.data() + i * static_cast<size_t>(width), &values[i],
                static_cast<size_t>(width));
  }
  return out;
}
DecodedValues Booleans(const std::vector<uint8_t>& v) { return Plain(PhysicalType::kBoolean, v); }
DecodedValues Int32s(const std::vector<int32_t>& v) { return Plain(PhysicalType::kInt32, v); }
DecodedValues Int64s(const std::vector<int64_t>& v) { return Plain(PhysicalType::kInt64, v); }
DecodedValues Floats(const std::vector<float>& v) { return Plain(PhysicalType::kFloat, v); }
DecodedValues Doubles(const std::vector<double>& v) { return Plain(PhysicalType::kDouble, v); }

// BYTE_ARRAY or FIXED_LEN_BYTE_ARRAY values viewing one shared buffer.
DecodedValues Bytes(const std::vector<std::string>& values,
                    PhysicalType type = PhysicalType::kByteArray) {
  std::string all;
  for (const std::string& v : values) all += v;
  std::shared_ptr<const Buffer> buffer = Buffer::FromString(all);
  DecodedValues out;
  out.physical_type = type;
  out.count = static_cast<int64_t>(values.size());
  size_t offset = 0;
  for (const std::string& v : values) {
    out.binary.push_back({buffer->data() + offset, static_cast<uint32_t>(v.size())});
    offset += v.size();
  }
  out.keep_alive.push_back(buffer);
  return out;
}
DecodedValues Flba(const std::vector<std::string>& values) {
  DecodedValues out = Bytes(values, PhysicalType::kFixedLenByteArray);
  out.width = values.empty() ? 0 : static_cast<int32_t>(values[0].size());
  return out;
}

// A batch of `values` with these levels; the record count is the number of
// entries at repetition level 0 (or of entries, without repetition levels).
ColumnBatch Batch(DecodedValues values, std::vector<int16_t> def = {},
                  std::vector<int16_t> rep = {}) {
  ColumnBatch b;
  b.num_levels = !def.empty()   ? static_cast<int64_t>(def.size())
                 : !rep.empty() ? static_cast<int64_t>(rep.size())
                                : values.count;
  b.num_records = rep.empty() ? b.num_levels : std::count(rep.begin(), rep.end(), 0);
  b.def_levels = std::move(def);
  b.rep_levels = std::move(rep);
  b.values = std::move(values);
  return b;
}

Result<Vector> Assemble(const ParquetSchema& schema, int32_t node,
                        const std::vector<ColumnBatch>& batches, int64_t records,
                        RecordAssemblerOptions options = {}) {
  FLOE_ASSIGN_OR_RETURN(auto assembler, RecordAssembler::Make(schema, node, options));
  std::vector<const ColumnBatch*> pointers;
  for (const ColumnBatch& b : batches) pointers.push_back(&b);
  return assembler->Assemble(pointers, records);
}

// ---------------------------------------------------------------------------
// Expected values
// ---------------------------------------------------------------------------

Value Null(const LogicalType& type) { return Value::Null(type); }
Value I32(int32_t v) { return Value::Int32(v); }
Value I64(int64_t v) { return Value::Int64(v); }
Value Str(std::string_view s) { return Value::String(s); }
Value ListOf(const LogicalType& list_type, std::vector<Value> elements) {
  return Value::List(list_type, std::move(elements)).value();
}
Value StructOf(const LogicalType& type, std::vector<Value> fields) {
  return Value::Struct(type, std::move(fields)).value();
}
Value MapOf(const LogicalType& type, std::vector<std::pair<Value, Value>> entries) {
  return Value::Map(type, std::move(entries)).value();
}
Value Dec128(int128_t unscaled, int32_t p, int32_t s) {
  return Value::Decimal(unscaled, p, s).value();
}

void ExpectRows(const Vector& vector, const std::vector<Value>& expected) {
  ASSERT_EQ(vector.capacity(), static_cast<int64_t>(expected.size()));
  for (size_t i = 0; i < expected.size(); ++i) {
    const Value actual = vector.GetValue(static_cast<int64_t>(i));
    EXPECT_TRUE(actual == expected[i])
        << "row " << i << ": got " << actual.ToString() << ", want " << expected[i].ToString();
  }
}

// ---------------------------------------------------------------------------
// Record assembly
// ---------------------------------------------------------------------------

// The Document example of the Dremel paper (Melnik et al., 2010), with its
// column stripes as printed there.
//   message Document {
//     required int64 DocId;
//     optional group Links { repeated int64 Backward; repeated int64 Forward; }
//     repeated group Name {
//       repeated group Language { required string Code; optional string Country; }
//       optional string Url; } }
TEST(RecordAssemblerTest, DremelDocumentExample) {
  ParquetSchema schema = MakeSchema(
      3, {Leaf("DocId", T::INT64, Rep::REQUIRED), Group("Links", 2, Rep::OPTIONAL),
          Leaf("Backward", T::INT64, Rep::REPEATED), Leaf("Forward", T::INT64, Rep::REPEATED),
          Group("Name", 2, Rep::REPEATED), Group("Language", 2, Rep::REPEATED),
          Logical(Leaf("Code", T::BYTE_ARRAY, Rep::REQUIRED), StringLogical()),
          Logical(Leaf("Country", T::BYTE_ARRAY, Rep::OPTIONAL), StringLogical()),
          Logical(Leaf("Url", T::BYTE_ARRAY, Rep::OPTIONAL), StringLogical())});
  // DocId
  ASSERT_OK_AND_ASSIGN(Vector doc_id, Assemble(schema, 1, {Batch(Int64s({10, 20}))}, 2));
  ExpectRows(doc_id, {I64(10), I64(20)});

  // Links
  const LogicalType longs = LogicalType::List(LogicalType::Int64());
  const LogicalType links_type =
      Struct({{"Backward", longs, std::nullopt}, {"Forward", longs, std::nullopt}});
  ASSERT_OK_AND_ASSIGN(auto links_assembler, RecordAssembler::Make(schema, 2));
  EXPECT_EQ(links_assembler->type(), links_type);
  EXPECT_EQ(links_assembler->leaf_columns(), (std::vector<int32_t>{1, 2}));
  ColumnBatch backward = Batch(Int64s({10, 30}), {1, 2, 2}, {0, 0, 1});
  ColumnBatch forward = Batch(Int64s({20, 40, 60, 80}), {2, 2, 2, 2}, {0, 1, 1, 0});
  std::vector<const ColumnBatch*> link_batches = {&backward, &forward};
  ASSERT_OK_AND_ASSIGN(Vector links, links_assembler->Assemble(link_batches, 2));
  ExpectRows(links,
             {StructOf(links_type, {ListOf(longs, {}), ListOf(longs, {I64(20), I64(40), I64(60)})}),
              StructOf(links_type, {ListOf(longs, {I64(10), I64(30)}), ListOf(longs, {I64(80)})})});

  // Name
  const LogicalType str = LogicalType::String();
  const LogicalType language =
      Struct({{"Code", str, std::nullopt}, {"Country", str, std::nullopt}});
  const LogicalType languages = LogicalType::List(language);
  const LogicalType name =
      Struct({{"Language", languages, std::nullopt}, {"Url", str, std::nullopt}});
  const LogicalType names = LogicalType::List(name);
  std::vector<ColumnBatch> name_batches;
  name_batches.push_back(
      Batch(Bytes({"en-us", "en", "en-gb"}), {2, 2, 1, 2, 1}, {0, 2, 1, 1, 0}));         // Code
  name_batches.push_back(Batch(Bytes({"us", "gb"}), {3, 2, 1, 3, 1}, {0, 2, 1, 1, 0}));  // Country
  name_batches.push_back(
      Batch(Bytes({"http://A", "http://B", "http://C"}), {2, 2, 1, 2}, {0, 1, 1, 0}));  // Url
  ASSERT_OK_AND_ASSIGN(Vector name_vector, Assemble(schema, 5, name_batches, 2));
  ASSERT_EQ(name_vector.type(), names);
  ExpectRows(
      name_vector,
      {ListOf(names,
              {StructOf(name, {ListOf(languages, {StructOf(language, {Str("en-us"), Str("us")}),
                                                  StructOf(language, {Str("en"), Null(str)})}),
                               Str("http://A")}),
               StructOf(name, {ListOf(languages, {}), Str("http://B")}),
               StructOf(name, {ListOf(languages, {StructOf(language, {Str("en-gb"), Str("gb")})}),
                               Null(str)})}),
       ListOf(names, {StructOf(name, {ListOf(languages, {}), Str("http://C")})})});
}

// optional group l (LIST) { repeated group list { optional int32 element; } }
ParquetSchema NullableIntList() {
  return MakeSchema(1, {Logical(Group("l", 1), ListLogical()), Group("list", 1, Rep::REPEATED),
                        Leaf("element", T::INT32, Rep::OPTIONAL)});
}

TEST(RecordAssemblerTest, NullEmptyAndListsWithNulls) {
  // NULL, [], [NULL], [1, NULL, 3], [4]
  ASSERT_OK_AND_ASSIGN(
      Vector v,
      Assemble(NullableIntList(), 1,
               {Batch(Int32s({1, 3, 4}), {0, 1, 2, 3, 2, 3, 3}, {0, 0, 0, 0, 1, 1, 0})}, 5));
  const LogicalType ints = LogicalType::List(LogicalType::Int32());
  ExpectRows(v,
             {Null(ints), ListOf(ints, {}), ListOf(ints, {Null(LogicalType::Int32())}),
              ListOf(ints, {I32(1), Null(LogicalType::Int32()), I32(3)}), ListOf(ints, {I32(4)})});
  EXPECT_TRUE(v.IsNull(0));
  EXPECT_FALSE(v.IsNull(1));
  EXPECT_EQ(v.list_size(), 5);
}

TEST(RecordAssemblerTest, UnannotatedRepeatedPrimitive) {
  // repeated int32 x: a required list of required ints. [], [1, 2], [3]
  ParquetSchema schema = MakeSchema(1, {Leaf("x", T::INT32, Rep::REPEATED)});
  ASSERT_OK_AND_ASSIGN(
      Vector v, Assemble(schema, 1, {Batch(Int32s({1, 2, 3}), {0, 1, 1, 1}, {0, 0, 1, 0})}, 3));
  const LogicalType ints = LogicalType::List(LogicalType::Int32());
  ExpectRows(v, {ListOf(ints, {}), ListOf(ints, {I32(1), I32(2)}), ListOf(ints, {I32(3)})});
}

TEST(RecordAssemblerTest, MapWithNullValues) {
  // optional group m (MAP) { repeated group key_value { required binary key (STRING);
  //                                                     optional int32 value; } }
  ParquetSchema schema =
      MakeSchema(1, {Logical(Group("m", 1), MapLogical()), Group("key_value", 2, Rep::REPEATED),
                     Logical(Leaf("key", T::BYTE_ARRAY, Rep::REQUIRED), StringLogical()),
                     Leaf("value", T::INT32, Rep::OPTIONAL)});
  // {a=1, b=NULL}, NULL, {}, {c=3}
  std::vector<ColumnBatch> batches;
  batches.push_back(Batch(Bytes({"a", "b", "c"}), {2, 2, 0, 1, 2}, {0, 1, 0, 0, 0}));
  batches.push_back(Batch(Int32s({1, 3}), {3, 2, 0, 1, 3}, {0, 1, 0, 0, 0}));
  ASSERT_OK_AND_ASSIGN(Vector v, Assemble(schema, 1, batches, 4));
  const LogicalType map = LogicalType::Map(LogicalType::String(), LogicalType::Int32());
  ExpectRows(v, {MapOf(map, {{Str("a"), I32(1)}, {Str("b"), Null(LogicalType::Int32())}}),
                 Null(map), MapOf(map, {}), MapOf(map, {{Str("c"), I32(3)}})});
}

TEST(RecordAssemblerTest, MapWithoutValueIsAListOfKeys) {
  ParquetSchema schema =
      MakeSchema(1, {Logical(Group("m", 1), MapLogical()), Group("key_value", 1, Rep::REPEATED),
                     Leaf("key", T::INT32, Rep::REQUIRED)});
  ASSERT_OK_AND_ASSIGN(Vector v,
                       Assemble(schema, 1, {Batch(Int32s({7, 8}), {2, 2, 0}, {0, 1, 0})}, 2));
  const LogicalType ints = LogicalType::List(LogicalType::Int32());
  ExpectRows(v, {ListOf(ints, {I32(7), I32(8)}), Null(ints)});
}

TEST(RecordAssemblerTest, NestedListOfLists) {
  // optional group outer (LIST) { repeated group list { optional group element (LIST) {
  //   repeated group list { optional int32 element; } } } }
  ParquetSchema schema =
      MakeSchema(1, {Logical(Group("outer", 1), ListLogical()), Group("list", 1, Rep::REPEATED),
                     Logical(Group("element", 1), ListLogical()), Group("list", 1, Rep::REPEATED),
                     Leaf("element", T::INT32, Rep::OPTIONAL)});
  // [[1, 2], [], NULL, [NULL, 3]], NULL, [], [[]]
  ASSERT_OK_AND_ASSIGN(
      Vector v,
      Assemble(schema, 1,
               {Batch(Int32s({1, 2, 3}), {5, 5, 3, 2, 4, 5, 0, 1, 3}, {0, 2, 1, 1, 1, 2, 0, 0, 0})},
               4));
  const LogicalType inner = LogicalType::List(LogicalType::Int32());
  const LogicalType outer = LogicalType::List(inner);
  ExpectRows(v, {ListOf(outer, {ListOf(inner, {I32(1), I32(2)}), ListOf(inner, {}), Null(inner),
                                ListOf(inner, {Null(LogicalType::Int32()), I32(3)})}),
                 Null(outer), ListOf(outer, {}), ListOf(outer, {ListOf(inner, {})})});
}

TEST(RecordAssemblerTest, StructContainingAList) {
  // optional group s { required int32 a; optional group b (LIST) {
  //   repeated group list { required int32 element; } } }
  ParquetSchema schema = MakeSchema(
      1, {Group("s", 2), Leaf("a", T::INT32, Rep::REQUIRED), Logical(Group("b", 1), ListLogical()),
          Group("list", 1, Rep::REPEATED), Leaf("element", T::INT32, Rep::REQUIRED)});
  // {a: 1, b: [1, 2]}, NULL, {a: 2, b: NULL}, {a: 3, b: []}
  std::vector<ColumnBatch> batches;
  batches.push_back(Batch(Int32s({1, 2, 3}), {1, 0, 1, 1}));
  batches.push_back(Batch(Int32s({1, 2}), {3, 3, 0, 1, 2}, {0, 1, 0, 0, 0}));
  ASSERT_OK_AND_ASSIGN(Vector v, Assemble(schema, 1, batches, 4));
  const LogicalType ints = LogicalType::List(LogicalType::Int32());
  const LogicalType s =
      Struct({{"a", LogicalType::Int32(), std::nullopt}, {"b", ints, std::nullopt}});
  ExpectRows(v, {StructOf(s, {I32(1), ListOf(ints, {I32(1), I32(2)})}), Null(s),
                 StructOf(s, {I32(2), Null(ints)}), StructOf(s, {I32(3), ListOf(ints, {})})});
}

TEST(RecordAssemblerTest, ListOfStructsWithNullsInside) {
  // optional group l (LIST) { repeated group list { optional group element {
  //   optional int32 x; optional binary y (STRING); } } }
  ParquetSchema schema =
      MakeSchema(1, {Logical(Group("l", 1), ListLogical()), Group("list", 1, Rep::REPEATED),
                     Group("element", 2), Leaf("x", T::INT32),
                     Logical(Leaf("y", T::BYTE_ARRAY), StringLogical())});
  // [{x: 1, y: "long string over twelve"}, NULL, {x: NULL, y: NULL}], []
  std::vector<ColumnBatch> batches;
  batches.push_back(Batch(Int32s({1}), {4, 2, 3, 1}, {0, 1, 1, 0}));
  batches.push_back(Batch(Bytes({"long string over twelve"}), {4, 2, 3, 1}, {0, 1, 1, 0}));
  ASSERT_OK_AND_ASSIGN(Vector v, Assemble(schema, 1, batches, 2));
  const LogicalType e = Struct(
      {{"x", LogicalType::Int32(), std::nullopt}, {"y", LogicalType::String(), std::nullopt}});
  const LogicalType l = LogicalType::List(e);
  ExpectRows(v,
             {ListOf(l, {StructOf(e, {I32(1), Str("long string over twelve")}), Null(e),
                         StructOf(e, {Null(LogicalType::Int32()), Null(LogicalType::String())})}),
              ListOf(l, {})});
}

TEST(RecordAssemblerTest, RequiredStructOfRequiredColumnsHasNoLevels) {
  ParquetSchema schema =
      MakeSchema(1, {Group("s", 2, Rep::REQUIRED), Leaf("a", T::INT32, Rep::REQUIRED),
                     Leaf("b", T::DOUBLE, Rep::REQUIRED)});
  std::vector<ColumnBatch> batches;
  batches.push_back(Batch(Int32s({1, 2})));
  batches.push_back(Batch(Doubles({0.5, -1.5})));
  ASSERT_OK_AND_ASSIGN(Vector v, Assemble(schema, 1, batches, 2));
  const LogicalType s = Struct(
      {{"a", LogicalType::Int32(), std::nullopt}, {"b", LogicalType::Double(), std::nullopt}});
  ExpectRows(
      v, {StructOf(s, {I32(1), Value::Double(0.5)}), StructOf(s, {I32(2), Value::Double(-1.5)})});
  EXPECT_TRUE(v.validity().AllValid());
  EXPECT_TRUE(v.child(0).validity().AllValid());
}

TEST(RecordAssemblerTest, ReusedAcrossBatchesAndEmptyBatch) {
  ASSERT_OK_AND_ASSIGN(auto assembler, RecordAssembler::Make(NullableIntList(), 1));
  const LogicalType ints = LogicalType::List(LogicalType::Int32());
  ColumnBatch first = Batch(Int32s({1, 2}), {3, 3}, {0, 1});
  ColumnBatch second = Batch(Int32s({3}), {0, 3}, {0, 0});
  std::vector<const ColumnBatch*> b1 = {&first};
  std::vector<const ColumnBatch*> b2 = {&second};
  ASSERT_OK_AND_ASSIGN(Vector v1, assembler->Assemble(b1, 1));
  ASSERT_OK_AND_ASSIGN(Vector v2, assembler->Assemble(b2, 2));
  ExpectRows(v1, {ListOf(ints, {I32(1), I32(2)})});
  ExpectRows(v2, {Null(ints), ListOf(ints, {I32(3)})});
  ColumnBatch empty = Batch(Int32s({}), {}, {});
  std::vector<const ColumnBatch*> b3 = {&empty};
  ASSERT_OK_AND_ASSIGN(Vector v3, assembler->Assemble(b3, 0));
  EXPECT_EQ(v3.capacity(), 0);
}

// ---------------------------------------------------------------------------
// Value conversions
// ---------------------------------------------------------------------------

// Assembles one optional leaf from `values`, with NULL rows where `nulls`
// says, and returns the vector.
Result<Vector> AssembleLeaf(pq::SchemaElement element, DecodedValues values,
                            std::vector<bool> nulls = {}) {
  ParquetSchema schema = MakeSchema(1, {std::move(element)});
  std::vector<int16_t> def;
  if (nulls.empty()) nulls.assign(static_cast<size_t>(values.count), false);
  for (bool null : nulls) def.push_back(null ? 0 : 1);
  const auto records = static_cast<int64_t>(def.size());
  return Assemble(schema, 1, {Batch(std::move(values), std::move(def))}, records);
}

TEST(RecordAssemblerConversionTest, Timestamps) {
  const int64_t ms = 1700000000123;  // 2023-11-14 22:13:20.123
  ASSERT_OK_AND_ASSIGN(
      Vector millis,
      AssembleLeaf(Logical(Leaf("t", T::INT64), TimestampLogical(Unit::kMillis, true)),
                   Int64s({ms, -1, 0}), {false, false, true, false}));
  ExpectRows(millis, {Value::TimestampTz(ms * 1000), Value::TimestampTz(-1000),
                      Null(LogicalType::TimestampTz()), Value::TimestampTz(0)});
  ASSERT_OK_AND_ASSIGN(Vector micros, AssembleLeaf(Logical(Leaf("t", T::INT64),
                                                           TimestampLogical(Unit::kMicros, false)),
                                                   Int64s({ms * 1000 + 456})));
  ExpectRows(micros, {Value::Timestamp(ms * 1000 + 456)});
  ASSERT_OK_AND_ASSIGN(Vector nanos, AssembleLeaf(Logical(Leaf("t", T::INT64),
                                                          TimestampLogical(Unit::kNanos, false)),
                                                  Int64s({ms * 1000000 + 456789})));
  ExpectRows(nanos, {Value::TimestampNs(ms * 1000000 + 456789)});
  ASSERT_OK_AND_ASSIGN(Vector nanos_utc, AssembleLeaf(Logical(Leaf("t", T::INT64),
                                                              TimestampLogical(Unit::kNanos, true)),
                                                      Int64s({-1})));
  ExpectRows(nanos_utc, {Value::TimestampTzNs(-1)});
  ASSERT_OK_AND_ASSIGN(Vector legacy, AssembleLeaf(Converted(Leaf("t", T::INT64),
                                                             pq::ConvertedType::TIMESTAMP_MILLIS),
                                                   Int64s({ms})));
  ExpectRows(legacy, {Value::TimestampTz(ms * 1000)});
  // A millisecond value beyond the microsecond range.
  ASSERT_STATUS(kNotSupported, "value 1 is a millisecond timestamp outside the range",
                AssembleLeaf(Logical(Leaf("t", T::INT64), TimestampLogical(Unit::kMillis, true)),
                             Int64s({0, std::numeric_limits<int64_t>::max() / 999})));
}

TEST(RecordAssemblerConversionTest, Times) {
  ASSERT_OK_AND_ASSIGN(Vector millis,
                       AssembleLeaf(Logical(Leaf("t", T::INT32), TimeLogical(Unit::kMillis, true)),
                                    Int32s({86399999, 0})));
  ExpectRows(millis, {Value::Time(int64_t{86399999} * 1000), Value::Time(0)});
  ASSERT_OK_AND_ASSIGN(Vector micros,
                       AssembleLeaf(Logical(Leaf("t", T::INT64), TimeLogical(Unit::kMicros, true)),
                                    Int64s({43200000001})));
  ExpectRows(micros, {Value::Time(43200000001)});
  ASSERT_OK_AND_ASSIGN(Vector nanos,
                       AssembleLeaf(Logical(Leaf("t", T::INT64), TimeLogical(Unit::kNanos, false)),
                                    Int64s({43200000001999, 999})));
  ExpectRows(nanos, {Value::Time(43200000001), Value::Time(0)});
  ASSERT_OK_AND_ASSIGN(
      Vector date, AssembleLeaf(Logical(Leaf("d", T::INT32), DateLogical()), Int32s({19000, -1})));
  ExpectRows(date, {Value::Date(19000), Value::Date(-1)});
}

// 12 bytes: nanoseconds of the day, then the Julian day, little-endian.
std::vector<uint8_t> Int96(int64_t nanos, uint32_t julian_day) {
  std::vector<uint8_t> out(12);
  std::memcpy(out.data(), &nanos, 8);
  std::memcpy(out.data() + 8, &julian_day, 4);
  return out;
}
DecodedValues Int96s(const std::vector<std::vector<uint8_t>>& values) {
  DecodedValues out;
  out.physical_type = PhysicalType::kInt96;
  out.width = 12;
  out.count = static_cast<int64_t>(values.size());
  for (const auto& v : values) out.fixed.insert(out.fixed.end(), v.begin(), v.end());
  return out;
}

TEST(RecordAssemblerConversionTest, Int96) {
  // 2000-01-01 is Julian day 2451545, 10957 days after 1970-01-01.
  const int64_t y2k = int64_t{10957} * 86400 * 1000000;
  ASSERT_OK_AND_ASSIGN(
      Vector v,
      AssembleLeaf(Leaf("t", T::INT96),
                   Int96s({Int96(0, 2451545), Int96(int64_t{3723} * 1000000000 + 456789, 2451545),
                           Int96(0, 2440588), Int96(0, 2440587)})));
  ExpectRows(v, {Value::Timestamp(y2k), Value::Timestamp(y2k + int64_t{3723} * 1000000 + 456),
                 Value::Timestamp(0), Value::Timestamp(-int64_t{86400} * 1000000)});
  // The Julian day is signed: 0xFFFFFFFF is day -1 (4714 BC), not 11.7 million years ahead.
  ASSERT_OK_AND_ASSIGN(Vector negative,
                       AssembleLeaf(Leaf("t", T::INT96), Int96s({Int96(0, 0xFFFFFFFFU)})));
  ExpectRows(negative, {Value::Timestamp(-int64_t{2440589} * 86400 * 1000000)});
  // Spark wraps a year-290000 timestamp into a negative day and negative
  // nanos; wrapping the other way restores it (int96_from_spark.parquet).
  ASSERT_OK_AND_ASSIGN(
      Vector spark,
      AssembleLeaf(Leaf("t", T::INT96),
                   Int96s({Int96(-32509551616000, static_cast<uint32_t>(-105862232))})));
  ExpectRows(spark, {Value::Timestamp(9089380393200000000)});
}

TEST(RecordAssemblerConversionTest, Integers) {
  ASSERT_OK_AND_ASSIGN(Vector i8, AssembleLeaf(Logical(Leaf("x", T::INT32), IntLogical(8, true)),
                                               Int32s({-128, 127, -5})));
  ExpectRows(i8, {Value::Int8(-128), Value::Int8(127), Value::Int8(-5)});
  ASSERT_OK_AND_ASSIGN(Vector i16, AssembleLeaf(Logical(Leaf("x", T::INT32), IntLogical(16, true)),
                                                Int32s({-32768, 32767})));
  ExpectRows(i16, {Value::Int16(-32768), Value::Int16(32767)});
  ASSERT_OK_AND_ASSIGN(Vector u8, AssembleLeaf(Logical(Leaf("x", T::INT32), IntLogical(8, false)),
                                               Int32s({255, 0})));
  ExpectRows(u8, {Value::Int16(255), Value::Int16(0)});
  ASSERT_OK_AND_ASSIGN(
      Vector u16,
      AssembleLeaf(Converted(Leaf("x", T::INT32), pq::ConvertedType::UINT_16), Int32s({65535})));
  ExpectRows(u16, {Value::Int32(65535)});
  // UINT32 values above INT32_MAX arrive as negative int32s.
  ASSERT_OK_AND_ASSIGN(Vector u32,
                       AssembleLeaf(Logical(Leaf("x", T::INT32), IntLogical(32, false)),
                                    Int32s({-1, std::numeric_limits<int32_t>::min(), 7})));
  ExpectRows(u32, {I64(4294967295), I64(2147483648), I64(7)});
  ASSERT_OK_AND_ASSIGN(Vector u64, AssembleLeaf(Logical(Leaf("x", T::INT64), IntLogical(64, false)),
                                                Int64s({-1, 42})));
  ExpectRows(u64,
             {Dec128(int128_t{std::numeric_limits<uint64_t>::max()}, 20, 0), Dec128(42, 20, 0)});
  ASSERT_OK_AND_ASSIGN(Vector b, AssembleLeaf(Leaf("b", T::BOOLEAN), Booleans({1, 0, 1}),
                                              {false, true, false, false}));
  ExpectRows(b, {Value::Boolean(true), Null(LogicalType::Boolean()), Value::Boolean(false),
                 Value::Boolean(true)});
  ASSERT_OK_AND_ASSIGN(Vector f, AssembleLeaf(Leaf("f", T::FLOAT), Floats({1.5f, -0.0f})));
  ExpectRows(f, {Value::Float(1.5f), Value::Float(-0.0f)});
}

// Big-endian two's complement of `v` in `length` bytes (sign-extended).
std::string BigEndian(int128_t v, size_t length) {
  std::string out(length, '\0');
  auto u = static_cast<uint128_t>(v);
  for (size_t i = 0; i < length; ++i) {
    const size_t shift = 8 * i;
    out[length - 1 - i] =
        static_cast<char>(shift < 128 ? static_cast<uint8_t>(u >> shift) : (v < 0 ? 0xFF : 0x00));
  }
  return out;
}

TEST(RecordAssemblerConversionTest, DecimalsFromEveryPhysicalType) {
  ASSERT_OK_AND_ASSIGN(Vector d32, AssembleLeaf(Logical(Leaf("d", T::INT32), DecimalLogical(9, 2)),
                                                Int32s({-12345, 999999999})));
  ExpectRows(d32, {Dec128(-12345, 9, 2), Dec128(999999999, 9, 2)});
  ASSERT_OK_AND_ASSIGN(Vector d64, AssembleLeaf(ConvertedDecimal(Leaf("d", T::INT64), 18, 4),
                                                Int64s({-999999999999999999, 1})));
  ExpectRows(d64, {Dec128(-999999999999999999, 18, 4), Dec128(1, 18, 4)});
  // INT64 with a precision above 18 (not allowed by the spec, still read).
  ASSERT_OK_AND_ASSIGN(Vector d64_wide,
                       AssembleLeaf(Logical(Leaf("d", T::INT64), DecimalLogical(20, 0)),
                                    Int64s({std::numeric_limits<int64_t>::min()})));
  ExpectRows(d64_wide, {Dec128(std::numeric_limits<int64_t>::min(), 20, 0)});

  // 38 digits in FIXED_LEN_BYTE_ARRAY(16).
  const int128_t max38 = Pow10Int128(38) - 1;
  ASSERT_OK_AND_ASSIGN(Vector flba, AssembleLeaf(Logical(FixedLen("d", 16), DecimalLogical(38, 10)),
                                                 Flba({BigEndian(max38, 16), BigEndian(-max38, 16),
                                                       BigEndian(-1, 16), BigEndian(0, 16)})));
  ExpectRows(
      flba, {Dec128(max38, 38, 10), Dec128(-max38, 38, 10), Dec128(-1, 38, 10), Dec128(0, 38, 10)});
  // A short FIXED into int64 storage.
  ASSERT_OK_AND_ASSIGN(Vector flba5,
                       AssembleLeaf(ConvertedDecimal(FixedLen("d", 5), 11, 3),
                                    Flba({BigEndian(-54975581388, 5), BigEndian(12345, 5)})));
  ExpectRows(flba5, {Dec128(-54975581388, 11, 3), Dec128(12345, 11, 3)});

  // BYTE_ARRAY: minimal lengths, an empty value (0), and more than 16 bytes
  // whose extra bytes only extend the sign.
  ASSERT_OK_AND_ASSIGN(
      Vector bytes,
      AssembleLeaf(Logical(Leaf("d", T::BYTE_ARRAY), DecimalLogical(30, 5)),
                   Bytes({BigEndian(-1, 1), BigEndian(127, 1), BigEndian(-129, 2), "",
                          BigEndian(-Pow10Int128(29), 20), BigEndian(Pow10Int128(29), 24)})));
  ExpectRows(bytes, {Dec128(-1, 30, 5), Dec128(127, 30, 5), Dec128(-129, 30, 5), Dec128(0, 30, 5),
                     Dec128(-Pow10Int128(29), 30, 5), Dec128(Pow10Int128(29), 30, 5)});
  // int64 storage from bytes.
  ASSERT_OK_AND_ASSIGN(Vector small,
                       AssembleLeaf(Logical(Leaf("d", T::BYTE_ARRAY), DecimalLogical(4, 2)),
                                    Bytes({BigEndian(-1234, 2), BigEndian(1234, 9)})));
  ExpectRows(small, {Dec128(-1234, 4, 2), Dec128(1234, 4, 2)});

  // Genuinely too large: 17 bytes that are more than a sign extension.
  std::string too_big = BigEndian(1, 16);
  too_big.insert(too_big.begin(), '\x01');
  ASSERT_STATUS(kCorruption, "value 1 is a decimal too large for its precision",
                AssembleLeaf(Logical(Leaf("d", T::BYTE_ARRAY), DecimalLogical(38, 0)),
                             Bytes({BigEndian(1, 1), too_big})));
  // Fits int128 but not the int64 storage of decimal(10, 0).
  ASSERT_STATUS(kCorruption, "value 0 is a decimal too large",
                AssembleLeaf(Logical(Leaf("d", T::BYTE_ARRAY), DecimalLogical(10, 0)),
                             Bytes({BigEndian(Pow10Int128(20), 9)})));
}

std::string Half(uint16_t bits) { return std::string(reinterpret_cast<const char*>(&bits), 2); }

TEST(RecordAssemblerConversionTest, Float16) {
  ASSERT_OK_AND_ASSIGN(Vector v,
                       AssembleLeaf(Logical(FixedLen("h", 2), Float16Logical()),
                                    Flba({Half(0x3C00), Half(0xC000), Half(0x0001), Half(0x03FF),
                                          Half(0x0400), Half(0x7BFF), Half(0x7C00), Half(0xFC00),
                                          Half(0x8000), Half(0x3555), Half(0x7E00)})));
  const std::vector<float> expected = {1.0f,
                                       -2.0f,
                                       std::ldexp(1.0f, -24),         // smallest subnormal
                                       1023 * std::ldexp(1.0f, -24),  // largest subnormal
                                       std::ldexp(1.0f, -14),         // smallest normal
                                       65504.0f,                      // largest finite
                                       std::numeric_limits<float>::infinity(),
                                       -std::numeric_limits<float>::infinity(),
                                       -0.0f,
                                       0.333251953125f};
  for (size_t i = 0; i < expected.size(); ++i) {
    const float got = v.GetValue(static_cast<int64_t>(i)).GetFloat();
    EXPECT_EQ(got, expected[i]) << i;
    EXPECT_EQ(std::signbit(got), std::signbit(expected[i])) << i;
  }
  EXPECT_TRUE(std::isnan(v.GetValue(10).GetFloat()));
}

TEST(RecordAssemblerConversionTest, StringsBinaryFixedAndUuid) {
  const std::string long_value(100, 'x');
  ASSERT_OK_AND_ASSIGN(Vector s,
                       AssembleLeaf(Logical(Leaf("s", T::BYTE_ARRAY), StringLogical()),
                                    Bytes({"", "short", long_value}), {false, true, false, false}));
  ExpectRows(s, {Str(""), Null(LogicalType::String()), Str("short"), Str(long_value)});
  // Not UTF-8: read as is, like DuckDB and Arrow.
  ASSERT_OK_AND_ASSIGN(
      Vector bad_utf8,
      AssembleLeaf(Logical(Leaf("s", T::BYTE_ARRAY), StringLogical()), Bytes({"\xff\xfe"})));
  EXPECT_EQ(bad_utf8.GetString(0), "\xff\xfe");
  ASSERT_OK_AND_ASSIGN(Vector bin,
                       AssembleLeaf(Leaf("b", T::BYTE_ARRAY), Bytes({std::string("\0\1", 2)})));
  ExpectRows(bin, {Value::Binary(std::string("\0\1", 2))});
  ASSERT_OK_AND_ASSIGN(Vector fixed,
                       AssembleLeaf(FixedLen("f", 3), Flba({"abc", "xyz"}), {false, true, false}));
  ExpectRows(fixed, {Value::Fixed("abc").value(), Null(Fixed(3)), Value::Fixed("xyz").value()});
  const std::string uuid("\x00\x11\x22\x33\x44\x55\x66\x77\x88\x99\xaa\xbb\xcc\xdd\xee\xff", 16);
  ASSERT_OK_AND_ASSIGN(Vector u,
                       AssembleLeaf(Logical(FixedLen("u", 16), UuidLogical()), Flba({uuid})));
  ExpectRows(u, {Value::Uuid(uuid).value()});
  ASSERT_STATUS(
      kCorruption, "value 1 is 2 bytes long, not 3",
      AssembleLeaf(FixedLen("f", 3), Bytes({"abc", "ab"}, PhysicalType::kFixedLenByteArray)));
}

// ---------------------------------------------------------------------------
// Dictionaries
// ---------------------------------------------------------------------------

ColumnBatch DictionaryBatch(std::shared_ptr<const DecodedValues> dictionary,
                            std::vector<uint32_t> indices, std::vector<int16_t> def,
                            std::vector<int16_t> rep = {}) {
  ColumnBatch b = Batch(DecodedValues{}, std::move(def), std::move(rep));
  b.values.physical_type = dictionary->physical_type;
  b.dictionary = std::move(dictionary);
  b.indices = std::move(indices);
  return b;
}

TEST(RecordAssemblerDictionaryTest, KeepsDictionaryForFlatColumns) {
  ParquetSchema schema = MakeSchema(1, {Logical(Leaf("s", T::BYTE_ARRAY), StringLogical())});
  auto dictionary =
      std::make_shared<const DecodedValues>(Bytes({"apple", "a much longer banana value"}));
  ASSERT_OK_AND_ASSIGN(auto assembler,
                       RecordAssembler::Make(schema, 1, RecordAssemblerOptions{true}));
  ColumnBatch b1 = DictionaryBatch(dictionary, {1, 0, 1}, {1, 0, 1, 1});
  ColumnBatch b2 = DictionaryBatch(dictionary, {0}, {0, 1});
  std::vector<const ColumnBatch*> p1 = {&b1};
  std::vector<const ColumnBatch*> p2 = {&b2};
  ASSERT_OK_AND_ASSIGN(Vector v1, assembler->Assemble(p1, 4));
  ASSERT_OK_AND_ASSIGN(Vector v2, assembler->Assemble(p2, 2));
  ASSERT_EQ(v1.kind(), VectorKind::kDictionary);
  ASSERT_EQ(v2.kind(), VectorKind::kDictionary);
  ExpectRows(v1, {Str("a much longer banana value"), Null(LogicalType::String()), Str("apple"),
                  Str("a much longer banana value")});
  ExpectRows(v2, {Null(LogicalType::String()), Str("apple")});
  // The converted dictionary: both values and a NULL entry, shared by both batches.
  EXPECT_EQ(v1.dictionary().capacity(), 3);
  EXPECT_TRUE(v1.dictionary().IsNull(2));
  EXPECT_EQ(v1.indices()[1], 2u);
  EXPECT_EQ(&v1.dictionary(), &v2.dictionary());

  // A new dictionary (a new chunk) is converted anew.
  auto other = std::make_shared<const DecodedValues>(Bytes({"cherry"}));
  ColumnBatch b3 = DictionaryBatch(other, {0}, {1});
  std::vector<const ColumnBatch*> p3 = {&b3};
  ASSERT_OK_AND_ASSIGN(Vector v3, assembler->Assemble(p3, 1));
  ExpectRows(v3, {Str("cherry")});
  EXPECT_NE(&v3.dictionary(), &v1.dictionary());

  // Without keep_dictionary the same batch materialises.
  ASSERT_OK_AND_ASSIGN(Vector flat, Assemble(schema, 1, {b1}, 4));
  EXPECT_EQ(flat.kind(), VectorKind::kFlat);
  ExpectRows(flat, {Str("a much longer banana value"), Null(LogicalType::String()), Str("apple"),
                    Str("a much longer banana value")});
}

TEST(RecordAssemblerDictionaryTest, ConvertsDictionaryValues) {
  // Millisecond timestamps in a dictionary are converted once.
  ParquetSchema schema =
      MakeSchema(1, {Logical(Leaf("t", T::INT64), TimestampLogical(Unit::kMillis, false))});
  auto dictionary = std::make_shared<const DecodedValues>(Int64s({5, 7}));
  ColumnBatch b = DictionaryBatch(dictionary, {1, 1, 0}, {1, 1, 0, 1});
  for (bool keep : {true, false}) {
    ASSERT_OK_AND_ASSIGN(Vector v, Assemble(schema, 1, {b}, 4, RecordAssemblerOptions{keep}));
    EXPECT_EQ(v.kind(), keep ? VectorKind::kDictionary : VectorKind::kFlat);
    ExpectRows(v, {Value::Timestamp(7000), Value::Timestamp(7000), Null(LogicalType::Timestamp()),
                   Value::Timestamp(5000)});
  }
}

TEST(RecordAssemblerDictionaryTest, NestedColumnsMaterialise) {
  auto dictionary = std::make_shared<const DecodedValues>(Int32s({10, 20, 30}));
  ColumnBatch b = DictionaryBatch(dictionary, {2, 0, 0}, {3, 2, 3, 0, 3}, {0, 1, 1, 0, 0});
  ASSERT_OK_AND_ASSIGN(Vector v,
                       Assemble(NullableIntList(), 1, {b}, 3, RecordAssemblerOptions{true}));
  EXPECT_EQ(v.kind(), VectorKind::kFlat);
  const LogicalType ints = LogicalType::List(LogicalType::Int32());
  ExpectRows(v, {ListOf(ints, {I32(30), Null(LogicalType::Int32()), I32(10)}), Null(ints),
                 ListOf(ints, {I32(10)})});
}

TEST(RecordAssemblerDictionaryTest, IndexOutOfRange) {
  ParquetSchema schema = MakeSchema(1, {Leaf("x", T::INT32)});
  auto dictionary = std::make_shared<const DecodedValues>(Int32s({10, 20}));
  ColumnBatch b = DictionaryBatch(dictionary, {0, 2}, {1, 1});
  for (bool keep : {true, false}) {
    ASSERT_STATUS(kCorruption, "dictionary index 2 of value 1 is outside a dictionary of 2",
                  Assemble(schema, 1, {b}, 2, RecordAssemblerOptions{keep}));
  }
}

// ---------------------------------------------------------------------------
// Hostile input
// ---------------------------------------------------------------------------

TEST(RecordAssemblerHostileTest, LevelsOutOfRange) {
  ASSERT_STATUS(kCorruption, "column 'l.list.element': definition level 4 at entry 1",
                Assemble(NullableIntList(), 1, {Batch(Int32s({1}), {3, 4}, {0, 0})}, 2));
  ASSERT_STATUS(kCorruption, "definition level -1 at entry 0",
                Assemble(NullableIntList(), 1, {Batch(Int32s({}), {-1}, {0})}, 1));
  ASSERT_STATUS(kCorruption, "repetition level 2 at entry 1 is outside [0, 1]",
                Assemble(NullableIntList(), 1, {Batch(Int32s({1, 2}), {3, 3}, {0, 2})}, 1));
  ASSERT_STATUS(kCorruption, "repetition level -3",
                Assemble(NullableIntList(), 1, {Batch(Int32s({1, 2}), {3, 3}, {0, -3})}, 1));
}

TEST(RecordAssemblerHostileTest, RecordsMustStartAtRepetitionLevelZero) {
  ColumnBatch b = Batch(Int32s({1, 2}), {3, 3}, {1, 0});
  b.num_records = 1;
  ASSERT_STATUS(kCorruption, "the first entry has repetition level 1",
                Assemble(NullableIntList(), 1, {b}, 1));
}

TEST(RecordAssemblerHostileTest, RepeatingAListWithoutElements) {
  // Entry 1 adds an element to a list whose first entry was NULL / empty.
  ASSERT_STATUS(kCorruption, "entry 1 repeats level 1",
                Assemble(NullableIntList(), 1, {Batch(Int32s({1}), {0, 3}, {0, 1})}, 1));
  ASSERT_STATUS(kCorruption, "entry 1 repeats level 1",
                Assemble(NullableIntList(), 1, {Batch(Int32s({1}), {1, 3}, {0, 1})}, 1));
  ASSERT_STATUS(kCorruption, "entry 1 repeats level 1",
                Assemble(NullableIntList(), 1, {Batch(Int32s({1}), {3, 1}, {0, 1})}, 1));
}

TEST(RecordAssemblerHostileTest, ValueCountsMustMatchDefinedEntries) {
  ASSERT_STATUS(kCorruption, "3 entries are defined but the batch holds 2 values",
                Assemble(NullableIntList(), 1, {Batch(Int32s({1, 2}), {3, 3, 3}, {0, 1, 1})}, 1));
  ASSERT_STATUS(kCorruption, "1 entries are defined but the batch holds 2 values",
                Assemble(NullableIntList(), 1, {Batch(Int32s({1, 2}), {3, 2}, {0, 1})}, 1));
  // A claimed count beyond the bytes present.
  ColumnBatch short_buffer = Batch(Int32s({1, 2}), {3, 3}, {0, 1});
  short_buffer.values.fixed.resize(5);
  ASSERT_STATUS(kCorruption, "2 values of 4 bytes but only 5 bytes",
                Assemble(NullableIntList(), 1, {short_buffer}, 1));
  ColumnBatch few_refs = Batch(Bytes({"a", "b"}), {1, 1});
  few_refs.values.binary.pop_back();
  ASSERT_STATUS(kCorruption, "2 values but only 1 byte arrays",
                Assemble(MakeSchema(1, {Leaf("b", T::BYTE_ARRAY)}), 1, {few_refs}, 2));
}

TEST(RecordAssemblerHostileTest, CountsAndShapes) {
  ParquetSchema flat = MakeSchema(1, {Leaf("x", T::INT32)});
  ASSERT_STATUS(kCorruption, "the batch holds 2 records, not 3",
                Assemble(flat, 1, {Batch(Int32s({1, 2}), {1, 1})}, 3));
  ColumnBatch mismatch = Batch(Int32s({1, 2}), {1, 1});
  mismatch.num_levels = 3;
  mismatch.num_records = 3;
  ASSERT_STATUS(kCorruption, "2 definition levels for 3 entries", Assemble(flat, 1, {mismatch}, 3));
  ColumnBatch no_rep = Batch(Int32s({1}), {3});
  ASSERT_STATUS(kCorruption, "0 repetition levels for 1 entries",
                Assemble(NullableIntList(), 1, {no_rep}, 1));
  ColumnBatch records = Batch(Int32s({1, 2}), {3, 3}, {0, 0});
  records.num_records = 1;
  ASSERT_STATUS(kCorruption, "2 records start at repetition level 0, not 1",
                Assemble(NullableIntList(), 1, {records}, 1));
  ColumnBatch required = Batch(Int32s({1, 2}));
  required.num_records = 1;
  ASSERT_STATUS(kCorruption, "2 entries for 1 records",
                Assemble(MakeSchema(1, {Leaf("r", T::INT32, Rep::REQUIRED)}), 1, {required}, 1));
  // Wrong physical type: a reader bug.
  ASSERT_STATUS(kInternal, "values are INT64, not INT32",
                Assemble(flat, 1, {Batch(Int64s({1}), {1})}, 1));
  // Wrong number of batches, a missing batch.
  ASSERT_OK_AND_ASSIGN(auto assembler, RecordAssembler::Make(flat, 1));
  ASSERT_STATUS(kInvalidArgument, "0 batches for 1 leaf columns", assembler->Assemble({}, 0));
  std::vector<const ColumnBatch*> null_batch = {nullptr};
  ASSERT_STATUS(kInvalidArgument, "no batch", assembler->Assemble(null_batch, 0));
  ColumnBatch ok = Batch(Int32s({1}), {1});
  std::vector<const ColumnBatch*> one = {&ok};
  ASSERT_STATUS(kInvalidArgument, "cannot assemble -1 records", assembler->Assemble(one, -1));
}

TEST(RecordAssemblerHostileTest, LeavesThatDisagree) {
  // Struct children with different numbers of entries.
  ParquetSchema schema = MakeSchema(
      1, {Group("s", 2), Leaf("a", T::INT32, Rep::REQUIRED), Logical(Group("b", 1), ListLogical()),
          Group("list", 1, Rep::REPEATED), Leaf("element", T::INT32, Rep::REQUIRED)});
  {
    // b says 2 records but a has 3 entries (each batch consistent on its own
    // is caught by the record count).
    std::vector<ColumnBatch> batches;
    batches.push_back(Batch(Int32s({1, 2, 3}), {1, 1, 1}));
    batches.push_back(Batch(Int32s({1}), {3, 1}, {0, 0}));
    ASSERT_STATUS(kCorruption, "the batch holds 2 records, not 3", Assemble(schema, 1, batches, 3));
  }
  {
    // Same record count, but b has a list where the struct is NULL: the
    // list's slots are counted from b's levels, so the shapes still agree
    // and nothing is read out of bounds; the struct row stays NULL.
    std::vector<ColumnBatch> batches;
    batches.push_back(Batch(Int32s({1}), {1, 0}));
    batches.push_back(Batch(Int32s({5}), {1, 3}, {0, 0}));
    ASSERT_OK_AND_ASSIGN(Vector v, Assemble(schema, 1, batches, 2));
    EXPECT_TRUE(v.IsNull(1));
  }
  // Map entries whose key and value columns disagree on the number of entries.
  ParquetSchema map =
      MakeSchema(1, {Logical(Group("m", 1), MapLogical()), Group("key_value", 2, Rep::REPEATED),
                     Leaf("key", T::INT32, Rep::REQUIRED), Leaf("value", T::INT32, Rep::OPTIONAL)});
  std::vector<ColumnBatch> batches;
  batches.push_back(Batch(Int32s({1, 2}), {2, 2}, {0, 1}));
  batches.push_back(Batch(Int32s({1}), {3}, {0}));
  ASSERT_STATUS(kCorruption, "column 'm.key_value.value': its levels hold 1 values where 2 were",
                Assemble(map, 1, batches, 1));
}

TEST(RecordAssemblerHostileTest, NullMapKey) {
  // Hive declares keys optional; a NULL key in the data is refused.
  ParquetSchema schema =
      MakeSchema(1, {Logical(Group("m", 1), MapLogical()), Group("key_value", 2, Rep::REPEATED),
                     Logical(Leaf("key", T::BYTE_ARRAY), StringLogical()),
                     Logical(Leaf("value", T::BYTE_ARRAY), StringLogical())});
  std::vector<ColumnBatch> ok;
  ok.push_back(Batch(Bytes({"k"}), {3}, {0}));
  ok.push_back(Batch(Bytes({"v"}), {3}, {0}));
  ASSERT_OK(Assemble(schema, 1, ok, 1));
  std::vector<ColumnBatch> bad;
  bad.push_back(Batch(Bytes({"k"}), {3, 2}, {0, 1}));
  bad.push_back(Batch(Bytes({"v", "w"}), {3, 3}, {0, 1}));
  ASSERT_STATUS(kCorruption, "map entry 1 has a NULL key", Assemble(schema, 1, bad, 1));
}

// Valid batches with one random change each - a level, an entry removed or
// repeated, a value too many or too few, a record count - assemble or fail
// with Corruption; never anything else, never out of bounds (run under ASan).
TEST(RecordAssemblerHostileTest, RandomMutationsNeverCrash) {
  struct Case {
    ParquetSchema schema;
    int32_t node;
    std::vector<ColumnBatch> batches;
  };
  std::vector<Case> cases;
  {
    ParquetSchema schema =
        MakeSchema(1, {Group("Name", 2, Rep::REPEATED), Group("Language", 2, Rep::REPEATED),
                       Logical(Leaf("Code", T::BYTE_ARRAY, Rep::REQUIRED), StringLogical()),
                       Logical(Leaf("Country", T::BYTE_ARRAY, Rep::OPTIONAL), StringLogical()),
                       Logical(Leaf("Url", T::BYTE_ARRAY, Rep::OPTIONAL), StringLogical())});
    std::vector<ColumnBatch> b;
    b.push_back(Batch(Bytes({"en-us", "en", "en-gb"}), {2, 2, 1, 2, 1}, {0, 2, 1, 1, 0}));
    b.push_back(Batch(Bytes({"us", "gb"}), {3, 2, 1, 3, 1}, {0, 2, 1, 1, 0}));
    b.push_back(Batch(Bytes({"http://A", "http://B", "http://C"}), {2, 2, 1, 2}, {0, 1, 1, 0}));
    cases.push_back({std::move(schema), 1, std::move(b)});
  }
  {
    ParquetSchema schema =
        MakeSchema(1, {Logical(Group("m", 1), MapLogical()), Group("key_value", 2, Rep::REPEATED),
                       Logical(Leaf("key", T::BYTE_ARRAY), StringLogical()),
                       Leaf("value", T::INT32, Rep::OPTIONAL)});
    std::vector<ColumnBatch> b;
    b.push_back(Batch(Bytes({"a", "b", "c"}), {3, 3, 0, 1, 3}, {0, 1, 0, 0, 0}));
    b.push_back(Batch(Int32s({1, 3}), {3, 2, 0, 1, 3}, {0, 1, 0, 0, 0}));
    cases.push_back({std::move(schema), 1, std::move(b)});
  }
  {
    ParquetSchema schema =
        MakeSchema(1, {Logical(Group("outer", 1), ListLogical()), Group("list", 1, Rep::REPEATED),
                       Logical(Group("element", 1), ListLogical()), Group("list", 1, Rep::REPEATED),
                       Leaf("element", T::INT64)});
    std::vector<ColumnBatch> b;
    b.push_back(Batch(Int64s({1, 2, 3}), {5, 5, 3, 2, 4, 5, 0, 1, 3}, {0, 2, 1, 1, 1, 2, 0, 0, 0}));
    cases.push_back({std::move(schema), 1, std::move(b)});
  }
  {
    ParquetSchema schema =
        MakeSchema(1, {Group("s", 2), Leaf("a", T::INT32, Rep::REQUIRED),
                       Logical(Group("b", 1), ListLogical()), Group("list", 1, Rep::REPEATED),
                       Leaf("element", T::INT32, Rep::REQUIRED)});
    std::vector<ColumnBatch> b;
    b.push_back(Batch(Int32s({1, 2, 3}), {1, 0, 1, 1}));
    b.push_back(Batch(Int32s({1, 2}), {3, 3, 0, 1, 2}, {0, 1, 0, 0, 0}));
    cases.push_back({std::move(schema), 1, std::move(b)});
  }
  std::mt19937 rng(20261125);
  auto pick = [&rng](int64_t lo, int64_t hi) {
    return std::uniform_int_distribution<int64_t>(lo, hi)(rng);
  };
  int ok = 0;
  int corrupt = 0;
  for (const Case& c : cases) {
    ASSERT_OK_AND_ASSIGN(auto assembler, RecordAssembler::Make(c.schema, c.node));
    ASSERT_OK_AND_ASSIGN(Vector original, assembler->Assemble(
                                              [&] {
                                                std::vector<const ColumnBatch*> p;
                                                for (const ColumnBatch& b : c.batches)
                                                  p.push_back(&b);
                                                return p;
                                              }(),
                                              c.batches[0].num_records));
    for (int iteration = 0; iteration < 3000; ++iteration) {
      std::vector<ColumnBatch> batches = c.batches;
      const auto leaf = static_cast<size_t>(pick(0, static_cast<int64_t>(batches.size()) - 1));
      ColumnBatch& b = batches[leaf];
      const ColumnDescriptor& column = c.schema.column(assembler->leaf_columns()[leaf]);
      const auto n = static_cast<size_t>(b.num_levels);
      const auto i = static_cast<size_t>(pick(0, static_cast<int64_t>(n) - 1));
      switch (pick(0, 6)) {
        case 0:
          b.def_levels[i] = static_cast<int16_t>(pick(-1, column.max_definition_level + 1));
          break;
        case 1:
          if (!b.rep_levels.empty()) {
            b.rep_levels[i] = static_cast<int16_t>(pick(-1, column.max_repetition_level + 1));
          }
          break;
        case 2:
          b.def_levels.erase(b.def_levels.begin() + static_cast<ptrdiff_t>(i));
          if (!b.rep_levels.empty())
            b.rep_levels.erase(b.rep_levels.begin() + static_cast<ptrdiff_t>(i));
          --b.num_levels;
          break;
        case 3:
          b.def_levels.insert(b.def_levels.begin() + static_cast<ptrdiff_t>(i), b.def_levels[i]);
          if (!b.rep_levels.empty()) {
            b.rep_levels.insert(b.rep_levels.begin() + static_cast<ptrdiff_t>(i), b.rep_levels[i]);
          }
          ++b.num_levels;
          break;
        case 4:
          if (b.values.count > 0) --b.values.count;
          break;
        case 5:
          if (!b.values.binary.empty()) b.values.binary.push_back(b.values.binary[0]);
          if (!b.values.fixed.empty()) {
            b.values.fixed.insert(b.values.fixed.end(), b.values.fixed.begin(),
                                  b.values.fixed.begin() + b.values.width);
          }
          ++b.values.count;
          break;
        case 6:
          b.num_records += pick(0, 1) == 0 ? -1 : 1;
          break;
      }
      std::vector<const ColumnBatch*> pointers;
      for (const ColumnBatch& batch : batches) pointers.push_back(&batch);
      for (int64_t records : {c.batches[0].num_records, b.num_records}) {
        Result<Vector> v = assembler->Assemble(pointers, records);
        if (v.has_value()) {
          ++ok;
          for (int64_t r = 0; r < records; ++r) v->GetValue(r).ToString();
        } else {
          ++corrupt;
          ASSERT_TRUE(v.error().IsCorruption()) << v.error().ToString();
        }
      }
    }
  }
  EXPECT_GT(ok, 1000);
  EXPECT_GT(corrupt, 1000);
}

}  // namespace
}  // namespace floe::parquet
