// floe_fuzz_replay: the fuzz targets' entry points, run deterministically for
// CI (the ctest `fuzz_replay`, label fuzz) and for reproducing a finding
// without clang.
//
//   floe_fuzz_replay                       regressions, then the corpus
//   floe_fuzz_replay --target NAME FILE..  these inputs through one target
//                                          (all targets without --target)
//   floe_fuzz_replay --write-seeds DIR     seed corpora for libFuzzer, from
//                                          the corpus: DIR/<target>/<hash>
//
// The default run:
//   1. every file under test/fuzz/regressions/<target>/ through its target,
//      except those listed in regressions/known_crashes.txt (not fixed yet);
//   2. every binary file of ../shared/corpus/{parquet-testing,parquet-extra}
//      (at most --max-file-size bytes, not listed as "heavy" in
//      known_inputs.json) through every target; the inputs extracted from it
//      (seed_extractor.h) through their own targets; every *.avro file of
//      ../shared/corpus/{iceberg,iceberg-metadata} through avro_file; and
//      --mutations deterministic mutations of each of those (mutator.h).
// Without the corpus it runs step 1, says why it skips step 2, and exits 77
// (ctest's SKIP_RETURN_CODE).
//
// A crash (sanitizer report, abort, segfault) or an input that runs longer
// than --timeout seconds names the input on stderr and leaves its bytes in
// ./floe-fuzz-crash-<target> for `floe_fuzz_replay --target <target> FILE`
// or the libFuzzer binary.
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "fuzz/fuzz_targets.h"
#include "fuzz/fuzz_util.h"
#include "fuzz/mutator.h"
#include "fuzz/seed_extractor.h"
#include "util/corpus.h"

#if defined(__SANITIZE_ADDRESS__)
#define FLOE_FUZZ_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define FLOE_FUZZ_ASAN 1
#endif
#endif

#ifdef FLOE_FUZZ_ASAN
#include <sanitizer/common_interface_defs.h>
#endif

// Sanitizer defaults for the replay; ASAN_OPTIONS / UBSAN_OPTIONS override.
// max_allocation_size_mb: libFuzzer's -rss_limit_mb=2048 also fails any single
// malloc of 2048 MiB or more; ASan refuses sizes above this limit, hence 2047.
// abort_on_error: a report ends in SIGABRT, whose handler below names the
// input (GCC's UBSan runtime does not call the death callback).
extern "C" const char* __asan_default_options() {
  return "max_allocation_size_mb=2047:abort_on_error=1";
}
extern "C" const char* __ubsan_default_options() { return "print_stacktrace=1:abort_on_error=1"; }

namespace floe::fuzz {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

// ---- Crash reporting: what runs now, for the signal handlers. ----

char g_label[1024];
char g_target[64];
const uint8_t* g_data = nullptr;
size_t g_size = 0;

void WriteAll(int fd, const void* data, size_t size) {
  const auto* p = static_cast<const char*>(data);
  while (size > 0) {
    ssize_t n = ::write(fd, p, size);
    if (n <= 0) return;
    p += n;
    size -= static_cast<size_t>(n);
  }
}

void WriteString(int fd, const char* s) { WriteAll(fd, s, std::strlen(s)); }

// Async-signal-safe: names the input and saves its bytes.
void ReportCurrentInput(const char* why) {
  if (g_data == nullptr) return;
  WriteString(2, "\nfloe_fuzz_replay: ");
  WriteString(2, why);
  WriteString(2, " on input: ");
  WriteString(2, g_label);
  WriteString(2, "\nfloe_fuzz_replay: its bytes are in ./floe-fuzz-crash-");
  WriteString(2, g_target);
  WriteString(2, "\n");
  char path[128] = "floe-fuzz-crash-";
  std::strncat(path, g_target, sizeof(path) - std::strlen(path) - 1);
  int fd = ::open(path, O_CREAT | O_WRONLY | O_TRUNC, 0644);
  if (fd >= 0) {
    WriteAll(fd, g_data, g_size);
    ::close(fd);
  }
  g_data = nullptr;  // once
}

void OnSignal(int sig) {
  ReportCurrentInput(sig == SIGALRM ? "timeout" : "crash");
  if (sig == SIGALRM) {
    ::signal(SIGABRT, SIG_DFL);
    ::abort();
  }
  ::signal(sig, SIG_DFL);
  ::raise(sig);
}

void InstallCrashHandlers() {
  for (int sig : {SIGABRT, SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGALRM}) ::signal(sig, OnSignal);
#ifdef FLOE_FUZZ_ASAN
  __sanitizer_set_death_callback([] { ReportCurrentInput("sanitizer report"); });
#endif
}

// ---- Running inputs. ----

struct Stats {
  int64_t inputs = 0;
  double seconds = 0;
};

struct Options {
  std::optional<std::string> corpus;
  int mutations = 2;
  std::string target;  // only this one when set
  fs::path regressions = FLOE_FUZZ_REGRESSIONS_DIR;
  std::optional<fs::path> write_seeds;
  int64_t max_file_size = int64_t{8} << 20;
  int timeout_seconds = 60;
  int shard = 0;
  int shards = 1;
  int jobs = 2;  // worker processes for the corpus, each a shard
  bool verbose = false;
  std::vector<std::string> files;
};

class Runner {
 public:
  explicit Runner(const Options& options) : options_(options) {}

