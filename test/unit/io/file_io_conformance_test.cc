// The shared FileIO conformance suite: every FileIO implementation runs these
// tests, so code above the io layer can rely on one contract (file_io.h).
#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <functional>
#include <random>
#include <thread>

#include "io/fault_injecting_file_io.h"
#include "io/file_io.h"
#include "io/local_file_io.h"
#include "io/location_mapping_file_io.h"
#include "io/memory_file_io.h"
#include "util/temp_dir.h"
#include "util/test_macros.h"

namespace floe {
namespace {

// An implementation under test, with the folder-like root its files go under.
struct Fixture {
  std::unique_ptr<test::TempDir> dir;
  std::unique_ptr<FileIO> base;
  std::unique_ptr<FileIO> io;
  std::string root;  // ends with '/'
};

struct Impl {
  std::string name;
  std::function<Fixture()> make;
  friend void PrintTo(const Impl& impl, std::ostream* os) { *os << impl.name; }
};

Fixture MakeLocal(bool uri) {
  Fixture f;
  f.dir = std::make_unique<test::TempDir>();
  f.io = std::make_unique<LocalFileIO>();
  f.root = (uri ? "file://" : "") + f.dir->path() + "/";
  return f;
}

Fixture MakeMemory() {
  Fixture f;
  f.io = std::make_unique<MemoryFileIO>();
  f.root = "mem://bucket/warehouse/";
  return f;
}

Fixture WrapWithFaults(Fixture f) {
  f.base = std::move(f.io);
  f.io = std::make_unique<FaultInjectingFileIO>(*f.base);
  return f;
}

// Locations as another system wrote them (s3://...), mapped to a local folder.
Fixture MakeMappedOverLocal() {
  Fixture f;
  f.dir = std::make_unique<test::TempDir>();
  f.base = std::make_unique<LocalFileIO>();
  f.io = std::make_unique<LocationMappingFileIO>(
      *f.base, std::vector<LocationMapping>{{"s3://bucket/warehouse", f.dir->path()}});
  f.root = "s3://bucket/warehouse/";
  return f;
}

class FileIOConformance : public ::testing::TestWithParam<Impl> {
 protected:
  void SetUp() override { f_ = GetParam().make(); }
  FileIO& io() { return *f_.io; }
  std::string Loc(std::string_view name) { return f_.root + std::string(name); }

