#include "iceberg/partition_spec.h"

#include <gtest/gtest.h>

#include "iceberg/temporal.h"
#include "util/test_macros.h"

namespace floe::iceberg {
namespace {

using namespace std::string_literals;

Transform T(std::string_view text) { return Transform::FromString(text).value(); }

// 1: id long, 2: data string, 3: ts timestamptz, 4: loc struct<5: city string>,
// 6: tags list<7: string>, 8: price decimal(9,2), 9: d double, 10: bucket int.
Schema TestSchema() {
  Type loc = Type::Struct({NestedField::Optional(5, "city", Type::String())}).value();
  Type tags = Type::List(7, Type::String(), false).value();
  return Schema::Make({NestedField::Required(1, "id", Type::Long()),
                       NestedField::Optional(2, "data", Type::String()),
                       NestedField::Optional(3, "ts", Type::TimestampTz()),
                       NestedField::Optional(4, "loc", loc), NestedField::Optional(6, "tags", tags),
                       NestedField::Optional(8, "price", Type::Decimal(9, 2).value()),
                       NestedField::Optional(9, "d", Type::Double()),
                       NestedField::Optional(10, "id_bucket", Type::Int())})
      .value();
}

PartitionSpec SpecOf(std::vector<PartitionField> fields, int32_t spec_id = 0) {
  return PartitionSpec::Make(spec_id, std::move(fields)).value();
}

// The spec's Appendix C example.
constexpr std::string_view kSpecExample = R"({"spec-id": 0, "fields": [ {
    "source-id": 4, "field-id": 1000, "name": "ts_day", "transform": "day" }, {
    "source-id": 1, "field-id": 1001, "name": "id_bucket", "transform": "bucket[16]" } ]})";

TEST(IcebergPartitionSpecTest, JsonOfTheSpecExample) {
  ASSERT_OK_AND_ASSIGN(Json json, ParseJson(kSpecExample, "spec"));
  ASSERT_OK_AND_ASSIGN(PartitionSpec spec, PartitionSpecFromJson(json));
  EXPECT_EQ(spec.spec_id(), 0);
  ASSERT_EQ(spec.fields().size(), 2u);
  EXPECT_EQ(spec.fields()[0], PartitionField::Make(4, 1000, "ts_day", Transform::Day()));
  EXPECT_EQ(spec.fields()[1],
            PartitionField::Make(1, 1001, "id_bucket", Transform::Bucket(16).value()));
  EXPECT_EQ(spec.LastAssignedFieldId(), 1001);
  EXPECT_TRUE(spec.is_partitioned());
  EXPECT_EQ(spec.ToString(), "[\n  1000: ts_day: day(4)\n  1001: id_bucket: bucket[16](1)\n]");
  const Json written = PartitionSpecToJson(spec);
  EXPECT_EQ(DumpJson(written),
            R"({"spec-id":0,"fields":[{"name":"ts_day","transform":"day","source-id":4,)"
            R"("field-id":1000},{"name":"id_bucket","transform":"bucket[16]","source-id":1,)"
            R"("field-id":1001}]})");
  EXPECT_EQ(nlohmann::json::parse(DumpJson(written)), nlohmann::json::parse(kSpecExample));
  ASSERT_OK_AND_ASSIGN(PartitionSpec again, PartitionSpecFromJson(written));
  EXPECT_EQ(again, spec);
}

