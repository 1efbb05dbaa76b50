#include "util/child_process.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <thread>

extern char** environ;

namespace floe::test {
namespace {

constexpr size_t kStderrTailBytes = 64 * 1024;
constexpr std::chrono::milliseconds kDestructorGrace{2000};

void CloseFd(int& fd) {
  if (fd >= 0) {
    ::close(fd);
    fd = -1;
  }
}

int ExitCodeOf(int wait_status) {
  if (WIFEXITED(wait_status)) return WEXITSTATUS(wait_status);
  if (WIFSIGNALED(wait_status)) return 128 + WTERMSIG(wait_status);
  return 255;
}

int MillisecondsUntil(std::chrono::steady_clock::time_point deadline) {
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
      deadline - std::chrono::steady_clock::now());
  return static_cast<int>(std::clamp<int64_t>(left.count(), 0, 1 << 30));
}

}  // namespace

Result<std::unique_ptr<ChildProcess>> ChildProcess::Spawn(const std::string& program,
                                                          const std::vector<std::string>& args) {
  std::string description = program;
  for (const auto& arg : args) description += " " + arg;

  int stdin_pair[2];
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, stdin_pair) != 0) {
    return Status::IOError("{}: socketpair: {}", description, std::strerror(errno));
  }
  int stdout_pipe[2];
  if (::pipe2(stdout_pipe, O_CLOEXEC) != 0) {
    int err = errno;
    ::close(stdin_pair[0]);
    ::close(stdin_pair[1]);
    return Status::IOError("{}: pipe: {}", description, std::strerror(err));
  }
  int stderr_pipe[2];
  if (::pipe2(stderr_pipe, O_CLOEXEC) != 0) {
    int err = errno;
    for (int fd : {stdin_pair[0], stdin_pair[1], stdout_pipe[0], stdout_pipe[1]}) ::close(fd);
    return Status::IOError("{}: pipe: {}", description, std::strerror(err));
  }

  // dup2 onto 0/1/2 clears close-on-exec there; every other descriptor of ours closes at exec.
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, stdin_pair[1], STDIN_FILENO);
  posix_spawn_file_actions_adddup2(&actions, stdout_pipe[1], STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, stderr_pipe[1], STDERR_FILENO);

  std::vector<char*> argv;
  argv.push_back(const_cast<char*>(program.c_str()));
  for (const auto& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
  argv.push_back(nullptr);

  pid_t pid = -1;
  int rc = ::posix_spawn(&pid, program.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(stdin_pair[1]);
  ::close(stdout_pipe[1]);
  ::close(stderr_pipe[1]);
  if (rc != 0) {
    ::close(stdin_pair[0]);
    ::close(stdout_pipe[0]);
    ::close(stderr_pipe[0]);
    if (rc == ENOENT) return Status::NotFound("{}: {} does not exist", description, program);
    return Status::IOError("{}: posix_spawn: {}", description, std::strerror(rc));
  }
  // Stderr is read opportunistically, so it must never block.
  ::fcntl(stderr_pipe[0], F_SETFL, ::fcntl(stderr_pipe[0], F_GETFL) | O_NONBLOCK);
  return std::make_unique<ChildProcess>(Token(), pid, stdin_pair[0], stdout_pipe[0], stderr_pipe[0],
                                        std::move(description));
}

ChildProcess::ChildProcess(Token, pid_t pid, int stdin_fd, int stdout_fd, int stderr_fd,
                           std::string description)
    : pid_(pid),
      stdin_fd_(stdin_fd),
      stdout_fd_(stdout_fd),
      stderr_fd_(stderr_fd),
      description_(std::move(description)) {}

ChildProcess::~ChildProcess() {
  if (!exited()) {
    CloseStdin();
    if (!WaitForExit(kDestructorGrace)) Kill();
  }
  CloseFd(stdin_fd_);
  CloseFd(stdout_fd_);
  CloseFd(stderr_fd_);
}

Status ChildProcess::Write(std::string_view data) {
  if (stdin_fd_ < 0) return Status::IOError("{}: stdin is closed", description_);
  while (!data.empty()) {
    ssize_t n = ::send(stdin_fd_, data.data(), data.size(), MSG_NOSIGNAL);
    if (n < 0) {
      if (errno == EINTR) continue;
      int err = errno;
      DrainStderr();
      return Status::IOError("{}: writing to stdin: {}{}", description_, std::strerror(err),
                             stderr_tail_.empty() ? "" : "; stderr: " + stderr_tail_);
    }
    data.remove_prefix(static_cast<size_t>(n));
  }
  return Status::OK();
}

Result<std::string> ChildProcess::ReadLine(std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    size_t newline = stdout_buffer_.find('\n');
    if (newline != std::string::npos) {
      std::string line = stdout_buffer_.substr(0, newline);
      stdout_buffer_.erase(0, newline + 1);
      return line;
    }
    if (stdout_fd_ < 0) {
      // The child closed stdout: collect its last words and its exit status.
      auto grace = std::chrono::steady_clock::now() + std::chrono::seconds(2);
      while (stderr_fd_ >= 0 && std::chrono::steady_clock::now() < grace) {
        pollfd fd{stderr_fd_, POLLIN, 0};
        if (::poll(&fd, 1, MillisecondsUntil(grace)) > 0) DrainStderr();
      }
      if (!WaitForExit(std::chrono::seconds(2))) Kill();
      return Status::IOError("{}: {} before answering{}", description_, ExitDescription(),
                             stderr_tail_.empty() ? "" : "; stderr: " + stderr_tail_);
    }
    int wait_ms = MillisecondsUntil(deadline);
    if (wait_ms == 0) {
      Kill();
      return Status::IOError("{}: no answer within {} ms (killed){}", description_, timeout.count(),
                             stderr_tail_.empty() ? "" : "; stderr: " + stderr_tail_);
    }
    pollfd fds[2] = {{stdout_fd_, POLLIN, 0}, {stderr_fd_, POLLIN, 0}};
    int ready = ::poll(fds, 2, wait_ms);
    if (ready < 0) {
      if (errno == EINTR) continue;
      return Status::IOError("{}: poll: {}", description_, std::strerror(errno));
    }
    if (fds[1].revents != 0) DrainStderr();
    if (fds[0].revents != 0) {
      char buffer[64 * 1024];
      ssize_t n = ::read(stdout_fd_, buffer, sizeof(buffer));
      if (n > 0) {
        stdout_buffer_.append(buffer, static_cast<size_t>(n));
      } else if (n == 0 || errno != EINTR) {
        CloseFd(stdout_fd_);
      }
    }
  }
}