  Fixture f_;
};

std::string Pattern(size_t n, uint32_t seed) {
  std::mt19937 rng(seed);
  std::string s(n, '\0');
  for (auto& c : s) c = static_cast<char>(rng());
  return s;
}

TEST_P(FileIOConformance, WriteThenReadBack) {
  std::string data = "hello, lakehouse";
  ASSERT_OK(io().WriteAll(Loc("a.txt"), data, WriteMode::kOverwrite));
  ASSERT_OK_AND_ASSIGN(std::string back, io().ReadAll(Loc("a.txt")));
  EXPECT_EQ(back, data);
  ASSERT_OK_AND_ASSIGN(FileInfo info, io().Stat(Loc("a.txt")));
  EXPECT_EQ(info.size, static_cast<int64_t>(data.size()));
  EXPECT_EQ(info.location, Loc("a.txt"));
  ASSERT_OK_AND_ASSIGN(bool exists, io().Exists(Loc("a.txt")));
  EXPECT_TRUE(exists);
}

TEST_P(FileIOConformance, EmptyFile) {
  ASSERT_OK(io().WriteAll(Loc("empty"), "", WriteMode::kOverwrite));
  ASSERT_OK_AND_ASSIGN(auto file, io().OpenRead(Loc("empty")));
  EXPECT_EQ(file->size(), 0);
  ASSERT_OK_AND_ASSIGN(auto buf, file->ReadAt(0, 0));
  EXPECT_EQ(buf->size(), 0);
  ASSERT_STATUS(kInvalidArgument, "outside the file", file->ReadAt(0, 1));
}

TEST_P(FileIOConformance, NestedLocationsNeedNoFolders) {
  ASSERT_OK(io().WriteAll(Loc("t/data/p=1/x.parquet"), "x", WriteMode::kOverwrite));
  ASSERT_OK_AND_ASSIGN(std::string back, io().ReadAll(Loc("t/data/p=1/x.parquet")));
  EXPECT_EQ(back, "x");
}

TEST_P(FileIOConformance, RandomReadsAndRanges) {
  std::string data = Pattern(1 << 20, 7);
  {
    ASSERT_OK_AND_ASSIGN(auto out, io().OpenWrite(Loc("big.bin"), WriteMode::kOverwrite));
    // Appends of many sizes, including ones larger than any write buffer.
    size_t pos = 0;
    for (size_t chunk : {1u, 7u, 4096u, 300000u, 1u, 700000u}) {
      chunk = std::min(chunk, data.size() - pos);
      ASSERT_OK(out->Append(data.data() + pos, static_cast<int64_t>(chunk)));
      pos += chunk;
    }
    ASSERT_OK(out->Append(data.data() + pos, static_cast<int64_t>(data.size() - pos)));
    EXPECT_EQ(out->position(), static_cast<int64_t>(data.size()));
    ASSERT_OK(out->Close());
  }
  ASSERT_OK_AND_ASSIGN(auto file, io().OpenRead(Loc("big.bin")));
  ASSERT_EQ(file->size(), static_cast<int64_t>(data.size()));
  EXPECT_EQ(file->location(), Loc("big.bin"));

  ASSERT_OK_AND_ASSIGN(auto tail, file->ReadAt(file->size() - 8, 8));
  EXPECT_EQ(tail->view(), data.substr(data.size() - 8));

  std::vector<ReadRange> ranges = {{0, 4}, {1000, 100}, {524288, 65536}, {1048575, 1}, {5, 0}};
  ASSERT_OK_AND_ASSIGN(auto bufs, file->ReadRanges(ranges));
  ASSERT_EQ(bufs.size(), ranges.size());
  for (size_t i = 0; i < ranges.size(); ++i) {
    EXPECT_EQ(bufs[i]->view(), data.substr(ranges[i].offset, ranges[i].length)) << i;
  }
  std::vector<uint8_t> raw(16);
  ASSERT_OK(file->ReadAt(100, 16, raw.data()));
  EXPECT_EQ(std::string(raw.begin(), raw.end()), data.substr(100, 16));
}

TEST_P(FileIOConformance, OutOfRangeReadsAreErrorsNotShortReads) {
  ASSERT_OK(io().WriteAll(Loc("f"), "0123456789", WriteMode::kOverwrite));
  ASSERT_OK_AND_ASSIGN(auto file, io().OpenRead(Loc("f")));
  ASSERT_STATUS(kInvalidArgument, "outside the file", file->ReadAt(5, 6));
  ASSERT_STATUS(kInvalidArgument, "outside the file", file->ReadAt(-1, 2));
  ASSERT_STATUS(kInvalidArgument, "outside the file", file->ReadAt(11, 0));
  ASSERT_STATUS(kInvalidArgument, "outside the file", file->ReadAt(2, -1));
  // A hostile length must not be allocated.
  ASSERT_STATUS(kInvalidArgument, "outside the file", file->ReadAt(0, int64_t{1} << 60));
  std::vector<ReadRange> bad = {{0, 2}, {9, 5}};
  ASSERT_STATUS(kInvalidArgument, "outside the file", file->ReadRanges(bad));
  ASSERT_OK_AND_ASSIGN(auto all, file->ReadAt(0, 10));
  EXPECT_EQ(all->view(), "0123456789");
}

TEST_P(FileIOConformance, MissingFilesAreNotFound) {
  ASSERT_STATUS(kNotFound, "", io().OpenRead(Loc("nope")));
  ASSERT_STATUS(kNotFound, "", io().Stat(Loc("nope")));
  ASSERT_STATUS(kNotFound, "", io().Delete(Loc("nope")));
  ASSERT_OK_AND_ASSIGN(bool exists, io().Exists(Loc("nope")));
  EXPECT_FALSE(exists);
}

TEST_P(FileIOConformance, NothingVisibleBeforeClose) {
  ASSERT_OK_AND_ASSIGN(auto out, io().OpenWrite(Loc("m/v1.metadata.json"), WriteMode::kOverwrite));
  ASSERT_OK(out->Append(std::string(1 << 20, 'x')));
  ASSERT_OK_AND_ASSIGN(bool exists, io().Exists(Loc("m/v1.metadata.json")));
  EXPECT_FALSE(exists);
  ASSERT_OK_AND_ASSIGN(auto listed, io().List(Loc("m/")));
  EXPECT_TRUE(listed.empty()) << listed.size() << " files listed, first " << listed[0].location;
  ASSERT_OK(out->Close());
  ASSERT_OK_AND_ASSIGN(exists, io().Exists(Loc("m/v1.metadata.json")));
  EXPECT_TRUE(exists);
}

TEST_P(FileIOConformance, AbortAndDestructorPublishNothing) {
  {
    ASSERT_OK_AND_ASSIGN(auto out, io().OpenWrite(Loc("aborted"), WriteMode::kOverwrite));
    ASSERT_OK(out->Append("partial"));
    ASSERT_OK(out->Abort());
    ASSERT_OK(out->Abort());  // idempotent
    EXPECT_FALSE(out->Append("more").ok());
  }
  {
    ASSERT_OK_AND_ASSIGN(auto out, io().OpenWrite(Loc("dropped"), WriteMode::kOverwrite));
    ASSERT_OK(out->Append("partial"));
  }  // destroyed without Close
  ASSERT_OK_AND_ASSIGN(auto listed, io().List(f_.root));
  EXPECT_TRUE(listed.empty());
}

TEST_P(FileIOConformance, StreamIsUnusableAfterClose) {
  ASSERT_OK_AND_ASSIGN(auto out, io().OpenWrite(Loc("once"), WriteMode::kOverwrite));
  ASSERT_OK(out->Append("a"));
  ASSERT_OK(out->Close());
  EXPECT_FALSE(out->Append("b").ok());
  EXPECT_FALSE(out->Close().ok());
  ASSERT_OK_AND_ASSIGN(std::string back, io().ReadAll(Loc("once")));
  EXPECT_EQ(back, "a");
}

TEST_P(FileIOConformance, OverwriteReplacesAtomically) {
  ASSERT_OK(io().WriteAll(Loc("hint"), "1", WriteMode::kOverwrite));
  ASSERT_OK_AND_ASSIGN(auto reader, io().OpenRead(Loc("hint")));
  ASSERT_OK(io().WriteAll(Loc("hint"), "22", WriteMode::kOverwrite));
  ASSERT_OK_AND_ASSIGN(std::string back, io().ReadAll(Loc("hint")));
  EXPECT_EQ(back, "22");
  // A reader opened before keeps seeing the version it opened.
  ASSERT_OK_AND_ASSIGN(auto old, reader->ReadAt(0, 1));
  EXPECT_EQ(old->view(), "1");
}

TEST_P(FileIOConformance, CreateIfAbsentFailsWhenPresent) {
  ASSERT_OK(io().WriteAll(Loc("v1.json"), "first", WriteMode::kCreateIfAbsent));
  ASSERT_STATUS(kAlreadyExists, "v1.json",
                io().WriteAll(Loc("v1.json"), "second", WriteMode::kCreateIfAbsent));
  ASSERT_OK_AND_ASSIGN(std::string back, io().ReadAll(Loc("v1.json")));
  EXPECT_EQ(back, "first");
}

TEST_P(FileIOConformance, CreateIfAbsentChecksAtPublish) {
  // Both writers start while the location is free; only the first Close wins.
  ASSERT_OK_AND_ASSIGN(auto a, io().OpenWrite(Loc("v2.json"), WriteMode::kCreateIfAbsent));
  ASSERT_OK_AND_ASSIGN(auto b, io().OpenWrite(Loc("v2.json"), WriteMode::kCreateIfAbsent));
  ASSERT_OK(a->Append("from a"));
  ASSERT_OK(b->Append("from b"));
  ASSERT_OK(b->Close());
  ASSERT_STATUS(kAlreadyExists, "", a->Close());
  ASSERT_OK_AND_ASSIGN(std::string back, io().ReadAll(Loc("v2.json")));
  EXPECT_EQ(back, "from b");
  ASSERT_OK_AND_ASSIGN(auto listed, io().List(f_.root));
  EXPECT_EQ(listed.size(), 1u);  // the loser left nothing behind
}

TEST_P(FileIOConformance, CreateIfAbsentRaceHasExactlyOneWinner) {
  constexpr int kThreads = 8;
  for (int round = 0; round < 5; ++round) {
    std::string loc = Loc("race/v" + std::to_string(round) + ".metadata.json");
    std::atomic<int> wins{0}, conflicts{0}, others{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&, t] {
        Status st = io().WriteAll(loc, "writer " + std::to_string(t), WriteMode::kCreateIfAbsent);
        if (st.ok())
          ++wins;
        else if (st.IsAlreadyExists())
          ++conflicts;
        else
          ++others;
      });
    }
    for (auto& th : threads) th.join();
    EXPECT_EQ(wins.load(), 1) << "round " << round;
    EXPECT_EQ(conflicts.load(), kThreads - 1);
    EXPECT_EQ(others.load(), 0);
    ASSERT_OK_AND_ASSIGN(std::string back, io().ReadAll(loc));
    EXPECT_EQ(back.rfind("writer ", 0), 0u);
  }
}

