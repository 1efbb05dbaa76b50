#include "io/location_mapping_file_io.h"

#include <gtest/gtest.h>

#include "io/memory_file_io.h"
#include "util/test_macros.h"

namespace floe {
namespace {

TEST(LocationMappingFileIOTest, LongestPrefixAtABoundaryWins) {
  MemoryFileIO base;
  LocationMappingFileIO io(base, {{"s3://b/wh", "mem://x/wh"},
                                  {"s3://b/wh/t1", "mem://y/t1"},
                                  {"file:///test-warehouse", "mem://z/tw"},
                                  {"./relative/dir", "mem://r"}});
  EXPECT_EQ(io.Map("s3://b/wh/t2/data/a.parquet"), "mem://x/wh/t2/data/a.parquet");
  EXPECT_EQ(io.Map("s3://b/wh/t1/data/a.parquet"), "mem://y/t1/data/a.parquet");
  EXPECT_EQ(io.Map("s3://b/wh"), "mem://x/wh");
  // Not at a '/' boundary: "wh2" is another folder.
  EXPECT_EQ(io.Map("s3://b/wh2/a"), "s3://b/wh2/a");
  // file:, file:// and plain paths are one namespace; so are "./x" and "x".
  EXPECT_EQ(io.Map("/test-warehouse/t/m.json"), "mem://z/tw/t/m.json");
  EXPECT_EQ(io.Map("file:/test-warehouse/t/m.json"), "mem://z/tw/t/m.json");
  EXPECT_EQ(io.Map("relative/dir/f"), "mem://r/f");
  EXPECT_EQ(io.Map("hdfs://nn/other"), "hdfs://nn/other");
}

TEST(LocationMappingFileIOTest, ReadsAndListsUnderTheWrittenNames) {
  MemoryFileIO base;
  ASSERT_OK(base.WriteAll("mem://copy/t/metadata/v1.metadata.json", "{}", WriteMode::kOverwrite));
  ASSERT_OK(base.WriteAll("mem://copy/t/data/a.parquet", "PAR1", WriteMode::kOverwrite));
  LocationMappingFileIO io(base, {{"hdfs://nn:8020/warehouse/t/", "mem://copy/t/"}});
  ASSERT_OK_AND_ASSIGN(std::string json,
                       io.ReadAll("hdfs://nn:8020/warehouse/t/metadata/v1.metadata.json"));
  EXPECT_EQ(json, "{}");
  ASSERT_OK_AND_ASSIGN(auto listed, io.List("hdfs://nn:8020/warehouse/t/metadata/"));
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].location, "hdfs://nn:8020/warehouse/t/metadata/v1.metadata.json");
  ASSERT_OK_AND_ASSIGN(FileInfo info, io.Stat("hdfs://nn:8020/warehouse/t/data/a.parquet"));
  EXPECT_EQ(info.size, 4);
  EXPECT_EQ(info.location, "hdfs://nn:8020/warehouse/t/data/a.parquet");
  ASSERT_STATUS(kNotFound, "", io.Stat("hdfs://nn:8020/warehouse/t/data/missing.parquet"));
}

}  // namespace
}  // namespace floe
