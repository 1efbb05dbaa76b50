// LevelBuilder: definition and repetition levels of nested vectors, checked
// against levels worked out by hand from the Dremel rules.
#include "formats/parquet/writer/level_builder.h"

#include <gtest/gtest.h>

#include "util/test_macros.h"
#include "vector/data_chunk.h"

namespace floe::parquet {
namespace {

struct Expected {
  std::vector<int16_t> def;
  std::vector<int16_t> rep;
  size_t values;
};

void ExpectLevels(const LeafBatch& batch, const Expected& expected) {
  EXPECT_EQ(batch.def_levels, expected.def);
  EXPECT_EQ(batch.rep_levels, expected.rep);
  EXPECT_EQ(batch.value_indices.size(), expected.values);
  EXPECT_EQ(batch.num_levels, static_cast<int64_t>(expected.def.size()));
}

TEST(LevelBuilderTest, ListOfStructsOfLists) {
  // optional group a (LIST) { repeated group list { optional group element {
  //   optional int32 x; optional group ys (LIST) { repeated group list { optional int64 element
  //   }}}}}
  const LogicalType ys = LogicalType::List(LogicalType::Int64());
  const LogicalType item = LogicalType::Struct({{"x", LogicalType::Int32()}, {"ys", ys}}).value();
  const LogicalType a = LogicalType::List(item);
  ASSERT_OK_AND_ASSIGN(WriterSchema schema, WriterSchema::Make({WriterField::FromType("a", a)}));
  ASSERT_OK_AND_ASSIGN(Vector v, Vector::Make(a, 5));
  auto item_of = [&](std::optional<int32_t> x, std::optional<std::vector<Value>> y) {
    return Value::Struct(item, {x ? Value::Int32(*x) : Value::Null(LogicalType::Int32()),
                                y ? Value::List(ys, *y).value() : Value::Null(ys)})
        .value();
  };
  ASSERT_OK(v.SetValue(0, Value::Null(a)));                               // NULL list
  ASSERT_OK(v.SetValue(1, Value::List(a, {}).value()));                   // empty list
  ASSERT_OK(v.SetValue(2, Value::List(a, {Value::Null(item)}).value()));  // [NULL]
  ASSERT_OK(v.SetValue(
      3, Value::List(
             a, {item_of(1, std::vector<Value>{Value::Int64(7), Value::Null(LogicalType::Int64())}),
                 item_of(std::nullopt, std::vector<Value>{})})
             .value()));
  ASSERT_OK(v.SetValue(4, Value::List(a, {item_of(2, std::nullopt)}).value()));
  LevelBuilder builder(schema.fields()[0], schema.leaves());
  ASSERT_OK_AND_ASSIGN(std::span<const LeafBatch> batches, builder.Shred(v, 0, 5));
  ASSERT_EQ(batches.size(), 2u);
  // a.list.element.x: max def 4 (a, list, element, x), max rep 1.
  ExpectLevels(batches[0], {{0, 1, 2, 4, 3, 4}, {0, 0, 0, 0, 1, 0}, 2});
  // a.list.element.ys.list.element: max def 6, max rep 2.
  ExpectLevels(batches[1], {{0, 1, 2, 6, 5, 4, 3}, {0, 0, 0, 0, 2, 1, 0}, 1});
  // A slice starts its own rows.
  ASSERT_OK_AND_ASSIGN(batches, builder.Shred(v, 3, 2));
  ExpectLevels(batches[1], {{6, 5, 4, 3}, {0, 2, 1, 0}, 1});
}

TEST(LevelBuilderTest, MapsWithNullValuesAndConstantInput) {
  const LogicalType m = LogicalType::Map(LogicalType::String(), LogicalType::Int32());
  ASSERT_OK_AND_ASSIGN(WriterSchema schema, WriterSchema::Make({WriterField::FromType("m", m)}));
  const Value map_value = Value::Map(m, {{Value::String("a"), Value::Int32(1)},
                                         {Value::String("b"), Value::Null(LogicalType::Int32())}})
                              .value();
  ASSERT_OK_AND_ASSIGN(Vector constant, Vector::MakeConstant(map_value));
  LevelBuilder builder(schema.fields()[0], schema.leaves());
  ASSERT_OK_AND_ASSIGN(std::span<const LeafBatch> batches, builder.Shred(constant, 0, 2));
  // key: max def 2, value: max def 3; each row repeats the map.
  ExpectLevels(batches[0], {{2, 2, 2, 2}, {0, 1, 0, 1}, 4});
  ExpectLevels(batches[1], {{3, 2, 3, 2}, {0, 1, 0, 1}, 2});
}

TEST(LevelBuilderTest, DictionaryStructs) {
  const LogicalType s = LogicalType::Struct({{"x", LogicalType::Int32()}}).value();
  ASSERT_OK_AND_ASSIGN(WriterSchema schema, WriterSchema::Make({WriterField::FromType("s", s)}));
  ASSERT_OK_AND_ASSIGN(Vector dict, Vector::Make(s, 3));
  ASSERT_OK(dict.SetValue(0, Value::Null(s)));
  ASSERT_OK(dict.SetValue(1, Value::Struct(s, {Value::Int32(5)}).value()));
  ASSERT_OK(dict.SetValue(2, Value::Struct(s, {Value::Null(LogicalType::Int32())}).value()));
  const std::vector<uint32_t> indices = {1, 0, 2, 1};
  ASSERT_OK_AND_ASSIGN(
      Vector v, Vector::MakeDictionary(std::make_shared<const Vector>(std::move(dict)), indices));
  LevelBuilder builder(schema.fields()[0], schema.leaves());
  ASSERT_OK_AND_ASSIGN(std::span<const LeafBatch> batches, builder.Shred(v, 0, 4));
  ExpectLevels(batches[0], {{2, 0, 1, 2}, {}, 2});
  EXPECT_EQ(batches[0].value_indices, (std::vector<uint32_t>{1, 1}));
}

}  // namespace
}  // namespace floe::parquet
