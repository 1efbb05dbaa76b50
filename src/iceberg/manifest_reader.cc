#include "iceberg/manifest_reader.h"

#include <array>
#include <charconv>
#include <cstdint>

#include <fmt/format.h>

#include "iceberg/error_context.h"
#include "iceberg/manifest_avro_schema.h"
#include "iceberg/schema_json.h"

namespace floe::iceberg {

namespace {

using avro::AvroDatum;
using avro::AvroNode;
using avro::AvroSchema;
using avro::AvroType;

// data_file fields in the order of Floe's reader schema.
enum DataFileField : int {
  kContent,
  kFilePath,
  kFileFormat,
  kPartition,
  kRecordCount,
  kFileSize,
  kColumnSizes,
  kValueCounts,
  kNullValueCounts,
  kNanValueCounts,
  kLowerBounds,
  kUpperBounds,
  kKeyMetadata,
  kSplitOffsets,
  kEqualityIds,
  kSortOrderId,
  kFirstRowId,
  kReferencedDataFile,
  kContentOffset,
  kContentSize,
  kNumDataFileFields,
};

// manifest_entry fields in the order of Floe's reader schema.
enum EntryField : int {
  kStatus,
  kSnapshotId,
  kSequenceNumber,
  kFileSequenceNumber,
  kDataFile,
};

// Where each data_file field is in a decoded record; -1 when projected away.
using DataFileLayout = std::array<int, kNumDataFileFields>;

bool Wanted(const ManifestProjection& p, int field) {
  switch (field) {
    case kColumnSizes:
      return p.column_sizes;
    case kValueCounts:
      return p.value_counts;
    case kNullValueCounts:
      return p.null_value_counts;
    case kNanValueCounts:
      return p.nan_value_counts;
    case kLowerBounds:
      return p.lower_bounds;
    case kUpperBounds:
      return p.upper_bounds;
    case kKeyMetadata:
      return p.key_metadata;
    case kSplitOffsets:
      return p.split_offsets;
    default:
      return true;
  }
}

Json ReaderDataFileField(int field, const Json& partition) {
  using namespace avro_json;
  auto counts = [](int32_t k, int32_t v) { return MapArray(k, "int", v, "long"); };
  auto bounds = [](int32_t k, int32_t v) { return MapArray(k, "int", v, "bytes"); };
  switch (field) {
    case kContent: {
      Json f = Field("content", "int", 134);
      f["default"] = 0;  // v1 files are data files
      return f;
    }
    case kFilePath:
      return Field("file_path", "string", 100);
    case kFileFormat:
      return Field("file_format", "string", 101);
    case kPartition:
      return Field("partition", partition, 102);
    case kRecordCount:
      return Field("record_count", "long", 103);
    case kFileSize:
      return Field("file_size_in_bytes", "long", 104);
    case kColumnSizes:
      return OptionalField("column_sizes", counts(117, 118), 108);
    case kValueCounts:
      return OptionalField("value_counts", counts(119, 120), 109);
    case kNullValueCounts:
      return OptionalField("null_value_counts", counts(121, 122), 110);
    case kNanValueCounts:
      return OptionalField("nan_value_counts", counts(138, 139), 137);
    case kLowerBounds:
      return OptionalField("lower_bounds", bounds(126, 127), 125);
    case kUpperBounds:
      return OptionalField("upper_bounds", bounds(129, 130), 128);
    case kKeyMetadata:
      return OptionalField("key_metadata", "bytes", 131);
    case kSplitOffsets:
      return OptionalField("split_offsets", List(133, "long"), 132);
    case kEqualityIds:
      // PyIceberg writes the ids as longs; ints promote.
      return OptionalField("equality_ids", List(136, "long"), 135);
    case kSortOrderId:
      return OptionalField("sort_order_id", "int", 140);
    case kFirstRowId:
      return OptionalField("first_row_id", "long", 142);
    case kReferencedDataFile:
      return OptionalField("referenced_data_file", "string", 143);
    case kContentOffset:
      return OptionalField("content_offset", "long", 144);
    default:
      return OptionalField("content_size_in_bytes", "long", 145);
  }
}

// The layout of data_file records read with projection `p`.
DataFileLayout LayoutFor(const ManifestProjection& p) {
  DataFileLayout layout;
  int next = 0;
  for (int f = 0; f < kNumDataFileFields; ++f) layout[f] = Wanted(p, f) ? next++ : -1;
  return layout;
}

// Floe's reader schema: every field of v1-v3 that `p` wants, with the writer's own `partition`
// record (converted to the spec's types afterwards, field by field).
std::string ReaderSchemaJson(const ManifestProjection& p, const Json& partition) {
  using namespace avro_json;
  Json df = Json::array();
  for (int f = 0; f < kNumDataFileFields; ++f) {
    if (Wanted(p, f)) df.push_back(ReaderDataFileField(f, partition));
  }
  Json fields = Json::array();
  fields.push_back(Field("status", "int", 0));
  fields.push_back(OptionalField("snapshot_id", "long", 1));
  fields.push_back(OptionalField("sequence_number", "long", 3));
  fields.push_back(OptionalField("file_sequence_number", "long", 4));
  fields.push_back(
      Field("data_file",
            Json{{"type", "record"}, {"name", "floe_data_file"}, {"fields", std::move(df)}}, 2));
  return DumpJson(
      Json{{"type", "record"}, {"name", "floe_manifest_entry"}, {"fields", std::move(fields)}});
}

// The field of `record` with Iceberg field id `id` - by name when the record has no ids, as
// the resolved decoder matches them; -1 when absent.
int FindField(const AvroNode& record, int32_t id, std::string_view name) {
  bool has_ids = false;
  for (const auto& f : record.fields) has_ids = has_ids || f.field_id.has_value();
  for (size_t i = 0; i < record.fields.size(); ++i) {
    const auto& f = record.fields[i];
    if (has_ids ? f.field_id == id : f.name == name) return static_cast<int>(i);
  }
  return -1;
}

// The one non-null type of an optional ([null, T]) or plain type; nullptr for other unions.
const AvroNode* NonNull(const AvroNode& node) {
  if (node.type != AvroType::kUnion) return &node;
  const AvroNode* found = nullptr;
  for (const AvroNode* b : node.branches) {
    if (b->type == AvroType::kNull) continue;
    if (found != nullptr) return nullptr;
    found = b;
  }
  return found;
}

// The record of a type's JSON: the object itself, or the record branch of a union; nullptr when
// it is a reference to a record defined elsewhere.
Json* RecordJson(Json& type) {
  if (type.is_object()) return &type;
  if (type.is_array()) {
    for (Json& branch : type) {
      if (branch.is_object() && branch.value("type", "") == "record") return &branch;
    }
  }
  return nullptr;
}

std::string AvroTypeText(const AvroNode& node) {
  if (node.type == AvroType::kUnion) {
    std::string out = "[";
    for (size_t i = 0; i < node.branches.size(); ++i) {
      if (i > 0) out += ", ";
      out += AvroTypeText(*node.branches[i]);
    }
    return out + "]";
  }
  std::string out(avro::AvroTypeName(node.type));
  if (node.type == AvroType::kFixed) out += fmt::format("[{}]", node.fixed_size);
  if (!node.logical_type.empty()) out += fmt::format(" ({})", node.logical_type);
  return out;
}

bool AdjustToUtc(const AvroNode& node) {
  auto attr = node.Attribute("adjust-to-utc");
  return attr.has_value() && *attr == "true";
}

// The Iceberg type a partition field's Avro type stands for (Appendix A read backwards), for
// files whose partition spec is not known.
Result<Type> IcebergTypeOfAvro(const AvroNode& node) {
  const std::string& lt = node.logical_type;
  switch (node.type) {
    case AvroType::kBoolean:
      return Type::Boolean();
    case AvroType::kInt:
      return lt == "date" ? Type::Date() : Type::Int();
    case AvroType::kLong:
      if (lt == "time-micros") return Type::Time();
      if (lt == "timestamp-micros") {
        return AdjustToUtc(node) ? Type::TimestampTz() : Type::Timestamp();
      }
      if (lt == "timestamp-nanos") {
        return AdjustToUtc(node) ? Type::TimestampTzNs() : Type::TimestampNs();
      }
      return Type::Long();
    case AvroType::kFloat:
      return Type::Float();
    case AvroType::kDouble:
      return Type::Double();
    case AvroType::kString:
      return Type::String();
    case AvroType::kBytes:
    case AvroType::kFixed:
      if (lt == "decimal" && node.precision.has_value()) {
        return Type::Decimal(*node.precision, node.scale.value_or(0));
      }
      if (node.type == AvroType::kBytes) return Type::Binary();
      if (lt == "uuid" && node.fixed_size == 16) return Type::Uuid();
      return Type::Fixed(node.fixed_size);
    default:
      return Status::NotSupported("no Iceberg partition type for Avro {}", AvroTypeText(node));
  }
}

// Whether a value written as Avro `w` reads as Iceberg `t` (see ConvertPartitionValue).
bool Readable(const AvroNode& w, const Type& t) {
  const AvroType a = w.type;
  switch (t.kind()) {
    case TypeKind::kBoolean:
      return a == AvroType::kBoolean;
    case TypeKind::kInt:
    case TypeKind::kDate:
      return a == AvroType::kInt;
    case TypeKind::kLong:
      return a == AvroType::kInt || a == AvroType::kLong;
    case TypeKind::kFloat:
      return a == AvroType::kFloat;
    case TypeKind::kDouble:
      return a == AvroType::kFloat || a == AvroType::kDouble;
    case TypeKind::kTime:
      return a == AvroType::kLong;
    case TypeKind::kTimestamp:
    case TypeKind::kTimestampTz:
    case TypeKind::kTimestampNs:
    case TypeKind::kTimestampTzNs:
      return a == AvroType::kLong || (a == AvroType::kInt && w.logical_type == "date");
    case TypeKind::kString:
      return a == AvroType::kString || a == AvroType::kBytes;
    case TypeKind::kBinary:
      return a == AvroType::kBytes || a == AvroType::kFixed || a == AvroType::kString;
    case TypeKind::kUuid:
      return (a == AvroType::kFixed && w.fixed_size == 16) || a == AvroType::kBytes;
    case TypeKind::kFixed:
      return (a == AvroType::kFixed && w.fixed_size == t.fixed_length()) || a == AvroType::kBytes;
    case TypeKind::kDecimal:
      return (a == AvroType::kFixed || a == AvroType::kBytes) &&
             (w.logical_type != "decimal" || w.scale.value_or(0) == t.scale());
    default:
      return false;
  }
}

// How to read one partition field.
struct PartitionFieldPlan {
  int32_t id;
  std::string name;
  Type type;
  LogicalType logical;
  int writer_index;           // in the file's partition record; -1: not written (always null)
  bool date_in_file = false;  // a date the spec now calls a timestamp (v3 promotion)
};

constexpr int64_t kMicrosPerDay = int64_t{86400} * 1000 * 1000;

Result<Value> ConvertPartitionValue(const AvroDatum& d, const PartitionFieldPlan& f) {
  if (d.is_null()) return Value::Null(f.logical);
  auto mismatch = [&]() {
    return Status::InvalidArgument("expected {}, got Avro {}", f.type.ToString(),
                                   avro::AvroTypeName(d.type()));
  };
  const AvroType a = d.type();
  switch (f.type.kind()) {
    case TypeKind::kBoolean:
      if (a == AvroType::kBoolean) return Value::Boolean(d.boolean_value());
      break;
    case TypeKind::kInt:
      if (a == AvroType::kInt) return Value::Int32(d.int_value());
      break;
    case TypeKind::kDate:
      if (a == AvroType::kInt) return Value::Date(d.int_value());
      break;
    case TypeKind::kLong:
      if (a == AvroType::kInt) return Value::Int64(d.int_value());
      if (a == AvroType::kLong) return Value::Int64(d.long_value());
      break;
    case TypeKind::kFloat:
      if (a == AvroType::kFloat) return Value::Float(d.float_value());
      break;
    case TypeKind::kDouble:
      if (a == AvroType::kFloat) return Value::Double(d.float_value());
      if (a == AvroType::kDouble) return Value::Double(d.double_value());
      break;
    case TypeKind::kTime:
      if (a == AvroType::kLong) return Value::Time(d.long_value());
      break;
    case TypeKind::kTimestamp:
    case TypeKind::kTimestampTz:
    case TypeKind::kTimestampNs:
    case TypeKind::kTimestampTzNs: {
      int64_t v = 0;
      if (a == AvroType::kLong && !f.date_in_file) {
        v = d.long_value();
      } else if (a == AvroType::kInt && f.date_in_file) {
        const bool nanos =
            f.type.kind() == TypeKind::kTimestampNs || f.type.kind() == TypeKind::kTimestampTzNs;
        const int64_t per_day = nanos ? kMicrosPerDay * 1000 : kMicrosPerDay;
        if (__builtin_mul_overflow(int64_t{d.int_value()}, per_day, &v)) {
          return Status::InvalidArgument("date {} is out of range for {}", d.int_value(),
                                         f.type.ToString());
        }
      } else {
        break;
      }
      switch (f.type.kind()) {
        case TypeKind::kTimestamp:
          return Value::Timestamp(v);
        case TypeKind::kTimestampTz:
          return Value::TimestampTz(v);
        case TypeKind::kTimestampNs:
          return Value::TimestampNs(v);
        default:
          return Value::TimestampTzNs(v);
      }
    }
    case TypeKind::kString:
      if (a == AvroType::kString || a == AvroType::kBytes) return Value::String(d.bytes_value());
      break;
    case TypeKind::kBinary:
      if (a == AvroType::kBytes || a == AvroType::kFixed || a == AvroType::kString) {
        return Value::Binary(d.bytes_value());
      }
      break;
    case TypeKind::kUuid:
      if (a == AvroType::kBytes || a == AvroType::kFixed) return Value::Uuid(d.bytes_value());
      break;
    case TypeKind::kFixed:
      if (a == AvroType::kBytes || a == AvroType::kFixed) {
        if (d.bytes_value().size() != static_cast<size_t>(f.type.fixed_length())) {
          return Status::InvalidArgument("{} bytes for a {}", d.bytes_value().size(),
                                         f.type.ToString());
        }
        return Value::Fixed(d.bytes_value());
      }
      break;
    case TypeKind::kDecimal:
      if (a == AvroType::kBytes || a == AvroType::kFixed) {
        // The unscaled value, big-endian two's complement; wider than 16 bytes only by sign
        // extension.
        std::string_view bytes = d.bytes_value();
        while (bytes.size() > 16 && (bytes[0] == 0 || bytes[0] == '\xff') &&
               ((bytes[0] ^ bytes[1]) & 0x80) == 0) {
          bytes.remove_prefix(1);
        }
        if (bytes.empty() || bytes.size() > 16) {
          return Status::InvalidArgument("{} bytes cannot hold a {}", d.bytes_value().size(),
                                         f.type.ToString());
        }
        uint128_t u = (static_cast<unsigned char>(bytes[0]) & 0x80) != 0 ? ~uint128_t{0} : 0;
        for (char c : bytes) u = (u << 8) | static_cast<unsigned char>(c);
        return Value::Decimal(static_cast<int128_t>(u), f.type.precision(), f.type.scale());
      }
      break;
    default:
      break;
  }
  return mismatch();
}

Result<ColumnCounts> ReadCounts(const AvroDatum& d) {
  ColumnCounts out;
  if (d.is_null()) return out;
  out.reserve(d.items().size());
  for (const AvroDatum& kv : d.items()) {
    out.emplace_back(kv.field(0).int_value(), kv.field(1).long_value());
  }
  FLOE_RETURN_NOT_OK(SortColumnMetrics(out));
  return out;
}

Result<ColumnBounds> ReadBounds(const AvroDatum& d) {
  ColumnBounds out;
  if (d.is_null()) return out;
  out.reserve(d.items().size());
  for (const AvroDatum& kv : d.items()) {
    out.emplace_back(kv.field(0).int_value(), std::string(kv.field(1).bytes_value()));
  }
  FLOE_RETURN_NOT_OK(SortColumnMetrics(out));
  return out;
}

std::optional<int64_t> OptionalLong(const AvroDatum& d) {
  if (d.is_null()) return std::nullopt;
  return d.long_value();
}

std::optional<int32_t> OptionalInt(const AvroDatum& d) {
  if (d.is_null()) return std::nullopt;
  return d.int_value();
}

Result<int> ParseHeaderInt(std::string_view text, std::string_view key) {
  int value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) {
    return Status::Corruption("header '{}' is '{}', not an integer", key, text);
  }
  return value;
}

}  // namespace

