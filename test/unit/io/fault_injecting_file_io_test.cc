#include "io/fault_injecting_file_io.h"

#include <gtest/gtest.h>

#include "io/memory_file_io.h"
#include "util/test_macros.h"

namespace floe {
namespace {

class FaultInjectingTest : public ::testing::Test {
 protected:
  MemoryFileIO base_;
  FaultInjectingFileIO io_{base_};
};

TEST_F(FaultInjectingTest, CountsEveryOperation) {
  ASSERT_OK(io_.WriteAll("a", "12345", WriteMode::kOverwrite));  // open-write, append, close
  ASSERT_OK_AND_ASSIGN(std::string back, io_.ReadAll("a"));      // open-read, read
  EXPECT_EQ(back, "12345");
  ASSERT_OK(io_.List("").status());
  ASSERT_OK(io_.Stat("a").status());
  ASSERT_OK(io_.Delete("a"));
  EXPECT_EQ(io_.count(FileOp::kOpenWrite), 1);
  EXPECT_EQ(io_.count(FileOp::kAppend), 1);
  EXPECT_EQ(io_.count(FileOp::kClose), 1);
  EXPECT_EQ(io_.count(FileOp::kOpenRead), 1);
  EXPECT_EQ(io_.count(FileOp::kRead), 1);
  EXPECT_EQ(io_.count(FileOp::kList), 1);
  EXPECT_EQ(io_.count(FileOp::kStat), 1);
  EXPECT_EQ(io_.count(FileOp::kDelete), 1);
  EXPECT_EQ(io_.total_count(), 8);
  EXPECT_EQ(io_.faults_injected(), 0);
}

TEST_F(FaultInjectingTest, FailsTheNthOperationOfAKindOnce) {
  io_.AddFault({FileOp::kClose, 2, FaultKind::kError, /*retryable=*/true});
  ASSERT_OK(io_.WriteAll("one", "1", WriteMode::kOverwrite));
  Status st = io_.WriteAll("two", "2", WriteMode::kOverwrite);
  ASSERT_TRUE(st.IsIOError()) << st.ToString();
  EXPECT_TRUE(st.retryable());
  EXPECT_NE(st.message().find("injected fault: close #2 of 'two'"), std::string::npos)
      << st.message();
  ASSERT_OK(io_.WriteAll("three", "3", WriteMode::kOverwrite));  // fired once only
  EXPECT_TRUE(base_.Exists("one").value());
  EXPECT_FALSE(base_.Exists("two").value()) << "a failed close must publish nothing";
  EXPECT_TRUE(base_.Exists("three").value());
  EXPECT_EQ(io_.faults_injected(), 1);
}

TEST_F(FaultInjectingTest, FailsTheNthOperationOfAnyKind) {
  // A sweep: operation k of a 3-operation write fails; nothing is published.
  for (int k = 1; k <= 3; ++k) {
    io_.Reset();
    io_.AddFault({std::nullopt, k});
    EXPECT_FALSE(io_.WriteAll("f", "data", WriteMode::kOverwrite).ok()) << k;
    EXPECT_FALSE(base_.Exists("f").value()) << k;
  }
  io_.Reset();
  io_.AddFault({std::nullopt, 4});
  EXPECT_OK(io_.WriteAll("f", "data", WriteMode::kOverwrite));
}

TEST_F(FaultInjectingTest, LocationFilter) {
  io_.AddFault({FileOp::kOpenWrite, 1, FaultKind::kError, false, "metadata/"});
  ASSERT_OK(io_.WriteAll("t/data/a.parquet", "x", WriteMode::kOverwrite));
  EXPECT_FALSE(io_.WriteAll("t/metadata/v1.json", "x", WriteMode::kOverwrite).ok());
  ASSERT_OK(io_.WriteAll("t/metadata/v1.json", "x", WriteMode::kOverwrite));
}

TEST_F(FaultInjectingTest, ErrorAfterCloseIsCommitStateUnknownAndPublished) {
  io_.AddFault({FileOp::kClose, 1, FaultKind::kErrorAfter});
  Status st = io_.WriteAll("v3.json", "meta", WriteMode::kCreateIfAbsent);
  ASSERT_TRUE(st.IsCommitStateUnknown()) << st.ToString();
  ASSERT_OK_AND_ASSIGN(std::string back, base_.ReadAll("v3.json"));
  EXPECT_EQ(back, "meta");
}

TEST_F(FaultInjectingTest, ErrorAfterDeleteDeletes) {
  ASSERT_OK(base_.WriteAll("x", "1", WriteMode::kOverwrite));
  io_.AddFault({FileOp::kDelete, 1, FaultKind::kErrorAfter});
  EXPECT_TRUE(io_.Delete("x").IsIOError());
  EXPECT_FALSE(base_.Exists("x").value());
}

TEST_F(FaultInjectingTest, TornWritePublishesAPrefix) {
  io_.AddFault({FileOp::kClose, 1, FaultKind::kTornWrite});
  Status st = io_.WriteAll("torn.parquet", "0123456789", WriteMode::kOverwrite);
  EXPECT_TRUE(st.IsIOError()) << st.ToString();
  ASSERT_OK_AND_ASSIGN(std::string back, base_.ReadAll("torn.parquet"));
  EXPECT_EQ(back, "01234");
}

TEST_F(FaultInjectingTest, CrashFailsEverythingAfterTheKillPoint) {
  ASSERT_OK(base_.WriteAll("before", "b", WriteMode::kOverwrite));
  io_.AddFault({FileOp::kAppend, 1, FaultKind::kCrash});
  ASSERT_OK_AND_ASSIGN(auto out, io_.OpenWrite("during", WriteMode::kOverwrite));
  EXPECT_FALSE(out->Append("x").ok());
  EXPECT_TRUE(io_.crashed());
  EXPECT_FALSE(out->Close().ok());
  EXPECT_FALSE(io_.OpenRead("before").has_value());
  EXPECT_FALSE(io_.List("").has_value());
  EXPECT_FALSE(io_.Delete("before").ok());
  EXPECT_TRUE(base_.Exists("before").value());
  EXPECT_FALSE(base_.Exists("during").value());
  io_.Reset();
  EXPECT_FALSE(io_.crashed());
  EXPECT_TRUE(io_.Exists("before").value());
}

TEST_F(FaultInjectingTest, ReadFaults) {
  ASSERT_OK(base_.WriteAll("r", "abc", WriteMode::kOverwrite));
  io_.AddFault({FileOp::kRead, 2});
  ASSERT_OK_AND_ASSIGN(auto f, io_.OpenRead("r"));
  ASSERT_OK(f->ReadAt(0, 1).status());
  EXPECT_TRUE(f->ReadAt(1, 1).error().IsIOError());
  ASSERT_OK(f->ReadAt(2, 1).status());
  io_.AddFault({FileOp::kOpenRead, 2});  // counted from here on
  EXPECT_TRUE(io_.OpenRead("r").has_value());
  EXPECT_FALSE(io_.OpenRead("r").has_value());
  EXPECT_TRUE(io_.OpenRead("r").has_value());
}

TEST_F(FaultInjectingTest, Latency) {
  io_.SetLatency(std::chrono::milliseconds(20));
  auto start = std::chrono::steady_clock::now();
  ASSERT_OK(io_.Stat("nope").status().IsNotFound() ? Status::OK() : Status::Internal("?"));
  auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_GE(elapsed, std::chrono::milliseconds(20));
}

}  // namespace
}  // namespace floe
