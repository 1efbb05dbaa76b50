// ChildProcess: a program started without a shell, whose stdin, stdout and stderr are connected
// to this process, for test peers (node scripts) that speak a line protocol.
//
// - Stdin is one end of a socket pair, written with send(MSG_NOSIGNAL): writing to a child that
//   has died returns an error instead of raising SIGPIPE in the test binary.
// - Stderr is drained while waiting for stdout, so a chatty child never blocks, and its last
//   64 KiB are kept for error messages.
// - Finish() closes stdin and waits for a clean exit; the destructor does the same with a short
//   grace period, then kills (SIGKILL) and reaps the child. A ChildProcess never leaves a zombie.
//
// Thread-safety: not thread-safe; one owner uses it at a time.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "common/status.h"

namespace floe::test {

class ChildProcess {
  struct Token {
    explicit Token() = default;
  };

 public:
  // Starts `program` (an absolute or relative path; PATH is not searched) with `args` (argv[1..]).
  // NotFound when the program does not exist, IOError for other failures.
  static Result<std::unique_ptr<ChildProcess>> Spawn(const std::string& program,
                                                     const std::vector<std::string>& args);

  // Use Spawn(); only this class can make the Token.
  ChildProcess(Token, pid_t pid, int stdin_fd, int stdout_fd, int stderr_fd,
               std::string description);
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  // Writes all of `data` to the child's stdin.
  Status Write(std::string_view data);

  // The next line of the child's stdout, without its '\n'. IOError when the child closes stdout
  // (exits) first, or when `timeout` passes; after a timeout the child is killed.
  Result<std::string> ReadLine(std::chrono::milliseconds timeout);

  // Closes stdin (the child sees end of input) and waits up to `timeout` for the child to exit;
  // kills it if it does not. Returns the exit code, or 128 + signal number when it was killed.
  Result<int> Finish(std::chrono::milliseconds timeout);

  // Kills the child (SIGKILL) and reaps it. Safe to call more than once.
  void Kill();

  pid_t pid() const { return pid_; }
  bool exited() const { return exit_code_ >= 0; }
  // The last 64 KiB the child wrote to stderr so far.
  const std::string& stderr_tail() const { return stderr_tail_; }
  // "node duckdb_query.mjs", for messages.
  const std::string& description() const { return description_; }

 private:
  void CloseStdin();
  // Reads what stderr holds now, without blocking; closes it at end of file.
  void DrainStderr();
  // Waits up to `timeout` for the child to exit and records its exit code; false if still running.
  bool WaitForExit(std::chrono::milliseconds timeout);
  std::string ExitDescription() const;

  pid_t pid_;
  int stdin_fd_;
  int stdout_fd_;
  int stderr_fd_;
  int exit_code_ = -1;
  std::string description_;
  std::string stdout_buffer_;
  std::string stderr_tail_;
};

}  // namespace floe::test