struct ManifestReader::Impl {
  std::unique_ptr<avro::AvroReader> avro;
  avro::AvroRecordBatch batch;
  DataFileLayout layout{};
  std::vector<PartitionFieldPlan> partition;
  ManifestProjection projection;

  // Whether the header or the manifest list said what the manifest holds; if neither did, the
  // first entry decides.
  bool content_known = false;

  // Inheritance.
  std::optional<int64_t> inherit_snapshot_id;
  std::optional<int64_t> inherit_sequence_number;
  std::optional<int64_t> next_row_id;

  Status ReadEntry(const AvroDatum& record, ManifestReader& reader, ManifestEntry& out);
};

ManifestReader::ManifestReader(Token) : impl_(std::make_unique<Impl>()) {}
ManifestReader::~ManifestReader() = default;

const std::vector<std::pair<std::string, std::string>>& ManifestReader::metadata() const {
  return impl_->avro->metadata();
}

Result<std::unique_ptr<ManifestReader>> ManifestReader::Open(FileIO& io,
                                                             const ManifestFile& manifest,
                                                             const ManifestReaderOptions& options) {
  return OpenImpl(io, manifest.manifest_path, &manifest, options);
}

Result<std::unique_ptr<ManifestReader>> ManifestReader::Open(FileIO& io, std::string_view location,
                                                             const ManifestReaderOptions& options) {
  return OpenImpl(io, location, nullptr, options);
}