TEST(IcebergPartitionSpecTest, V1FieldsWithoutIdsAndMultiArgumentTransforms) {
  // v1's "partition-spec": ids assigned from 1000 in order.
  ASSERT_OK_AND_ASSIGN(Json v1, ParseJson(R"([
      {"name": "id_bucket", "transform": "bucket[4]", "source-id": 1},
      {"name": "data", "transform": "identity", "source-id": 2}])",
                                          "spec"));
  ASSERT_OK_AND_ASSIGN(PartitionSpec spec, PartitionSpecFromFieldsJson(v1));
  EXPECT_EQ(spec.fields()[0].field_id, 1000);
  EXPECT_EQ(spec.fields()[1].field_id, 1001);
  // v3 "source-ids" with a transform Floe does not know: kept and written back.
  ASSERT_OK_AND_ASSIGN(Json v3, ParseJson(R"({"spec-id": 2, "fields": [
      {"name": "z", "transform": "zorder", "source-ids": [1, 2], "field-id": 1005}]})",
                                          "spec"));
  ASSERT_OK_AND_ASSIGN(PartitionSpec multi, PartitionSpecFromJson(v3));
  EXPECT_EQ(multi.fields()[0].source_ids, (std::vector<int32_t>{1, 2}));
  EXPECT_EQ(multi.fields()[0].transform.kind(), TransformKind::kUnknown);
  EXPECT_EQ(PartitionSpecToJson(multi), v3);
  ASSERT_OK_AND_ASSIGN(Type type, multi.PartitionType(TestSchema()));
  EXPECT_EQ(type.ToString(), "struct<1005: z: optional string>");
}

TEST(IcebergPartitionSpecTest, JsonErrors) {
  auto parse = [](std::string_view text) {
    return PartitionSpecFromJson(ParseJson(text, "spec").value());
  };
  ASSERT_STATUS(kInvalidArgument, "iceberg: partition spec: missing required 'spec-id'",
                parse(R"({"fields": []})"));
  ASSERT_STATUS(kInvalidArgument, "iceberg: partition spec 3: missing required 'fields'",
                parse(R"({"spec-id": 3})"));
  ASSERT_STATUS(kInvalidArgument,
                "iceberg: partition spec 0: field 'x': missing required 'source-id'",
                parse(R"({"spec-id": 0, "fields": [{"name": "x", "transform": "identity"}]})"));
  ASSERT_STATUS(kInvalidArgument, "field 'x': missing required 'transform'",
                parse(R"({"spec-id": 0, "fields": [{"name": "x", "source-id": 1}]})"));
  ASSERT_STATUS(
      kInvalidArgument,
      "iceberg: partition spec 0: field 'x': bucket[0]: the number of buckets must be > 0",
      parse(R"({"spec-id": 0, "fields": [{"name": "x", "source-id": 1,
                          "transform": "bucket[0]"}]})"));
  ASSERT_STATUS(kInvalidArgument, "'source-id' must be an int, got string",
                parse(R"({"spec-id": 0, "fields": [{"name": "x", "source-id": "1",
                          "transform": "identity"}]})"));
  ASSERT_STATUS(kInvalidArgument, "field 1001 'x': the name is used twice",
                parse(R"({"spec-id": 0, "fields": [
                  {"name": "x", "source-id": 1, "transform": "identity", "field-id": 1000},
                  {"name": "x", "source-id": 2, "transform": "identity", "field-id": 1001}]})"));
  ASSERT_STATUS(kInvalidArgument, "field 1000 'y': the field id is used twice",
                parse(R"({"spec-id": 0, "fields": [
                  {"name": "x", "source-id": 1, "transform": "identity", "field-id": 1000},
                  {"name": "y", "source-id": 2, "transform": "identity", "field-id": 1000}]})"));
  ASSERT_STATUS(kInvalidArgument, "identity takes one source column, got 2",
                parse(R"({"spec-id": 0, "fields": [
                  {"name": "x", "source-ids": [1, 2], "transform": "identity"}]})"));
  ASSERT_STATUS(kInvalidArgument, "no source column", parse(R"({"spec-id": 0, "fields": [
                  {"name": "x", "source-ids": [], "transform": "zorder"}]})"));
}