TEST_P(FileIOConformance, DeleteRemovesOnlyThatFile) {
  ASSERT_OK(io().WriteAll(Loc("d/a"), "a", WriteMode::kOverwrite));
  ASSERT_OK(io().WriteAll(Loc("d/b"), "b", WriteMode::kOverwrite));
  ASSERT_OK(io().Delete(Loc("d/a")));
  ASSERT_OK_AND_ASSIGN(bool a, io().Exists(Loc("d/a")));
  ASSERT_OK_AND_ASSIGN(bool b, io().Exists(Loc("d/b")));
  EXPECT_FALSE(a);
  EXPECT_TRUE(b);
  ASSERT_STATUS(kNotFound, "", io().Delete(Loc("d/a")));
}

TEST_P(FileIOConformance, ListByPrefixIsRecursiveAndSorted) {
  for (const char* name : {"t/metadata/v1.metadata.json", "t/metadata/v2.metadata.json",
                           "t/metadata/snap-1.avro", "t/data/a=1/f1.parquet",
                           "t/data/a=2/f2.parquet", "t/data/a=10/f3.parquet", "t2/other", "u/x"}) {
    ASSERT_OK(io().WriteAll(Loc(name), name, WriteMode::kOverwrite));
  }
  auto names = [&](std::string_view prefix) {
    std::vector<std::string> out;
    auto listed = io().List(Loc(prefix));
    EXPECT_TRUE(listed.has_value()) << listed.status().ToString();
    if (!listed.has_value()) return out;
    for (const FileInfo& f : *listed) {
      EXPECT_EQ(f.location.substr(0, f_.root.size()), f_.root);
      out.push_back(f.location.substr(f_.root.size()));
    }
    return out;
  };
  using V = std::vector<std::string>;
  EXPECT_EQ(names("t/metadata/"), (V{"t/metadata/snap-1.avro", "t/metadata/v1.metadata.json",
                                     "t/metadata/v2.metadata.json"}));
  EXPECT_EQ(names("t/data/"),
            (V{"t/data/a=1/f1.parquet", "t/data/a=10/f3.parquet", "t/data/a=2/f2.parquet"}));
  // A string prefix, not a folder: "t/data/a=1" also matches "a=10".
  EXPECT_EQ(names("t/data/a=1"), (V{"t/data/a=1/f1.parquet", "t/data/a=10/f3.parquet"}));
  EXPECT_EQ(names("t/metadata/v"),
            (V{"t/metadata/v1.metadata.json", "t/metadata/v2.metadata.json"}));
  EXPECT_EQ(names("t"),
            (V{"t/data/a=1/f1.parquet", "t/data/a=10/f3.parquet", "t/data/a=2/f2.parquet",
               "t/metadata/snap-1.avro", "t/metadata/v1.metadata.json",
               "t/metadata/v2.metadata.json", "t2/other"}));
  EXPECT_EQ(names("nothing/"), V{});
  ASSERT_OK_AND_ASSIGN(auto listed, io().List(Loc("t/metadata/v1")));
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].size, static_cast<int64_t>(strlen("t/metadata/v1.metadata.json")));
}

