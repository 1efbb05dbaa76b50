#include "iceberg/manifest_avro_schema.h"

#include <fmt/format.h>

#include "common/int128.h"

namespace floe::iceberg {

int32_t DecimalFixedSize(int32_t precision) {
  const auto max_unscaled = static_cast<uint128_t>(Pow10Int128(precision) - 1);
  for (int32_t bytes = 1; bytes < 16; ++bytes) {
    if (max_unscaled < (uint128_t{1} << (8 * bytes - 1))) return bytes;
  }
  return 16;
}

namespace avro_json {

namespace {

Json Fixed(std::string name, int32_t size, std::set<std::string>& defined) {
  if (!defined.insert(name).second) return name;
  return Json{{"type", "fixed"}, {"name", std::move(name)}, {"size", size}};
}

Json Annotated(std::string_view base, std::string_view logical_type) {
  return Json{{"type", base}, {"logicalType", logical_type}};
}

Json Timestamp(std::string_view logical_type, bool adjust_to_utc) {
  Json j = Annotated("long", logical_type);
  j["adjust-to-utc"] = adjust_to_utc;
  return j;
}

}  // namespace

Result<Json> PrimitiveType(const Type& type, std::set<std::string>& defined) {
  switch (type.kind()) {
    case TypeKind::kBoolean:
      return Json("boolean");
    case TypeKind::kInt:
      return Json("int");
    case TypeKind::kLong:
      return Json("long");
    case TypeKind::kFloat:
      return Json("float");
    case TypeKind::kDouble:
      return Json("double");
    case TypeKind::kDate:
      return Annotated("int", "date");
    case TypeKind::kTime:
      return Annotated("long", "time-micros");
    case TypeKind::kTimestamp:
      return Timestamp("timestamp-micros", false);
    case TypeKind::kTimestampTz:
      return Timestamp("timestamp-micros", true);
    case TypeKind::kTimestampNs:
      return Timestamp("timestamp-nanos", false);
    case TypeKind::kTimestampTzNs:
      return Timestamp("timestamp-nanos", true);
    case TypeKind::kString:
      return Json("string");
    case TypeKind::kBinary:
      return Json("bytes");
    case TypeKind::kUuid: {
      Json j = Fixed("uuid_fixed", 16, defined);
      if (j.is_object()) j["logicalType"] = "uuid";
      return j;
    }
    case TypeKind::kFixed:
      return Fixed(fmt::format("fixed_{}", type.fixed_length()), type.fixed_length(), defined);
    case TypeKind::kDecimal: {
      Json j = Fixed(fmt::format("decimal_{}_{}", type.precision(), type.scale()),
                     DecimalFixedSize(type.precision()), defined);
      if (j.is_object()) {
        j["logicalType"] = "decimal";
        j["precision"] = type.precision();
        j["scale"] = type.scale();
      }
      return j;
    }
    default:
      return Status::NotSupported("iceberg: no Avro form for type {} in manifests",
                                  type.ToString());
  }
}

Json Field(std::string_view name, Json type, int32_t field_id) {
  return Json{{"name", name}, {"type", std::move(type)}, {"field-id", field_id}};
}

Json OptionalField(std::string_view name, Json type, int32_t field_id) {
  return Json{{"name", name},
              {"type", Json::array({"null", std::move(type)})},
              {"default", nullptr},
              {"field-id", field_id}};
}

Json MapArray(int32_t key_id, Json key_type, int32_t value_id, Json value_type) {
  Json record{{"type", "record"},
              {"name", fmt::format("k{}_v{}", key_id, value_id)},
              {"fields", Json::array({Field("key", std::move(key_type), key_id),
                                      Field("value", std::move(value_type), value_id)})}};
  return Json{{"type", "array"}, {"logicalType", "map"}, {"items", std::move(record)}};
}

Json List(int32_t element_id, Json element_type) {
  return Json{{"type", "array"}, {"items", std::move(element_type)}, {"element-id", element_id}};
}

}  // namespace avro_json

std::string AvroCompatibleName(std::string_view name) {
  auto letter = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; };
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  bool valid = !name.empty() && letter(name[0]);
  for (char c : name) valid = valid && (letter(c) || digit(c));
  if (valid) return std::string(name);
  std::string out;
  for (size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    if (i == 0 && digit(c)) {
      out += '_';
      out += c;
    } else if (letter(c) || (i > 0 && digit(c))) {
      out += c;
    } else {
      out += fmt::format("_x{:X}", static_cast<unsigned char>(c));
    }
  }
  return out.empty() ? "_" : out;
}

namespace {

using namespace avro_json;

Status CheckVersion(int format_version) {
  if (format_version < kMinManifestWriteVersion || format_version > kMaxManifestWriteVersion) {
    return Status::NotSupported(
        "iceberg: Floe writes manifests in format versions {} to {}, not {}",
        kMinManifestWriteVersion, kMaxManifestWriteVersion, format_version);
  }
  return Status::OK();
}

Json CountsMap(int32_t key_id, int32_t value_id) {
  return MapArray(key_id, "int", value_id, "long");
}
Json BoundsMap(int32_t key_id, int32_t value_id) {
  return MapArray(key_id, "int", value_id, "bytes");
}

}  // namespace

