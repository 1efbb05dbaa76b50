#include "iceberg/json_util.h"

#include <gtest/gtest.h>

#include "util/test_macros.h"

namespace floe::iceberg {
namespace {

TEST(IcebergJsonUtilTest, ParseNeverThrows) {
  ASSERT_OK_AND_ASSIGN(Json json, ParseJson(R"({"a": 1})", "doc"));
  EXPECT_TRUE(json.is_object());
  ASSERT_STATUS(kInvalidArgument, "iceberg: doc is not valid JSON (5 bytes)",
                ParseJson("{\"a\":", "doc"));
  ASSERT_STATUS(kInvalidArgument, "not valid JSON", ParseJson("", "doc"));
  ASSERT_STATUS(kInvalidArgument, "not valid JSON", ParseJson("[1, 2] x", "doc"));
}

TEST(IcebergJsonUtilTest, DumpKeepsMemberOrderAndSurvivesBadUtf8) {
  Json json = Json::object();
  json["z"] = 1;
  json["a"] = "x";
  EXPECT_EQ(DumpJson(json), R"({"z":1,"a":"x"})");
  json["bad"] = std::string("\xff\xfe");
  EXPECT_EQ(DumpJson(json), "{\"z\":1,\"a\":\"x\",\"bad\":\"\xef\xbf\xbd\xef\xbf\xbd\"}");
  EXPECT_EQ(DumpJson(Json::array({1, 2}), 2), "[\n  1,\n  2\n]");
}

TEST(IcebergJsonUtilTest, TypedMembers) {
  const Json json = Json::parse(R"({"i": 7, "big": 4294967296, "neg": -3, "s": "text",
      "b": true, "f": 1.5, "n": null, "l": [1, 2, 3], "o": {}, "huge": 18446744073709551615,
      "bad_list": [1, "2"]})");
  EXPECT_EQ(GetInt32(json, "i").value(), 7);
  EXPECT_EQ(GetInt32(json, "neg").value(), -3);
  EXPECT_EQ(GetInt64(json, "big").value(), 4294967296);
  EXPECT_EQ(GetString(json, "s").value(), "text");
  EXPECT_TRUE(GetBool(json, "b").value());
  EXPECT_EQ(GetInt32List(json, "l").value(), (std::vector<int32_t>{1, 2, 3}));
  EXPECT_TRUE(GetObject(json, "o").value()->is_object());
  EXPECT_TRUE(GetArray(json, "l").value()->is_array());

  ASSERT_STATUS(kInvalidArgument, "'big' is out of range for an int: 4294967296",
                GetInt32(json, "big"));
  ASSERT_STATUS(kInvalidArgument, "'huge' is out of range for a long", GetInt64(json, "huge"));
  ASSERT_STATUS(kInvalidArgument, "'f' must be an int, got number", GetInt32(json, "f"));
  ASSERT_STATUS(kInvalidArgument, "'s' must be an integer, got string", GetInt64(json, "s"));
  ASSERT_STATUS(kInvalidArgument, "'i' must be a string, got int", GetString(json, "i"));
  ASSERT_STATUS(kInvalidArgument, "'s' must be a boolean, got string", GetBool(json, "s"));
  ASSERT_STATUS(kInvalidArgument, "'s' must be a list of ints, got string",
                GetInt32List(json, "s"));
  ASSERT_STATUS(kInvalidArgument, "element 1 of 'bad_list' must be an int, got string",
                GetInt32List(json, "bad_list"));
  ASSERT_STATUS(kInvalidArgument, "'l' must be an object, got array", GetObject(json, "l"));
  ASSERT_STATUS(kInvalidArgument, "'o' must be a list, got object", GetArray(json, "o"));
  ASSERT_STATUS(kInvalidArgument, "missing required 'absent'", GetInt32(json, "absent"));
  // null is absent.
  ASSERT_STATUS(kInvalidArgument, "missing required 'n'", GetString(json, "n"));
  EXPECT_EQ(GetOptionalString(json, "n").value(), std::nullopt);
  EXPECT_EQ(GetOptionalInt32(json, "absent").value(), std::nullopt);
  EXPECT_EQ(GetOptionalInt32(json, "i").value(), 7);
  EXPECT_EQ(GetOptionalInt64(json, "absent").value(), std::nullopt);
  EXPECT_EQ(GetOptionalBool(json, "b").value(), true);
  EXPECT_EQ(GetOptionalInt32List(json, "absent").value(), std::nullopt);
  EXPECT_EQ(GetOptionalArray(json, "absent").value(), nullptr);
  EXPECT_EQ(GetOptionalObject(json, "n").value(), nullptr);
  ASSERT_STATUS(kInvalidArgument, "'s' must be an int", GetOptionalInt32(json, "s"));

  // Members of something that is not an object.
  ASSERT_STATUS(kInvalidArgument, "expected an object with 'x', got array",
                GetInt32(Json::array(), "x"));
  EXPECT_EQ(JsonTypeName(Json()), "null");
}

TEST(IcebergJsonUtilTest, StringMapsAndLists) {
  const Json json = Json::parse(R"({"m": {"b": "2", "a": "1"}, "bad": {"x": 1}, "l": ["x", "y"],
      "bad_list": ["x", 2], "n": null})");
  EXPECT_EQ(GetStringMap(json, "m").value(),
            (std::map<std::string, std::string>{{"a", "1"}, {"b", "2"}}));
  EXPECT_TRUE(GetOptionalStringMap(json, "absent").value().empty());
  EXPECT_TRUE(GetOptionalStringMap(json, "n").value().empty());
  ASSERT_STATUS(kInvalidArgument, "missing required 'absent'", GetStringMap(json, "absent"));
  ASSERT_STATUS(kInvalidArgument, "'x' of 'bad' must be a string, got int",
                GetStringMap(json, "bad"));
  ASSERT_STATUS(kInvalidArgument, "'l' must be an object of strings, got array",
                GetStringMap(json, "l"));
  EXPECT_EQ(GetStringList(json, "l").value(), (std::vector<std::string>{"x", "y"}));
  ASSERT_STATUS(kInvalidArgument, "element 1 of 'bad_list' must be a string, got int",
                GetStringList(json, "bad_list"));
  ASSERT_STATUS(kInvalidArgument, "'m' must be a list of strings", GetStringList(json, "m"));
}

TEST(IcebergJsonUtilTest, SnapshotIdsAboveTheLongRangeKeepTheirBits) {
  const Json json = Json::parse(R"({"id": 9876543210123456789, "small": 42, "neg": -7,
      "s": "1", "ids": [1, 18446744073709551615], "f": 1.5})");
  // 9876543210123456789 - 2^64.
  EXPECT_EQ(GetSnapshotId(json, "id").value(), -8570200863586094827);
  EXPECT_EQ(GetSnapshotId(json, "small").value(), 42);
  EXPECT_EQ(GetSnapshotId(json, "neg").value(), -7);
  EXPECT_EQ(GetOptionalSnapshotId(json, "absent").value(), std::nullopt);
  EXPECT_EQ(GetSnapshotIdList(json, "ids").value(), (std::vector<int64_t>{1, -1}));
  ASSERT_STATUS(kInvalidArgument, "'s' must be an integer, got string", GetSnapshotId(json, "s"));
  ASSERT_STATUS(kInvalidArgument, "'f' must be an integer, got number", GetSnapshotId(json, "f"));
  // Plain longs stay range-checked.
  ASSERT_STATUS(kInvalidArgument, "out of range for a long", GetInt64(json, "id"));
}

}  // namespace
}  // namespace floe::iceberg
