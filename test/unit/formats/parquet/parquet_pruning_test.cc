// Pruning never loses a matching row: for files of the corpus and random
// predicates, the rows a reader returns with the predicate, filtered exactly,
// equal the rows it returns without, filtered the same way - under both NaN
// orders (IEEE, and NaN above every number). The pruned rows are also an
// in-order subsequence of all rows, every "all rows match" verdict is true,
// and selective predicates do skip row groups, pages and bytes.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <iostream>
#include <map>
#include <random>
#include <set>

#include "formats/parquet/footer_reader.h"
#include "formats/parquet/parquet_reader.h"
#include "io/local_file_io.h"
#include "util/corpus.h"
#include "util/test_macros.h"
#include "vector/value_compare.h"

namespace floe::parquet {
namespace {

namespace fs = std::filesystem;

using Row = std::vector<Value>;

struct ReadResult {
  std::vector<std::string> names;
  std::vector<Row> rows;
  ParquetPruningStats stats;
};

Result<ReadResult> ReadRows(const std::string& path, ParquetReaderOptions options) {
  LocalFileIO io;
  FLOE_ASSIGN_OR_RETURN(auto reader, ParquetReader::Open(io, path, std::move(options)));
  ReadResult out;
  for (const auto& f : reader->projected_fields()) out.names.push_back(f.name);
  FLOE_ASSIGN_OR_RETURN(DataChunk chunk, reader->MakeChunk());
  while (true) {
    FLOE_ASSIGN_OR_RETURN(bool more, reader->Next(chunk));
    if (!more) break;
    for (int64_t r = 0; r < chunk.size(); ++r) {
      Row row;
      for (size_t c = 0; c < chunk.column_count(); ++c) row.push_back(chunk.GetValue(c, r));
      out.rows.push_back(std::move(row));
    }
  }
  out.stats = reader->pruning_stats();
  return out;
}

// ---------------------------------------------------------------------------
// The exact evaluation of a predicate on a row, written independently of the
// pruning code: numbers compare mathematically, bytes as unsigned bytes.

enum class NanOrder { kIeee, kTotal };

bool IsNumber(TypeId id) {
  switch (id) {
    case TypeId::kInt8:
    case TypeId::kInt16:
    case TypeId::kInt32:
    case TypeId::kInt64:
    case TypeId::kFloat:
    case TypeId::kDouble:
      return true;
    default:
      return false;
  }
}

long double AsLongDouble(const Value& v) {
  switch (v.type().id()) {
    case TypeId::kFloat:
      return v.GetFloat();
    case TypeId::kDouble:
      return v.GetDouble();
    default:
      return static_cast<long double>(v.GetInt64());
  }
}

bool IsBytes(TypeId id) {
  return id == TypeId::kString || id == TypeId::kBinary || id == TypeId::kFixed ||
         id == TypeId::kUuid;
}

// Three-way comparison of a (non-NULL) value with a literal; nullopt when
// either is NaN. Types the generator never mixes compare with CompareValues.
std::optional<int> ExactCompare(const Value& v, const Value& lit) {
  if (IsNaN(v) || IsNaN(lit)) return std::nullopt;
  const TypeId a = v.type().id();
  const TypeId b = lit.type().id();
  if (IsNumber(a) && IsNumber(b)) {
    const long double x = AsLongDouble(v);
    const long double y = AsLongDouble(lit);
    return x < y ? -1 : (y < x ? 1 : 0);
  }
  if (IsBytes(a) && IsBytes(b)) {
    const std::string& x = v.GetString();
    const std::string& y = lit.GetString();
    const int c = x.compare(0, x.size(), y);  // char_traits<char>::compare is memcmp: unsigned
    return c < 0 ? -1 : (c > 0 ? 1 : 0);
  }
  std::optional<int> c = CompareValues(v, lit);
  EXPECT_TRUE(c.has_value()) << v.type().ToString() << " vs " << lit.type().ToString();
  return c;
}

bool Holds(PredicateOp op, int c) {
  switch (op) {
    case PredicateOp::kEqual:
    case PredicateOp::kIn:
      return c == 0;
    case PredicateOp::kNotEqual:
      return c != 0;
    case PredicateOp::kLess:
      return c < 0;
    case PredicateOp::kLessEqual:
      return c <= 0;
    case PredicateOp::kGreater:
      return c > 0;
    case PredicateOp::kGreaterEqual:
      return c >= 0;
    default:
      return false;
  }
}

bool Matches(const Value& v, PredicateOp op, const Value& lit, NanOrder order) {
  if (v.is_null() || lit.is_null()) return false;
  const bool vn = IsNaN(v);
  const bool ln = IsNaN(lit);
  if (vn || ln) {
    if (order == NanOrder::kIeee) return op == PredicateOp::kNotEqual;
    // NaN equals NaN and sorts above every number.
    const int c = vn && ln ? 0 : (vn ? 1 : -1);
    return Holds(op, c);
  }
  std::optional<int> c = ExactCompare(v, lit);
  return c.has_value() && Holds(op, *c);
}

// The value at `path` (a top-level name, or struct fields joined by '.').
Value Lookup(const std::vector<std::string>& names, const Row& row, const std::string& path) {
  for (size_t i = 0; i < names.size(); ++i) {
    if (path == names[i]) return row[i];
    if (path.rfind(names[i] + ".", 0) != 0) continue;
    Value v = row[i];
    std::string rest = path.substr(names[i].size() + 1);
    while (true) {
      if (v.is_null()) return v;
      bool found = false;
      const auto& fields = v.type().children();
      for (size_t f = 0; f < fields.size(); ++f) {
        const std::string& name = fields[f].name;
        if (rest == name || rest.rfind(name + ".", 0) == 0) {
          Value child = v.children()[f];
          if (rest == name) return child;
          rest = rest.substr(name.size() + 1);
          v = std::move(child);
          found = true;
          break;
        }
      }
      if (!found) break;
    }
  }
  ADD_FAILURE() << "no value at " << path;
  return Value::Null(LogicalType::Int32());
}

bool RowMatches(const std::vector<std::string>& names, const Row& row, const ParquetPredicate& p,
                NanOrder order) {
  for (const PredicateTerm& t : p.terms()) {
    const Value v = Lookup(names, row, t.column);
    bool ok = false;
    switch (t.op) {
      case PredicateOp::kIsNull:
        ok = v.is_null();
        break;
      case PredicateOp::kIsNotNull:
        ok = !v.is_null();
        break;
      case PredicateOp::kIn:
        for (const Value& lit : t.values) ok |= Matches(v, PredicateOp::kEqual, lit, order);
        break;
      default:
        ok = Matches(v, t.op, t.values[0], order);
        break;
    }
    if (!ok) return false;
  }
  return true;
}

std::vector<Row> Filter(const ReadResult& r, const ParquetPredicate& p, NanOrder order) {
  std::vector<Row> out;
  for (const Row& row : r.rows) {
    if (RowMatches(r.names, row, p, order)) out.push_back(row);
  }
  return out;
}

bool IsSubsequence(const std::vector<Row>& part, const std::vector<Row>& all) {
  size_t j = 0;
  for (const Row& row : part) {
    while (j < all.size() && !(all[j] == row)) ++j;
    if (j == all.size()) return false;
    ++j;
  }
  return true;
}

// ---------------------------------------------------------------------------
// Random predicates from a file's own values.

struct LeafColumn {
  std::string path;
  LogicalType type = LogicalType::Boolean();
};

// Leaves without repetition under readable top-level fields.
std::vector<LeafColumn> PredicateColumns(const ParquetFileMetadata& meta,
                                         const std::vector<std::string>& names,
                                         const std::vector<Row>& rows) {
  std::vector<LeafColumn> out;
  if (rows.empty()) return out;
  for (const ColumnDescriptor& c : meta.schema().columns()) {
    if (c.max_repetition_level > 0) continue;
    bool readable = false;
    for (const std::string& n : names) readable |= c.path[0] == n;
    if (!readable) continue;
    // The type, from a non-NULL value or the first one.
    LogicalType type = Lookup(names, rows[0], c.dotted_path).type();
    if (type.IsNested()) continue;
    out.push_back({c.dotted_path, type});
  }
  return out;
}

class PredicateGenerator {
 public:
  PredicateGenerator(const ReadResult& all, std::vector<LeafColumn> columns, uint32_t seed)
      : all_(all), columns_(std::move(columns)), rng_(seed) {}

