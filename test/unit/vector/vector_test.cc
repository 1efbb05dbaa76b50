#include "vector/vector.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "util/test_macros.h"

namespace floe {
namespace {

// Writes `values` into a fresh vector, reads them back and compares.
void ExpectRoundTrip(const LogicalType& type, const std::vector<Value>& values) {
  ASSERT_OK_AND_ASSIGN(Vector vector, Vector::Make(type, static_cast<int64_t>(values.size())));
  for (size_t i = 0; i < values.size(); ++i) ASSERT_OK(vector.SetValue(i, values[i]));
  for (size_t i = 0; i < values.size(); ++i) {
    EXPECT_EQ(vector.GetValue(i), values[i]) << type.ToString() << " row " << i;
    EXPECT_EQ(vector.IsNull(i), values[i].is_null()) << type.ToString() << " row " << i;
  }
}

TEST(VectorTest, PrimitiveRoundTripWithNulls) {
  auto null = [](const LogicalType& t) { return Value::Null(t); };
  ExpectRoundTrip(LogicalType::Boolean(),
                  {Value::Boolean(true), null(LogicalType::Boolean()), Value::Boolean(false)});
  ExpectRoundTrip(LogicalType::Int8(),
                  {Value::Int8(-128), null(LogicalType::Int8()), Value::Int8(127)});
  ExpectRoundTrip(LogicalType::Int16(),
                  {Value::Int16(-32768), Value::Int16(32767), null(LogicalType::Int16())});
  ExpectRoundTrip(LogicalType::Int32(),
                  {null(LogicalType::Int32()), Value::Int32(INT32_MIN), Value::Int32(INT32_MAX)});
  ExpectRoundTrip(LogicalType::Int64(),
                  {Value::Int64(INT64_MIN), null(LogicalType::Int64()), Value::Int64(INT64_MAX)});
  ExpectRoundTrip(LogicalType::Float(), {Value::Float(-1.25f), null(LogicalType::Float())});
  ExpectRoundTrip(LogicalType::Double(), {Value::Double(1e300), null(LogicalType::Double())});
  ExpectRoundTrip(LogicalType::Date(), {Value::Date(-719162), null(LogicalType::Date())});
  ExpectRoundTrip(LogicalType::Time(), {Value::Time(86399999999), null(LogicalType::Time())});
  ExpectRoundTrip(LogicalType::Timestamp(), {Value::Timestamp(-1), null(LogicalType::Timestamp())});
  ExpectRoundTrip(LogicalType::TimestampTz(),
                  {null(LogicalType::TimestampTz()), Value::TimestampTz(1705322096123456)});
  ExpectRoundTrip(LogicalType::TimestampNs(),
                  {Value::TimestampNs(INT64_MAX), null(LogicalType::TimestampNs())});
  ExpectRoundTrip(LogicalType::TimestampTzNs(),
                  {Value::TimestampTzNs(INT64_MIN), null(LogicalType::TimestampTzNs())});
  ExpectRoundTrip(LogicalType::String(),
                  {Value::String(""), null(LogicalType::String()), Value::String("short"),
                   Value::String(std::string(1000, 'l'))});
  ExpectRoundTrip(LogicalType::Binary(),
                  {Value::Binary(std::string("\0\1\2", 3)), null(LogicalType::Binary())});
  ASSERT_OK_AND_ASSIGN(Value fixed, Value::Fixed(std::string("\0abc", 4)));
  ExpectRoundTrip(fixed.type(), {fixed, null(fixed.type())});
  ASSERT_OK_AND_ASSIGN(Value uuid, Value::Uuid("0123456789abcdef"));
  ExpectRoundTrip(LogicalType::Uuid(), {null(LogicalType::Uuid()), uuid});
}

TEST(VectorTest, RawAccessMatchesLayout) {
  ASSERT_OK_AND_ASSIGN(Vector ints, Vector::Make(LogicalType::Int32(), 4));
  int32_t* data = ints.GetData<int32_t>();
  for (int i = 0; i < 4; ++i) data[i] = i * 10;
  ints.SetNull(2);
  EXPECT_EQ(ints.GetValue(3), Value::Int32(30));
  EXPECT_TRUE(ints.GetValue(2).is_null());
  ASSERT_OK(ints.SetValue(1, Value::Int32(-5)));
  EXPECT_EQ(data[1], -5);

  ASSERT_OK_AND_ASSIGN(Vector bools, Vector::Make(LogicalType::Boolean(), 2));
  ASSERT_OK(bools.SetValue(1, Value::Boolean(true)));
  EXPECT_EQ(bools.GetData<uint8_t>()[0], 0);
  EXPECT_EQ(bools.GetData<uint8_t>()[1], 1);

  ASSERT_OK_AND_ASSIGN(Vector uuids, Vector::Make(LogicalType::Uuid(), 2));
  ASSERT_OK(uuids.SetString(1, "fedcba9876543210"));
  EXPECT_EQ(std::string(reinterpret_cast<const char*>(uuids.GetData<uint8_t>()) + 16, 16),
            "fedcba9876543210");
  EXPECT_EQ(uuids.GetString(1), "fedcba9876543210");
}

TEST(VectorTest, Decimal38Extremes) {
  const int128_t max38 = Pow10Int128(38) - 1;
  for (int32_t scale : {0, 10, 38}) {
    ASSERT_OK_AND_ASSIGN(Value hi, Value::Decimal(max38, 38, scale));
    ASSERT_OK_AND_ASSIGN(Value lo, Value::Decimal(-max38, 38, scale));
    ASSERT_OK_AND_ASSIGN(Value zero, Value::Decimal(0, 38, scale));
    ExpectRoundTrip(hi.type(), {hi, lo, Value::Null(hi.type()), zero});
  }
  ASSERT_OK_AND_ASSIGN(auto d38, LogicalType::Decimal(38, 2));
  ASSERT_OK_AND_ASSIGN(Vector vector, Vector::Make(d38, 2));
  ASSERT_OK_AND_ASSIGN(Value lo, Value::Decimal(-max38, 38, 2));
  ASSERT_OK(vector.SetValue(0, lo));
  EXPECT_EQ(vector.GetData<int128_t>()[0], -max38);
  EXPECT_EQ(vector.GetValue(0).ToString(), "-999999999999999999999999999999999999.99");

  // Up to 18 digits a decimal is stored as int64.
  const int64_t max18 = 999999999999999999;
  ASSERT_OK_AND_ASSIGN(Value hi18, Value::Decimal(max18, 18, 4));
  ASSERT_OK_AND_ASSIGN(Vector vector18, Vector::Make(hi18.type(), 1));
  ASSERT_OK(vector18.SetValue(0, hi18));
  EXPECT_EQ(vector18.GetData<int64_t>()[0], max18);
  EXPECT_EQ(vector18.GetValue(0), hi18);
  EXPECT_EQ(vector18.GetValue(0).ToString(), "99999999999999.9999");
}

TEST(VectorTest, StringsInlineBoundaryAndArena) {
  ASSERT_OK_AND_ASSIGN(Vector vector, Vector::Make(LogicalType::String(), 4));
  ASSERT_OK(vector.SetString(0, std::string(12, 'a')));
  EXPECT_EQ(vector.string_heap().used_bytes(), 0);
  ASSERT_OK(vector.SetString(1, std::string(13, 'b')));
  EXPECT_EQ(vector.string_heap().used_bytes(), 13);
  ASSERT_OK(vector.SetString(2, ""));
  EXPECT_TRUE(vector.GetData<StringRef>()[0].IsInlined());
  EXPECT_FALSE(vector.GetData<StringRef>()[1].IsInlined());
  EXPECT_EQ(vector.GetString(0), std::string(12, 'a'));
  EXPECT_EQ(vector.GetString(1), std::string(13, 'b'));
  // An empty string is a value, unlike NULL.
  vector.SetNull(3);
  EXPECT_EQ(vector.GetValue(2), Value::String(""));
  EXPECT_TRUE(vector.GetValue(3).is_null());
  // The bytes were copied: the caller's buffer may go away.
  {
    std::string temporary = "a temporary long string";
    ASSERT_OK(vector.SetString(3, temporary));
    temporary.assign(temporary.size(), 'X');
  }
  EXPECT_EQ(vector.GetString(3), "a temporary long string");
  EXPECT_FALSE(vector.IsNull(3));
}

TEST(VectorTest, ManyStringsWithoutPerValueAllocation) {
  ASSERT_OK_AND_ASSIGN(Vector vector, Vector::Make(LogicalType::String()));
  for (int64_t i = 0; i < kDefaultBatchSize; ++i) {
    ASSERT_OK(vector.SetString(i, fmt::format("customer-{:031}", i)));  // 40 bytes
  }
  EXPECT_EQ(vector.string_heap().used_bytes(), kDefaultBatchSize * 40);
  EXPECT_LE(vector.string_heap().block_count(), 8);
  for (int64_t i = 0; i < kDefaultBatchSize; ++i) {
    ASSERT_EQ(vector.GetString(i), fmt::format("customer-{:031}", i));
  }
  // Moving the vector keeps the refs valid: the heap's blocks do not move.
  Vector moved = std::move(vector);
  EXPECT_EQ(moved.GetString(2047), fmt::format("customer-{:031}", 2047));
}

TEST(VectorTest, InputDrivenSizesAreChecked) {
  ASSERT_STATUS(kInvalidArgument, "capacity -1", Vector::Make(LogicalType::Int32(), -1));
  ASSERT_STATUS(kInvalidArgument, "outside",
                Vector::Make(LogicalType::Int32(), kMaxVectorCapacity + 1));
  ASSERT_OK_AND_ASSIGN(auto wide, LogicalType::Fixed(LogicalType::kMaxFixedLength));
  ASSERT_STATUS(kInvalidArgument, "byte limit", Vector::Make(wide, int64_t{1} << 20));
  ASSERT_OK_AND_ASSIGN(Vector empty, Vector::Make(LogicalType::String(), 0));
  EXPECT_EQ(empty.capacity(), 0);

  ASSERT_OK_AND_ASSIGN(Vector vector, Vector::Make(LogicalType::Int32(), 2));
  ASSERT_STATUS(kInvalidArgument, "cannot store a long value", vector.SetValue(0, Value::Int64(1)));
  ASSERT_STATUS(kInvalidArgument, "row 2", vector.SetValue(2, Value::Int32(1)));
  ASSERT_STATUS(kInvalidArgument, "row -1", vector.SetValue(-1, Value::Int32(1)));
  ASSERT_STATUS(kInvalidArgument, "non-string", vector.SetString(0, "x"));
  ASSERT_OK_AND_ASSIGN(Vector uuids, Vector::Make(LogicalType::Uuid(), 1));
  ASSERT_STATUS(kInvalidArgument, "15 bytes", uuids.SetString(0, std::string(15, 'u')));
}

TEST(VectorTest, NullHeavyBatches) {
  ASSERT_OK_AND_ASSIGN(Vector all_null, Vector::Make(LogicalType::Int64()));
  all_null.validity().SetAllInvalid(kDefaultBatchSize);
  EXPECT_EQ(all_null.validity().CountValid(kDefaultBatchSize), 0);
  EXPECT_TRUE(all_null.GetValue(0).is_null());
  EXPECT_TRUE(all_null.GetValue(2047).is_null());

  ASSERT_OK_AND_ASSIGN(Vector alternating, Vector::Make(LogicalType::String()));
  for (int64_t i = 0; i < kDefaultBatchSize; ++i) {
    ASSERT_OK(alternating.SetValue(
        i, i % 2 == 0 ? Value::String(std::to_string(i)) : Value::Null(LogicalType::String())));
  }
  EXPECT_EQ(alternating.validity().CountValid(kDefaultBatchSize), kDefaultBatchSize / 2);
  EXPECT_EQ(alternating.GetValue(1000), Value::String("1000"));
  EXPECT_TRUE(alternating.GetValue(1001).is_null());

  ASSERT_OK_AND_ASSIGN(Vector one_valid, Vector::Make(LogicalType::Double()));
  one_valid.validity().SetAllInvalid(kDefaultBatchSize);
  ASSERT_OK(one_valid.SetValue(1234, Value::Double(2.5)));
  EXPECT_EQ(one_valid.validity().CountValid(kDefaultBatchSize), 1);
  for (int64_t i = 0; i < kDefaultBatchSize; ++i) {
    ASSERT_EQ(one_valid.IsNull(i), i != 1234) << i;
  }
  EXPECT_EQ(one_valid.GetValue(1234), Value::Double(2.5));

  ASSERT_OK_AND_ASSIGN(Vector never_null, Vector::Make(LogicalType::Int32()));
  for (int64_t i = 0; i < kDefaultBatchSize; ++i)
    ASSERT_OK(never_null.SetValue(i, Value::Int32(1)));
  EXPECT_TRUE(never_null.validity().AllValid());  // no bitmap was allocated
}

TEST(VectorTest, StructRoundTripAndLayout) {
  ASSERT_OK_AND_ASSIGN(auto type, LogicalType::Struct({{"id", LogicalType::Int64(), 1},
                                                       {"name", LogicalType::String(), 2}}));
  ASSERT_OK_AND_ASSIGN(Value full,
                       Value::Struct(type, {Value::Int64(7), Value::String("a long name here")}));
  ASSERT_OK_AND_ASSIGN(Value null_field,
                       Value::Struct(type, {Value::Int64(8), Value::Null(LogicalType::String())}));
  ExpectRoundTrip(type, {full, Value::Null(type), null_field});

  ASSERT_OK_AND_ASSIGN(Vector vector, Vector::Make(type, 3));
  ASSERT_OK(vector.SetValue(2, full));
  ASSERT_EQ(vector.child_count(), 2u);
  EXPECT_EQ(vector.child(0).GetData<int64_t>()[2], 7);
  EXPECT_EQ(vector.child(1).GetString(2), "a long name here");
  EXPECT_EQ(vector.child(1).type(), LogicalType::String());
}

TEST(VectorTest, ListsEmptyNullAndNullElements) {
  const auto type = LogicalType::List(LogicalType::Int32());
  const Value null_int = Value::Null(LogicalType::Int32());
  ASSERT_OK_AND_ASSIGN(Value empty, Value::List(type, {}));
  ASSERT_OK_AND_ASSIGN(Value with_nulls, Value::List(type, {null_int, Value::Int32(3), null_int}));
  ASSERT_OK_AND_ASSIGN(Value plain, Value::List(type, {Value::Int32(1), Value::Int32(2)}));
  ExpectRoundTrip(type, {plain, empty, Value::Null(type), with_nulls});

  ASSERT_OK_AND_ASSIGN(Vector vector, Vector::Make(type, 4));
  ASSERT_OK(vector.SetValue(0, plain));
  ASSERT_OK(vector.SetValue(1, empty));
  ASSERT_OK(vector.SetValue(2, Value::Null(type)));
  ASSERT_OK(vector.SetValue(3, with_nulls));
  const ListEntry* entries = vector.GetData<ListEntry>();
  EXPECT_EQ(entries[0].offset, 0u);
  EXPECT_EQ(entries[0].length, 2u);
  EXPECT_EQ(entries[1].length, 0u);
  EXPECT_EQ(entries[3].offset, 2u);
  EXPECT_EQ(entries[3].length, 3u);
  EXPECT_EQ(vector.list_size(), 5);
  EXPECT_TRUE(vector.IsNull(2));
  EXPECT_FALSE(vector.IsNull(1));
  EXPECT_TRUE(vector.child(0).IsNull(2));
  EXPECT_EQ(vector.child(0).GetData<int32_t>()[3], 3);
}

TEST(VectorTest, ListChildGrowsAcrossABatch) {
  const auto type = LogicalType::List(LogicalType::Int64());
  ASSERT_OK_AND_ASSIGN(Vector vector, Vector::Make(type));
  for (int64_t row = 0; row < kDefaultBatchSize; ++row) {
    std::vector<Value> elements;
    for (int64_t e = 0; e < row % 10; ++e) elements.push_back(Value::Int64(row * 100 + e));
    ASSERT_OK_AND_ASSIGN(Value list, Value::List(type, std::move(elements)));
    ASSERT_OK(vector.SetValue(row, list));
  }
  EXPECT_EQ(vector.list_size(), 9208);  // sum of row % 10 over 2048 rows
  EXPECT_GE(vector.child(0).capacity(), 9208);
  Value last = vector.GetValue(2047);
  ASSERT_EQ(last.children().size(), 7u);
  EXPECT_EQ(last.children()[6], Value::Int64(204706));
}

TEST(VectorTest, MapRoundTripIsListOfStruct) {
  const auto type = LogicalType::Map(LogicalType::String(), LogicalType::Double());
  ASSERT_OK_AND_ASSIGN(
      Value map, Value::Map(type, {{Value::String("pi"), Value::Double(3.14)},
                                   {Value::String("none"), Value::Null(LogicalType::Double())}}));
  ASSERT_OK_AND_ASSIGN(Value empty, Value::Map(type, {}));
  ExpectRoundTrip(type, {map, Value::Null(type), empty});

  ASSERT_OK_AND_ASSIGN(Vector vector, Vector::Make(type, 1));
  ASSERT_OK(vector.SetValue(0, map));
  const Vector& entries = vector.child(0);
  EXPECT_EQ(entries.type().ToString(), "struct<key: string, value: double>");
  EXPECT_EQ(entries.child(0).GetString(1), "none");
  EXPECT_TRUE(entries.child(1).IsNull(1));
  EXPECT_EQ(vector.GetValue(0).ToString(), "{'pi'=3.14, 'none'=NULL}");
}

TEST(VectorTest, NestedInNested) {
  // list<struct<a: int, b: list<string>>>
  const auto strings = LogicalType::List(LogicalType::String());
  ASSERT_OK_AND_ASSIGN(auto element,
                       LogicalType::Struct({{"a", LogicalType::Int32(), 1}, {"b", strings, 2}}));
  const auto type = LogicalType::List(element, 3);
  ASSERT_OK_AND_ASSIGN(Value b1,
                       Value::List(strings, {Value::String("x"), Value::Null(LogicalType::String()),
                                             Value::String("a string past 12 bytes")}));
  ASSERT_OK_AND_ASSIGN(Value b_empty, Value::List(strings, {}));
  ASSERT_OK_AND_ASSIGN(Value s1, Value::Struct(element, {Value::Int32(1), b1}));
  ASSERT_OK_AND_ASSIGN(
      Value s2, Value::Struct(element, {Value::Null(LogicalType::Int32()), Value::Null(strings)}));
  ASSERT_OK_AND_ASSIGN(Value s3, Value::Struct(element, {Value::Int32(3), b_empty}));
  ASSERT_OK_AND_ASSIGN(Value row0, Value::List(type, {s1, Value::Null(element), s2, s3}));
  ASSERT_OK_AND_ASSIGN(Value row2, Value::List(type, {}));
  ExpectRoundTrip(type, {row0, Value::Null(type), row2, row0});
  EXPECT_EQ(row0.ToString(),
            "[{a: 1, b: ['x', NULL, 'a string past 12 bytes']}, NULL, {a: NULL, b: NULL}, "
            "{a: 3, b: []}]");
}

TEST(VectorTest, ReserveKeepsContents) {
  ASSERT_OK_AND_ASSIGN(auto type, LogicalType::Struct({{"s", LogicalType::String(), {}}}));
  ASSERT_OK_AND_ASSIGN(Vector vector, Vector::Make(type, 2));
  ASSERT_OK_AND_ASSIGN(Value v, Value::Struct(type, {Value::String("kept across a resize")}));
  ASSERT_OK(vector.SetValue(0, v));
  ASSERT_OK(vector.SetValue(1, Value::Null(type)));
  ASSERT_OK(vector.Reserve(5000));
  EXPECT_EQ(vector.capacity(), 5000);
  EXPECT_EQ(vector.child(0).capacity(), 5000);
  EXPECT_EQ(vector.GetValue(0), v);
  EXPECT_TRUE(vector.IsNull(1));
  EXPECT_FALSE(vector.IsNull(4999));
  ASSERT_OK(vector.SetValue(4999, v));
  EXPECT_EQ(vector.GetValue(4999), v);
  ASSERT_STATUS(kInvalidArgument, "outside", vector.Reserve(kMaxVectorCapacity + 1));
}

}  // namespace
}  // namespace floe
