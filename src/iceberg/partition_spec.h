// PartitionSpec: how a table derives partition values from rows (spec
// "Partitioning"), and its JSON form (Appendix C).
//
// A PartitionField names its source column(s) by id - one for today's
// transforms; v3's multi-argument transforms list several in "source-ids",
// which Floe keeps for transforms it does not know - its partition field id
// (the id of the field in a manifest's `partition` struct; the reference
// implementation starts them at 1000), its name and its Transform.
//
// Make() checks what needs no schema: names non-empty and unique, field ids
// unique, one source id per known transform. Validate(schema) checks the
// rest against a schema (sources exist, are primitives outside lists and
// maps, and suit the transform; a partition named like a column must be
// sourced from that column), PartitionType(schema) gives the struct a
// manifest stores, and PartitionPath(values) the "a=1/b_bucket=3" form a
// writer puts into file paths.
//
// Thread-safety: immutable values; share freely.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/result.h"
#include "iceberg/json_util.h"
#include "iceberg/schema.h"
#include "iceberg/transform.h"
#include "iceberg/type.h"
#include "vector/value.h"

namespace floe::iceberg {

struct PartitionField {
  // One id for single-argument transforms; never empty in a PartitionSpec.
  std::vector<int32_t> source_ids;
  int32_t field_id;
  std::string name;
  Transform transform;

  static PartitionField Make(int32_t source_id, int32_t field_id, std::string name,
                             Transform transform) {
    return PartitionField{{source_id}, field_id, std::move(name), std::move(transform)};
  }

  int32_t source_id() const { return source_ids.front(); }
  // "1000: ts_day: day(4)".
  std::string ToString() const;

  friend bool operator==(const PartitionField& a, const PartitionField& b) = default;
};

class PartitionSpec {
 public:
  static constexpr int32_t kInitialSpecId = 0;
  // The reference implementation's first partition field id.
  static constexpr int32_t kFirstFieldId = 1000;

  static Result<PartitionSpec> Make(int32_t spec_id, std::vector<PartitionField> fields);
  // Spec id 0, no fields.
  static PartitionSpec Unpartitioned();

  int32_t spec_id() const { return spec_id_; }
  const std::vector<PartitionField>& fields() const { return fields_; }
  // Whether any field has a transform other than void.
  bool is_partitioned() const;
  // The highest partition field id, or kFirstFieldId - 1 without fields.
  int32_t LastAssignedFieldId() const;

  // Checks the spec against `schema` (see the header comment). Fields with
  // the void transform are not checked (v1 tables keep dropped partition
  // fields as void); with `allow_missing_fields`, neither are fields whose
  // source column is gone (older specs after a column was dropped).
  Status Validate(const Schema& schema, bool allow_missing_fields = false) const;

  // The partition tuple's type: an optional field per partition field, with
  // its field id, name and the transform's result type (a dropped source
  // column counts as type unknown).
  Result<Type> PartitionType(const Schema& schema) const;

  // "name=value/..." with each value in Transform::ToHumanString form and
  // names and values URL-encoded as Iceberg's Java implementation does;
  // `values` has one partition value per field (NULL allowed). Empty for an
  // unpartitioned spec.
  Result<std::string> PartitionPath(const std::vector<Value>& values) const;

  // Same fields (source ids, transforms, names, in order), ignoring spec and
  // field ids: the spec's equivalence of partition specs.
  bool CompatibleWith(const PartitionSpec& other) const;

  // "[\n  1000: ts_day: day(4)\n]".
  std::string ToString() const;

  friend bool operator==(const PartitionSpec& a, const PartitionSpec& b) = default;

 private:
  PartitionSpec(int32_t spec_id, std::vector<PartitionField> fields)
      : spec_id_(spec_id), fields_(std::move(fields)) {}

  int32_t spec_id_;
  std::vector<PartitionField> fields_;
};

// {"spec-id": 0, "fields": [{"name", "transform", "source-id" (or
// "source-ids"), "field-id"}, ...]}. A field without "field-id" (v1) gets the
// next id after the highest so far, from 1000.
Result<PartitionSpec> PartitionSpecFromJson(const Json& json);
// The bare field list of v1's deprecated "partition-spec" member.
Result<PartitionSpec> PartitionSpecFromFieldsJson(const Json& fields,
                                                  int32_t spec_id = PartitionSpec::kInitialSpecId);
Json PartitionSpecToJson(const PartitionSpec& spec);

}  // namespace floe::iceberg
