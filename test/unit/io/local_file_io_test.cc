// LocalFileIO behaviour beyond the shared conformance suite: temporary files,
// crash safety of publishes, and location forms.
#include "io/local_file_io.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>

#include "io/location.h"
#include "util/temp_dir.h"
#include "util/test_macros.h"

namespace floe {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> FolderEntries(const std::string& dir) {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(dir)) out.push_back(e.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

TEST(LocalFileIOTest, InProgressWriteIsAHiddenTemporaryFile) {
  test::TempDir dir;
  LocalFileIO io;
  std::string loc = dir.path() + "/v1.metadata.json";
  ASSERT_OK_AND_ASSIGN(auto out, io.OpenWrite(loc, WriteMode::kCreateIfAbsent));
  ASSERT_OK(out->Append(std::string(1 << 20, 'z')));  // forces bytes to disk
  auto entries = FolderEntries(dir.path());
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_TRUE(LocalFileIO::IsTemporaryFileName(entries[0])) << entries[0];
  ASSERT_OK_AND_ASSIGN(auto listed, io.List(dir.path() + "/"));
  EXPECT_TRUE(listed.empty());
  ASSERT_OK(out->Close());
  EXPECT_EQ(FolderEntries(dir.path()), std::vector<std::string>{"v1.metadata.json"});
}

TEST(LocalFileIOTest, KilledWriterLeavesNothingUnderTheFinalName) {
  test::TempDir dir;
  std::string loc = dir.path() + "/data/00000-big.parquet";
  int ready[2];
  ASSERT_EQ(::pipe(ready), 0);
  pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    // Child: write forever; tell the parent once bytes are on disk.
    LocalFileIO io;
    auto out = io.OpenWrite(loc, WriteMode::kOverwrite);
    if (!out.has_value()) ::_exit(2);
    std::string chunk(1 << 20, 'q');
    for (int i = 0;; ++i) {
      if (!(*out)->Append(chunk).ok()) ::_exit(3);
      if (i == 4) {
        char c = 'r';
        if (::write(ready[1], &c, 1) != 1) ::_exit(4);
      }
    }
  }
  char c;
  ASSERT_EQ(::read(ready[0], &c, 1), 1);
  ::kill(pid, SIGKILL);
  int wstatus = 0;
  ::waitpid(pid, &wstatus, 0);
  ::close(ready[0]);
  ::close(ready[1]);
  ASSERT_TRUE(WIFSIGNALED(wstatus));

  LocalFileIO io;
  ASSERT_OK_AND_ASSIGN(bool exists, io.Exists(loc));
  EXPECT_FALSE(exists);
  ASSERT_OK_AND_ASSIGN(auto listed, io.List(dir.path() + "/"));
  EXPECT_TRUE(listed.empty());
  // The orphaned temporary file is there for orphan cleanup to find.
  auto entries = FolderEntries(dir.path() + "/data");
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_TRUE(LocalFileIO::IsTemporaryFileName(entries[0]));
}

TEST(LocalFileIOTest, ReadsThroughFileUriForms) {
  test::TempDir dir;
  LocalFileIO io;
  ASSERT_OK(io.WriteAll(dir.path() + "/x", "xyz", WriteMode::kOverwrite));
  for (const std::string& loc : {"file://" + dir.path() + "/x", "file:" + dir.path() + "/x",
                                 "file://localhost" + dir.path() + "/x"}) {
    ASSERT_OK_AND_ASSIGN(std::string back, io.ReadAll(loc));
    EXPECT_EQ(back, "xyz") << loc;
  }
  ASSERT_STATUS(kInvalidArgument, "remote host", io.ReadAll("file://otherhost/x"));
  ASSERT_STATUS(kInvalidArgument, "scheme 's3'", io.ReadAll("s3://bucket/x"));
}

TEST(LocalFileIOTest, FoldersAreNotFiles) {
  test::TempDir dir;
  LocalFileIO io;
  ASSERT_STATUS(kNotFound, "not a file", io.OpenRead(dir.path()));
  ASSERT_STATUS(kNotFound, "not a file", io.Stat(dir.path()));
  ASSERT_STATUS(kNotFound, "folder", io.Delete(dir.path()));
  ASSERT_STATUS(kInvalidArgument, "folder", io.OpenWrite(dir.path() + "/", WriteMode::kOverwrite));
}

TEST(LocalFileIOTest, FileInThePlaceOfAFolder) {
  test::TempDir dir;
  LocalFileIO io;
  ASSERT_OK(io.WriteAll(dir.path() + "/f", "x", WriteMode::kOverwrite));
  Status st = io.WriteAll(dir.path() + "/f/child", "y", WriteMode::kOverwrite);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("not a folder"), std::string::npos) << st.ToString();
}

TEST(LocalFileIOTest, RelativePaths) {
  test::TempDir dir;
  std::string cwd = fs::current_path().string();
  fs::current_path(dir.path());
  LocalFileIO io;
  EXPECT_OK(io.WriteAll("rel/a.txt", "a", WriteMode::kOverwrite));
  auto listed = io.List("rel/");
  auto listed_bare = io.List("re");
  fs::current_path(cwd);
  ASSERT_OK(listed.status());
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ((*listed)[0].location, "rel/a.txt");
  ASSERT_OK(listed_bare.status());
  ASSERT_EQ(listed_bare->size(), 1u);
  EXPECT_EQ((*listed_bare)[0].location, "rel/a.txt");
}

TEST(LocationTest, Schemes) {
  EXPECT_EQ(LocationScheme("s3://b/k"), "s3");
  EXPECT_EQ(LocationScheme("s3a://b/k"), "s3a");
  EXPECT_EQ(LocationScheme("file:/x"), "file");
  EXPECT_EQ(LocationScheme("/x/y:z"), "");
  EXPECT_EQ(LocationScheme("rel/x"), "");
  EXPECT_EQ(LocationScheme("C:\\x"), "");
  EXPECT_EQ(LocationScheme("a=1:b/c"), "");
}

TEST(LocationTest, LocalPaths) {
  EXPECT_EQ(LocalPathOf("/a/b").value(), "/a/b");
  EXPECT_EQ(LocalPathOf("file:///a/b").value(), "/a/b");
  EXPECT_EQ(LocalPathOf("file:/a/b").value(), "/a/b");
  EXPECT_EQ(LocalPathOf("file://localhost/a").value(), "/a");
  EXPECT_FALSE(LocalPathOf("").has_value());
  EXPECT_FALSE(LocalPathOf("file://").has_value());
  EXPECT_FALSE(LocalPathOf("hdfs://nn/a").has_value());
}

TEST(LocationTest, Join) {
  EXPECT_EQ(JoinLocation("s3://b/t", "metadata/v1.json"), "s3://b/t/metadata/v1.json");
  EXPECT_EQ(JoinLocation("s3://b/t/", "/metadata"), "s3://b/t/metadata");
  EXPECT_EQ(JoinLocation("", "x"), "x");
}

TEST(MakeFileIOForTest, KnownAndUnknownSchemes) {
  EXPECT_TRUE(MakeFileIOFor("/tmp/x").has_value());
  EXPECT_TRUE(MakeFileIOFor("file:///tmp/x").has_value());
  ASSERT_STATUS(kNotSupported, "gs", MakeFileIOFor("gs://b/k"));
}

}  // namespace
}  // namespace floe
