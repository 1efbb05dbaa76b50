// floe_sqllogictest: runs test/sql/**.test files against a SQL engine.
//
//   floe_sqllogictest [--engine duckdb] [--require-engine-feature F]... [-v] files-or-dirs...
//
// Directories are searched recursively for *.test files, run in path order. The last line of
// output is "N passed, N failed, N skipped". Exit code: 0 when nothing failed, 1 when something
// did, 2 for a usage error, 77 when the engine is not installed on this machine (ctest reports
// the test as skipped).
#include <algorithm>
#include <filesystem>
#include <functional>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include "sqllogictest/duckdb_engine.h"
#include "sqllogictest/sqllogic_runner.h"

namespace floe::test {
namespace {

constexpr int kExitSkipped = 77;
constexpr int kExitUsage = 2;

struct EngineEntry {
  std::string_view name;
  SqlEngineFactory make;
  // OK when the engine can run here; NotFound (-> exit 77) when it is not installed.
  std::function<Status()> check_available;
};

// The engines --engine can name. A new engine is one line here.
std::vector<EngineEntry> Engines() {
  return {
      {"duckdb", &DuckDbEngine::Make, &DuckDbOracle::CheckAvailable},
  };
}

void PrintUsage(std::ostream& out) {
  out << "usage: floe_sqllogictest [--engine NAME] [--require-engine-feature FEATURE]... [-v]\n"
         "                         FILE-OR-DIR...\n"
         "  --engine NAME                   engine to run on (default duckdb; available:";
  for (const auto& engine : Engines()) out << " " << engine.name;
  out << ")\n"
         "  --require-engine-feature F      treat feature F as available, so files with\n"
         "                                  `require F` run instead of being skipped\n"
         "  -v, --verbose                   print every statement and query as it passes\n"
         "Directories are searched recursively for *.test files.\n";
}

// The .test files named by `paths`, directories expanded, in sorted order per argument.
Result<std::vector<std::string>> CollectFiles(const std::vector<std::string>& paths) {
  namespace fs = std::filesystem;
  std::vector<std::string> files;
  for (const auto& path : paths) {
    std::error_code ec;
    if (fs::is_regular_file(path, ec)) {
      files.push_back(path);
      continue;
    }
    if (!fs::is_directory(path, ec)) return Status::NotFound("{}: no such file or directory", path);
    std::vector<std::string> found;
    for (fs::recursive_directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec)) {
      if (it->is_regular_file(ec) && it->path().extension() == ".test") {
        found.push_back(it->path().string());
      }
    }
    if (ec) return Status::IOError("{}: {}", path, ec.message());
    std::sort(found.begin(), found.end());
    files.insert(files.end(), found.begin(), found.end());
  }
  return files;
}

int Main(int argc, char** argv) {
  std::string engine_name = "duckdb";
  SqlLogicRunOptions options;
  options.out = &std::cout;
  std::vector<std::string> paths;
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg == "--engine" && i + 1 < argc) {
      engine_name = argv[++i];
    } else if (arg == "--require-engine-feature" && i + 1 < argc) {
      options.extra_features.emplace_back(argv[++i]);
    } else if (arg.rfind("--engine=", 0) == 0) {
      engine_name = arg.substr(9);
    } else if (arg.rfind("--require-engine-feature=", 0) == 0) {
      options.extra_features.emplace_back(arg.substr(25));
    } else if (arg == "-v" || arg == "--verbose") {
      options.verbose = true;
    } else if (arg == "-h" || arg == "--help") {
      PrintUsage(std::cout);
      return 0;
    } else if (!arg.empty() && arg[0] == '-') {
      std::cerr << "floe_sqllogictest: unknown option " << arg << "\n";
      PrintUsage(std::cerr);
      return kExitUsage;
    } else {
      paths.emplace_back(arg);
    }
  }
  if (paths.empty()) {
    PrintUsage(std::cerr);
    return kExitUsage;
  }
  auto engines = Engines();
  auto engine = std::find_if(engines.begin(), engines.end(),
                             [&](const EngineEntry& e) { return e.name == engine_name; });
  if (engine == engines.end()) {
    std::cerr << "floe_sqllogictest: unknown engine '" << engine_name << "'\n";
    PrintUsage(std::cerr);
    return kExitUsage;
  }

  auto files = CollectFiles(paths);
  if (!files.has_value()) {
    std::cout << "FAIL " << files.error().message() << "\n"
              << SqlLogicSummary{0, 1}.ToString() << "\n";
    return 1;
  }
  if (Status available = engine->check_available(); !available.ok()) {
    if (available.IsNotFound()) {
      std::cout << "SKIP all " << files->size() << " file(s): engine " << engine_name
                << " unavailable: " << available.message() << "\n"
                << SqlLogicSummary{}.ToString() << "\n";
      return kExitSkipped;
    }
    std::cout << "FAIL engine " << engine_name << ": " << available.ToString() << "\n"
              << SqlLogicSummary{0, 1}.ToString() << "\n";
    return 1;
  }

  SqlLogicTestRunner runner(engine->make, options);
  SqlLogicSummary total;
  for (const auto& file : *files) total += runner.RunFile(file);
  std::cout << total.files << " file(s) on " << engine_name << ", " << total.files_skipped
            << " skipped by require\n"
            << total.ToString() << "\n";
  return total.failed == 0 ? 0 : 1;
}

}  // namespace
}  // namespace floe::test

int main(int argc, char** argv) {
  // One last-resort catch at the entry point (std::filesystem or the allocator may throw).
  try {
    return floe::test::Main(argc, argv);
  } catch (const std::exception& e) {
    std::cout << "FAIL internal error: " << e.what() << "\n0 passed, 1 failed, 0 skipped\n";
    return 1;
  }
}