Result<std::unique_ptr<ManifestReader>> ManifestReader::OpenImpl(
    FileIO& io, std::string_view location, const ManifestFile* manifest,
    const ManifestReaderOptions& options) {
  auto reader = std::make_unique<ManifestReader>(Token{});
  reader->location_ = std::string(location);
  Impl& impl = *reader->impl_;
  impl.projection = options.projection;
  impl.layout = LayoutFor(options.projection);
  const std::string& loc = reader->location_;
  auto fail = [&](const Status& st) { return IcebergContext(st, "manifest {}", loc); };
  auto corrupt = [&](std::string message) {
    return Status::Corruption("iceberg: manifest {}: {}", loc, message);
  };

  // The writer's data_file and partition records.
  int data_file_index = -1;
  int partition_index = -1;
  avro::AvroReaderOptions avro_options;
  avro_options.decoder_cache = options.decoder_cache;
  avro_options.reader_schema_for =
      [&](const AvroSchema& writer) -> Result<std::shared_ptr<const AvroSchema>> {
    auto bad = [](std::string message) { return Status::Corruption("{}", message); };
    const AvroNode& root = writer.root();
    if (root.type != AvroType::kRecord) {
      return bad(
          fmt::format("the Avro schema is {}, not a manifest_entry record", AvroTypeText(root)));
    }
    data_file_index = FindField(root, 2, "data_file");
    if (data_file_index < 0) return bad("the Avro schema has no data_file (field id 2)");
    // A record, or (BigQuery's manifests) a union of null and a record.
    const AvroNode* df = NonNull(*root.fields[data_file_index].type);
    if (df == nullptr || df->type != AvroType::kRecord) {
      return bad(fmt::format("data_file is {}, not a record",
                             AvroTypeText(*root.fields[data_file_index].type)));
    }
    partition_index = FindField(*df, 102, "partition");
    if (partition_index < 0) {
      return bad("the Avro schema has no data_file.partition (field id 102)");
    }
    const AvroNode* part = NonNull(*df->fields[partition_index].type);
    if (part == nullptr || part->type != AvroType::kRecord) {
      return bad(fmt::format("data_file.partition is {}, not a record (struct)",
                             AvroTypeText(*df->fields[partition_index].type)));
    }
    // The writer's partition record, as JSON, goes into the reader's schema unchanged.
    FLOE_ASSIGN_OR_RETURN(Json writer_json, ParseJson(writer.ToJson(), "Avro schema"));
    Json* df_json = RecordJson(writer_json["fields"][static_cast<size_t>(data_file_index)]["type"]);
    // The partition's type as written: its record, or (BigQuery) a union of null and it.
    Json partition_json = df_json == nullptr
                              ? Json()
                              : (*df_json)["fields"][static_cast<size_t>(partition_index)]["type"];
    Json* part_json = RecordJson(partition_json);
    if (part_json == nullptr) {
      return bad("data_file.partition refers to a record defined elsewhere in the schema");
    }
    if (!part->name_space().empty()) {
      (*part_json)["namespace"] = std::string(part->name_space());
    }
    std::string text = ReaderSchemaJson(impl.projection, partition_json);
    auto schema = options.decoder_cache != nullptr ? options.decoder_cache->GetSchema(text)
                                                   : AvroSchema::Parse(text);
    if (!schema.has_value()) {
      return bad(fmt::format("its partition record cannot be read: {}", schema.error().message()));
    }
    return schema;
  };
  auto opened = avro::AvroReader::Open(io, location, avro_options);
  if (!opened.has_value()) return fail(opened.error());
  impl.avro = std::move(opened).value();
  const avro::AvroReader& avro = *impl.avro;

  // Header facts.
  const AvroNode& df_node = *NonNull(*avro.writer_schema()->root().fields[data_file_index].type);
  if (auto v = avro.metadata_value("format-version")) {
    auto parsed = ParseHeaderInt(*v, "format-version");
    if (!parsed.has_value()) return fail(parsed.error());
    if (*parsed < 1 || *parsed > 3) {
      return Status::NotSupported("iceberg: manifest {}: format version {} is not 1, 2 or 3", loc,
                                  *parsed);
    }
    reader->format_version_ = *parsed;
  } else if (FindField(df_node, 142, "first_row_id") >= 0 ||
             FindField(df_node, 144, "content_offset") >= 0) {
    reader->format_version_ = 3;
  } else if (FindField(avro.writer_schema()->root(), 3, "sequence_number") >= 0 ||
             FindField(df_node, 134, "content") >= 0) {
    reader->format_version_ = 2;
  }

  if (auto v = avro.metadata_value("content")) {
    auto content = ManifestContentFromString(*v);
    if (!content.has_value()) return fail(content.error().WithContext("header 'content'"));
    reader->content_ = *content;
    impl.content_known = true;
    if (manifest != nullptr && manifest->content != *content) {
      return corrupt(fmt::format("the manifest list says it holds {}, its header says {}",
                                 ManifestContentName(manifest->content), *v));
    }
  } else if (manifest != nullptr) {
    reader->content_ = manifest->content;
    impl.content_known = true;
  }

  std::optional<int32_t> header_spec_id;
  if (auto v = avro.metadata_value("partition-spec-id")) {
    auto parsed = ParseHeaderInt(*v, "partition-spec-id");
    if (!parsed.has_value()) return fail(parsed.error());
    header_spec_id = *parsed;
  }
  if (options.spec != nullptr) {
    reader->spec_id_ = options.spec->spec_id();
    if (manifest != nullptr && manifest->partition_spec_id != options.spec->spec_id()) {
      return Status::InvalidArgument(
          "iceberg: manifest {}: the manifest list says partition spec {}, the reader was given "
          "spec {}",
          loc, manifest->partition_spec_id, options.spec->spec_id());
    }
  } else if (manifest != nullptr) {
    reader->spec_id_ = manifest->partition_spec_id;
  } else {
    reader->spec_id_ = header_spec_id.value_or(PartitionSpec::kInitialSpecId);
  }

  // Schema and spec: the caller's, else the header's.
  if (options.schema != nullptr) {
    reader->schema_ = *options.schema;
  } else if (auto v = avro.metadata_value("schema")) {
    auto schema = SchemaFromJsonString(*v);
    if (!schema.has_value()) return fail(IcebergContext(schema.error(), "header 'schema'"));
    reader->schema_ = std::move(schema).value();
  }
  if (options.spec != nullptr) {
    reader->spec_ = *options.spec;
  } else if (auto v = avro.metadata_value("partition-spec")) {
    auto json = ParseJson(*v, "partition spec");
    if (!json.has_value()) return fail(IcebergContext(json.error(), "header 'partition-spec'"));
    auto spec = PartitionSpecFromFieldsJson(*json, reader->spec_id_);
    if (!spec.has_value()) return fail(IcebergContext(spec.error(), "header 'partition-spec'"));
    reader->spec_ = std::move(spec).value();
  }

  // The partition plan: the spec's fields and types, the file's where those are not known.
  const AvroNode& part_node = *NonNull(*df_node.fields[partition_index].type);
  bool part_has_ids = false;
  for (const auto& f : part_node.fields) part_has_ids = part_has_ids || f.field_id.has_value();
  std::vector<NestedField> fields;
  if (reader->spec_.has_value()) {
    FLOE_ASSIGN_OR_RETURN(Schema empty, Schema::Make(std::vector<NestedField>{}));
    auto type =
        reader->spec_->PartitionType(reader->schema_.has_value() ? *reader->schema_ : empty);
    if (!type.has_value()) return fail(type.error());
    fields = type->fields();
  } else {
    for (size_t i = 0; i < part_node.fields.size(); ++i) {
      const auto& f = part_node.fields[i];
      const int32_t id =
          f.field_id.value_or(PartitionSpec::kFirstFieldId + static_cast<int32_t>(i));
      fields.push_back(NestedField::Optional(id, f.name, Type::Unknown()));
    }
  }
  for (NestedField& field : fields) {
    auto field_fail = [&](std::string why) {
      return corrupt(
          fmt::format("data_file.partition field {} '{}': {}", field.id, field.name, why));
    };
    int index = FindField(part_node, field.id, AvroCompatibleName(field.name));
    if (index < 0 && !part_has_ids) index = FindField(part_node, field.id, field.name);
    if (index < 0 && part_has_ids) {
      // Not written under its id: a field of the same name under another id means the spec and
      // the file disagree.
      for (const auto& f : part_node.fields) {
        if (f.name == field.name || f.name == AvroCompatibleName(field.name)) {
          return field_fail(fmt::format(
              "the file has it under field id {}",
              f.field_id.has_value() ? std::to_string(*f.field_id) : std::string("(none)")));
        }
      }
    }
    PartitionFieldPlan plan{field.id, field.name, field.type, LogicalType::Int32(), index, false};
    if (index >= 0) {
      const AvroNode& written = *part_node.fields[index].type;
      const AvroNode* w = NonNull(written);
      if (w == nullptr) {
        return field_fail(
            fmt::format("the file writes {}, not a type or [null, type]", AvroTypeText(written)));
      }
      if (field.type.kind() == TypeKind::kUnknown) {
        auto type = IcebergTypeOfAvro(*w);
        if (!type.has_value()) return field_fail(type.error().message());
        plan.type = std::move(type).value();
      } else if (w->type == AvroType::kNull) {
        plan.writer_index = -1;  // a field of Avro type null: always null
      } else if (!Readable(*w, field.type)) {
        return field_fail(fmt::format("expected {}, the file writes {}", field.type.ToString(),
                                      AvroTypeText(written)));
      }
      plan.date_in_file =
          w->type == AvroType::kInt &&
          (plan.type.kind() == TypeKind::kTimestamp || plan.type.kind() == TypeKind::kTimestampTz ||
           plan.type.kind() == TypeKind::kTimestampNs ||
           plan.type.kind() == TypeKind::kTimestampTzNs);
    }
    if (plan.type.kind() == TypeKind::kUnknown) {
      return Status::NotSupported(
          "iceberg: manifest {}: data_file.partition field {} '{}': its type is not known (its "
          "source column is gone) and the file does not write it",
          loc, field.id, field.name);
    }
    auto logical = ToLogicalType(plan.type);
    if (!logical.has_value()) return field_fail(logical.error().message());
    plan.logical = std::move(logical).value();
    field.type = plan.type;
    impl.partition.push_back(std::move(plan));
  }
  auto partition_type = Type::Struct(std::move(fields));
  if (!partition_type.has_value()) return fail(partition_type.error());
  reader->partition_type_ = std::move(partition_type).value();

  // Inheritance.
  if (manifest != nullptr) {
    impl.inherit_snapshot_id = manifest->added_snapshot_id;
    impl.inherit_sequence_number = manifest->sequence_number;
    if (manifest->content == ManifestContent::kData) impl.next_row_id = manifest->first_row_id;
  } else if (reader->format_version_ == 1) {
    impl.inherit_sequence_number = 0;
  }
  return reader;
}