TEST_P(FileIOConformance, ReadersAreThreadSafe) {
  std::string data = Pattern(256 * 1024, 3);
  ASSERT_OK(io().WriteAll(Loc("shared"), data, WriteMode::kOverwrite));
  ASSERT_OK_AND_ASSIGN(auto file, io().OpenRead(Loc("shared")));
  std::atomic<int> mismatches{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      std::mt19937 rng(t);
      for (int i = 0; i < 200; ++i) {
        int64_t off = rng() % data.size();
        int64_t len = rng() % (data.size() - off);
        auto buf = file->ReadAt(off, len);
        if (!buf.has_value() || (*buf)->view() != std::string_view(data).substr(off, len)) {
          ++mismatches;
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(mismatches.load(), 0);
}

INSTANTIATE_TEST_SUITE_P(
    AllFileIOs, FileIOConformance,
    ::testing::Values(Impl{"Local", [] { return MakeLocal(false); }},
                      Impl{"LocalFileUri", [] { return MakeLocal(true); }},
                      Impl{"Memory", [] { return MakeMemory(); }},
                      Impl{"FaultInjectingOverLocal",
                           [] { return WrapWithFaults(MakeLocal(false)); }},
                      Impl{"FaultInjectingOverMemory", [] { return WrapWithFaults(MakeMemory()); }},
                      Impl{"LocationMappingOverLocal", [] { return MakeMappedOverLocal(); }}),
    [](const ::testing::TestParamInfo<Impl>& info) { return info.param.name; });

}  // namespace
}  // namespace floe
