// Helpers for the manifest tests: Avro files written from JSON (to make files other writers
// produce - v1 manifests, headers without metadata - and hostile ones), and a small table schema
// and data files to write.
#pragma once

#include <deque>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "formats/avro/avro_datum.h"
#include "formats/avro/avro_schema.h"
#include "formats/avro/avro_writer.h"
#include "io/file_io.h"

namespace floe::iceberg::testing {

// Datums of an Avro schema from JSON: records are objects by field name (a missing field is
// null), arrays arrays, unions take their null branch for JSON null and else the first other
// branch, bytes and fixed are strings of raw bytes, enums their symbols.
class JsonDatums {
 public:
  Result<avro::AvroDatum> Build(const avro::AvroNode& node, const nlohmann::json& j) {
    using avro::AvroDatum;
    using avro::AvroType;
    switch (node.type) {
      case AvroType::kNull:
        return AvroDatum::Null();
      case AvroType::kBoolean:
        return AvroDatum::Boolean(j.get<bool>());
      case AvroType::kInt:
        return AvroDatum::Int(j.get<int32_t>());
      case AvroType::kLong:
        return AvroDatum::Long(j.get<int64_t>());
      case AvroType::kFloat:
        return AvroDatum::Float(j.get<float>());
      case AvroType::kDouble:
        return AvroDatum::Double(j.get<double>());
      case AvroType::kString:
        return AvroDatum::String(Keep(j.get<std::string>()));
      case AvroType::kBytes:
        return AvroDatum::Bytes(Keep(j.get<std::string>()));
      case AvroType::kFixed:
        return AvroDatum::Fixed(Keep(j.get<std::string>()));
      case AvroType::kEnum:
        for (size_t i = 0; i < node.symbols.size(); ++i) {
          if (node.symbols[i] == j.get<std::string>()) return AvroDatum::Enum(static_cast<int>(i));
        }
        return Status::InvalidArgument("no symbol {}", j.dump());
      case AvroType::kRecord: {
        avro::AvroDatum* fields = arena_.Allocate(node.fields.size());
        for (size_t i = 0; i < node.fields.size(); ++i) {
          const auto& f = node.fields[i];
          const nlohmann::json v = j.contains(f.name) ? j[f.name] : nlohmann::json();
          FLOE_ASSIGN_OR_RETURN(fields[i], Build(*f.type, v));
        }
        return AvroDatum::Record({fields, node.fields.size()});
      }
      case AvroType::kArray: {
        avro::AvroDatum* items = arena_.Allocate(j.size());
        for (size_t i = 0; i < j.size(); ++i) {
          FLOE_ASSIGN_OR_RETURN(items[i], Build(*node.items, j[i]));
        }
        return AvroDatum::Array({items, j.size()});
      }
      case AvroType::kMap: {
        avro::AvroDatum* kv = arena_.Allocate(2 * j.size());
        size_t i = 0;
        for (const auto& [k, v] : j.items()) {
          kv[2 * i] = AvroDatum::String(Keep(k));
          FLOE_ASSIGN_OR_RETURN(kv[2 * i + 1], Build(*node.values, v));
          ++i;
        }
        return AvroDatum::Map({kv, 2 * j.size()});
      }
      case AvroType::kUnion:
        for (size_t b = 0; b < node.branches.size(); ++b) {
          const bool null_branch = node.branches[b]->type == AvroType::kNull;
          if (null_branch == j.is_null()) {
            FLOE_ASSIGN_OR_RETURN(AvroDatum d, Build(*node.branches[b], j));
            return d.WithBranch(static_cast<uint32_t>(b));
          }
        }
        return Status::InvalidArgument("no union branch for {}", j.dump());
    }
    return Status::InvalidArgument("unexpected Avro type");
  }