  bool Selected(std::string_view target) const {
    return options_.target.empty() || options_.target == target;
  }

  // Runs `bytes` through `target` as libFuzzer would: from a heap block of
  // exactly their size, so ASan sees a read past the end.
  void Run(const FuzzTarget& target, std::span<const uint8_t> bytes, const std::string& label) {
    auto copy = std::make_unique<uint8_t[]>(bytes.size());
    if (!bytes.empty()) std::memcpy(copy.get(), bytes.data(), bytes.size());
    std::snprintf(g_label, sizeof(g_label), "%.*s <- %s", static_cast<int>(target.name.size()),
                  target.name.data(), label.c_str());
    std::snprintf(g_target, sizeof(g_target), "%.*s", static_cast<int>(target.name.size()),
                  target.name.data());
    g_data = copy.get();
    g_size = bytes.size();
    ::alarm(static_cast<unsigned>(options_.timeout_seconds));
    const auto start = Clock::now();
    target.entry(copy.get(), bytes.size());
    const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    ::alarm(0);
    g_data = nullptr;
    Stats& s = stats_[std::string(target.name)];
    ++s.inputs;
    s.seconds += seconds;
    if (seconds > 2.0) {
      std::fprintf(stderr, "floe_fuzz_replay: slow input (%.1f s): %s\n", seconds, g_label);
    }
  }

  void RunAll(std::span<const uint8_t> bytes, const std::string& label) {
    for (const FuzzTarget& t : kFuzzTargets) {
      if (Selected(t.name)) Run(t, bytes, label);
    }
  }

  void RunNamed(std::string_view name, std::span<const uint8_t> bytes, const std::string& label) {
    for (const FuzzTarget& t : kFuzzTargets) {
      if (t.name == name && Selected(name)) Run(t, bytes, label);
    }
  }

  void PrintStats() const {
    if (options_.shards > 1) {
      std::fprintf(stderr, "floe_fuzz_replay: shard %d/%d, time per target:\n", options_.shard,
                   options_.shards);
    }
    int64_t inputs = 0;
    double seconds = 0;
    for (const auto& [name, s] : stats_) {
      std::fprintf(stderr, "  %-24s %8lld inputs %8.2f s\n", name.c_str(),
                   static_cast<long long>(s.inputs), s.seconds);
      inputs += s.inputs;
      seconds += s.seconds;
    }
    std::fprintf(stderr, "  %-24s %8lld inputs %8.2f s\n", "total", static_cast<long long>(inputs),
                 seconds);
  }

 private:
  const Options& options_;
  std::map<std::string, Stats> stats_;
};

std::optional<std::vector<uint8_t>> ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) return std::nullopt;
  const std::streamoff size = in.tellg();
  if (size < 0) return std::nullopt;
  std::vector<uint8_t> bytes(static_cast<size_t>(size));
  in.seekg(0);
  if (!in.read(reinterpret_cast<char*>(bytes.data()), size)) return std::nullopt;
  return bytes;
}