Status ManifestReader::Impl::ReadEntry(const AvroDatum& record, ManifestReader& reader,
                                       ManifestEntry& out) {
  FLOE_ASSIGN_OR_RETURN(out.status, ManifestEntryStatusFromInt(record.field(kStatus).int_value()));
  out.snapshot_id = OptionalLong(record.field(kSnapshotId));
  out.sequence_number = OptionalLong(record.field(kSequenceNumber));
  out.file_sequence_number = OptionalLong(record.field(kFileSequenceNumber));

  const AvroDatum& df = record.field(kDataFile);
  DataFile& file = out.data_file;
  auto at = [&](int field) -> const AvroDatum& { return df.field(layout[field]); };
  FLOE_ASSIGN_OR_RETURN(file.content, DataFileContentFromInt(at(kContent).int_value()));
  file.file_path = std::string(at(kFilePath).bytes_value());
  auto format = FileFormatFromString(at(kFileFormat).bytes_value());
  if (!format.has_value()) return format.error().WithContext("data_file.file_format");
  file.file_format = *format;
  file.spec_id = reader.spec_id_;

  // A null partition (BigQuery writes one for unpartitioned tables) is all nulls.
  const AvroDatum& part = at(kPartition);
  file.partition.clear();
  file.partition.reserve(partition.size());
  for (const PartitionFieldPlan& f : partition) {
    if (f.writer_index < 0 || part.is_null()) {
      file.partition.push_back(Value::Null(f.logical));
      continue;
    }
    auto value = ConvertPartitionValue(part.field(static_cast<size_t>(f.writer_index)), f);
    if (!value.has_value()) {
      return value.error().WithContext("data_file.partition field {} '{}'", f.id, f.name);
    }
    file.partition.push_back(std::move(value).value());
  }

  file.record_count = at(kRecordCount).long_value();
  file.file_size_in_bytes = at(kFileSize).long_value();
  auto counts = [&](int field, ColumnCounts& dst, std::string_view name) -> Status {
    if (layout[field] < 0) return Status::OK();
    auto got = ReadCounts(at(field));
    if (!got.has_value()) return got.error().WithContext("data_file.{}", name);
    dst = std::move(got).value();
    return Status::OK();
  };
  auto bounds = [&](int field, ColumnBounds& dst, std::string_view name) -> Status {
    if (layout[field] < 0) return Status::OK();
    auto got = ReadBounds(at(field));
    if (!got.has_value()) return got.error().WithContext("data_file.{}", name);
    dst = std::move(got).value();
    return Status::OK();
  };
  FLOE_RETURN_NOT_OK(counts(kColumnSizes, file.column_sizes, "column_sizes"));
  FLOE_RETURN_NOT_OK(counts(kValueCounts, file.value_counts, "value_counts"));
  FLOE_RETURN_NOT_OK(counts(kNullValueCounts, file.null_value_counts, "null_value_counts"));
  FLOE_RETURN_NOT_OK(counts(kNanValueCounts, file.nan_value_counts, "nan_value_counts"));
  FLOE_RETURN_NOT_OK(bounds(kLowerBounds, file.lower_bounds, "lower_bounds"));
  FLOE_RETURN_NOT_OK(bounds(kUpperBounds, file.upper_bounds, "upper_bounds"));
  if (layout[kKeyMetadata] >= 0 && !at(kKeyMetadata).is_null()) {
    file.key_metadata = std::string(at(kKeyMetadata).bytes_value());
  }
  if (layout[kSplitOffsets] >= 0 && !at(kSplitOffsets).is_null()) {
    bool ascending = true;
    int64_t previous = -1;
    for (const AvroDatum& o : at(kSplitOffsets).items()) {
      ascending =
          ascending && o.long_value() > previous && o.long_value() < file.file_size_in_bytes;
      previous = o.long_value();
    }
    if (ascending) {
      for (const AvroDatum& o : at(kSplitOffsets).items())
        file.split_offsets.push_back(o.long_value());
    }
  }
  if (!at(kEqualityIds).is_null()) {
    for (const AvroDatum& id : at(kEqualityIds).items()) {
      if (id.long_value() < INT32_MIN || id.long_value() > INT32_MAX) {
        return Status::Corruption("data_file.equality_ids: {} is not a field id", id.long_value());
      }
      file.equality_ids.push_back(static_cast<int32_t>(id.long_value()));
    }
  }
  file.sort_order_id = OptionalInt(at(kSortOrderId));
  file.first_row_id = OptionalLong(at(kFirstRowId));
  if (!at(kReferencedDataFile).is_null()) {
    file.referenced_data_file = std::string(at(kReferencedDataFile).bytes_value());
  }
  file.content_offset = OptionalLong(at(kContentOffset));
  file.content_size_in_bytes = OptionalLong(at(kContentSize));

  // Checks.
  if (!content_known) {
    reader.content_ =
        file.content == DataFileContent::kData ? ManifestContent::kData : ManifestContent::kDeletes;
    content_known = true;
  }
  const bool data_manifest = reader.content_ == ManifestContent::kData;
  if (data_manifest != (file.content == DataFileContent::kData)) {
    return Status::Corruption("a {} manifest holds a file of {}",
                              ManifestContentName(reader.content_),
                              DataFileContentName(file.content));
  }
  FLOE_RETURN_NOT_OK(file.Validate(3));

  // Inheritance.
  if (!out.snapshot_id.has_value()) out.snapshot_id = inherit_snapshot_id;
  if (inherit_sequence_number.has_value() &&
      (out.status == ManifestEntryStatus::kAdded || *inherit_sequence_number == 0)) {
    if (!out.sequence_number.has_value()) out.sequence_number = inherit_sequence_number;
    if (!out.file_sequence_number.has_value()) {
      out.file_sequence_number = inherit_sequence_number;
    }
  }
  if (next_row_id.has_value() && out.is_live() && file.content == DataFileContent::kData &&
      !file.first_row_id.has_value()) {
    file.first_row_id = *next_row_id;
    *next_row_id += file.record_count;
  }
  return Status::OK();
}

