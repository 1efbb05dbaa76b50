#include "iceberg/table_metadata_json.h"

#include <algorithm>
#include <span>

#include <zstd.h>

#include "formats/compression/codec.h"
#include "iceberg/error_context.h"
#include "iceberg/schema_json.h"

namespace floe::iceberg {

namespace {

using Fields = TableMetadata::Fields;

Status Required(std::string_view key, int version) {
  return Status::InvalidArgument("missing required '{}' (format v{})", key, version);
}

Status ReadSchemas(const Json& json, Fields& f) {
  const int version = f.format_version;
  FLOE_ASSIGN_OR_RETURN(const Json* schemas, GetOptionalArray(json, "schemas"));
  FLOE_ASSIGN_OR_RETURN(auto current_id, GetOptionalInt32(json, "current-schema-id"));
  // v1's deprecated current schema, read when it is needed.
  auto legacy_schema = [&]() -> Result<std::optional<Schema>> {
    if (version > 1) return std::optional<Schema>();
    FLOE_ASSIGN_OR_RETURN(const Json* schema, GetOptionalObject(json, "schema"));
    if (schema == nullptr) return std::optional<Schema>();
    FLOE_ASSIGN_OR_RETURN(Schema parsed, SchemaFromJson(*schema));
    return std::optional<Schema>(std::move(parsed));
  };
  if (schemas != nullptr) {
    for (const Json& schema_json : *schemas) {
      FLOE_ASSIGN_OR_RETURN(Schema schema, SchemaFromJson(schema_json));
      f.schemas.push_back(std::move(schema));
    }
    if (current_id.has_value()) {
      f.current_schema_id = *current_id;
      const bool found = std::any_of(f.schemas.begin(), f.schemas.end(),
                                     [&](const Schema& s) { return s.schema_id() == *current_id; });
      if (!found) {
        return Status::InvalidArgument("'current-schema-id' {} is not among the schemas",
                                       *current_id);
      }
      return Status::OK();
    }
    if (version > 1) return Required("current-schema-id", version);
    // v1 with `schemas` but no `current-schema-id`: `schema` says which.
    FLOE_ASSIGN_OR_RETURN(std::optional<Schema> schema, legacy_schema());
    if (!schema.has_value()) {
      return Status::InvalidArgument(
          "'schemas' without 'current-schema-id' or 'schema' (format v1): no valid schema "
          "configuration");
    }
    f.current_schema_id = schema->schema_id();
    return Status::OK();
  }
  if (version > 1) return Required("schemas", version);
  FLOE_ASSIGN_OR_RETURN(std::optional<Schema> schema, legacy_schema());
  if (!schema.has_value()) {
    return Status::InvalidArgument("missing required 'schema' or 'schemas' (format v1)");
  }
  f.current_schema_id = schema->schema_id();
  f.schemas.push_back(std::move(*schema));
  return Status::OK();
}

Status ReadPartitionSpecs(const Json& json, Fields& f) {
  const int version = f.format_version;
  FLOE_ASSIGN_OR_RETURN(const Json* specs, GetOptionalArray(json, "partition-specs"));
  FLOE_ASSIGN_OR_RETURN(auto default_id, GetOptionalInt32(json, "default-spec-id"));
  if (specs != nullptr) {
    for (const Json& spec_json : *specs) {
      FLOE_ASSIGN_OR_RETURN(PartitionSpec spec, PartitionSpecFromJson(spec_json));
      f.partition_specs.push_back(std::move(spec));
    }
    if (default_id.has_value()) {
      f.default_spec_id = *default_id;
    } else if (version == 1 && !f.partition_specs.empty()) {
      // As iceberg-rust reads v1: the newest (highest) spec id.
      f.default_spec_id = std::max_element(f.partition_specs.begin(), f.partition_specs.end(),
                                           [](const PartitionSpec& a, const PartitionSpec& b) {
                                             return a.spec_id() < b.spec_id();
                                           })
                              ->spec_id();
    } else {
      return Required("default-spec-id", version);
    }
    // iceberg-rust's REST responses may list no spec for an unpartitioned
    // table: spec 0 with no fields is the only reading.
    if (f.partition_specs.empty() && f.default_spec_id == PartitionSpec::kInitialSpecId) {
      f.partition_specs.push_back(PartitionSpec::Unpartitioned());
    }
  } else {
    if (version > 1) return Required("partition-specs", version);
    FLOE_ASSIGN_OR_RETURN(const Json* fields, GetOptionalMember(json, "partition-spec"));
    if (fields == nullptr) {
      return Status::InvalidArgument(
          "missing required 'partition-spec' or 'partition-specs' (format v1)");
    }
    FLOE_ASSIGN_OR_RETURN(PartitionSpec spec,
                          PartitionSpecFromFieldsJson(*fields, PartitionSpec::kInitialSpecId));
    f.default_spec_id = spec.spec_id();
    f.partition_specs.push_back(std::move(spec));
  }
  FLOE_ASSIGN_OR_RETURN(auto last_partition_id, GetOptionalInt32(json, "last-partition-id"));
  if (last_partition_id.has_value()) {
    f.last_partition_id = *last_partition_id;
  } else if (version == 1) {
    f.last_partition_id = PartitionSpec::kFirstFieldId - 1;
    for (const PartitionSpec& spec : f.partition_specs) {
      f.last_partition_id = std::max(f.last_partition_id, spec.LastAssignedFieldId());
    }
  } else {
    return Required("last-partition-id", version);
  }
  return Status::OK();
}

Status ReadSortOrders(const Json& json, Fields& f) {
  FLOE_ASSIGN_OR_RETURN(const Json* orders, GetOptionalArray(json, "sort-orders"));
  if (orders == nullptr) {
    if (f.format_version > 1) return Required("sort-orders", f.format_version);
    f.sort_orders.push_back(SortOrder::Unsorted());
    f.default_sort_order_id = SortOrder::kUnsortedOrderId;
    return Status::OK();
  }
  for (const Json& order_json : *orders) {
    FLOE_ASSIGN_OR_RETURN(SortOrder order, SortOrderFromJson(order_json));
    f.sort_orders.push_back(std::move(order));
  }
  FLOE_ASSIGN_OR_RETURN(f.default_sort_order_id, GetInt32(json, "default-sort-order-id"));
  return Status::OK();
}

// Each element of an optional list member, through `read`. Errors name the
// element by position unless it names itself (snapshots: "snapshot 12: ...").
template <typename Read>
Status ForEachElement(const Json& json, std::string_view key, bool names_itself, Read read) {
  FLOE_ASSIGN_OR_RETURN(const Json* list, GetOptionalArray(json, key));
  if (list == nullptr) return Status::OK();
  for (size_t i = 0; i < list->size(); ++i) {
    Status st = read((*list)[i]);
    if (!st.ok()) return names_itself ? st : IcebergContext(st, "'{}' element {}", key, i);
  }
  return Status::OK();
}

Status ReadSnapshotsAndRefs(const Json& json, Fields& f) {
  FLOE_ASSIGN_OR_RETURN(auto current, GetOptionalSnapshotId(json, "current-snapshot-id"));
  // Java writes -1 for "no current snapshot" before v3.
  if (current.has_value() && *current != -1) f.current_snapshot_id = *current;

  FLOE_RETURN_NOT_OK(ForEachElement(json, "snapshots", true, [&](const Json& element) -> Status {
    FLOE_ASSIGN_OR_RETURN(Snapshot snapshot, SnapshotFromJson(element));
    f.snapshots.push_back(std::make_shared<const Snapshot>(std::move(snapshot)));
    return Status::OK();
  }));

  FLOE_ASSIGN_OR_RETURN(const Json* refs, GetOptionalObject(json, "refs"));
  if (refs != nullptr) {
    for (auto it = refs->begin(); it != refs->end(); ++it) {
      auto ref = SnapshotRefFromJson(it.value());
      if (!ref.has_value()) return ref.error().WithContext("ref '{}'", it.key());
      f.refs.emplace(it.key(), std::move(ref).value());
    }
  }
  // Without `refs`, main is the current snapshot: TableMetadata::Make adds it.

  FLOE_RETURN_NOT_OK(
      ForEachElement(json, "snapshot-log", false, [&](const Json& element) -> Status {
        if (!element.is_object()) {
          return Status::InvalidArgument("must be an object, got {}", JsonTypeName(element));
        }
        SnapshotLogEntry entry;
        FLOE_ASSIGN_OR_RETURN(entry.timestamp_ms, GetInt64(element, "timestamp-ms"));
        FLOE_ASSIGN_OR_RETURN(entry.snapshot_id, GetSnapshotId(element, "snapshot-id"));
        f.snapshot_log.push_back(entry);
        return Status::OK();
      }));
  FLOE_RETURN_NOT_OK(
      ForEachElement(json, "metadata-log", false, [&](const Json& element) -> Status {
        if (!element.is_object()) {
          return Status::InvalidArgument("must be an object, got {}", JsonTypeName(element));
        }
        MetadataLogEntry entry;
        FLOE_ASSIGN_OR_RETURN(entry.timestamp_ms, GetInt64(element, "timestamp-ms"));
        FLOE_ASSIGN_OR_RETURN(entry.metadata_file, GetString(element, "metadata-file"));
        f.metadata_log.push_back(std::move(entry));
        return Status::OK();
      }));
  FLOE_RETURN_NOT_OK(ForEachElement(json, "statistics", true, [&](const Json& element) -> Status {
    FLOE_ASSIGN_OR_RETURN(StatisticsFile file, StatisticsFileFromJson(element));
    f.statistics.push_back(std::move(file));
    return Status::OK();
  }));
  FLOE_RETURN_NOT_OK(
      ForEachElement(json, "partition-statistics", true, [&](const Json& element) -> Status {
        FLOE_ASSIGN_OR_RETURN(PartitionStatisticsFile file,
                              PartitionStatisticsFileFromJson(element));
        f.partition_statistics.push_back(std::move(file));
        return Status::OK();
      }));
  return ForEachElement(json, "encryption-keys", true, [&](const Json& element) -> Status {
    FLOE_ASSIGN_OR_RETURN(EncryptedKey key, EncryptedKeyFromJson(element));
    f.encryption_keys.push_back(std::move(key));
    return Status::OK();
  });
}

Status ReadFields(const Json& json, Fields& f) {
  const int version = f.format_version;
  FLOE_ASSIGN_OR_RETURN(auto uuid, GetOptionalString(json, "table-uuid"));
  f.table_uuid = uuid.value_or("");
  FLOE_ASSIGN_OR_RETURN(f.location, GetString(json, "location"));
  if (version > 1) {
    FLOE_ASSIGN_OR_RETURN(auto sequence_number, GetOptionalInt64(json, "last-sequence-number"));
    if (!sequence_number.has_value()) return Required("last-sequence-number", version);
    f.last_sequence_number = *sequence_number;
  }
  FLOE_ASSIGN_OR_RETURN(f.last_updated_ms, GetInt64(json, "last-updated-ms"));
  FLOE_ASSIGN_OR_RETURN(f.last_column_id, GetInt32(json, "last-column-id"));
  FLOE_RETURN_NOT_OK(ReadSchemas(json, f));
  FLOE_RETURN_NOT_OK(ReadPartitionSpecs(json, f));
  FLOE_RETURN_NOT_OK(ReadSortOrders(json, f));
  FLOE_ASSIGN_OR_RETURN(f.properties, GetOptionalStringMap(json, "properties"));
  if (version >= TableMetadata::kMinFormatVersionRowLineage) {
    FLOE_ASSIGN_OR_RETURN(auto next_row_id, GetOptionalInt64(json, "next-row-id"));
    f.next_row_id = next_row_id.value_or(TableMetadata::kInitialRowId);
  }
  return ReadSnapshotsAndRefs(json, f);
}

Result<std::string> Decompress(CompressionKind kind, std::string_view bytes, uint64_t size) {
  FLOE_ASSIGN_OR_RETURN(auto codec, Codec::Make(kind));
  std::string text(size, '\0');
  FLOE_RETURN_NOT_OK(codec->Decompress(
      std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()),
      std::span<uint8_t>(reinterpret_cast<uint8_t*>(text.data()), text.size())));
  return text;
}

}  // namespace

