// The shared conformance corpus: real Parquet, Avro and Iceberg files written by other engines,
// with known answers (see its INDEX.md). It lives outside the repository, next to it, in
// ../shared/corpus; tests that read it skip when it is absent.
//
//   TEST(ParquetReaderTest, ReadsSnappyFile) {
//     FLOE_REQUIRE_CORPUS();
//     std::string path = *CorpusRoot() + "/parquet-testing/data/...";
//
// Thread-safety: stateless (reads the environment and the file system).
#pragma once

#include <optional>
#include <string>

namespace floe::test {

// $FLOE_CORPUS_DIR when set, else <FLOE_SOURCE_DIR>/../shared/corpus; std::nullopt when the
// chosen directory is absent (a FLOE_CORPUS_DIR that does not exist never falls back to the
// default). The path is absolute and normalized, without a trailing '/'.
std::optional<std::string> CorpusRoot();

}  // namespace floe::test

// Skips the current test when the corpus is absent.
#define FLOE_REQUIRE_CORPUS()                                                                \
  do {                                                                                       \
    if (!::floe::test::CorpusRoot().has_value()) {                                           \
      GTEST_SKIP() << "../shared/corpus not found: skipping tests on real files from other " \
                      "engines (set FLOE_CORPUS_DIR)";                                       \
    }                                                                                        \
  } while (false)
