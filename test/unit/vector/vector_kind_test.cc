// Constant and dictionary vectors, the unified accessor and flattening.
#include <gtest/gtest.h>

#include <memory>
#include <numeric>
#include <string>
#include <vector>

#include "util/test_macros.h"
#include "vector/vector.h"

namespace floe {
namespace {

// What an operator does: read any kind of int64 vector through the unified
// format, summing valid values and counting NULLs.
std::pair<int64_t, int64_t> SumAndNulls(const Vector& vector, int64_t count) {
  const UnifiedFormat format = vector.ToUnifiedFormat();
  const int64_t* values = format.GetData<int64_t>();
  int64_t sum = 0;
  int64_t nulls = 0;
  for (int64_t row = 0; row < count; ++row) {
    const int64_t index = format.Index(row);
    if (format.validity->RowIsValid(index)) {
      sum += values[index];
    } else {
      ++nulls;
    }
  }
  return {sum, nulls};
}

std::shared_ptr<const Vector> MakeDictionaryOf(const std::vector<Value>& entries) {
  Result<Vector> dictionary = Vector::Make(entries.front().type(), entries.size());
  EXPECT_TRUE(dictionary.has_value());
  for (size_t i = 0; i < entries.size(); ++i) EXPECT_OK(dictionary->SetValue(i, entries[i]));
  return std::make_shared<const Vector>(std::move(dictionary).value());
}

TEST(VectorKindTest, AllKindsReadTheSameThroughUnifiedFormat) {
  ASSERT_OK_AND_ASSIGN(Vector flat, Vector::Make(LogicalType::Int64()));
  for (int64_t i = 0; i < kDefaultBatchSize; ++i) {
    ASSERT_OK(flat.SetValue(
        i, i % 3 == 2 ? Value::Null(LogicalType::Int64()) : Value::Int64(i % 3 == 0 ? 10 : 20)));
  }
  // The same column as a dictionary {10, 20, NULL}.
  auto dictionary =
      MakeDictionaryOf({Value::Int64(10), Value::Int64(20), Value::Null(LogicalType::Int64())});
  std::vector<uint32_t> indices(kDefaultBatchSize);
  for (int64_t i = 0; i < kDefaultBatchSize; ++i) indices[i] = static_cast<uint32_t>(i % 3);
  ASSERT_OK_AND_ASSIGN(Vector dict, Vector::MakeDictionary(dictionary, indices));
  EXPECT_EQ(dict.kind(), VectorKind::kDictionary);
  EXPECT_EQ(dict.capacity(), kDefaultBatchSize);

  const auto expected = SumAndNulls(flat, kDefaultBatchSize);
  EXPECT_EQ(expected.first, 683 * 10 + 683 * 20);  // rows 0..2047: 683 of 0 and 1 mod 3
  EXPECT_EQ(expected.second, 682);
  EXPECT_EQ(SumAndNulls(dict, kDefaultBatchSize), expected);

  ASSERT_OK_AND_ASSIGN(Vector constant, Vector::MakeConstant(Value::Int64(5)));
  EXPECT_EQ(SumAndNulls(constant, kDefaultBatchSize),
            std::make_pair(int64_t{5 * 2048}, int64_t{0}));
  ASSERT_OK_AND_ASSIGN(Vector null_constant,
                       Vector::MakeConstant(Value::Null(LogicalType::Int64())));
  EXPECT_EQ(SumAndNulls(null_constant, kDefaultBatchSize),
            std::make_pair(int64_t{0}, int64_t{2048}));
}

TEST(VectorKindTest, ConstantVector) {
  ASSERT_OK_AND_ASSIGN(Vector constant,
                       Vector::MakeConstant(Value::String("partition=2024-01-15/region=eu")));
  EXPECT_EQ(constant.kind(), VectorKind::kConstant);
  EXPECT_EQ(constant.capacity(), 1);
  const UnifiedFormat format = constant.ToUnifiedFormat();
  EXPECT_EQ(format.Index(0), 0);
  EXPECT_EQ(format.Index(2047), 0);
  EXPECT_EQ(constant.GetValue(1999), Value::String("partition=2024-01-15/region=eu"));
  EXPECT_EQ(constant.GetString(7), "partition=2024-01-15/region=eu");
  ASSERT_STATUS(kInvalidArgument, "constant", constant.SetValue(0, Value::String("x")));

  ASSERT_OK(constant.Flatten(kDefaultBatchSize));
  EXPECT_EQ(constant.kind(), VectorKind::kFlat);
  EXPECT_EQ(constant.capacity(), kDefaultBatchSize);
  for (int64_t i = 0; i < kDefaultBatchSize; ++i) {
    ASSERT_EQ(constant.GetString(i), "partition=2024-01-15/region=eu");
  }
  // The flat vector owns its copies: a long value is stored once per row.
  EXPECT_EQ(constant.string_heap().used_bytes(), kDefaultBatchSize * 30);

  ASSERT_OK_AND_ASSIGN(Vector null_constant,
                       Vector::MakeConstant(Value::Null(LogicalType::Date())));
  EXPECT_TRUE(null_constant.IsNull(100));
  ASSERT_OK(null_constant.Flatten(100));
  EXPECT_EQ(null_constant.validity().CountValid(100), 0);
}

TEST(VectorKindTest, NestedConstantFlattens) {
  ASSERT_OK_AND_ASSIGN(auto type,
                       LogicalType::Struct({{"k", LogicalType::String(), 1},
                                            {"v", LogicalType::List(LogicalType::Int32()), 2}}));
  ASSERT_OK_AND_ASSIGN(Value list,
                       Value::List(type.child_type(1), {Value::Int32(1), Value::Int32(2)}));
  ASSERT_OK_AND_ASSIGN(Value value,
                       Value::Struct(type, {Value::String("a key longer than 12"), list}));
  ASSERT_OK_AND_ASSIGN(Vector constant, Vector::MakeConstant(value));
  EXPECT_EQ(constant.GetValue(500), value);
  ASSERT_OK(constant.Flatten(300));
  for (int64_t i = 0; i < 300; ++i) ASSERT_EQ(constant.GetValue(i), value) << i;
  EXPECT_EQ(constant.child(1).list_size(), 600);
}

TEST(VectorKindTest, DictionaryOfStrings) {
  auto dictionary =
      MakeDictionaryOf({Value::String("alpha"), Value::String("a rather long dictionary entry"),
                        Value::Null(LogicalType::String())});
  const std::vector<uint32_t> indices = {1, 0, 2, 1, 1, 0};
  ASSERT_OK_AND_ASSIGN(Vector vector, Vector::MakeDictionary(dictionary, indices));
  EXPECT_EQ(&vector.dictionary(), dictionary.get());
  EXPECT_EQ(vector.indices()[3], 1u);

  const UnifiedFormat format = vector.ToUnifiedFormat();
  EXPECT_EQ(format.base, dictionary.get());
  EXPECT_EQ(format.Index(2), 2);
  EXPECT_FALSE(format.IsValid(2));
  EXPECT_EQ(format.GetData<StringRef>()[format.Index(0)].view(), "a rather long dictionary entry");
  EXPECT_EQ(vector.GetValue(1), Value::String("alpha"));
  EXPECT_TRUE(vector.GetValue(2).is_null());
  ASSERT_STATUS(kInvalidArgument, "dictionary", vector.SetValue(0, Value::String("x")));

  ASSERT_OK(vector.Flatten(5));  // a prefix of the rows
  dictionary.reset();            // the flat copy must not depend on the dictionary
  EXPECT_EQ(vector.kind(), VectorKind::kFlat);
  EXPECT_EQ(vector.capacity(), 5);
  EXPECT_EQ(vector.GetString(0), "a rather long dictionary entry");
  EXPECT_EQ(vector.GetString(4), "a rather long dictionary entry");
  EXPECT_EQ(vector.GetString(1), "alpha");
  EXPECT_TRUE(vector.IsNull(2));
  EXPECT_EQ(vector.validity().CountValid(5), 4);
}

TEST(VectorKindTest, DictionaryArgumentsAreChecked) {
  auto dictionary = MakeDictionaryOf({Value::Int32(1), Value::Int32(2)});
  const std::vector<uint32_t> bad = {0, 1, 2};
  ASSERT_STATUS(kInvalidArgument, "index 2 at row 2 is out of range",
                Vector::MakeDictionary(dictionary, bad));
  ASSERT_STATUS(kInvalidArgument, "must be a flat vector", Vector::MakeDictionary(nullptr, bad));
  ASSERT_OK_AND_ASSIGN(Vector constant, Vector::MakeConstant(Value::Int32(1)));
  ASSERT_STATUS(kInvalidArgument, "must be a flat vector",
                Vector::MakeDictionary(std::make_shared<const Vector>(std::move(constant)), bad));
  const std::vector<uint32_t> ok = {1, 1};
  ASSERT_OK_AND_ASSIGN(Vector vector, Vector::MakeDictionary(dictionary, ok));
  ASSERT_STATUS(kInvalidArgument, "3 rows of 2", vector.Flatten(3));
}

TEST(VectorKindTest, DictionaryOfNestedValuesFlattens) {
  const auto type = LogicalType::List(LogicalType::String());
  ASSERT_OK_AND_ASSIGN(Value a, Value::List(type, {Value::String("first element, long"),
                                                   Value::Null(LogicalType::String())}));
  ASSERT_OK_AND_ASSIGN(Value b, Value::List(type, {}));
  auto dictionary = MakeDictionaryOf({a, b, Value::Null(type)});
  const std::vector<uint32_t> indices = {0, 2, 1, 0};
  ASSERT_OK_AND_ASSIGN(Vector vector, Vector::MakeDictionary(dictionary, indices));
  EXPECT_EQ(vector.GetValue(3), a);
  ASSERT_OK(vector.Flatten(4));
  dictionary.reset();
  EXPECT_EQ(vector.GetValue(0), a);
  EXPECT_TRUE(vector.IsNull(1));
  EXPECT_EQ(vector.GetValue(2), b);
  EXPECT_EQ(vector.GetValue(3), a);
  EXPECT_EQ(vector.list_size(), 4);  // a's two elements, twice
}

TEST(VectorKindTest, CopyRowsWithSelection) {
  ASSERT_OK_AND_ASSIGN(auto type, LogicalType::Struct({{"n", LogicalType::Int32(), {}},
                                                       {"s", LogicalType::String(), {}}}));
  ASSERT_OK_AND_ASSIGN(Vector source, Vector::Make(type, 10));
  for (int32_t i = 0; i < 10; ++i) {
    ASSERT_OK_AND_ASSIGN(
        Value row, Value::Struct(type, {Value::Int32(i), Value::String(std::string(i * 3, 'z'))}));
    ASSERT_OK(source.SetValue(i, i == 4 ? Value::Null(type) : row));
  }
  ASSERT_OK_AND_ASSIGN(Vector target, Vector::Make(type, 8));
  const std::vector<uint32_t> selection = {9, 4, 5};  // as a filter would produce
  ASSERT_OK(target.CopyRows(source, selection, 2));
  EXPECT_EQ(target.GetValue(2), source.GetValue(9));
  EXPECT_TRUE(target.IsNull(3));
  EXPECT_EQ(target.GetValue(4), source.GetValue(5));
  EXPECT_FALSE(target.IsNull(0));

  ASSERT_STATUS(kInvalidArgument, "exceed the capacity", target.CopyRows(source, selection, 6));
  const std::vector<uint32_t> out_of_range = {10};
  ASSERT_STATUS(kInvalidArgument, "source row 10", target.CopyRows(source, out_of_range, 0));
  ASSERT_STATUS(kInvalidArgument, "another", target.CopyRows(target, selection, 0));
  ASSERT_OK_AND_ASSIGN(Vector ints, Vector::Make(LogicalType::Int32(), 10));
  ASSERT_STATUS(kInvalidArgument, "cannot copy rows", target.CopyRows(ints, selection, 0));
}

}  // namespace
}  // namespace floe
