// SortOrder: how a table's data files are sorted (spec "Sorting"), and its
// JSON form (Appendix C).
//
// A SortField sorts by a transform of its source column(s) (one for today's
// transforms; v3's multi-argument transforms list several, kept for
// transforms Floe does not know) in a direction with nulls first or last.
// Order id 0 is reserved for the unsorted order, which has no fields.
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

namespace floe::iceberg {

enum class SortDirection : uint8_t { kAscending, kDescending };
enum class NullOrder : uint8_t { kNullsFirst, kNullsLast };

struct SortField {
  // One id for single-argument transforms; never empty in a SortOrder.
  std::vector<int32_t> source_ids;
  Transform transform;
  SortDirection direction = SortDirection::kAscending;
  NullOrder null_order = NullOrder::kNullsFirst;

  static SortField Make(int32_t source_id, Transform transform, SortDirection direction,
                        NullOrder null_order) {
    return SortField{{source_id}, std::move(transform), direction, null_order};
  }

  int32_t source_id() const { return source_ids.front(); }
  // "identity(2) asc nulls-first".
  std::string ToString() const;

  friend bool operator==(const SortField& a, const SortField& b) = default;
};

class SortOrder {
 public:
  static constexpr int32_t kUnsortedOrderId = 0;

  // Order id 0 iff there are no fields; one source id per known transform.
  static Result<SortOrder> Make(int32_t order_id, std::vector<SortField> fields);
  static SortOrder Unsorted();

  int32_t order_id() const { return order_id_; }
  const std::vector<SortField>& fields() const { return fields_; }
  bool is_unsorted() const { return fields_.empty(); }

  // Sources exist (unless `allow_missing_fields`), are primitives outside
  // lists and maps, and suit their transforms.
  Status Validate(const Schema& schema, bool allow_missing_fields = false) const;

  // Same fields in the same order, whatever the order ids.
  bool SameOrder(const SortOrder& other) const { return fields_ == other.fields_; }

  std::string ToString() const;

  friend bool operator==(const SortOrder& a, const SortOrder& b) = default;

 private:
  SortOrder(int32_t order_id, std::vector<SortField> fields)
      : order_id_(order_id), fields_(std::move(fields)) {}

  int32_t order_id_;
  std::vector<SortField> fields_;
};

// "asc"/"desc" and "nulls-first"/"nulls-last" (read case-insensitively, '_'
// for '-' too).
std::string_view SortDirectionName(SortDirection direction);
std::string_view NullOrderName(NullOrder null_order);

// {"order-id": 1, "fields": [{"transform", "source-id" (or "source-ids"),
// "direction", "null-order"}, ...]}.
Result<SortOrder> SortOrderFromJson(const Json& json);
Json SortOrderToJson(const SortOrder& order);

}  // namespace floe::iceberg
