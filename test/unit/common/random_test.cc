#include "common/random.h"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <set>

namespace floe {
namespace {

TEST(RandomTest, ValuesDiffer) {
  std::set<uint64_t> seen;
  for (int i = 0; i < 1000; ++i) seen.insert(RandomUint64());
  EXPECT_EQ(seen.size(), 1000u);
}

// A forked child must not repeat its parent's values (it would with a
// per-process generator seeded before the fork).
TEST(RandomTest, ForkedChildrenDrawDifferentValues) {
  RandomUint64();  // the parent has drawn before forking
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    uint64_t value = RandomUint64();
    _exit(write(fds[1], &value, sizeof(value)) == sizeof(value) ? 0 : 1);
  }
  const uint64_t mine = RandomUint64();
  uint64_t theirs = 0;
  ASSERT_EQ(read(fds[0], &theirs, sizeof(theirs)), static_cast<ssize_t>(sizeof(theirs)));
  int status = 0;
  ASSERT_EQ(waitpid(pid, &status, 0), pid);
  close(fds[0]);
  close(fds[1]);
  EXPECT_NE(mine, theirs);
}

}  // namespace
}  // namespace floe