Result<int> ChildProcess::Finish(std::chrono::milliseconds timeout) {
  CloseStdin();
  if (!WaitForExit(timeout)) Kill();
  CloseFd(stdout_fd_);
  CloseFd(stderr_fd_);
  return exit_code_;
}

void ChildProcess::Kill() {
  if (!exited()) {
    ::kill(pid_, SIGKILL);
    int status = 0;
    pid_t r;
    do {
      r = ::waitpid(pid_, &status, 0);
    } while (r < 0 && errno == EINTR);
    exit_code_ = r == pid_ ? ExitCodeOf(status) : 128 + SIGKILL;
  }
  CloseFd(stdin_fd_);
  CloseFd(stdout_fd_);
}

void ChildProcess::CloseStdin() { CloseFd(stdin_fd_); }

void ChildProcess::DrainStderr() {
  char buffer[16 * 1024];
  while (stderr_fd_ >= 0) {
    ssize_t n = ::read(stderr_fd_, buffer, sizeof(buffer));
    if (n > 0) {
      stderr_tail_.append(buffer, static_cast<size_t>(n));
      if (stderr_tail_.size() > kStderrTailBytes) {
        stderr_tail_.erase(0, stderr_tail_.size() - kStderrTailBytes);
      }
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return;
    CloseFd(stderr_fd_);  // end of file or a real error
  }
}

bool ChildProcess::WaitForExit(std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!exited()) {
    int status = 0;
    pid_t r = ::waitpid(pid_, &status, WNOHANG);
    if (r == pid_) {
      exit_code_ = ExitCodeOf(status);
      break;
    }
    if (r < 0 && errno != EINTR) {
      exit_code_ = 255;  // not our child any more (ECHILD): nothing left to reap
      break;
    }
    if (std::chrono::steady_clock::now() >= deadline) return false;
    // Keep stderr flowing so a child writing at exit cannot block on a full pipe.
    if (stderr_fd_ >= 0) {
      pollfd fd{stderr_fd_, POLLIN, 0};
      if (::poll(&fd, 1, 5) > 0) DrainStderr();
    } else {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
  }
  return true;
}

std::string ChildProcess::ExitDescription() const {
  if (!exited()) return "is still running";
  if (exit_code_ > 128) return fmt::format("was killed by signal {}", exit_code_ - 128);
  return fmt::format("exited with code {}", exit_code_);
}

}  // namespace floe::test