  ParquetPredicate Next() {
    ParquetPredicate p;
    const int terms = 1 + static_cast<int>(rng_() % 3 == 0) + static_cast<int>(rng_() % 5 == 0);
    for (int i = 0; i < terms; ++i) p.And(Term());
    return p;
  }

 private:
  size_t Pick(size_t n) { return rng_() % n; }

  Value RandomValue(const LeafColumn& c) {
    // Prefer non-NULL values.
    for (int attempt = 0; attempt < 8; ++attempt) {
      Value v = Lookup(all_.names, all_.rows[Pick(all_.rows.size())], c.path);
      if (!v.is_null() || attempt == 7) return v;
    }
    return Value::Null(c.type);
  }

  // `v` nudged or retyped, to exercise bounds and coercion.
  Value Vary(Value v) {
    if (v.is_null()) return v;
    const TypeId id = v.type().id();
    const int choice = static_cast<int>(Pick(6));
    switch (id) {
      case TypeId::kInt8:
      case TypeId::kInt16:
      case TypeId::kInt32:
      case TypeId::kInt64: {
        const int64_t x = v.GetInt64();
        if (choice == 0 && x < INT64_MAX) return Value::Int64(x + 1);
        if (choice == 1 && x > INT64_MIN) return Value::Int64(x - 1);
        if (choice == 2) return Value::Double(static_cast<double>(x) + 0.5);
        if (choice == 3) return Value::Double(static_cast<double>(x));
        if (choice == 4 && id != TypeId::kInt64) return Value::Int64(x * 1000 + 7);  // out of range
        return v;
      }
      case TypeId::kFloat:
        if (choice == 0) return Value::Double(v.GetFloat());
        if (choice == 1) return Value::Float(v.GetFloat() + 0.25f);
        if (choice == 2) return Value::Float(-v.GetFloat());
        if (choice == 3) return Value::Int64(static_cast<int64_t>(std::floor(v.GetFloat())));
        return v;
      case TypeId::kDouble:
        if (choice == 0) return Value::Double(v.GetDouble() + 0.5);
        if (choice == 1) return Value::Float(static_cast<float>(v.GetDouble()));
        if (choice == 2) return Value::Double(-v.GetDouble());
        if (choice == 3 && std::isfinite(v.GetDouble()) && std::fabs(v.GetDouble()) < 1e15) {
          return Value::Int64(static_cast<int64_t>(v.GetDouble()));
        }
        if (choice == 4) return Value::Double(std::nan(""));
        return v;
      case TypeId::kString:
      case TypeId::kBinary: {
        std::string s = v.GetString();
        if (choice == 0) s += '\x01';
        if (choice == 1 && !s.empty()) s.pop_back();
        if (choice == 2) s += "\xff";
        if (choice == 3 && !s.empty()) s.back() = static_cast<char>(s.back() + 1);
        if (choice == 4) return id == TypeId::kString ? Value::Binary(s) : Value::String(s);
        return id == TypeId::kString ? Value::String(s) : Value::Binary(s);
      }
      default:
        return v;
    }
  }