bool IsTarget(std::string_view name) {
  return std::any_of(std::begin(kFuzzTargets), std::end(kFuzzTargets),
                     [&](const FuzzTarget& t) { return t.name == name; });
}

// regressions/known_crashes.txt: "<target>/<file>  why" per line, '#' comments.
std::set<std::string> KnownCrashes(const fs::path& dir) {
  std::set<std::string> out;
  std::ifstream in(dir / "known_crashes.txt");
  std::string line;
  while (std::getline(in, line)) {
    const size_t start = line.find_first_not_of(" \t");
    if (start == std::string::npos || line[start] == '#') continue;
    const size_t end = line.find_first_of(" \t", start);
    out.insert(line.substr(start, end == std::string::npos ? end : end - start));
  }
  return out;
}

int RunRegressions(const Options& options, Runner& runner) {
  std::error_code ec;
  if (!fs::is_directory(options.regressions, ec)) {
    std::fprintf(stderr, "floe_fuzz_replay: no regressions folder %s\n",
                 options.regressions.c_str());
    return 0;
  }
  const std::set<std::string> known = KnownCrashes(options.regressions);
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(options.regressions)) {
    if (entry.is_regular_file()) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  int ran = 0, skipped = 0;
  for (const fs::path& path : files) {
    const fs::path relative = fs::relative(path, options.regressions);
    const std::string target = relative.begin()->string();
    if (!IsTarget(target)) continue;  // known_crashes.txt, README...
    if (known.count(relative.generic_string()) != 0) {
      ++skipped;
      if (options.verbose) std::fprintf(stderr, "  known crash, not run: %s\n", relative.c_str());
      continue;
    }
    auto bytes = ReadFile(path);
    if (!bytes.has_value()) {
      std::fprintf(stderr, "floe_fuzz_replay: cannot read %s\n", path.c_str());
      return 1;
    }
    runner.RunNamed(target, *bytes, "regressions/" + relative.generic_string());
    ++ran;
  }
  std::fprintf(stderr,
               "floe_fuzz_replay: %d regression inputs passed, %d known crashes not run "
               "(regressions/known_crashes.txt)\n",
               ran, skipped);
  return 0;
}