Result<std::vector<ManifestEntry>> ManifestReader::Next() {
  std::vector<ManifestEntry> entries;
  while (entries.empty()) {
    auto more = impl_->avro->Next(impl_->batch);
    if (!more.has_value()) return IcebergContext(more.error(), "manifest {}", location_);
    if (!*more) break;
    entries.resize(impl_->batch.size());
    for (size_t i = 0; i < impl_->batch.size(); ++i) {
      Status st = impl_->ReadEntry(impl_->batch[i], *this, entries[i]);
      if (!st.ok()) {
        std::string_view message = st.message();
        if (message.substr(0, kErrorPrefix.size()) == kErrorPrefix) {
          message.remove_prefix(kErrorPrefix.size());
        }
        return Status(
            st.code() == StatusCode::kInvalidArgument ? StatusCode::kCorruption : st.code(),
            fmt::format("iceberg: manifest {}: entry {}: {}", location_,
                        entries_read_ + static_cast<int64_t>(i), message));
      }
    }
    entries_read_ += static_cast<int64_t>(entries.size());
  }
  return entries;
}

Result<std::vector<ManifestEntry>> ManifestReader::ReadAll() {
  std::vector<ManifestEntry> all;
  while (true) {
    FLOE_ASSIGN_OR_RETURN(std::vector<ManifestEntry> entries, Next());
    if (entries.empty()) return all;
    if (all.empty()) {
      all = std::move(entries);
    } else {
      all.insert(all.end(), std::make_move_iterator(entries.begin()),
                 std::make_move_iterator(entries.end()));
    }
  }
}

}  // namespace floe::iceberg
