#include "iceberg/partition_summary.h"

#include <cmath>

#include "iceberg/single_value.h"
#include "vector/value_compare.h"

namespace floe::iceberg {

namespace {

// Whether a tying -0.0 / +0.0 `candidate` should replace `current` as the lower (upper) bound.
bool PreferOnTie(const Value& candidate, const Value& current, bool lower) {
  auto negative = [](const Value& v) {
    if (v.type().id() == TypeId::kFloat) return std::signbit(v.GetFloat());
    if (v.type().id() == TypeId::kDouble) return std::signbit(v.GetDouble());
    return false;
  };
  return lower ? (negative(candidate) && !negative(current))
               : (!negative(candidate) && negative(current));
}

}  // namespace

Status CheckPartitionTuple(const Type& partition_type, const std::vector<Value>& partition) {
  const auto& fields = partition_type.fields();
  if (partition.size() != fields.size()) {
    return Status::InvalidArgument("iceberg: a partition tuple of {} values for {} fields",
                                   partition.size(), fields.size());
  }
  for (size_t i = 0; i < fields.size(); ++i) {
    auto logical = ToLogicalType(fields[i].type);
    if (!logical.has_value()) {
      return logical.error().WithContext("iceberg: partition field {} '{}'", fields[i].id,
                                         fields[i].name);
    }
    if (!(partition[i].type() == *logical)) {
      return Status::InvalidArgument(
          "iceberg: partition field {} '{}': expected a value of {}, got {} of {}", fields[i].id,
          fields[i].name, fields[i].type.ToString(), partition[i].ToString(),
          partition[i].type().ToString());
    }
  }
  return Status::OK();
}

Result<PartitionSummaryBuilder> PartitionSummaryBuilder::Make(const Type& partition_type) {
  if (partition_type.kind() != TypeKind::kStruct) {
    return Status::InvalidArgument("iceberg: a partition type must be a struct, not {}",
                                   partition_type.ToString());
  }
  std::vector<FieldStats> fields;
  for (const NestedField& field : partition_type.fields()) {
    auto logical = ToLogicalType(field.type);
    if (!logical.has_value() || !field.type.is_primitive()) {
      return Status::NotSupported(
          "iceberg: partition field {} '{}' of type {} cannot be summarized", field.id, field.name,
          field.type.ToString());
    }
    fields.push_back(FieldStats{field.type, std::move(logical).value(), false, false, {}, {}});
  }
  return PartitionSummaryBuilder(std::move(fields));
}

Status PartitionSummaryBuilder::Add(const std::vector<Value>& partition) {
  if (partition.size() != fields_.size()) {
    return Status::InvalidArgument("iceberg: a partition tuple of {} values for {} fields",
                                   partition.size(), fields_.size());
  }
  for (size_t i = 0; i < fields_.size(); ++i) {
    if (!(partition[i].type() == fields_[i].logical)) {
      return Status::InvalidArgument("iceberg: partition value {} of {} where {} is expected",
                                     partition[i].ToString(), partition[i].type().ToString(),
                                     fields_[i].type.ToString());
    }
  }
  for (size_t i = 0; i < fields_.size(); ++i) {
    FieldStats& f = fields_[i];
    const Value& v = partition[i];
    if (v.is_null()) {
      f.contains_null = true;
      continue;
    }
    if (IsNaN(v)) {
      f.contains_nan = true;
      continue;
    }
    if (!f.lower.has_value()) {
      f.lower = v;
      f.upper = v;
      continue;
    }
    const std::optional<int> lo = CompareValues(v, *f.lower);
    if (lo.has_value() && (*lo < 0 || (*lo == 0 && PreferOnTie(v, *f.lower, true)))) f.lower = v;
    const std::optional<int> hi = CompareValues(v, *f.upper);
    if (hi.has_value() && (*hi > 0 || (*hi == 0 && PreferOnTie(v, *f.upper, false)))) f.upper = v;
  }
  return Status::OK();
}

Result<std::vector<PartitionFieldSummary>> PartitionSummaryBuilder::Summaries() const {
  std::vector<PartitionFieldSummary> out;
  out.reserve(fields_.size());
  for (const FieldStats& f : fields_) {
    PartitionFieldSummary s;
    s.contains_null = f.contains_null;
    s.contains_nan = f.contains_nan;
    if (f.lower.has_value()) {
      FLOE_ASSIGN_OR_RETURN(s.lower_bound, SingleValueToBinary(f.type, *f.lower));
      FLOE_ASSIGN_OR_RETURN(s.upper_bound, SingleValueToBinary(f.type, *f.upper));
    }
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace floe::iceberg