// The corpus files to replay, sorted, and how many were left out.
std::vector<fs::path> CorpusFiles(const Options& options, const fs::path& root, int* heavy,
                                  int* large) {
  std::set<std::string> heavy_paths;
  if (auto text = ReadFile(root / "known_inputs.json")) {
    auto json = nlohmann::json::parse(text->begin(), text->end(), nullptr, false);
    if (json.is_object() && json.contains("heavy") && json["heavy"].is_array()) {
      for (const auto& entry : json["heavy"]) {
        if (entry.is_object() && entry.contains("path") && entry["path"].is_string()) {
          heavy_paths.insert(entry["path"].get<std::string>());
        }
      }
    }
  }
  // Text files that come with the data (answers, licences) are not inputs.
  static const std::set<std::string> kText = {".json", ".csv", ".txt", ".md"};
  std::vector<fs::path> files;
  for (const char* dir : {"parquet-testing", "parquet-extra"}) {
    std::error_code ec;
    if (!fs::is_directory(root / dir, ec)) continue;
    for (const auto& entry : fs::recursive_directory_iterator(root / dir)) {
      if (!entry.is_regular_file()) continue;
      const fs::path& path = entry.path();
      if (kText.count(path.extension().string()) != 0) continue;
      if (path.filename().string().rfind("LICENSE", 0) == 0) continue;
      if (heavy_paths.count(fs::relative(path, root).generic_string()) != 0) {
        ++*heavy;
        continue;
      }
      if (static_cast<int64_t>(entry.file_size()) > options.max_file_size) {
        ++*large;
        continue;
      }
      files.push_back(path);
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

// The corpus's Avro files (Iceberg manifests and manifest lists): inputs of the avro_file target
// only, sorted; at most --max-file-size bytes.
std::vector<fs::path> AvroCorpusFiles(const Options& options, const fs::path& root) {
  std::vector<fs::path> files;
  for (const char* dir : {"iceberg", "iceberg-metadata"}) {
    std::error_code ec;
    if (!fs::is_directory(root / dir, ec)) continue;
    for (const auto& entry : fs::recursive_directory_iterator(root / dir)) {
      if (!entry.is_regular_file() || entry.path().extension() != ".avro") continue;
      if (static_cast<int64_t>(entry.file_size()) > options.max_file_size) continue;
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

int RunCorpus(const Options& options, Runner& runner, const fs::path& root) {
  int heavy = 0, large = 0;
  const std::vector<fs::path> files = CorpusFiles(options, root, &heavy, &large);
  int ran = 0;
  int64_t seeds = 0;
  const auto start = Clock::now();
  for (size_t i = 0; i < files.size(); ++i) {
    if (static_cast<int>(i % static_cast<size_t>(options.shards)) != options.shard) continue;
    const std::string relative = fs::relative(files[i], root).generic_string();
    auto bytes = ReadFile(files[i]);
    if (!bytes.has_value()) continue;
    if (options.verbose) std::fprintf(stderr, "  %s\n", relative.c_str());
    const uint64_t key = Fnv1a(relative.data(), relative.size());
    runner.RunAll(*bytes, relative);
    const std::vector<Seed> extracted = ExtractSeeds(*bytes);
    for (size_t s = 0; s < extracted.size(); ++s) {
      if (extracted[s].target == "parquet_file") continue;  // the file itself, run above
      runner.RunNamed(extracted[s].target, extracted[s].bytes,
                      fmt::format("{} (extracted #{})", relative, s));
      ++seeds;
    }
    for (int m = 0; m < options.mutations; ++m) {
      const uint64_t mkey = key ^ (uint64_t{0x9e3779b97f4a7c15} * static_cast<uint64_t>(m + 1));
      runner.RunAll(Mutate(*bytes, mkey), fmt::format("{} (mutation {})", relative, m));
      for (size_t s = 0; s < extracted.size(); ++s) {
        if (extracted[s].target == "parquet_file") continue;
        runner.RunNamed(extracted[s].target, Mutate(extracted[s].bytes, mkey + s),
                        fmt::format("{} (extracted #{}, mutation {})", relative, s, m));
      }
    }
    ++ran;
  }
  const std::vector<fs::path> avro_files = AvroCorpusFiles(options, root);
  int avro_ran = 0;
  for (size_t i = 0; i < avro_files.size(); ++i) {
    if (static_cast<int>(i % static_cast<size_t>(options.shards)) != options.shard) continue;
    const std::string relative = fs::relative(avro_files[i], root).generic_string();
    auto bytes = ReadFile(avro_files[i]);
    if (!bytes.has_value()) continue;
    if (options.verbose) std::fprintf(stderr, "  %s\n", relative.c_str());
    const uint64_t key = Fnv1a(relative.data(), relative.size());
    runner.RunNamed("avro_file", *bytes, relative);
    for (int m = 0; m < options.mutations; ++m) {
      const uint64_t mkey = key ^ (uint64_t{0x9e3779b97f4a7c15} * static_cast<uint64_t>(m + 1));
      runner.RunNamed("avro_file", Mutate(*bytes, mkey),
                      fmt::format("{} (mutation {})", relative, m));
    }
    ++avro_ran;
  }
  const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  std::fprintf(stderr,
               "floe_fuzz_replay: %d corpus files (shard %d/%d; %d heavy and %d over %lld bytes "
               "left out), %lld extracted inputs, %d Avro files, %d mutations each, in %.1f s\n",
               ran, options.shard, options.shards, heavy, large,
               static_cast<long long>(options.max_file_size), static_cast<long long>(seeds),
               avro_ran, options.mutations, seconds);
  return 0;
}

// Runs the corpus in options.jobs processes, process j taking shard j. The
// inputs and their mutations do not depend on how they are split.
int RunCorpusInWorkers(const Options& options, const fs::path& root) {
  std::fflush(nullptr);
  std::vector<pid_t> workers;
  for (int j = 0; j < options.jobs; ++j) {
    const pid_t pid = ::fork();
    if (pid < 0) {
      std::perror("floe_fuzz_replay: fork");
      return 1;
    }
    if (pid == 0) {
      Options mine = options;
      mine.shard = j;
      mine.shards = options.jobs;
      Runner runner(mine);
      const int rc = RunCorpus(mine, runner, root);
      runner.PrintStats();
      std::exit(rc);  // not _exit: LeakSanitizer checks at exit
    }
    workers.push_back(pid);
  }
  int failed = 0;
  for (pid_t pid : workers) {
    int status = 0;
    if (::waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) ++failed;
  }
  if (failed > 0) {
    std::fprintf(stderr, "floe_fuzz_replay: FAILED: %d of %d workers did not pass (see above)\n",
                 failed, options.jobs);
    return 1;
  }
  std::fprintf(stderr, "floe_fuzz_replay: all %d workers passed\n", options.jobs);
  return 0;
}

int WriteSeeds(const Options& options, const fs::path& root) {
  int heavy = 0, large = 0;
  Options small = options;
  small.max_file_size = std::min<int64_t>(options.max_file_size, int64_t{8} << 20);
  std::map<std::string, int> written;
  for (const fs::path& file : CorpusFiles(small, root, &heavy, &large)) {
    auto bytes = ReadFile(file);
    if (!bytes.has_value()) continue;
    for (const Seed& seed : ExtractSeeds(*bytes)) {
      if (!options.target.empty() && options.target != seed.target) continue;
      const fs::path dir = *options.write_seeds / std::string(seed.target);
      fs::create_directories(dir);
      const uint64_t hash = Fnv1a(seed.bytes.data(), seed.bytes.size());
      const fs::path path = dir / fmt::format("{:016x}", hash);
      std::error_code ec;
      if (fs::exists(path, ec)) continue;
      std::ofstream out(path, std::ios::binary);
      out.write(reinterpret_cast<const char*>(seed.bytes.data()),
                static_cast<std::streamsize>(seed.bytes.size()));
      ++written[std::string(seed.target)];
    }
  }
  // Avro files as they are, up to libFuzzer's -max_len.
  if (options.target.empty() || options.target == "avro_file") {
    for (const fs::path& file : AvroCorpusFiles(small, root)) {
      auto bytes = ReadFile(file);
      if (!bytes.has_value() || bytes->size() > SeedLimits{}.max_seed_size) continue;
      const fs::path dir = *options.write_seeds / "avro_file";
      fs::create_directories(dir);
      const fs::path path = dir / fmt::format("{:016x}", Fnv1a(bytes->data(), bytes->size()));
      std::error_code ec;
      if (fs::exists(path, ec)) continue;
      std::ofstream out(path, std::ios::binary);
      out.write(reinterpret_cast<const char*>(bytes->data()),
                static_cast<std::streamsize>(bytes->size()));
      ++written["avro_file"];
    }
  }
  for (const auto& [target, n] : written) {
    std::fprintf(stderr, "  %-24s %6d seeds\n", target.c_str(), n);
  }
  return 0;
}

[[noreturn]] void Usage(const char* why) {
  std::fprintf(stderr,
               "floe_fuzz_replay: %s\n"
               "usage: floe_fuzz_replay [--corpus DIR] [--mutations N] [--target NAME]\n"
               "                        [--jobs J] [--shard I/N] [--max-file-size BYTES]\n"
               "                        [--timeout S]\n"
               "                        [--regressions DIR] [--verbose] [FILE...]\n"
               "       floe_fuzz_replay --write-seeds DIR [--target NAME] [--corpus DIR]\n"
               "targets:",
               why);
  for (const FuzzTarget& t : kFuzzTargets) {
    std::fprintf(stderr, " %.*s", static_cast<int>(t.name.size()), t.name.data());
  }
  std::fprintf(stderr, "\n");
  std::exit(2);
}

Options ParseArgs(int argc, char** argv) {
  Options o;
  if (const char* env = std::getenv("FLOE_FUZZ_MUTATIONS"); env != nullptr && *env != '\0') {
    o.mutations = std::atoi(env);
  }
  o.jobs = static_cast<int>(std::min(2u, std::max(1u, std::thread::hardware_concurrency())));
  if (const char* env = std::getenv("FLOE_FUZZ_JOBS"); env != nullptr && *env != '\0') {
    o.jobs = std::atoi(env);
  }
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) Usage(("missing value for " + std::string(arg)).c_str());
      return argv[++i];
    };
    if (arg == "--corpus") {
      o.corpus = value();
    } else if (arg == "--mutations") {
      o.mutations = std::atoi(value().c_str());
    } else if (arg == "--target") {
      o.target = value();
      if (!IsTarget(o.target)) Usage(("unknown target " + o.target).c_str());
    } else if (arg == "--regressions") {
      o.regressions = value();
    } else if (arg == "--write-seeds") {
      o.write_seeds = value();
    } else if (arg == "--max-file-size") {
      o.max_file_size = std::atoll(value().c_str());
    } else if (arg == "--jobs" || arg == "-j") {
      o.jobs = std::atoi(value().c_str());
    } else if (arg == "--timeout") {
      o.timeout_seconds = std::max(1, std::atoi(value().c_str()));
    } else if (arg == "--shard") {
      const std::string s = value();
      if (std::sscanf(s.c_str(), "%d/%d", &o.shard, &o.shards) != 2 || o.shards < 1 ||
          o.shard < 0 || o.shard >= o.shards) {
        Usage("--shard takes I/N with 0 <= I < N");
      }
    } else if (arg == "--verbose" || arg == "-v") {
      o.verbose = true;
    } else if (arg == "--help" || arg == "-h") {
      Usage("replays fuzz inputs");
    } else if (!arg.empty() && arg[0] == '-') {
      Usage(("unknown option " + std::string(arg)).c_str());
    } else {
      o.files.emplace_back(arg);
    }
  }
  if (o.mutations < 0) Usage("--mutations must not be negative");
  if (o.jobs < 1) Usage("--jobs must be at least 1");
  return o;
}

int Main(int argc, char** argv) {
  const Options options = ParseArgs(argc, argv);
  InstallCrashHandlers();
  Runner runner(options);

  if (!options.files.empty()) {
    for (const std::string& file : options.files) {
      auto bytes = ReadFile(file);
      if (!bytes.has_value()) {
        std::fprintf(stderr, "floe_fuzz_replay: cannot read %s\n", file.c_str());
        return 1;
      }
      runner.RunAll(*bytes, file);
    }
    std::fprintf(stderr, "floe_fuzz_replay: %zu inputs passed\n", options.files.size());
    runner.PrintStats();
    return 0;
  }

  std::optional<std::string> root = options.corpus;
  if (!root.has_value()) root = test::CorpusRoot();

  if (options.write_seeds.has_value()) {
    if (!root.has_value()) {
      std::fprintf(stderr, "floe_fuzz_replay: ../shared/corpus not found (set FLOE_CORPUS_DIR)\n");
      return 1;
    }
    return WriteSeeds(options, *root);
  }

  if (int rc = RunRegressions(options, runner); rc != 0) return rc;
  std::error_code ec;
  if (!root.has_value() || !fs::is_directory(*root, ec)) {
    std::fprintf(stderr,
                 "floe_fuzz_replay: SKIP: ../shared/corpus not found: the regressions passed, the "
                 "replay of the corpus and its mutations is skipped (set FLOE_CORPUS_DIR)\n");
    runner.PrintStats();
    return 77;
  }
  if (options.shards > 1 || options.jobs == 1) {
    const int rc = RunCorpus(options, runner, *root);
    runner.PrintStats();
    return rc;
  }
  return RunCorpusInWorkers(options, *root);
}

}  // namespace
}  // namespace floe::fuzz

int main(int argc, char** argv) { return floe::fuzz::Main(argc, argv); }
