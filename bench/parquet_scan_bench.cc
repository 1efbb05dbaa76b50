// Parquet scan: Floe's reader against DuckDB's on the same file, same machine,
// one run. Prints the median of several runs for each and their ratio.
//
//   build/release/bench/floe_parquet_scan_bench [rows] [runs]
//
// The file is written by DuckDB (zstd, DuckDB's default row groups), so the
// reader being measured did not write it. Both sides decode every column:
// Floe into DataChunks, DuckDB computing min() of every column (single
// thread, and with its default threads for reference).
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "formats/parquet/parquet_reader.h"
#include "io/local_file_io.h"
#include "util/duckdb_oracle.h"
#include "util/temp_dir.h"

namespace {

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

long PeakRssKb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss;
}

template <typename F>
double TimeSeconds(F&& f) {
  auto start = std::chrono::steady_clock::now();
  f();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
  using namespace floe;
  const int64_t rows = argc > 1 ? std::atoll(argv[1]) : 5000000;
  const int runs = argc > 2 ? std::atoi(argv[2]) : 5;
  auto oracle = test::DuckDbOracle::Start();
  if (!oracle.has_value()) {
    std::fprintf(stderr, "duckdb peer unavailable: %s\n", oracle.error().ToString().c_str());
    return 1;
  }
  auto& duck = **oracle;
  test::TempDir dir;
  std::string path = dir.path() + "/lineitem.parquet";
  std::string gen = fmt::format(
      "COPY (SELECT i AS l_orderkey, (i * 7919) % 200000 AS l_partkey, "
      "(i % 50 + 1)::DECIMAL(15,2) AS l_quantity, ((i * 13) % 100000 / 100.0)::DECIMAL(15,2) AS "
      "l_extendedprice, (i % 11) / 100.0 AS l_discount, DATE '1992-01-01' + (i % 2500)::INT AS "
      "l_shipdate, ['A','N','R'][i % 3 + 1] AS l_returnflag, 'comment ' || (i % 10007)::VARCHAR "
      "|| ' of the order' AS l_comment FROM range({}) t(i)) TO '{}' (FORMAT parquet, COMPRESSION "
      "zstd)",
      rows, path);
  if (auto r = duck.Query(gen); !r.has_value()) {
    std::fprintf(stderr, "generate: %s\n", r.error().ToString().c_str());
    return 1;
  }
  LocalFileIO io;
  auto size = io.Stat(path);
  std::printf("file: %lld rows, %.1f MiB (written by DuckDB, zstd)\n", static_cast<long long>(rows),
              size.has_value() ? size->size / 1048576.0 : 0.0);

  auto floe_scan = [&](bool keep_dictionary) {
    parquet::ParquetReaderOptions options;
    options.keep_dictionary = keep_dictionary;
    auto reader = parquet::ParquetReader::Open(io, path, options);
    if (!reader.has_value()) {
      std::fprintf(stderr, "floe: %s\n", reader.error().ToString().c_str());
      std::exit(1);
    }
    auto chunk = (*reader)->MakeChunk();
    int64_t total = 0;
    while (true) {
      auto more = (*reader)->Next(*chunk);
      if (!more.has_value()) {
        std::fprintf(stderr, "floe: %s\n", more.error().ToString().c_str());
        std::exit(1);
      }
      if (!*more) break;
      total += chunk->size();
    }
    if (total != rows) {
      std::fprintf(stderr, "floe read %lld rows\n", static_cast<long long>(total));
      std::exit(1);
    }
  };
  std::string all_min =
      "SELECT min(l_orderkey), min(l_partkey), min(l_quantity), min(l_extendedprice), "
      "min(l_discount), min(l_shipdate), min(l_returnflag), min(l_comment) FROM read_parquet('" +
      path + "')";
  auto duck_scan = [&](int threads) {
    if (!duck.Query(fmt::format("SET threads = {}", threads)).has_value()) std::exit(1);
    return TimeSeconds([&] {
      if (!duck.Query(all_min).has_value()) std::exit(1);
    });
  };

  std::vector<double> floe_t, floe_dict_t, duck1_t, duckn_t;
  for (int i = 0; i < runs; ++i) {
    floe_t.push_back(TimeSeconds([&] { floe_scan(false); }));
    floe_dict_t.push_back(TimeSeconds([&] { floe_scan(true); }));
    duck1_t.push_back(duck_scan(1));
    duckn_t.push_back(duck_scan(2));
  }
  double f = Median(floe_t), fd = Median(floe_dict_t), d1 = Median(duck1_t), dn = Median(duckn_t);
  std::printf("median of %d runs (seconds):\n", runs);
  std::printf("  floe, 1 thread, materialised strings : %.3f  (%.1f M rows/s)\n", f, rows / f / 1e6);
  std::printf("  floe, 1 thread, dictionary vectors   : %.3f  (%.1f M rows/s)\n", fd, rows / fd / 1e6);
  std::printf("  duckdb, 1 thread                     : %.3f  (%.1f M rows/s)\n", d1, rows / d1 / 1e6);
  std::printf("  duckdb, 2 threads                    : %.3f\n", dn);
  std::printf("ratio floe/duckdb (1 thread): %.2fx (materialised), %.2fx (dictionary)\n", f / d1,
              fd / d1);
  std::printf("floe peak RSS: %.1f MiB (this process; DuckDB runs in its own)\n",
              PeakRssKb() / 1024.0);
  return 0;
}
