// Builders for Parquet schemas in tests: SchemaElements with logical and
// converted types, field ids and lengths, and a ParquetSchema from a list of
// them.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "formats/parquet/parquet_types.h"
#include "formats/parquet/schema.h"
#include "unit/formats/parquet/parquet_test_files.h"
#include "vector/logical_type.h"

namespace floe::parquet::test {

using Rep = pq::FieldRepetitionType;

inline pq::SchemaElement Leaf(std::string name, pq::Type::type type,
                              Rep::type rep = Rep::OPTIONAL) {
  return LeafElement(std::move(name), type, rep);
}
inline pq::SchemaElement Group(std::string name, int32_t children, Rep::type rep = Rep::OPTIONAL) {
  return GroupElement(std::move(name), children, rep);
}
inline pq::SchemaElement Converted(pq::SchemaElement e, pq::ConvertedType::type converted) {
  e.__set_converted_type(converted);
  return e;
}
inline pq::SchemaElement Logical(pq::SchemaElement e, pq::LogicalType logical) {
  e.__set_logicalType(std::move(logical));
  return e;
}
inline pq::SchemaElement FixedLen(std::string name, int32_t length) {
  pq::SchemaElement e = Leaf(std::move(name), pq::Type::FIXED_LEN_BYTE_ARRAY);
  e.__set_type_length(length);
  return e;
}
inline pq::SchemaElement WithId(pq::SchemaElement e, int32_t id) {
  e.__set_field_id(id);
  return e;
}

inline pq::LogicalType IntLogical(int bits, bool is_signed) {
  pq::IntType t;
  t.__set_bitWidth(static_cast<int8_t>(bits));
  t.__set_isSigned(is_signed);
  pq::LogicalType l;
  l.__set_INTEGER(t);
  return l;
}
enum class Unit { kMillis, kMicros, kNanos, kNone };
inline pq::TimeUnit MakeUnit(Unit unit) {
  pq::TimeUnit u;
  if (unit == Unit::kMillis) u.__set_MILLIS(pq::MilliSeconds());
  if (unit == Unit::kMicros) u.__set_MICROS(pq::MicroSeconds());
  if (unit == Unit::kNanos) u.__set_NANOS(pq::NanoSeconds());
  return u;
}
inline pq::LogicalType TimestampLogical(Unit unit, bool utc) {
  pq::TimestampType t;
  t.__set_isAdjustedToUTC(utc);
  t.__set_unit(MakeUnit(unit));
  pq::LogicalType l;
  l.__set_TIMESTAMP(t);
  return l;
}
inline pq::LogicalType TimeLogical(Unit unit, bool utc) {
  pq::TimeType t;
  t.__set_isAdjustedToUTC(utc);
  t.__set_unit(MakeUnit(unit));
  pq::LogicalType l;
  l.__set_TIME(t);
  return l;
}
inline pq::LogicalType DecimalLogical(int32_t precision, int32_t scale) {
  pq::DecimalType t;
  t.__set_precision(precision);
  t.__set_scale(scale);
  pq::LogicalType l;
  l.__set_DECIMAL(t);
  return l;
}
inline pq::SchemaElement ConvertedDecimal(pq::SchemaElement e, int32_t precision, int32_t scale) {
  e.__set_converted_type(pq::ConvertedType::DECIMAL);
  e.__set_precision(precision);
  e.__set_scale(scale);
  return e;
}
#define FLOE_SIMPLE_LOGICAL(Name, Member, Type) \
  inline pq::LogicalType Name() {               \
    pq::LogicalType l;                          \
    l.__set_##Member(pq::Type());               \
    return l;                                   \
  }
FLOE_SIMPLE_LOGICAL(StringLogical, STRING, StringType)
FLOE_SIMPLE_LOGICAL(EnumLogical, ENUM, EnumType)
FLOE_SIMPLE_LOGICAL(JsonLogical, JSON, JsonType)
FLOE_SIMPLE_LOGICAL(BsonLogical, BSON, BsonType)
FLOE_SIMPLE_LOGICAL(UuidLogical, UUID, UUIDType)
FLOE_SIMPLE_LOGICAL(Float16Logical, FLOAT16, Float16Type)
FLOE_SIMPLE_LOGICAL(DateLogical, DATE, DateType)
FLOE_SIMPLE_LOGICAL(UnknownLogical, UNKNOWN, NullType)
FLOE_SIMPLE_LOGICAL(ListLogical, LIST, ListType)
FLOE_SIMPLE_LOGICAL(MapLogical, MAP, MapType)
FLOE_SIMPLE_LOGICAL(VariantLogical, VARIANT, VariantType)
FLOE_SIMPLE_LOGICAL(GeometryLogical, GEOMETRY, GeometryType)
#undef FLOE_SIMPLE_LOGICAL

// A schema whose root holds the given elements, already in depth-first
// order; `top` is the number of top-level fields.
inline ParquetSchema MakeSchema(int32_t top, std::vector<pq::SchemaElement> elements) {
  elements.insert(elements.begin(), RootElement("schema", top));
  auto schema = ParquetSchema::Make(elements);
  EXPECT_TRUE(schema.has_value()) << schema.error().ToString();
  return std::move(schema).value();
}

inline LogicalType Dec(int32_t p, int32_t s) { return LogicalType::Decimal(p, s).value(); }
inline LogicalType Fixed(int64_t n) { return LogicalType::Fixed(n).value(); }
inline LogicalType Struct(std::vector<StructField> fields) {
  return LogicalType::Struct(std::move(fields)).value();
}

}  // namespace floe::parquet::test