  PredicateTerm Term() {
    const LeafColumn& c = columns_[Pick(columns_.size())];
    const int op = static_cast<int>(Pick(20));
    if (op == 0) return ParquetPredicate::IsNull(c.path);
    if (op == 1) return ParquetPredicate::IsNotNull(c.path);
    if (op <= 4) {
      std::vector<Value> values;
      const size_t n = 1 + Pick(4);
      for (size_t i = 0; i < n; ++i) {
        Value v = RandomValue(c);
        values.push_back(Pick(3) == 0 ? Vary(std::move(v)) : std::move(v));
      }
      return ParquetPredicate::In(c.path, std::move(values));
    }
    static constexpr PredicateOp kOps[] = {PredicateOp::kEqual,       PredicateOp::kEqual,
                                           PredicateOp::kNotEqual,    PredicateOp::kLess,
                                           PredicateOp::kLessEqual,   PredicateOp::kGreater,
                                           PredicateOp::kGreaterEqual};
    Value v = RandomValue(c);
    if (Pick(3) == 0) v = Vary(std::move(v));
    return ParquetPredicate::Compare(c.path, kOps[Pick(std::size(kOps))], std::move(v));
  }

  const ReadResult& all_;
  std::vector<LeafColumn> columns_;
  std::mt19937 rng_;
};

// Totals over the files a test reads.
struct Totals {
  int files = 0;
  int predicates = 0;
  int64_t rows_read = 0;
  int64_t rows_returned = 0;
  ParquetPruningStats stats;
  void Add(const ParquetPruningStats& s) {
    stats.row_groups += s.row_groups;
    stats.row_groups_skipped += s.row_groups_skipped;
    stats.pages_skipped += s.pages_skipped;
    stats.rows_skipped += s.rows_skipped;
    stats.bytes_skipped += s.bytes_skipped;
    stats.page_indexes_ignored += s.page_indexes_ignored;
  }
  std::string ToString() const {
    return fmt::format(
        "{} files, {} predicates: {} of {} rows returned; {} of {} row groups skipped, {} pages "
        "skipped, {} rows skipped, {} bytes not fetched, {} page indexes ignored",
        files, predicates, rows_returned, rows_read, stats.row_groups_skipped, stats.row_groups,
        stats.pages_skipped, stats.rows_skipped, stats.bytes_skipped, stats.page_indexes_ignored);
  }
};

// Checks `predicates` random predicates on one file; false if the file is
// not one to test (unreadable, no rows, more than `max_cells` values).
bool CheckFile(const std::string& path, int predicates, uint32_t seed, Totals& totals,
               int64_t max_cells = INT64_MAX) {
  ParquetReaderOptions plain;
  plain.batch_size = 1000;
  Result<ReadResult> all = ReadRows(path, plain);
  if (!all.has_value() || all->rows.empty()) return false;
  if (static_cast<int64_t>(all->rows.size() * all->names.size()) > max_cells) return false;
  LocalFileIO io;
  auto file = io.OpenRead(path);
  if (!file.has_value()) return false;
  auto meta = ReadParquetFooter(**file);
  EXPECT_OK(meta.status());
  if (!meta.has_value()) return false;
  std::vector<LeafColumn> columns = PredicateColumns(**meta, all->names, all->rows);
  if (columns.empty()) return false;
  ++totals.files;
  PredicateGenerator gen(*all, std::move(columns), seed);
  std::mt19937 rng(seed);
  // Where each row group's rows start in all->rows.
  std::vector<int64_t> rg_start = {0};
  for (int32_t rg = 0; rg < (*meta)->num_row_groups(); ++rg) {
    rg_start.push_back(rg_start.back() + (*meta)->row_group(rg).num_rows);
  }
  const bool rows_match_footer = rg_start.back() == static_cast<int64_t>(all->rows.size());
  for (int i = 0; i < predicates; ++i) {
    ParquetPredicate p = gen.Next();
    SCOPED_TRACE(path + ": " + p.ToString());
    ParquetReaderOptions options;
    static constexpr int64_t kBatches[] = {1, 7, 100, 1000};
    options.batch_size = kBatches[rng() % 4];
    options.predicate = p;
    Result<ReadResult> pruned = ReadRows(path, options);
    if (!pruned.has_value()) {
      ADD_FAILURE() << pruned.error().ToString();
      return true;
    }
    ++totals.predicates;
    totals.rows_read += static_cast<int64_t>(all->rows.size());
    totals.rows_returned += static_cast<int64_t>(pruned->rows.size());
    totals.Add(pruned->stats);
    for (NanOrder order : {NanOrder::kIeee, NanOrder::kTotal}) {
      std::vector<Row> expect = Filter(*all, p, order);
      std::vector<Row> got = Filter(*pruned, p, order);
      EXPECT_EQ(got.size(), expect.size()) << (order == NanOrder::kIeee ? "IEEE" : "total order");
      EXPECT_TRUE(got == expect);
    }
    EXPECT_TRUE(IsSubsequence(pruned->rows, all->rows));
    EXPECT_EQ(static_cast<int64_t>(pruned->rows.size()) + pruned->stats.rows_skipped,
              static_cast<int64_t>(all->rows.size()));
    // Row-group verdicts, row by row.
    if (!rows_match_footer) continue;
    Result<BoundParquetPredicate> bound = BoundParquetPredicate::Bind(p, *meta);
    if (!bound.has_value()) {
      ADD_FAILURE() << bound.error().ToString();
      continue;
    }
    for (int32_t rg = 0; rg < (*meta)->num_row_groups(); ++rg) {
      const PruneResult verdict = bound->EvaluateRowGroup(rg);
      if (verdict == PruneResult::kSome) continue;
      for (int64_t r = rg_start[rg]; r < rg_start[rg + 1]; ++r) {
        for (NanOrder order : {NanOrder::kIeee, NanOrder::kTotal}) {
          const bool m = RowMatches(all->names, all->rows[static_cast<size_t>(r)], p, order);
          EXPECT_EQ(m, verdict == PruneResult::kAll) << "row group " << rg << " row " << r;
        }
      }
    }
  }
  return true;
}

const std::set<std::string> kSkip = {
    "large_string_map.brotli.parquet",  // 1 GiB strings
};

TEST(ParquetPruningTest, PageIndexFilesNeverLoseRows) {
  FLOE_REQUIRE_CORPUS();
  const std::string data = *test::CorpusRoot() + "/parquet-testing/data/";
  Totals totals;
  for (const char* name :
       {"alltypes_tiny_pages.parquet", "alltypes_tiny_pages_plain.parquet",
        "int32_with_null_pages.parquet", "data_index_bloom_encoding_stats.parquet",
        "binary_truncated_min_max.parquet", "nan_in_stats.parquet",
        "floating_orders_nan_count.parquet", "single_nan.parquet", "overflow_i16_page_cnt.parquet",
        "sort_columns.parquet", "float16_nonzeros_and_nans.parquet"}) {
    SCOPED_TRACE(name);
    EXPECT_TRUE(CheckFile(data + name, 40, 7, totals)) << name;
  }
  std::cout << totals.ToString() << "\n";
  EXPECT_GT(totals.stats.pages_skipped, 1000);
  EXPECT_GT(totals.stats.bytes_skipped, 1 << 20);
}

TEST(ParquetPruningTest, CorpusFilesNeverLoseRows) {
  FLOE_REQUIRE_CORPUS();
  const std::string root = *test::CorpusRoot();
  Totals totals;
  for (const char* dir : {"/parquet-testing/data", "/parquet-extra/hyparquet/files",
                          "/parquet-extra/duckdb/data/parquet-testing"}) {
    for (const auto& entry : fs::directory_iterator(root + dir)) {
      if (!entry.is_regular_file() || entry.path().extension() != ".parquet") continue;
      if (entry.file_size() > (4 << 20) || kSkip.count(entry.path().filename().string())) continue;
      CheckFile(entry.path().string(), 6, 1, totals, /*max_cells=*/100000);
    }
  }
  std::cout << totals.ToString() << "\n";
  EXPECT_GT(totals.files, 150);
  EXPECT_GT(totals.stats.row_groups_skipped, 100);
  EXPECT_GT(totals.stats.pages_skipped, 100);
}

}  // namespace
}  // namespace floe::parquet

