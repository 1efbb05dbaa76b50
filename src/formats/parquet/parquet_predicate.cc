#include "formats/parquet/parquet_predicate.h"

#include <cmath>
#include <limits>

#include "formats/parquet/statistics.h"
#include "formats/parquet/statistics_value.h"
#include "vector/value_compare.h"

namespace floe::parquet {
namespace {

std::string_view OpText(PredicateOp op) {
  switch (op) {
    case PredicateOp::kEqual:
      return "=";
    case PredicateOp::kNotEqual:
      return "!=";
    case PredicateOp::kLess:
      return "<";
    case PredicateOp::kLessEqual:
      return "<=";
    case PredicateOp::kGreater:
      return ">";
    case PredicateOp::kGreaterEqual:
      return ">=";
    case PredicateOp::kIsNull:
      return "IS NULL";
    case PredicateOp::kIsNotNull:
      return "IS NOT NULL";
    case PredicateOp::kIn:
      return "IN";
  }
  return "?";
}

bool IsInteger(TypeId id) {
  return id == TypeId::kInt8 || id == TypeId::kInt16 || id == TypeId::kInt32 ||
         id == TypeId::kInt64;
}

std::optional<Value> IntegerOf(TypeId id, int64_t v) {
  switch (id) {
    case TypeId::kInt8:
      if (v < INT8_MIN || v > INT8_MAX) return std::nullopt;
      return Value::Int8(static_cast<int8_t>(v));
    case TypeId::kInt16:
      if (v < INT16_MIN || v > INT16_MAX) return std::nullopt;
      return Value::Int16(static_cast<int16_t>(v));
    case TypeId::kInt32:
      if (v < INT32_MIN || v > INT32_MAX) return std::nullopt;
      return Value::Int32(static_cast<int32_t>(v));
    case TypeId::kInt64:
      return Value::Int64(v);
    default:
      return std::nullopt;
  }
}

// The integer `d` holds exactly, if any.
std::optional<int64_t> ExactInt(double d) {
  // [-2^63, 2^63) as doubles; NaN fails both comparisons.
  if (!(d >= -9223372036854775808.0 && d < 9223372036854775808.0)) return std::nullopt;
  const auto i = static_cast<int64_t>(d);
  if (static_cast<double>(i) != d) return std::nullopt;
  return i;
}

// The integer an unscaled decimal holds exactly, if any.
std::optional<int64_t> ExactInt(int128_t unscaled, int32_t scale) {
  const int128_t p = Pow10Int128(scale);
  if (unscaled % p != 0) return std::nullopt;
  const int128_t v = unscaled / p;
  if (v < std::numeric_limits<int64_t>::min() || v > std::numeric_limits<int64_t>::max()) {
    return std::nullopt;
  }
  return static_cast<int64_t>(v);
}

// `lit` as a value of `type` that compares with the column's values exactly
// as the literal would, or nullopt when no such value exists (then the term
// does not prune).
std::optional<Value> Coerce(const Value& lit, const LogicalType& type) {
  const TypeId from = lit.type().id();
  const TypeId to = type.id();
  if (IsNaN(lit)) return std::nullopt;
  if (to == TypeId::kDecimal) {
    if (from == TypeId::kDecimal) return lit;  // CompareValues rescales
    if (IsInteger(from)) {
      auto d = Value::Decimal(lit.GetInt64(), LogicalType::kMaxDecimalPrecision, 0);
      return d.has_value() ? std::optional<Value>(*d) : std::nullopt;
    }
    return std::nullopt;
  }
  if (lit.type() == type) return lit;
  if (IsInteger(to)) {
    if (IsInteger(from)) return IntegerOf(to, lit.GetInt64());
    std::optional<int64_t> v;
    if (from == TypeId::kDecimal) v = ExactInt(lit.GetDecimal(), lit.type().scale());
    if (from == TypeId::kFloat) v = ExactInt(static_cast<double>(lit.GetFloat()));
    if (from == TypeId::kDouble) v = ExactInt(lit.GetDouble());
    return v.has_value() ? IntegerOf(to, *v) : std::nullopt;
  }
  if (to == TypeId::kDouble) {
    if (from == TypeId::kFloat) return Value::Double(lit.GetFloat());
    if (IsInteger(from)) {
      const int64_t i = lit.GetInt64();
      const auto d = static_cast<double>(i);
      if (ExactInt(d) != i) return std::nullopt;
      return Value::Double(d);
    }
    return std::nullopt;
  }
  if (to == TypeId::kFloat) {
    double d;
    if (from == TypeId::kDouble) {
      d = lit.GetDouble();
    } else if (IsInteger(from)) {
      const int64_t i = lit.GetInt64();
      const auto f = static_cast<float>(i);
      if (ExactInt(static_cast<double>(f)) != i) return std::nullopt;
      return Value::Float(f);
    } else {
      return std::nullopt;
    }
    const auto f = static_cast<float>(d);
    if (static_cast<double>(f) != d) return std::nullopt;  // inexact or out of range
    return Value::Float(f);
  }
  if ((to == TypeId::kTimestampNs && from == TypeId::kTimestamp) ||
      (to == TypeId::kTimestampTzNs && from == TypeId::kTimestampTz)) {
    int64_t nanos;
    if (__builtin_mul_overflow(lit.GetInt64(), int64_t{1000}, &nanos)) return std::nullopt;
    return to == TypeId::kTimestampNs ? Value::TimestampNs(nanos) : Value::TimestampTzNs(nanos);
  }
  if ((to == TypeId::kTimestamp && from == TypeId::kTimestampNs) ||
      (to == TypeId::kTimestampTz && from == TypeId::kTimestampTzNs)) {
    if (lit.GetInt64() % 1000 != 0) return std::nullopt;
    const int64_t micros = lit.GetInt64() / 1000;
    return to == TypeId::kTimestamp ? Value::Timestamp(micros) : Value::TimestampTz(micros);
  }
  const bool from_bytes = from == TypeId::kString || from == TypeId::kBinary ||
                          from == TypeId::kFixed || from == TypeId::kUuid;
  if (from_bytes && (to == TypeId::kString || to == TypeId::kBinary)) {
    return to == TypeId::kString ? Value::String(lit.GetString()) : Value::Binary(lit.GetString());
  }
  if (from_bytes && (to == TypeId::kFixed || to == TypeId::kUuid)) {
    if (static_cast<int64_t>(lit.GetString().size()) != type.fixed_length()) return std::nullopt;
    auto v = to == TypeId::kUuid ? Value::Uuid(lit.GetString()) : Value::Fixed(lit.GetString());
    return v.has_value() ? std::optional<Value>(*v) : std::nullopt;
  }
  return std::nullopt;
}

bool IsComparison(PredicateOp op) {
  return op != PredicateOp::kIsNull && op != PredicateOp::kIsNotNull && op != PredicateOp::kIn;
}

// What is known about one column in one part of the file.
struct Known {
  std::optional<int64_t> null_count;
  bool all_null = false;
  const Value* min = nullptr;  // a lower bound of the non-NULL, non-NaN values
  const Value* max = nullptr;  // an upper bound
  bool exact = false;          // min and max are values that occur
  bool no_nan = false;         // known to hold no NaN
};

// SQL literal text: strings quoted.
std::string LiteralText(const Value& v) {
  if (v.is_null() || v.type().id() != TypeId::kString) return v.ToString();
  std::string out = "'";
  for (char c : v.GetString()) {
    out += c;
    if (c == '\'') out += c;
  }
  return out + "'";
}

}  // namespace

std::string PredicateTerm::ToString() const {
  std::string out = column + " " + std::string(OpText(op));
  if (op == PredicateOp::kIn) {
    out += " (";
    for (size_t i = 0; i < values.size(); ++i) {
      if (i > 0) out += ", ";
      out += LiteralText(values[i]);
    }
    return out + ")";
  }
  for (const Value& v : values) out += " " + LiteralText(v);
  return out;
}

PredicateTerm ParquetPredicate::Compare(std::string column, PredicateOp op, Value value) {
  return PredicateTerm{std::move(column), op, {std::move(value)}};
}
PredicateTerm ParquetPredicate::In(std::string column, std::vector<Value> values) {
  return PredicateTerm{std::move(column), PredicateOp::kIn, std::move(values)};
}
PredicateTerm ParquetPredicate::IsNull(std::string column) {
  return PredicateTerm{std::move(column), PredicateOp::kIsNull, {}};
}
PredicateTerm ParquetPredicate::IsNotNull(std::string column) {
  return PredicateTerm{std::move(column), PredicateOp::kIsNotNull, {}};
}

std::string ParquetPredicate::ToString() const {
  if (terms_.empty()) return "TRUE";
  std::string out;
  for (const PredicateTerm& t : terms_) {
    if (!out.empty()) out += " AND ";
    out += t.ToString();
  }
  return out;
}

Result<BoundParquetPredicate> BoundParquetPredicate::Bind(
    const ParquetPredicate& predicate, std::shared_ptr<const ParquetFileMetadata> metadata) {
  BoundParquetPredicate bound;
  const ParquetSchema& schema = metadata->schema();
  for (const PredicateTerm& t : predicate.terms()) {
    const size_t literals = t.values.size();
    const bool ok_count = IsComparison(t.op)         ? literals == 1
                          : t.op == PredicateOp::kIn ? literals >= 1
                                                     : literals == 0;
    if (!ok_count) {
      return Status::InvalidArgument("parquet: {}: predicate term '{}' has {} literals",
                                     metadata->location(), t.ToString(), literals);
    }
    const int32_t column = schema.FindColumn(t.column);
    if (column < 0) {
      for (int32_t n = 1; n < schema.num_nodes(); ++n) {
        if (schema.NodePath(n) == t.column) {
          return Status::InvalidArgument(
              "parquet: {}: predicate column '{}' is a group, not a leaf column",
              metadata->location(), t.column);
        }
      }
      return Status::NotFound("parquet: {}: no column '{}' for the predicate", metadata->location(),
                              t.column);
    }
    Term term;
    term.op = t.op;
    term.column = column;
    const ColumnDescriptor& d = schema.column(column);
    term.required = d.max_definition_level == 0;
    Result<MappedNode> leaf = MapLeafColumn(schema, column);
    term.can_prune = leaf.has_value() && d.max_repetition_level == 0;
    if (leaf.has_value()) {
      const TypeId id = leaf->type.id();
      term.floating = id == TypeId::kFloat || id == TypeId::kDouble;
      term.narrow_int = leaf->conversion == ValueConversion::kInt32ToInt8 ||
                        leaf->conversion == ValueConversion::kInt32ToInt16;
    }
    size_t nulls = 0;
    for (const Value& v : t.values) {
      if (v.is_null()) {
        ++nulls;
        continue;
      }
      if (!term.can_prune) continue;
      std::optional<Value> c = Coerce(v, leaf->type);
      if (!c.has_value()) {
        term.can_prune = false;
        continue;
      }
      term.values.push_back(std::move(*c));
    }
    // x = NULL and x IN (NULL, ...) match nothing; other NULLs in an IN
    // list are dropped.
    term.null_literal = literals > 0 && nulls == literals;
    if (term.null_literal) term.can_prune = true;
    if (term.op == PredicateOp::kIsNull || term.op == PredicateOp::kIsNotNull) {
      term.can_prune = d.max_repetition_level == 0;
    }
    // A term that cannot prune still keeps its row group from "all match".
    if (term.can_prune && std::find(bound.index_columns_.begin(), bound.index_columns_.end(),
                                    column) == bound.index_columns_.end()) {
      bound.index_columns_.push_back(column);
    }
    bound.terms_.push_back(std::move(term));
  }
  bound.metadata_ = std::move(metadata);
  return bound;
}

namespace {

std::optional<int> Cmp(const Value& a, const Value* b) { return CompareValues(a, *b); }

PruneResult EvaluateTerm(PredicateOp op, const std::vector<Value>& values, bool null_literal,
                         bool required, bool floating, const Known& k) {
  const bool no_nulls = required || k.null_count == 0;
  if (op == PredicateOp::kIsNull) {
    if (no_nulls) return PruneResult::kNone;
    return k.all_null ? PruneResult::kAll : PruneResult::kSome;
  }
  if (op == PredicateOp::kIsNotNull) {
    if (k.all_null) return PruneResult::kNone;
    return no_nulls ? PruneResult::kAll : PruneResult::kSome;
  }
  if (null_literal || k.all_null) return PruneResult::kNone;
  if (k.min == nullptr || k.max == nullptr) return PruneResult::kSome;
  const bool nan_possible = floating && !k.no_nan;
  // Every row is non-NULL and not NaN: needed to say all rows match.
  const bool plain = no_nulls && !nan_possible;
  if (op == PredicateOp::kIn) {
    bool any_inside = false;
    for (const Value& v : values) {
      auto lo = Cmp(v, k.min);
      auto hi = Cmp(v, k.max);
      if (!lo || !hi) return PruneResult::kSome;
      if (*lo >= 0 && *hi <= 0) {
        any_inside = true;
        if (k.exact && *lo == 0 && *hi == 0 && plain) return PruneResult::kAll;
      }
    }
    return any_inside ? PruneResult::kSome : PruneResult::kNone;
  }
  const Value& v = values.front();
  auto lo = Cmp(v, k.min);  // literal vs min
  auto hi = Cmp(v, k.max);  // literal vs max
  if (!lo || !hi) return PruneResult::kSome;
  const bool single = k.exact && *lo == 0 && *hi == 0;  // every value equals the literal
  switch (op) {
    case PredicateOp::kEqual:
      if (*lo < 0 || *hi > 0) return PruneResult::kNone;
      return single && plain ? PruneResult::kAll : PruneResult::kSome;
    case PredicateOp::kNotEqual:
      // NaN != v holds in both orders, so NaN rows match.
      if (single && !nan_possible) return PruneResult::kNone;
      return (*lo < 0 || *hi > 0) && no_nulls ? PruneResult::kAll : PruneResult::kSome;
    case PredicateOp::kLess:  // col < v
      if (*lo <= 0) return PruneResult::kNone;
      return *hi > 0 && plain ? PruneResult::kAll : PruneResult::kSome;
    case PredicateOp::kLessEqual:
      if (*lo < 0) return PruneResult::kNone;
      return *hi >= 0 && plain ? PruneResult::kAll : PruneResult::kSome;
    case PredicateOp::kGreater:  // col > v
      if (*hi >= 0 && !nan_possible) return PruneResult::kNone;
      return *lo < 0 && plain ? PruneResult::kAll : PruneResult::kSome;
    case PredicateOp::kGreaterEqual:
      if (*hi > 0 && !nan_possible) return PruneResult::kNone;
      return *lo <= 0 && plain ? PruneResult::kAll : PruneResult::kSome;
    default:
      return PruneResult::kSome;
  }
}

PruneResult And(PruneResult a, PruneResult b) {
  if (a == PruneResult::kNone || b == PruneResult::kNone) return PruneResult::kNone;
  if (a == PruneResult::kAll && b == PruneResult::kAll) return PruneResult::kAll;
  return PruneResult::kSome;
}

// INT(8)/INT(16) bounds outside the narrow range would be wrapped like the
// values, which breaks their order: such bounds are not used.
bool NarrowBoundsInRange(const format::Statistics& s, const MappedNode& leaf) {
  for (const auto* f : {&s.min_value, &s.max_value, &s.min, &s.max}) {
    if (!f->empty() && !DecodeStatisticsValue(leaf, *f).has_value()) return false;
  }
  return true;
}

}  // namespace

PruneResult BoundParquetPredicate::EvaluateRowGroup(int32_t row_group) const {
  PruneResult result = PruneResult::kAll;
  for (const Term& t : terms_) {
    if (!t.can_prune) {
      result = And(result, PruneResult::kSome);
      continue;
    }
    Result<ColumnChunkStatistics> stats =
        ReadColumnChunkStatistics(*metadata_, row_group, t.column);
    Known k;
    if (stats.has_value()) {
      k.null_count = stats->null_count;
      k.all_null = stats->null_count.has_value() && *stats->null_count == stats->num_values;
      const format::Statistics& raw =
          metadata_->column_chunk(row_group, t.column).meta_data.statistics;
      bool bounds_ok = stats->min.has_value() && stats->max.has_value();
      if (bounds_ok && t.narrow_int) {
        Result<MappedNode> leaf = MapLeafColumn(metadata_->schema(), t.column);
        bounds_ok = leaf.has_value() && NarrowBoundsInRange(raw, *leaf);
      }
      if (bounds_ok) {
        std::optional<int> c = CompareValues(*stats->min, *stats->max);
        bounds_ok = c.has_value() && *c <= 0;
      }
      if (bounds_ok) {
        k.min = &*stats->min;
        k.max = &*stats->max;
        k.exact = stats->min_exact && stats->max_exact;
      }
      k.no_nan = !t.floating || (raw.__isset.nan_count && raw.nan_count == 0);
    }
    result = And(result, EvaluateTerm(t.op, t.values, t.null_literal, t.required, t.floating, k));
    if (result == PruneResult::kNone) break;
  }
  return result;
}

RowRanges BoundParquetPredicate::EvaluatePages(
    int32_t row_group, std::span<const ColumnChunkPageIndex> indexes) const {
  const int64_t num_rows = metadata_->row_group(row_group).num_rows;
  RowRanges rows = RowRanges::All(num_rows);
  for (const Term& t : terms_) {
    if (!t.can_prune) continue;
    const ColumnChunkPageIndex* index = nullptr;
    for (const ColumnChunkPageIndex& i : indexes) {
      if (i.column == t.column && i.offset_index.has_value() && i.column_index.has_value()) {
        index = &i;
      }
    }
    if (index == nullptr) continue;
    const OffsetIndex& oi = *index->offset_index;
    const ColumnIndex& ci = *index->column_index;
    RowRanges term_rows;
    for (size_t p = 0; p < oi.pages.size(); ++p) {
      const PageStatistics& page = ci.pages[p];
      const int64_t begin = oi.pages[p].first_row_index;
      const int64_t end = oi.PageRowEnd(p, num_rows);
      Known k;
      k.null_count = page.null_count;
      k.all_null = page.null_page;
      if (page.min.has_value() && page.max.has_value()) {
        k.min = &*page.min;
        k.max = &*page.max;
        k.exact = ci.bounds_exact;
      }
      k.no_nan = !t.floating || page.nan_count == 0;
      if (EvaluateTerm(t.op, t.values, t.null_literal, t.required, t.floating, k) !=
          PruneResult::kNone) {
        term_rows.Add(begin, end);
      }
    }
    rows = RowRanges::Intersect(rows, term_rows);
  }
  return rows;
}

}  // namespace floe::parquet