TEST(IcebergPartitionSpecTest, ValidateAgainstASchema) {
  const Schema schema = TestSchema();
  ASSERT_OK(SpecOf({PartitionField::Make(3, 1000, "ts_day", T("day")),
                    PartitionField::Make(1, 1001, "id_bucket_x", T("bucket[16]")),
                    PartitionField::Make(5, 1002, "city", T("truncate[2]")),
                    PartitionField::Make(2, 1003, "data", T("identity"))})
                .Validate(schema));
  ASSERT_STATUS(
      kInvalidArgument,
      "iceberg: partition spec 0: field 1000 'd_bucket': transform bucket[4] cannot "
      "be applied to source column 9 'd' of type double",
      SpecOf({PartitionField::Make(9, 1000, "d_bucket", T("bucket[4]"))}).Validate(schema));
  ASSERT_STATUS(kInvalidArgument, "source column 99 does not exist in schema 0",
                SpecOf({PartitionField::Make(99, 1000, "x", T("identity"))}).Validate(schema));
  ASSERT_OK(SpecOf({PartitionField::Make(99, 1000, "x", T("identity"))})
                .Validate(schema, /*allow_missing_fields=*/true));
  ASSERT_STATUS(kInvalidArgument, "source column 4 'loc' is a struct",
                SpecOf({PartitionField::Make(4, 1000, "x", T("identity"))}).Validate(schema));
  ASSERT_STATUS(kInvalidArgument, "source column 7 'tags.element' is inside a list",
                SpecOf({PartitionField::Make(7, 1000, "x", T("identity"))}).Validate(schema));
  ASSERT_STATUS(kInvalidArgument, "hour cannot be applied",
                SpecOf({PartitionField::Make(8, 1000, "x", T("hour"))}).Validate(schema));
  // A partition may take a column's name only from that column.
  ASSERT_STATUS(
      kInvalidArgument, "the name is column 10's, but the source is column 1",
      SpecOf({PartitionField::Make(1, 1000, "id_bucket", T("bucket[4]"))}).Validate(schema));
  ASSERT_OK(SpecOf({PartitionField::Make(10, 1000, "id_bucket", T("bucket[4]"))}).Validate(schema));
  // void fields (dropped in v1) are not checked; unknown transforms accept any primitive.
  ASSERT_OK(SpecOf({PartitionField::Make(99, 1000, "gone", T("void"))}).Validate(schema));
  ASSERT_OK(SpecOf({PartitionField::Make(9, 1000, "z", T("zorder"))}).Validate(schema));
}

TEST(IcebergPartitionSpecTest, PartitionType) {
  const Schema schema = TestSchema();
  const PartitionSpec spec = SpecOf({PartitionField::Make(3, 1000, "ts_day", T("day")),
                                     PartitionField::Make(3, 1001, "ts_hour", T("hour")),
                                     PartitionField::Make(1, 1002, "id_b", T("bucket[16]")),
                                     PartitionField::Make(8, 1003, "price_t", T("truncate[10]")),
                                     PartitionField::Make(2, 1004, "data", T("identity")),
                                     PartitionField::Make(2, 1005, "gone", T("void")),
                                     PartitionField::Make(99, 1006, "dropped", T("month")),
                                     PartitionField::Make(98, 1007, "dropped_id", T("identity"))});
  ASSERT_OK_AND_ASSIGN(Type type, spec.PartitionType(schema));
  EXPECT_EQ(type.ToString(),
            "struct<1000: ts_day: optional date, 1001: ts_hour: optional int, 1002: id_b: "
            "optional int, 1003: price_t: optional decimal(9,2), 1004: data: optional string, "
            "1005: gone: optional string, 1006: dropped: optional int, 1007: dropped_id: "
            "optional unknown>");
  ASSERT_STATUS(
      kInvalidArgument,
      "iceberg: partition spec 0: field 1000 'x': transform day cannot be applied to a string",
      SpecOf({PartitionField::Make(2, 1000, "x", T("day"))}).PartitionType(schema));
  ASSERT_OK_AND_ASSIGN(Type empty, PartitionSpec::Unpartitioned().PartitionType(schema));
  EXPECT_TRUE(empty.fields().empty());
}