Result<std::string> ManifestEntryAvroSchema(int format_version, const Type& partition_type) {
  FLOE_RETURN_NOT_OK(CheckVersion(format_version));
  if (partition_type.kind() != TypeKind::kStruct) {
    return Status::InvalidArgument("iceberg: a partition type must be a struct, not {}",
                                   partition_type.ToString());
  }
  std::set<std::string> defined = {"manifest_entry", "r2", "r102"};
  Json partition_fields = Json::array();
  std::set<std::string> names;
  for (const NestedField& field : partition_type.fields()) {
    auto type = PrimitiveType(field.type, defined);
    if (!type.has_value()) {
      return type.error().WithContext("iceberg: partition field {} '{}'", field.id, field.name);
    }
    std::string name = AvroCompatibleName(field.name);
    if (!names.insert(name).second) {
      return Status::InvalidArgument(
          "iceberg: partition field {} '{}': its Avro name '{}' is already taken", field.id,
          field.name, name);
    }
    partition_fields.push_back(OptionalField(name, std::move(type).value(), field.id));
  }
  Json partition{{"type", "record"}, {"name", "r102"}, {"fields", std::move(partition_fields)}};

  Json df = Json::array();
  df.push_back(Field("content", "int", 134));
  df.push_back(Field("file_path", "string", 100));
  df.push_back(Field("file_format", "string", 101));
  df.push_back(Field("partition", std::move(partition), 102));
  df.push_back(Field("record_count", "long", 103));
  df.push_back(Field("file_size_in_bytes", "long", 104));
  df.push_back(OptionalField("column_sizes", CountsMap(117, 118), 108));
  df.push_back(OptionalField("value_counts", CountsMap(119, 120), 109));
  df.push_back(OptionalField("null_value_counts", CountsMap(121, 122), 110));
  df.push_back(OptionalField("nan_value_counts", CountsMap(138, 139), 137));
  df.push_back(OptionalField("lower_bounds", BoundsMap(126, 127), 125));
  df.push_back(OptionalField("upper_bounds", BoundsMap(129, 130), 128));
  df.push_back(OptionalField("key_metadata", "bytes", 131));
  df.push_back(OptionalField("split_offsets", List(133, "long"), 132));
  df.push_back(OptionalField("equality_ids", List(136, "int"), 135));
  df.push_back(OptionalField("sort_order_id", "int", 140));
  if (format_version >= 3) df.push_back(OptionalField("first_row_id", "long", 142));
  df.push_back(OptionalField("referenced_data_file", "string", 143));
  if (format_version >= 3) {
    df.push_back(OptionalField("content_offset", "long", 144));
    df.push_back(OptionalField("content_size_in_bytes", "long", 145));
  }

  Json fields = Json::array();
  fields.push_back(Field("status", "int", 0));
  fields.push_back(OptionalField("snapshot_id", "long", 1));
  fields.push_back(OptionalField("sequence_number", "long", 3));
  fields.push_back(OptionalField("file_sequence_number", "long", 4));
  fields.push_back(
      Field("data_file", Json{{"type", "record"}, {"name", "r2"}, {"fields", std::move(df)}}, 2));
  Json schema{{"type", "record"}, {"name", "manifest_entry"}, {"fields", std::move(fields)}};
  return DumpJson(schema);
}

Result<std::string> ManifestListAvroSchema(int format_version) {
  FLOE_RETURN_NOT_OK(CheckVersion(format_version));
  Json summary = Json::array();
  summary.push_back(Field("contains_null", "boolean", 509));
  summary.push_back(OptionalField("contains_nan", "boolean", 518));
  summary.push_back(OptionalField("lower_bound", "bytes", 510));
  summary.push_back(OptionalField("upper_bound", "bytes", 511));
  Json r508{{"type", "record"}, {"name", "r508"}, {"fields", std::move(summary)}};

  Json fields = Json::array();
  fields.push_back(Field("manifest_path", "string", 500));
  fields.push_back(Field("manifest_length", "long", 501));
  fields.push_back(Field("partition_spec_id", "int", 502));
  fields.push_back(Field("content", "int", 517));
  fields.push_back(Field("sequence_number", "long", 515));
  fields.push_back(Field("min_sequence_number", "long", 516));
  fields.push_back(Field("added_snapshot_id", "long", 503));
  fields.push_back(Field("added_files_count", "int", 504));
  fields.push_back(Field("existing_files_count", "int", 505));
  fields.push_back(Field("deleted_files_count", "int", 506));
  fields.push_back(Field("added_rows_count", "long", 512));
  fields.push_back(Field("existing_rows_count", "long", 513));
  fields.push_back(Field("deleted_rows_count", "long", 514));
  fields.push_back(OptionalField("partitions", List(508, std::move(r508)), 507));
  fields.push_back(OptionalField("key_metadata", "bytes", 519));
  if (format_version >= 3) fields.push_back(OptionalField("first_row_id", "long", 520));
  Json schema{{"type", "record"}, {"name", "manifest_file"}, {"fields", std::move(fields)}};
  return DumpJson(schema);
}

}  // namespace floe::iceberg
