#include "util/child_process.h"

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cerrno>
#include <chrono>
#include <string>

#include "util/test_macros.h"

namespace floe::test {
namespace {

using std::chrono::milliseconds;

TEST(ChildProcessTest, TalksLinesAndExitsCleanly) {
  ASSERT_OK_AND_ASSIGN(auto child, ChildProcess::Spawn("/bin/cat", {}));
  ASSERT_OK(child->Write("hello\nworld\n"));
  ASSERT_OK_AND_ASSIGN(std::string first, child->ReadLine(milliseconds(5000)));
  ASSERT_OK_AND_ASSIGN(std::string second, child->ReadLine(milliseconds(5000)));
  EXPECT_EQ(first, "hello");
  EXPECT_EQ(second, "world");
  ASSERT_OK_AND_ASSIGN(int code, child->Finish(milliseconds(5000)));
  EXPECT_EQ(code, 0);
  EXPECT_TRUE(child->exited());
}

TEST(ChildProcessTest, LongLinesArriveWhole) {
  ASSERT_OK_AND_ASSIGN(
      auto child,
      ChildProcess::Spawn(
          "/bin/sh",
          {"-c", "PATH=/usr/bin:/bin; head -c 1000000 /dev/zero | tr '\\0' x; echo; echo end"}));
  ASSERT_OK_AND_ASSIGN(std::string line, child->ReadLine(milliseconds(5000)));
  EXPECT_EQ(line, std::string(1000000, 'x'));
  ASSERT_OK_AND_ASSIGN(std::string end, child->ReadLine(milliseconds(5000)));
  EXPECT_EQ(end, "end");
}

TEST(ChildProcessTest, MissingProgramIsNotFound) {
  ASSERT_STATUS(kNotFound, "does not exist", ChildProcess::Spawn("/nonexistent/program", {}));
}

TEST(ChildProcessTest, EarlyExitReportsCodeAndStderr) {
  ASSERT_OK_AND_ASSIGN(auto child,
                       ChildProcess::Spawn("/bin/sh", {"-c", "echo something broke >&2; exit 3"}));
  auto line = child->ReadLine(milliseconds(5000));
  ASSERT_FALSE(line.has_value());
  EXPECT_TRUE(line.error().IsIOError());
  EXPECT_NE(line.error().message().find("exited with code 3"), std::string::npos)
      << line.error().message();
  EXPECT_NE(line.error().message().find("something broke"), std::string::npos)
      << line.error().message();
  EXPECT_TRUE(child->exited());
}

TEST(ChildProcessTest, WritingToADeadChildIsAnErrorNotSigpipe) {
  ASSERT_OK_AND_ASSIGN(auto child, ChildProcess::Spawn("/bin/true", {}));
  ASSERT_FALSE(child->ReadLine(milliseconds(5000)).has_value());  // waits for the exit
  std::string big(1 << 20, 'x');
  ASSERT_STATUS(kIOError, "writing to stdin", child->Write(big));
}

TEST(ChildProcessTest, TimeoutKillsTheChild) {
  ASSERT_OK_AND_ASSIGN(auto child, ChildProcess::Spawn("/bin/sleep", {"30"}));
  auto start = std::chrono::steady_clock::now();
  ASSERT_STATUS(kIOError, "no answer within 100 ms", child->ReadLine(milliseconds(100)));
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
  EXPECT_TRUE(child->exited());
}

TEST(ChildProcessTest, DestructorReapsTheChild) {
  pid_t pid;
  {
    ASSERT_OK_AND_ASSIGN(auto child, ChildProcess::Spawn("/bin/cat", {}));
    pid = child->pid();
  }
  // Reaped already: no zombie left for us to collect.
  int status = 0;
  EXPECT_EQ(::waitpid(pid, &status, WNOHANG), -1);
  EXPECT_EQ(errno, ECHILD);
}

}  // namespace
}  // namespace floe::test