Result<std::shared_ptr<const TableMetadata>> TableMetadataFromJson(const Json& json) {
  if (!json.is_object()) {
    return Status::InvalidArgument("iceberg: table metadata must be a JSON object, got {}",
                                   JsonTypeName(json));
  }
  auto version = GetInt32(json, "format-version");
  if (!version.has_value()) return IcebergContext(version.error(), "table metadata");
  if (*version > TableMetadata::kMaxFormatVersion) {
    return Status::NotSupported(
        "iceberg: table metadata: format-version {} is not supported (Floe reads and writes "
        "format versions {} to {})",
        *version, TableMetadata::kMinFormatVersion, TableMetadata::kMaxFormatVersion);
  }
  if (*version < TableMetadata::kMinFormatVersion) {
    return Status::InvalidArgument("iceberg: table metadata: 'format-version' {} is not valid",
                                   *version);
  }
  Fields fields;
  fields.format_version = *version;
  Status st = ReadFields(json, fields);
  if (!st.ok()) return IcebergContext(st, "table metadata");
  return TableMetadata::Make(std::move(fields));
}

Result<Json> TableMetadataToJson(const TableMetadata& metadata) {
  const int version = metadata.format_version();
  Json out = Json::object();
  out["format-version"] = version;
  if (!metadata.table_uuid().empty()) out["table-uuid"] = metadata.table_uuid();
  out["location"] = metadata.location();
  if (version > 1) out["last-sequence-number"] = metadata.last_sequence_number();
  out["last-updated-ms"] = metadata.last_updated_ms();
  out["last-column-id"] = metadata.last_column_id();
  Json schemas = Json::array();
  for (const Schema& schema : metadata.schemas()) {
    FLOE_ASSIGN_OR_RETURN(Json schema_json, SchemaToJson(schema));
    schemas.push_back(std::move(schema_json));
  }
  if (version == 1) {
    // For old readers, as Java writes v1.
    FLOE_ASSIGN_OR_RETURN(out["schema"], SchemaToJson(metadata.current_schema()));
  }
  out["current-schema-id"] = metadata.current_schema_id();
  out["schemas"] = std::move(schemas);
  if (version == 1) out["partition-spec"] = PartitionSpecToJson(metadata.default_spec())["fields"];
  out["default-spec-id"] = metadata.default_spec_id();
  Json specs = Json::array();
  for (const PartitionSpec& spec : metadata.partition_specs()) {
    specs.push_back(PartitionSpecToJson(spec));
  }
  out["partition-specs"] = std::move(specs);
  out["last-partition-id"] = metadata.last_partition_id();
  out["default-sort-order-id"] = metadata.default_sort_order_id();
  Json orders = Json::array();
  for (const SortOrder& order : metadata.sort_orders()) orders.push_back(SortOrderToJson(order));
  out["sort-orders"] = std::move(orders);
  out["properties"] = metadata.properties();
  if (metadata.current_snapshot_id().has_value()) {
    out["current-snapshot-id"] = *metadata.current_snapshot_id();
  } else if (version >= 3) {
    out["current-snapshot-id"] = nullptr;
  } else {
    out["current-snapshot-id"] = -1;
  }
  if (version >= TableMetadata::kMinFormatVersionRowLineage) {
    out["next-row-id"] = metadata.next_row_id();
  }
  if (!metadata.encryption_keys().empty()) {
    Json keys = Json::array();
    for (const EncryptedKey& key : metadata.encryption_keys()) {
      keys.push_back(EncryptedKeyToJson(key));
    }
    out["encryption-keys"] = std::move(keys);
  }
  Json refs = Json::object();
  for (const auto& [name, ref] : metadata.refs()) refs[name] = SnapshotRefToJson(ref);
  out["refs"] = std::move(refs);
  Json snapshots = Json::array();
  for (const auto& snapshot : metadata.snapshots()) {
    snapshots.push_back(SnapshotToJson(*snapshot, version));
  }
  out["snapshots"] = std::move(snapshots);
  Json statistics = Json::array();
  for (const StatisticsFile& file : metadata.statistics()) {
    statistics.push_back(StatisticsFileToJson(file));
  }
  out["statistics"] = std::move(statistics);
  Json partition_statistics = Json::array();
  for (const PartitionStatisticsFile& file : metadata.partition_statistics()) {
    partition_statistics.push_back(PartitionStatisticsFileToJson(file));
  }
  out["partition-statistics"] = std::move(partition_statistics);
  Json snapshot_log = Json::array();
  for (const SnapshotLogEntry& entry : metadata.snapshot_log()) {
    Json e = Json::object();
    e["timestamp-ms"] = entry.timestamp_ms;
    e["snapshot-id"] = entry.snapshot_id;
    snapshot_log.push_back(std::move(e));
  }
  out["snapshot-log"] = std::move(snapshot_log);
  Json metadata_log = Json::array();
  for (const MetadataLogEntry& entry : metadata.metadata_log()) {
    Json e = Json::object();
    e["timestamp-ms"] = entry.timestamp_ms;
    e["metadata-file"] = entry.metadata_file;
    metadata_log.push_back(std::move(e));
  }
  out["metadata-log"] = std::move(metadata_log);
  return out;
}

