#include "iceberg/sort_order.h"

#include <cctype>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "iceberg/error_context.h"
#include "iceberg/source_column_internal.h"

namespace floe::iceberg {

namespace {

// Lowercase with '_' as '-'.
std::string Normalize(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    c = c == '_' ? '-' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

Result<SortField> FieldFromJson(const Json& json) {
  if (!json.is_object()) {
    return Status::InvalidArgument("a sort field must be an object, got {}", JsonTypeName(json));
  }
  FLOE_ASSIGN_OR_RETURN(std::string transform_text, GetString(json, "transform"));
  FLOE_ASSIGN_OR_RETURN(Transform transform, Transform::FromString(transform_text));
  FLOE_ASSIGN_OR_RETURN(auto source_ids, GetOptionalInt32List(json, "source-ids"));
  std::vector<int32_t> sources;
  if (source_ids.has_value()) {
    sources = std::move(*source_ids);
  } else {
    FLOE_ASSIGN_OR_RETURN(int32_t source_id, GetInt32(json, "source-id"));
    sources.push_back(source_id);
  }
  FLOE_ASSIGN_OR_RETURN(std::string direction_text, GetString(json, "direction"));
  FLOE_ASSIGN_OR_RETURN(std::string null_order_text, GetString(json, "null-order"));
  SortField field{std::move(sources), std::move(transform), SortDirection::kAscending,
                  NullOrder::kNullsFirst};
  const std::string direction = Normalize(direction_text);
  if (direction == "asc") {
    field.direction = SortDirection::kAscending;
  } else if (direction == "desc") {
    field.direction = SortDirection::kDescending;
  } else {
    return Status::InvalidArgument("unknown sort direction '{}' (expected asc or desc)",
                                   direction_text);
  }
  const std::string null_order = Normalize(null_order_text);
  if (null_order == "nulls-first") {
    field.null_order = NullOrder::kNullsFirst;
  } else if (null_order == "nulls-last") {
    field.null_order = NullOrder::kNullsLast;
  } else {
    return Status::InvalidArgument("unknown null order '{}' (expected nulls-first or nulls-last)",
                                   null_order_text);
  }
  return field;
}

}  // namespace

std::string_view SortDirectionName(SortDirection direction) {
  return direction == SortDirection::kAscending ? "asc" : "desc";
}

std::string_view NullOrderName(NullOrder null_order) {
  return null_order == NullOrder::kNullsFirst ? "nulls-first" : "nulls-last";
}

std::string SortField::ToString() const {
  return fmt::format("{}({}) {} {}", transform.ToString(), fmt::join(source_ids, ", "),
                     SortDirectionName(direction), NullOrderName(null_order));
}

Result<SortOrder> SortOrder::Make(int32_t order_id, std::vector<SortField> fields) {
  if (fields.empty() && order_id != kUnsortedOrderId) {
    return Status::InvalidArgument(
        "iceberg: sort order {} has no fields; only the unsorted "
        "order (id 0) may have none",
        order_id);
  }
  if (!fields.empty() && order_id == kUnsortedOrderId) {
    return Status::InvalidArgument(
        "iceberg: sort order id 0 is reserved for the unsorted order, which has no fields");
  }
  for (size_t i = 0; i < fields.size(); ++i) {
    const SortField& field = fields[i];
    if (field.source_ids.empty()) {
      return Status::InvalidArgument("iceberg: sort order {}: field {} has no source column",
                                     order_id, i);
    }
    if (field.source_ids.size() > 1 && field.transform.kind() != TransformKind::kUnknown) {
      return Status::InvalidArgument(
          "iceberg: sort order {}: field {}: {} takes one source column, got {}", order_id, i,
          field.transform.ToString(), field.source_ids.size());
    }
  }
  return SortOrder(order_id, std::move(fields));
}

SortOrder SortOrder::Unsorted() { return SortOrder(kUnsortedOrderId, {}); }

Status SortOrder::Validate(const Schema& schema, bool allow_missing_fields) const {
  for (size_t i = 0; i < fields_.size(); ++i) {
    for (int32_t source_id : fields_[i].source_ids) {
      Status st = internal::CheckTransformSource(schema, source_id, fields_[i].transform,
                                                 allow_missing_fields);
      if (!st.ok()) {
        return IcebergContext(st, "sort order {}: field {} ({})", order_id_, i,
                              fields_[i].ToString());
      }
    }
  }
  return Status::OK();
}

std::string SortOrder::ToString() const {
  if (fields_.empty()) return "[]";
  std::string out = "[\n";
  for (const SortField& field : fields_) out += "  " + field.ToString() + "\n";
  return out + "]";
}

Result<SortOrder> SortOrderFromJson(const Json& json) {
  if (!json.is_object()) {
    return Status::InvalidArgument("iceberg: a sort order must be an object, got {}",
                                   JsonTypeName(json));
  }
  auto order_id = GetInt32(json, "order-id");
  if (!order_id.has_value()) return IcebergContext(order_id.error(), "sort order");
  auto fields_json = GetArray(json, "fields");
  if (!fields_json.has_value()) {
    return IcebergContext(fields_json.error(), "sort order {}", *order_id);
  }
  std::vector<SortField> fields;
  for (size_t i = 0; i < (*fields_json)->size(); ++i) {
    auto field = FieldFromJson((**fields_json)[i]);
    if (!field.has_value()) {
      return IcebergContext(field.error(), "sort order {}: field {}", *order_id, i);
    }
    fields.push_back(std::move(field).value());
  }
  return SortOrder::Make(*order_id, std::move(fields));
}

Json SortOrderToJson(const SortOrder& order) {
  Json fields = Json::array();
  for (const SortField& field : order.fields()) {
    Json out = Json::object();
    out["transform"] = field.transform.ToString();
    if (field.source_ids.size() == 1) {
      out["source-id"] = field.source_ids[0];
    } else {
      out["source-ids"] = field.source_ids;
    }
    out["direction"] = SortDirectionName(field.direction);
    out["null-order"] = NullOrderName(field.null_order);
    fields.push_back(std::move(out));
  }
  Json out = Json::object();
  out["order-id"] = order.order_id();
  out["fields"] = std::move(fields);
  return out;
}

}  // namespace floe::iceberg