TEST(IcebergPartitionSpecTest, PartitionPath) {
  const PartitionSpec spec = SpecOf({PartitionField::Make(1, 1000, "a", T("identity")),
                                     PartitionField::Make(1, 1001, "b_bucket", T("bucket[16]"))});
  ASSERT_OK_AND_ASSIGN(std::string path, spec.PartitionPath({Value::Int64(1), Value::Int32(3)}));
  EXPECT_EQ(path, "a=1/b_bucket=3");

  const Schema schema = TestSchema();
  const PartitionSpec temporal =
      SpecOf({PartitionField::Make(3, 1000, "ts_day", T("day")),
              PartitionField::Make(3, 1001, "ts_hour", T("hour")),
              PartitionField::Make(3, 1002, "ts_month", T("month")),
              PartitionField::Make(3, 1003, "ts_year", T("year")),
              PartitionField::Make(3, 1004, "ts", T("identity")),
              PartitionField::Make(2, 1005, "data name", T("identity"))});
  const int64_t ts = ((DaysFromCivil(2017, 11, 16) * 24 + 22) * 3600 + 31 * 60 + 8) * 1000000;
  std::vector<Value> values;
  for (const PartitionField& field : temporal.fields()) {
    const Value source = field.source_id() == 3 ? Value::TimestampTz(ts) : Value::String("a/b c=d");
    ASSERT_OK_AND_ASSIGN(Value value, field.transform.Apply(source));
    values.push_back(value);
  }
  ASSERT_OK_AND_ASSIGN(std::string temporal_path, temporal.PartitionPath(values));
  EXPECT_EQ(temporal_path,
            "ts_day=2017-11-16/ts_hour=2017-11-16-22/ts_month=2017-11/ts_year=2017/"
            "ts=2017-11-16T22%3A31%3A08%2B00%3A00/data+name=a%2Fb+c%3Dd");

  // NULLs are written as "null"; an unpartitioned spec has an empty path.
  ASSERT_OK_AND_ASSIGN(std::string nulls, spec.PartitionPath({Value::Null(LogicalType::Int64()),
                                                              Value::Null(LogicalType::Int32())}));
  EXPECT_EQ(nulls, "a=null/b_bucket=null");
  ASSERT_OK_AND_ASSIGN(std::string none, PartitionSpec::Unpartitioned().PartitionPath({}));
  EXPECT_EQ(none, "");
  ASSERT_STATUS(kInvalidArgument, "has 2 fields, got 1 values",
                spec.PartitionPath({Value::Int64(1)}));
  ASSERT_STATUS(kInvalidArgument, "field 'b_bucket' (bucket[16]) cannot hold a string value",
                spec.PartitionPath({Value::Int64(1), Value::String("3")}));
}

TEST(IcebergPartitionSpecTest, CompatibilityAndUnpartitioned) {
  const PartitionSpec a = SpecOf({PartitionField::Make(1, 1000, "x", T("bucket[4]"))}, 0);
  const PartitionSpec b = SpecOf({PartitionField::Make(1, 1005, "x", T("bucket[4]"))}, 3);
  const PartitionSpec c = SpecOf({PartitionField::Make(1, 1000, "x", T("bucket[8]"))}, 0);
  EXPECT_TRUE(a.CompatibleWith(b));
  EXPECT_FALSE(a == b);
  EXPECT_FALSE(a.CompatibleWith(c));
  const PartitionSpec unpartitioned = PartitionSpec::Unpartitioned();
  EXPECT_EQ(unpartitioned.spec_id(), 0);
  EXPECT_FALSE(unpartitioned.is_partitioned());
  EXPECT_EQ(unpartitioned.LastAssignedFieldId(), 999);
  EXPECT_EQ(DumpJson(PartitionSpecToJson(unpartitioned)), R"({"spec-id":0,"fields":[]})");
  EXPECT_FALSE(SpecOf({PartitionField::Make(1, 1000, "x", T("void"))}).is_partitioned());
}

}  // namespace
}  // namespace floe::iceberg