namespace floe::parquet {
namespace {

// A file that remembers every byte range read from it.
class RecordingFile final : public RandomAccessFile {
 public:
  explicit RecordingFile(std::unique_ptr<RandomAccessFile> file) : file_(std::move(file)) {}
  const std::string& location() const override { return file_->location(); }
  int64_t size() const override { return file_->size(); }
  Status ReadAt(int64_t offset, int64_t length, uint8_t* out) override {
    reads_.push_back({offset, length});
    return file_->ReadAt(offset, length, out);
  }
  using RandomAccessFile::ReadAt;
  Result<std::vector<std::shared_ptr<const Buffer>>> ReadRanges(
      std::span<const ReadRange> ranges) override {
    ++requests_;
    reads_.insert(reads_.end(), ranges.begin(), ranges.end());
    return file_->ReadRanges(ranges);
  }
  const std::vector<ReadRange>& reads() const { return reads_; }
  int requests() const { return requests_; }

 private:
  std::unique_ptr<RandomAccessFile> file_;
  std::vector<ReadRange> reads_;
  int requests_ = 0;
};

struct Recorded {
  ReadResult result;
  std::vector<ReadRange> reads;
  int requests = 0;
  std::shared_ptr<const ParquetFileMetadata> metadata;
};

Result<Recorded> ReadRecorded(const std::string& path, ParquetReaderOptions options) {
  LocalFileIO io;
  FLOE_ASSIGN_OR_RETURN(auto footer_file, io.OpenRead(path));
  Recorded out;
  FLOE_ASSIGN_OR_RETURN(out.metadata, ReadParquetFooter(*footer_file));
  FLOE_ASSIGN_OR_RETURN(auto file, io.OpenRead(path));
  auto recording = std::make_unique<RecordingFile>(std::move(file));
  RecordingFile* rec = recording.get();
  FLOE_ASSIGN_OR_RETURN(
      auto reader, ParquetReader::OpenWithMetadata(std::move(recording), out.metadata, options));
  for (const auto& f : reader->projected_fields()) out.result.names.push_back(f.name);
  FLOE_ASSIGN_OR_RETURN(DataChunk chunk, reader->MakeChunk());
  while (true) {
    FLOE_ASSIGN_OR_RETURN(bool more, reader->Next(chunk));
    if (!more) break;
    for (int64_t r = 0; r < chunk.size(); ++r) {
      Row row;
      for (size_t c = 0; c < chunk.column_count(); ++c) row.push_back(chunk.GetValue(c, r));
      out.result.rows.push_back(std::move(row));
    }
  }
  out.result.stats = reader->pruning_stats();
  out.reads = rec->reads();
  out.requests = rec->requests();
  return out;
}

std::string TestingData(const std::string& name) {
  return *test::CorpusRoot() + "/parquet-testing/data/" + name;
}

// Reads `path` with `p` and checks it against the exact filter of a full read.
Result<ReadResult> CheckedRead(const std::string& path, const ParquetPredicate& p,
                               int64_t batch_size = 1000) {
  ParquetReaderOptions plain;
  plain.batch_size = batch_size;
  FLOE_ASSIGN_OR_RETURN(ReadResult all, ReadRows(path, plain));
  ParquetReaderOptions options = plain;
  options.predicate = p;
  FLOE_ASSIGN_OR_RETURN(ReadResult pruned, ReadRows(path, options));
  for (NanOrder order : {NanOrder::kIeee, NanOrder::kTotal}) {
    EXPECT_TRUE(Filter(pruned, p, order) == Filter(all, p, order)) << p.ToString();
  }
  EXPECT_TRUE(IsSubsequence(pruned.rows, all.rows));
  return pruned;
}

int64_t CountMatches(const ReadResult& r, const ParquetPredicate& p) {
  return static_cast<int64_t>(Filter(r, p, NanOrder::kIeee).size());
}

TEST(ParquetPruningTest, SelectivePredicateSkipsPagesAndTheirBytes) {
  FLOE_REQUIRE_CORPUS();
  for (const char* name : {"alltypes_tiny_pages.parquet", "alltypes_tiny_pages_plain.parquet"}) {
    SCOPED_TRACE(name);
    const std::string path = TestingData(name);
    ParquetPredicate p({ParquetPredicate::Compare("id", PredicateOp::kEqual, Value::Int32(3000))});
    ParquetReaderOptions options;
    options.predicate = p;
    ASSERT_OK_AND_ASSIGN(Recorded rec, ReadRecorded(path, options));
    const ReadResult& r = rec.result;
    EXPECT_EQ(CountMatches(r, p), 1);
    EXPECT_LT(r.rows.size(), 200u);  // only rows of pages that might hold id 3000
    EXPECT_EQ(r.stats.row_groups, 1);
    EXPECT_EQ(r.stats.row_groups_skipped, 0);
    EXPECT_GT(r.stats.pages_skipped, 500);
    EXPECT_GT(r.stats.bytes_skipped, 200000);
    EXPECT_EQ(r.stats.rows_skipped, 7300 - static_cast<int64_t>(r.rows.size()));
    std::cout << name << ": id = 3000 returns " << r.rows.size() << " rows; "
              << r.stats.pages_skipped << " pages, " << r.stats.bytes_skipped << " bytes skipped; "
              << rec.requests << " requests\n";
    EXPECT_EQ(rec.requests, 2);  // the page indexes, then the pages

    // No byte of a skipped page was fetched.
    LocalFileIO io;
    ASSERT_OK_AND_ASSIGN(auto file, io.OpenRead(path));
    std::vector<PageIndexRequest> requests;
    for (int32_t c = 0; c < rec.metadata->schema().num_columns(); ++c)
      requests.push_back({c, true});
    ASSERT_OK_AND_ASSIGN(auto indexes, ReadPageIndexes(*file, *rec.metadata, 0, requests));
    ASSERT_OK_AND_ASSIGN(auto bound, BoundParquetPredicate::Bind(p, rec.metadata));
    RowRanges rows = bound.EvaluatePages(0, indexes);
    EXPECT_EQ(static_cast<int64_t>(r.rows.size()), rows.num_rows());
    int64_t skipped_pages = 0;
    for (const ColumnChunkPageIndex& index : indexes) {
      ASSERT_TRUE(index.offset_index.has_value());
      const OffsetIndex& oi = *index.offset_index;
      for (size_t pg = 0; pg < oi.pages.size(); ++pg) {
        if (rows.Overlaps(oi.pages[pg].first_row_index, oi.PageRowEnd(pg, 7300))) continue;
        ++skipped_pages;
        const int64_t begin = oi.pages[pg].offset;
        const int64_t end = begin + oi.pages[pg].compressed_page_size;
        for (const ReadRange& read : rec.reads) {
          EXPECT_FALSE(read.offset < end && begin < read.offset + read.length)
              << "read [" << read.offset << ", +" << read.length << ") fetched page " << pg;
        }
      }
    }
    EXPECT_EQ(skipped_pages, r.stats.pages_skipped);

    // A projection without the predicate's column reads the same rows.
    ParquetReaderOptions projected = options;
    projected.column_names = std::vector<std::string>{"string_col", "bigint_col"};
    ASSERT_OK_AND_ASSIGN(ReadResult some, ReadRows(path, projected));
    ASSERT_EQ(some.rows.size(), r.rows.size());
    for (size_t i = 0; i < r.rows.size(); ++i) {
      EXPECT_TRUE(some.rows[i][0] == Lookup(r.names, r.rows[i], "string_col"));
      EXPECT_TRUE(some.rows[i][1] == Lookup(r.names, r.rows[i], "bigint_col"));
    }
    // Without the page index, the whole row group.
    ParquetReaderOptions no_index = options;
    no_index.use_page_index = false;
    ASSERT_OK_AND_ASSIGN(ReadResult whole, ReadRows(path, no_index));
    EXPECT_EQ(whole.rows.size(), 7300u);
    EXPECT_EQ(whole.stats.pages_skipped, 0);
  }
}

TEST(ParquetPruningTest, RangesAndConjunctionsOnTinyPages) {
  FLOE_REQUIRE_CORPUS();
  const std::string path = TestingData("alltypes_tiny_pages.parquet");
  using Op = PredicateOp;
  struct Case {
    ParquetPredicate p;
    int64_t matches;
  };
  std::vector<Case> cases = {
      {ParquetPredicate({ParquetPredicate::Compare("id", Op::kLess, Value::Int64(100))}), 100},
      {ParquetPredicate({ParquetPredicate::Compare("id", Op::kGreaterEqual, Value::Int32(7200)),
                         ParquetPredicate::Compare("bool_col", Op::kEqual, Value::Boolean(true))}),
       50},
      {ParquetPredicate({ParquetPredicate::In(
           "id", {Value::Int32(5), Value::Int32(6000), Value::Int32(99999)})}),
       2},
      {ParquetPredicate(
           {ParquetPredicate::Compare("date_string_col", Op::kEqual, Value::String("01/01/09"))}),
       10},
      {ParquetPredicate({ParquetPredicate::Compare("id", Op::kEqual, Value::Double(10.5))}), 0},
      {ParquetPredicate({ParquetPredicate::IsNull("id")}), 0},
  };
  for (const Case& c : cases) {
    ASSERT_OK_AND_ASSIGN(ReadResult r, CheckedRead(path, c.p, 64));
    EXPECT_EQ(CountMatches(r, c.p), c.matches) << c.p.ToString();
    std::cout << c.p.ToString() << ": " << r.rows.size() << " rows, " << r.stats.pages_skipped
              << " pages skipped\n";
  }
}

TEST(ParquetPruningTest, NaNAndSignedZeros) {
  FLOE_REQUIRE_CORPUS();
  const std::string path = TestingData("floating_orders_nan_count.parquet");
  using Op = PredicateOp;
  for (const char* column :
       {"float_typedef", "double_typedef", "float_ieee754", "double_ieee754"}) {
    SCOPED_TRACE(column);
    // NaN rows are above every bound: `> max` keeps them (total order).
    ParquetPredicate above({ParquetPredicate::Compare(column, Op::kGreater, Value::Double(5))});
    ASSERT_OK_AND_ASSIGN(ReadResult r, CheckedRead(path, above));
    int64_t nan_rows = 0;
    for (const Row& row : r.rows) nan_rows += IsNaN(Lookup(r.names, row, column));
    EXPECT_GT(nan_rows, 0);
    EXPECT_EQ(static_cast<int64_t>(Filter(r, above, NanOrder::kTotal).size()), nan_rows);
    // Zeros of either sign match = 0.0 and = -0.0.
    for (double zero : {0.0, -0.0}) {
      ParquetPredicate eq({ParquetPredicate::Compare(column, Op::kEqual, Value::Double(zero))});
      ASSERT_OK_AND_ASSIGN(ReadResult z, CheckedRead(path, eq));
      EXPECT_GT(CountMatches(z, eq), 0);
    }
    ParquetPredicate below({ParquetPredicate::Compare(column, Op::kLess, Value::Double(-2))});
    ASSERT_OK_AND_ASSIGN(ReadResult b, CheckedRead(path, below));
    EXPECT_GE(b.stats.row_groups_skipped, 2);
    std::cout << column << " < -2: " << b.stats.row_groups_skipped << " of " << b.stats.row_groups
              << " row groups skipped\n";
  }
  // A NaN max in legacy statistics drops the bounds.
  ParquetPredicate p({ParquetPredicate::Compare("x", Op::kGreater, Value::Double(1))});
  ASSERT_OK_AND_ASSIGN(ReadResult nan_stats, CheckedRead(TestingData("nan_in_stats.parquet"), p));
  EXPECT_EQ(nan_stats.rows.size(), 2u);
}

TEST(ParquetPruningTest, RowGroupsSkippedByStatistics) {
  FLOE_REQUIRE_CORPUS();
  ParquetPredicate p(
      {ParquetPredicate::Compare("float_typedef", PredicateOp::kLess, Value::Float(-2))});
  ASSERT_OK_AND_ASSIGN(ReadResult r,
                       CheckedRead(TestingData("floating_orders_nan_count.parquet"), p));
  EXPECT_EQ(r.stats.row_groups, 5);
  EXPECT_GE(r.stats.row_groups_skipped, 2);
  // An explicit row group list is pruned too.
  ParquetReaderOptions options;
  options.row_groups = std::vector<int32_t>{0, 3};
  options.predicate = p;
  ASSERT_OK_AND_ASSIGN(ReadResult two,
                       ReadRows(TestingData("floating_orders_nan_count.parquet"), options));
  EXPECT_EQ(two.stats.row_groups, 2);
  EXPECT_EQ(two.stats.row_groups_skipped, 2);
  EXPECT_TRUE(two.rows.empty());
}

TEST(ParquetPruningTest, NullPagesAndIsNull) {
  FLOE_REQUIRE_CORPUS();
  const std::string path = TestingData("int32_with_null_pages.parquet");
  ParquetPredicate is_null({ParquetPredicate::IsNull("int32_field")});
  ASSERT_OK_AND_ASSIGN(ReadResult n, CheckedRead(path, is_null));
  EXPECT_EQ(CountMatches(n, is_null), 275);
  ParquetPredicate not_null({ParquetPredicate::IsNotNull("int32_field")});
  ASSERT_OK_AND_ASSIGN(ReadResult nn, CheckedRead(path, not_null));
  EXPECT_EQ(CountMatches(nn, not_null), 725);
  EXPECT_GT(nn.stats.pages_skipped, 0);  // the null page
  ParquetPredicate big(
      {ParquetPredicate::Compare("int32_field", PredicateOp::kGreater, Value::Int32(2140000000))});
  ASSERT_OK_AND_ASSIGN(ReadResult b, CheckedRead(path, big));
  EXPECT_GT(b.stats.pages_skipped, 3);
}

TEST(ParquetPruningTest, TruncatedStringBounds) {
  FLOE_REQUIRE_CORPUS();
  const std::string path = TestingData("binary_truncated_min_max.parquet");
  ParquetReaderOptions plain;
  ASSERT_OK_AND_ASSIGN(ReadResult all, ReadRows(path, plain));
  int checked = 0;
  for (const Row& row : all.rows) {
    for (size_t c = 0; c < all.names.size(); ++c) {
      ParquetPredicate eq({ParquetPredicate::Compare(all.names[c], PredicateOp::kEqual, row[c])});
      ASSERT_OK_AND_ASSIGN(ReadResult r, CheckedRead(path, eq));
      EXPECT_GE(CountMatches(r, eq), 1);
      ++checked;
    }
  }
  EXPECT_EQ(checked, 72);
}

TEST(ParquetPruningTest, UntrustedStatisticsDoNotPrune) {
  FLOE_REQUIRE_CORPUS();
  const std::string extra = *test::CorpusRoot() + "/parquet-extra/duckdb/data/parquet-testing/";
  // Parquet.Net: the statistics say 04:00, the data 12:00.
  ParquetPredicate p({ParquetPredicate::Compare("A", PredicateOp::kEqual,
                                                Value::Timestamp(int64_t{1609502400} * 1000000))});
  ASSERT_OK_AND_ASSIGN(ReadResult r, CheckedRead(extra + "corrupt_stats.parquet", p));
  EXPECT_EQ(CountMatches(r, p), 5);
  // Bounds holding invalid UTF-8 (truncated mid-character) still bound.
  for (const char* file : {"invalid_utf8_stats.parquet", "incorrect_index_page_offsets.parquet"}) {
    ParquetReaderOptions plain;
    ASSERT_OK_AND_ASSIGN(ReadResult all, ReadRows(extra + file, plain));
    for (const Row& row : all.rows) {
      for (size_t c = 0; c < all.names.size(); ++c) {
        if (row[c].is_null()) continue;
        ParquetPredicate eq({ParquetPredicate::Compare(all.names[c], PredicateOp::kEqual, row[c])});
        ASSERT_OK_AND_ASSIGN(ReadResult one, CheckedRead(extra + file, eq));
        EXPECT_GE(CountMatches(one, eq), 1) << file << " " << eq.ToString();
      }
    }
  }
  // Legacy (deprecated) statistics of an old writer: signed types only.
  for (const char* file : {"alltypes_plain.parquet", "alltypes_dictionary.parquet"}) {
    ParquetReaderOptions plain;
    ASSERT_OK_AND_ASSIGN(ReadResult all, ReadRows(TestingData(file), plain));
    for (const Row& row : all.rows) {
      for (size_t c = 0; c < all.names.size(); ++c) {
        if (row[c].is_null() || row[c].type().IsNested()) continue;
        ParquetPredicate eq({ParquetPredicate::Compare(all.names[c], PredicateOp::kEqual, row[c])});
        ASSERT_OK_AND_ASSIGN(ReadResult one, CheckedRead(TestingData(file), eq));
        EXPECT_GE(CountMatches(one, eq), 1) << file << " " << eq.ToString();
      }
    }
  }
}

}  // namespace
}  // namespace floe::parquet
