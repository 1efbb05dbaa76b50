// DataFile: names of contents and formats, the spec's rules for one file, metric lookup and
// bounds decoded with the column's type.
#include "iceberg/data_file.h"

#include <gtest/gtest.h>

#include <functional>

#include "iceberg/manifest_entry.h"
#include "iceberg/manifest_file.h"
#include "iceberg/single_value.h"
#include "util/test_macros.h"

namespace floe::iceberg {
namespace {

TEST(IcebergDataFileTest, NamesAndCodes) {
  for (auto [text, format] :
       {std::pair{"parquet", FileFormat::kParquet}, std::pair{"PARQUET", FileFormat::kParquet},
        std::pair{"Avro", FileFormat::kAvro}, std::pair{"orc", FileFormat::kOrc},
        std::pair{"PUFFIN", FileFormat::kPuffin}}) {
    ASSERT_OK_AND_ASSIGN(FileFormat got, FileFormatFromString(text));
    EXPECT_EQ(got, format) << text;
  }
  EXPECT_EQ(FileFormatName(FileFormat::kOrc), "ORC");
  ASSERT_STATUS(kInvalidArgument, "file format 'csv' is not avro, orc, parquet or puffin",
                FileFormatFromString("csv"));
  ASSERT_STATUS(kInvalidArgument, "", FileFormatFromString("parquet2"));
  ASSERT_OK_AND_ASSIGN(DataFileContent c, DataFileContentFromInt(2));
  EXPECT_EQ(c, DataFileContent::kEqualityDeletes);
  ASSERT_STATUS(kInvalidArgument, "content 3 is not", DataFileContentFromInt(3));
  ASSERT_STATUS(kInvalidArgument, "content -1 is not", DataFileContentFromInt(-1));
  ASSERT_OK_AND_ASSIGN(ManifestEntryStatus s, ManifestEntryStatusFromInt(0));
  EXPECT_EQ(s, ManifestEntryStatus::kExisting);
  EXPECT_EQ(ManifestEntryStatusName(ManifestEntryStatus::kDeleted), "DELETED");
  ASSERT_STATUS(kInvalidArgument, "status 3 is not", ManifestEntryStatusFromInt(3));
  ASSERT_OK_AND_ASSIGN(ManifestContent m, ManifestContentFromString("deletes"));
  EXPECT_EQ(m, ManifestContent::kDeletes);
  ASSERT_STATUS(kInvalidArgument, "'Deletes' is not", ManifestContentFromString("Deletes"));
  ASSERT_STATUS(kInvalidArgument, "content 2 is not", ManifestContentFromInt(2));
}

DataFile Valid() {
  DataFile f;
  f.file_path = "s3://b/t/data/f.parquet";
  f.record_count = 3;
  f.file_size_in_bytes = 100;
  return f;
}

TEST(IcebergDataFileTest, ValidateFollowsTheSpec) {
  EXPECT_OK(Valid().Validate(1));
  struct Case {
    std::function<void(DataFile&)> edit;
    int version;
    std::string message;  // empty: valid
  };
  const Case cases[] = {
      {[](DataFile& f) { f.file_path.clear(); }, 2, "empty file_path"},
      {[](DataFile& f) { f.file_size_in_bytes = -1; }, 2, "file_size_in_bytes -1 is negative"},
      {[](DataFile& f) { f.content = DataFileContent::kPositionDeletes; }, 1,
       "position deletes need format version 2"},
      {[](DataFile& f) { f.content = DataFileContent::kPositionDeletes; }, 2, ""},
      {[](DataFile& f) { f.content = DataFileContent::kEqualityDeletes; }, 2,
       "equality deletes without equality_ids"},
      {[](DataFile& f) {
         f.content = DataFileContent::kEqualityDeletes;
         f.equality_ids = {1};
       },
       2, ""},
      {[](DataFile& f) { f.content_offset = 4; }, 3,
       "content_offset without content_size_in_bytes"},
      {[](DataFile& f) { f.file_format = FileFormat::kPuffin; }, 3,
       "a Puffin file must be a deletion vector (position deletes), not data"},
      {[](DataFile& f) {
         f.file_format = FileFormat::kPuffin;
         f.content = DataFileContent::kPositionDeletes;
         f.content_offset = 4;
         f.content_size_in_bytes = 40;
       },
       3, "a deletion vector needs referenced_data_file"},
      {[](DataFile& f) {
         f.file_format = FileFormat::kPuffin;
         f.content = DataFileContent::kPositionDeletes;
         f.referenced_data_file = "s3://b/t/data/a.parquet";
         f.content_offset = 4;
         f.content_size_in_bytes = 40;
       },
       3, ""},
      {[](DataFile& f) {
         f.content = DataFileContent::kPositionDeletes;
         f.first_row_id = 1;
       },
       3, "delete files have no first_row_id"},
      {[](DataFile& f) { f.first_row_id = 1; }, 2, "need format version 3, not 2"},
      {[](DataFile& f) { f.first_row_id = 1; }, 3, ""},
  };
  for (const Case& c : cases) {
    DataFile f = Valid();
    c.edit(f);
    Status st = f.Validate(c.version);
    if (c.message.empty()) {
      EXPECT_TRUE(st.ok()) << st.ToString();
    } else {
      EXPECT_EQ(st.code(), StatusCode::kInvalidArgument) << c.message;
      EXPECT_NE(st.message().find(c.message), std::string::npos) << st.ToString();
    }
  }
}

TEST(IcebergDataFileTest, MetricsAndBounds) {
  ColumnCounts counts = {{5, 50}, {1, 10}, {3, 30}};
  ASSERT_OK(SortColumnMetrics(counts));
  EXPECT_EQ(counts, (ColumnCounts{{1, 10}, {3, 30}, {5, 50}}));
  ASSERT_NE(FindColumnCount(counts, 3), nullptr);
  EXPECT_EQ(*FindColumnCount(counts, 3), 30);
  EXPECT_EQ(FindColumnCount(counts, 4), nullptr);
  ColumnBounds dup = {{2, "a"}, {2, "b"}};
  ASSERT_STATUS(kInvalidArgument, "field id 2 occurs twice", SortColumnMetrics(dup));

  const Schema schema =
      Schema::Make({NestedField::Required(1, "id", Type::Long()),
                    NestedField::Optional(2, "p", Type::Decimal(9, 2).value()),
                    NestedField::Optional(3, "tags", Type::List(4, Type::String(), false).value())})
          .value();
  DataFile f = Valid();
  // A bound written while the column was an int reads as the long it is now.
  f.lower_bounds = {{1, SingleValueToBinary(Type::Int(), Value::Int32(-7)).value()},
                    {2, std::string("\x01\x00", 2)},
                    {3, "x"},
                    {9, "y"}};
  f.upper_bounds = {{1, "abc"}};
  ASSERT_OK_AND_ASSIGN(auto id_lower, f.LowerBound(schema, 1));
  EXPECT_EQ(id_lower, Value::Int64(-7));
  ASSERT_OK_AND_ASSIGN(auto p_lower, f.LowerBound(schema, 2));
  EXPECT_EQ(p_lower, Value::Decimal(256, 9, 2).value());
  ASSERT_OK_AND_ASSIGN(auto none, f.UpperBound(schema, 2));
  EXPECT_FALSE(none.has_value());
  ASSERT_STATUS(kInvalidArgument, "bound of field 3 'tags': list<string> has no bounds",
                f.LowerBound(schema, 3));
  ASSERT_STATUS(kInvalidArgument, "bound of field 9: the schema has no such field",
                f.LowerBound(schema, 9));
  ASSERT_STATUS(kInvalidArgument, "bound of field 1 'id'", f.UpperBound(schema, 1));
}

}  // namespace
}  // namespace floe::iceberg
