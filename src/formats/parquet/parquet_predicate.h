// ParquetPredicate: a filter simple enough to check against Parquet
// statistics, so a reader can skip row groups and pages that cannot hold a
// matching row.
//
// A predicate is a conjunction of terms, each on one leaf column (a top-level
// primitive column by name, or a leaf inside structs by its dotted path,
// "s.a"): `col op literal` for op in =, !=, <, <=, >, >=; `col IN (...)`;
// `col IS NULL`; `col IS NOT NULL`. No terms means TRUE.
//
// Row semantics are SQL's: NULL matches only IS NULL; a comparison with a
// NULL literal matches no row; NULLs in an IN list are ignored. NaN rows are
// treated so that pruning is right both for IEEE comparisons (NaN compares
// false, except !=) and for a total order with NaN above every number (DuckDB,
// Spark, Postgres): as Parquet writers leave NaN out of min/max, a float
// column's bounds cannot rule out a NaN row for >, >= or != unless a NaN
// count of 0 says there are none.
//
// Pruning is conservative: it may keep rows that do not match (the engine
// filters exactly afterwards), never drop one that does. So a term is used
// only where it is certainly right and otherwise counts as "might match":
//   - literals are compared in the column's type; a literal that the column
//     type cannot represent exactly (an int literal beyond an int8 column's
//     range, 2.5 against an int column, 2^53 + 1 against a float, a
//     timestamp against a timestamptz, a NaN) does not prune;
//   - terms on columns inside lists or maps, and on columns whose type Floe
//     cannot read, do not prune;
//   - truncated string bounds are still bounds; only "all equal" conclusions
//     need exact ones;
//   - bounds follow statistics.h / page_index.h's trust rules, and bounds
//     with min > max are ignored.
//
// Thread-safety: values; a BoundParquetPredicate is immutable and may be
// shared by readers on several threads.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "common/result.h"
#include "formats/parquet/file_metadata.h"
#include "formats/parquet/page_index.h"
#include "formats/parquet/row_ranges.h"
#include "vector/value.h"

namespace floe::parquet {

enum class PredicateOp : uint8_t {
  kEqual,
  kNotEqual,
  kLess,
  kLessEqual,
  kGreater,
  kGreaterEqual,
  kIsNull,
  kIsNotNull,
  kIn,
};

struct PredicateTerm {
  std::string column;  // "name" or "a.b.c"
  PredicateOp op = PredicateOp::kEqual;
  // One literal for comparisons, one or more for IN, none for IS [NOT] NULL.
  std::vector<Value> values;

  // "id < 10", "s.a IN (1, 2)", "name IS NULL".
  std::string ToString() const;
};

class ParquetPredicate {
 public:
  // TRUE.
  ParquetPredicate() = default;
  explicit ParquetPredicate(std::vector<PredicateTerm> terms) : terms_(std::move(terms)) {}

  static PredicateTerm Compare(std::string column, PredicateOp op, Value value);
  static PredicateTerm In(std::string column, std::vector<Value> values);
  static PredicateTerm IsNull(std::string column);
  static PredicateTerm IsNotNull(std::string column);

  // Adds a term to the conjunction.
  ParquetPredicate& And(PredicateTerm term) {
    terms_.push_back(std::move(term));
    return *this;
  }

  const std::vector<PredicateTerm>& terms() const { return terms_; }
  // "a = 1 AND b IS NULL", or "TRUE".
  std::string ToString() const;

 private:
  std::vector<PredicateTerm> terms_;
};

// How many rows of a part of a file (a row group, a page) can match.
enum class PruneResult : uint8_t {
  kNone,  // no row can match: skip it
  kSome,  // some rows might
  kAll,   // every row matches
};

// A predicate resolved against one file's schema, with its literals coerced
// to the columns' types.
class BoundParquetPredicate {
 public:
  // NotFound for a column the file does not have; InvalidArgument for a
  // term that names a group rather than a leaf, or has the wrong number of
  // literals.
  static Result<BoundParquetPredicate> Bind(const ParquetPredicate& predicate,
                                            std::shared_ptr<const ParquetFileMetadata> metadata);

  // From the row group's column chunk statistics.
  PruneResult EvaluateRowGroup(int32_t row_group) const;

  // Leaf columns whose page indexes can narrow the rows to read (the
  // columns of the terms that can prune).
  const std::vector<int32_t>& index_columns() const { return index_columns_; }

  // The rows of `row_group` that might match, from the page indexes of
  // (some of) index_columns(); a column without a usable page index
  // narrows nothing.
  RowRanges EvaluatePages(int32_t row_group, std::span<const ColumnChunkPageIndex> indexes) const;

 private:
  struct Term {
    PredicateOp op = PredicateOp::kEqual;
    int32_t column = 0;  // leaf ordinal
    // Literals in the column's type (NULLs dropped); decimals keep their
    // own scale, which CompareValues handles.
    std::vector<Value> values;
    bool can_prune = false;     // false: the term always "might match"
    bool null_literal = false;  // a comparison with NULL: matches nothing
    bool required = false;      // the column holds no NULLs
    bool floating = false;      // float or double: NaN rows are possible
    bool narrow_int = false;    // int8/int16 stored as INT32
  };

  std::shared_ptr<const ParquetFileMetadata> metadata_;
  std::vector<Term> terms_;
  std::vector<int32_t> index_columns_;
};

}  // namespace floe::parquet