Result<std::string> TableMetadataToJsonString(const TableMetadata& metadata, int indent) {
  FLOE_ASSIGN_OR_RETURN(Json json, TableMetadataToJson(metadata));
  return DumpJson(json, indent);
}

Result<std::string> DecompressTableMetadata(std::string_view bytes, size_t max_bytes) {
  auto byte = [&](size_t i) { return static_cast<uint8_t>(bytes[i]); };
  auto too_big = [&](std::string_view codec, uint64_t size) {
    return Status::Corruption(
        "iceberg: {}-compressed table metadata inflates to {} bytes, more than the limit of {}",
        codec, size, max_bytes);
  };
  if (bytes.size() >= 2 && byte(0) == 0x1f && byte(1) == 0x8b) {
    // A gzip member ends with ISIZE, the inflated size (mod 2^32), little-endian.
    if (bytes.size() < 18) {
      return Status::Corruption("iceberg: gzip-compressed table metadata is truncated ({} bytes)",
                                bytes.size());
    }
    uint64_t size = 0;
    for (size_t i = 0; i < 4; ++i) size |= uint64_t{byte(bytes.size() - 4 + i)} << (8 * i);
    if (size > max_bytes) return too_big("gzip", size);
    // Deflate expands at most ~1032:1, so a larger claim is a lie: refuse it
    // before allocating for it.
    if (size > uint64_t{bytes.size()} * 1032 + 1024) {
      return Status::Corruption(
          "iceberg: gzip-compressed table metadata of {} bytes claims {} inflated bytes, more "
          "than deflate can produce",
          bytes.size(), size);
    }
    auto text = Decompress(CompressionKind::kGzip, bytes, size);
    if (!text.has_value()) return text.error().WithContext("iceberg: table metadata");
    return text;
  }
  if (bytes.size() >= 4 && byte(0) == 0x28 && byte(1) == 0xb5 && byte(2) == 0x2f &&
      byte(3) == 0xfd) {
    const unsigned long long size = ZSTD_getFrameContentSize(bytes.data(), bytes.size());
    if (size == ZSTD_CONTENTSIZE_ERROR) {
      return Status::Corruption("iceberg: zstd-compressed table metadata has a corrupt frame");
    }
    if (size == ZSTD_CONTENTSIZE_UNKNOWN) {
      return Status::NotSupported(
          "iceberg: zstd-compressed table metadata without its size in the frame header");
    }
    if (size > max_bytes) return too_big("zstd", size);
    auto text = Decompress(CompressionKind::kZstd, bytes, size);
    if (!text.has_value()) return text.error().WithContext("iceberg: table metadata");
    return text;
  }
  return std::string(bytes);
}

Result<std::shared_ptr<const TableMetadata>> ParseTableMetadata(std::string_view bytes,
                                                                size_t max_bytes) {
  FLOE_ASSIGN_OR_RETURN(std::string text, DecompressTableMetadata(bytes, max_bytes));
  FLOE_ASSIGN_OR_RETURN(Json json, ParseJson(text, "table metadata"));
  return TableMetadataFromJson(json);
}

}  // namespace floe::iceberg