 private:
  std::string_view Keep(std::string s) {
    strings_.push_back(std::move(s));
    return strings_.back();
  }
  avro::AvroDatumArena arena_;
  std::deque<std::string> strings_;
};

// Writes an Avro container file of `records` (JSON, see JsonDatums) in schema `schema_json`,
// with `metadata` in the header.
inline Status WriteAvroFromJson(FileIO& io, const std::string& location,
                                const std::string& schema_json, const nlohmann::json& records,
                                std::vector<std::pair<std::string, std::string>> metadata = {}) {
  FLOE_ASSIGN_OR_RETURN(auto schema, avro::AvroSchema::Parse(schema_json));
  avro::AvroWriterOptions options;
  options.metadata = std::move(metadata);
  options.mode = WriteMode::kOverwrite;
  FLOE_ASSIGN_OR_RETURN(auto writer, avro::AvroWriter::Make(io, location, schema, options));
  JsonDatums datums;
  for (const auto& r : records) {
    FLOE_ASSIGN_OR_RETURN(avro::AvroDatum d, datums.Build(schema->root(), r));
    FLOE_RETURN_NOT_OK(writer->Write(d));
  }
  return writer->Close();
}

// A v1 manifest_entry schema as Iceberg's Java writer wrote it (snapshot_id required, a
// block_size_in_bytes, no content and no sequence numbers), with the given partition fields
// (JSON array of Avro fields).
inline std::string V1ManifestSchema(const std::string& partition_fields) {
  return R"({"type": "record", "name": "manifest_entry", "fields": [
  {"name": "status", "type": "int", "field-id": 0},
  {"name": "snapshot_id", "type": "long", "field-id": 1},
  {"name": "data_file", "field-id": 2, "type": {"type": "record", "name": "r2", "fields": [
   {"name": "file_path", "type": "string", "field-id": 100},
   {"name": "file_format", "type": "string", "field-id": 101},
   {"name": "partition", "field-id": 102, "type": {"type": "record", "name": "r102",
    "fields": )" +
         partition_fields + R"(}},
   {"name": "record_count", "type": "long", "field-id": 103},
   {"name": "file_size_in_bytes", "type": "long", "field-id": 104},
   {"name": "block_size_in_bytes", "type": "long", "field-id": 105},
   {"name": "value_counts", "type": ["null", {"type": "array", "logicalType": "map", "items": {
     "type": "record", "name": "k119_v120", "fields": [
      {"name": "key", "type": "int", "field-id": 119},
      {"name": "value", "type": "long", "field-id": 120}]}}], "default": null, "field-id": 109},
   {"name": "distinct_counts", "type": ["null", {"type": "array", "logicalType": "map", "items": {
     "type": "record", "name": "k123_v124", "fields": [
      {"name": "key", "type": "int", "field-id": 123},
      {"name": "value", "type": "long", "field-id": 124}]}}], "default": null, "field-id": 111},
   {"name": "split_offsets", "type": ["null", {"type": "array", "items": "long",
     "element-id": 133}], "default": null, "field-id": 132}]}}]})";
}

// A v1 manifest list schema (Java's older names for the counts, no content or sequence numbers).
inline constexpr const char* kV1ManifestListSchema = R"({"type": "record", "name": "manifest_file",
 "fields": [
  {"name": "manifest_path", "type": "string", "field-id": 500},
  {"name": "manifest_length", "type": "long", "field-id": 501},
  {"name": "partition_spec_id", "type": "int", "field-id": 502},
  {"name": "added_snapshot_id", "type": ["null", "long"], "default": null, "field-id": 503},
  {"name": "added_data_files_count", "type": ["null", "int"], "default": null, "field-id": 504},
  {"name": "existing_data_files_count", "type": ["null", "int"], "default": null,
   "field-id": 505},
  {"name": "deleted_data_files_count", "type": ["null", "int"], "default": null,
   "field-id": 506},
  {"name": "partitions", "type": ["null", {"type": "array", "element-id": 508, "items": {
    "type": "record", "name": "r508", "fields": [
     {"name": "contains_null", "type": "boolean", "field-id": 509},
     {"name": "lower_bound", "type": ["null", "bytes"], "default": null, "field-id": 510},
     {"name": "upper_bound", "type": ["null", "bytes"], "default": null, "field-id": 511}]}}],
   "default": null, "field-id": 507},
  {"name": "added_rows_count", "type": ["null", "long"], "default": null, "field-id": 512},
  {"name": "existing_rows_count", "type": ["null", "long"], "default": null, "field-id": 513},
  {"name": "deleted_rows_count", "type": ["null", "long"], "default": null, "field-id": 514}]})";

}  // namespace floe::iceberg::testing
