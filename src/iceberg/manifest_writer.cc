#include "iceberg/manifest_writer.h"

#include <deque>

#include <fmt/format.h>

#include "iceberg/error_context.h"
#include "iceberg/manifest_avro_schema.h"
#include "iceberg/schema_json.h"
#include "iceberg/single_value.h"

namespace floe::iceberg {

namespace {

using avro::AvroDatum;

// Builds the datum of one entry; the datums point into the entry and into this builder's
// storage, which lives until the next entry.
class EntryDatumBuilder {
 public:
  EntryDatumBuilder(const Type& partition_type, int format_version)
      : partition_type_(partition_type), format_version_(format_version) {}

  Result<AvroDatum> Build(const ManifestEntry& entry) {
    arena_.Clear();
    scratch_.clear();
    const DataFile& f = entry.data_file;

    const auto& pfields = partition_type_.fields();
    AvroDatum* part = arena_.Allocate(pfields.size());
    for (size_t i = 0; i < pfields.size(); ++i) {
      FLOE_ASSIGN_OR_RETURN(part[i], PartitionDatum(pfields[i].type, f.partition[i]));
    }

    std::vector<AvroDatum> df;
    df.reserve(20);
    df.push_back(AvroDatum::Int(static_cast<int32_t>(f.content)));
    df.push_back(AvroDatum::String(f.file_path));
    df.push_back(AvroDatum::String(FileFormatName(f.file_format)));
    df.push_back(AvroDatum::Record({part, pfields.size()}));
    df.push_back(AvroDatum::Long(f.record_count));
    df.push_back(AvroDatum::Long(f.file_size_in_bytes));
    df.push_back(Counts(f.column_sizes));
    df.push_back(Counts(f.value_counts));
    df.push_back(Counts(f.null_value_counts));
    df.push_back(Counts(f.nan_value_counts));
    df.push_back(Bounds(f.lower_bounds));
    df.push_back(Bounds(f.upper_bounds));
    df.push_back(f.key_metadata ? AvroDatum::Bytes(*f.key_metadata) : AvroDatum::Null());
    if (f.split_offsets.empty()) {
      df.push_back(AvroDatum::Null());
    } else {
      AvroDatum* items = arena_.Allocate(f.split_offsets.size());
      for (size_t i = 0; i < f.split_offsets.size(); ++i) {
        items[i] = AvroDatum::Long(f.split_offsets[i]);
      }
      df.push_back(AvroDatum::Array({items, f.split_offsets.size()}));
    }
    if (f.equality_ids.empty()) {
      df.push_back(AvroDatum::Null());
    } else {
      AvroDatum* items = arena_.Allocate(f.equality_ids.size());
      for (size_t i = 0; i < f.equality_ids.size(); ++i) {
        items[i] = AvroDatum::Int(f.equality_ids[i]);
      }
      df.push_back(AvroDatum::Array({items, f.equality_ids.size()}));
    }
    df.push_back(OptionalInt(f.sort_order_id));
    if (format_version_ >= 3) df.push_back(OptionalLong(f.first_row_id));
    df.push_back(f.referenced_data_file ? AvroDatum::String(*f.referenced_data_file)
                                        : AvroDatum::Null());
    if (format_version_ >= 3) {
      df.push_back(OptionalLong(f.content_offset));
      df.push_back(OptionalLong(f.content_size_in_bytes));
    }
    AvroDatum* df_fields = arena_.Allocate(df.size());
    std::copy(df.begin(), df.end(), df_fields);

    AvroDatum* fields = arena_.Allocate(5);
    fields[0] = AvroDatum::Int(static_cast<int32_t>(entry.status));
    fields[1] = OptionalLong(entry.snapshot_id);
    fields[2] = OptionalLong(entry.sequence_number);
    fields[3] = OptionalLong(entry.file_sequence_number);
    fields[4] = AvroDatum::Record({df_fields, df.size()});
    return AvroDatum::Record({fields, 5});
  }

 private:
  static AvroDatum OptionalLong(const std::optional<int64_t>& v) {
    return v ? AvroDatum::Long(*v) : AvroDatum::Null();
  }
  static AvroDatum OptionalInt(const std::optional<int32_t>& v) {
    return v ? AvroDatum::Int(*v) : AvroDatum::Null();
  }

  AvroDatum Counts(const ColumnCounts& counts) {
    if (counts.empty()) return AvroDatum::Null();
    AvroDatum* items = arena_.Allocate(counts.size());
    AvroDatum* kv = arena_.Allocate(2 * counts.size());
    for (size_t i = 0; i < counts.size(); ++i) {
      kv[2 * i] = AvroDatum::Int(counts[i].first);
      kv[2 * i + 1] = AvroDatum::Long(counts[i].second);
      items[i] = AvroDatum::Record({kv + 2 * i, 2});
    }
    return AvroDatum::Array({items, counts.size()});
  }

  AvroDatum Bounds(const ColumnBounds& bounds) {
    if (bounds.empty()) return AvroDatum::Null();
    AvroDatum* items = arena_.Allocate(bounds.size());
    AvroDatum* kv = arena_.Allocate(2 * bounds.size());
    for (size_t i = 0; i < bounds.size(); ++i) {
      kv[2 * i] = AvroDatum::Int(bounds[i].first);
      kv[2 * i + 1] = AvroDatum::Bytes(bounds[i].second);
      items[i] = AvroDatum::Record({kv + 2 * i, 2});
    }
    return AvroDatum::Array({items, bounds.size()});
  }

  Result<AvroDatum> PartitionDatum(const Type& type, const Value& v) {
    if (v.is_null()) return AvroDatum::Null();
    switch (type.kind()) {
      case TypeKind::kBoolean:
        return AvroDatum::Boolean(v.GetBool());
      case TypeKind::kInt:
      case TypeKind::kDate:
        return AvroDatum::Int(static_cast<int32_t>(v.GetInt64()));
      case TypeKind::kLong:
      case TypeKind::kTime:
      case TypeKind::kTimestamp:
      case TypeKind::kTimestampTz:
      case TypeKind::kTimestampNs:
      case TypeKind::kTimestampTzNs:
        return AvroDatum::Long(v.GetInt64());
      case TypeKind::kFloat:
        return AvroDatum::Float(v.GetFloat());
      case TypeKind::kDouble:
        return AvroDatum::Double(v.GetDouble());
      case TypeKind::kString:
        return AvroDatum::String(v.GetString());
      case TypeKind::kBinary:
        return AvroDatum::Bytes(v.GetString());
      case TypeKind::kFixed:
      case TypeKind::kUuid:
        return AvroDatum::Fixed(v.GetString());
      case TypeKind::kDecimal: {
        // The fixed of the precision's size: the minimal bytes, sign-extended.
        std::string minimal = DecimalToMinimalBytes(v.GetDecimal());
        const size_t size = static_cast<size_t>(DecimalFixedSize(type.precision()));
        if (minimal.size() > size) {
          return Status::InvalidArgument("decimal {} does not fit {}", v.ToString(),
                                         type.ToString());
        }
        const char pad = v.GetDecimal() < 0 ? '\xff' : '\0';
        scratch_.push_back(std::string(size - minimal.size(), pad) + minimal);
        return AvroDatum::Fixed(scratch_.back());
      }
      default:
        return Status::NotSupported("partition values of type {}", type.ToString());
    }
  }

  const Type& partition_type_;
  int format_version_;
  avro::AvroDatumArena arena_;
  std::deque<std::string> scratch_;
};

}  // namespace

Result<std::unique_ptr<ManifestWriter>> ManifestWriter::Make(FileIO& io, std::string_view location,
                                                             const Schema& schema,
                                                             const PartitionSpec& spec,
                                                             const ManifestWriterOptions& options) {
  auto fail = [&](const Status& st) { return IcebergContext(st, "manifest {}", location); };
  FLOE_RETURN_NOT_OK(fail(spec.Validate(schema, /*allow_missing_fields=*/true)));
  auto partition_type = spec.PartitionType(schema);
  if (!partition_type.has_value()) return fail(partition_type.error());
  auto avro_json = ManifestEntryAvroSchema(options.format_version, *partition_type);
  if (!avro_json.has_value()) return fail(avro_json.error());
  FLOE_ASSIGN_OR_RETURN(auto avro_schema, avro::AvroSchema::Parse(*avro_json));
  auto summary = PartitionSummaryBuilder::Make(*partition_type);
  if (!summary.has_value()) return fail(summary.error());

  auto schema_text = SchemaToJsonString(schema);
  if (!schema_text.has_value()) return fail(schema_text.error());
  avro::AvroWriterOptions avro_options;
  avro_options.codec = options.codec;
  avro_options.codec_level = options.codec_level;
  avro_options.mode = options.mode;
  avro_options.sync_marker = options.sync_marker;
  avro_options.metadata = {
      {"schema", *schema_text},
      {"schema-id", std::to_string(schema.schema_id())},
      {"partition-spec", DumpJson(PartitionSpecToJson(spec)["fields"])},
      {"partition-spec-id", std::to_string(spec.spec_id())},
      {"format-version", std::to_string(options.format_version)},
      {"content", std::string(ManifestContentName(options.content))},
  };
  auto writer = avro::AvroWriter::Make(io, location, std::move(avro_schema), avro_options);
  if (!writer.has_value()) return fail(writer.error());
  return std::make_unique<ManifestWriter>(Token{}, std::move(writer).value(),
                                          std::move(partition_type).value(),
                                          std::move(summary).value(), spec.spec_id(), options);
}

ManifestWriter::ManifestWriter(Token, std::unique_ptr<avro::AvroWriter> writer, Type partition_type,
                               PartitionSummaryBuilder summary, int32_t spec_id,
                               const ManifestWriterOptions& options)
    : writer_(std::move(writer)),
      partition_type_(std::move(partition_type)),
      summary_(std::move(summary)),
      spec_id_(spec_id),
      options_(options) {}

ManifestWriter::~ManifestWriter() {
  // An unclosed writer publishes nothing (AvroWriter aborts too; this says so here).
  if (writer_ != nullptr) writer_->Abort().IgnoreError();
}

const std::string& ManifestWriter::location() const { return writer_->location(); }

Status ManifestWriter::Check(const ManifestEntry& entry) const {
  const DataFile& f = entry.data_file;
  const bool data_manifest = options_.content == ManifestContent::kData;
  if (data_manifest != (f.content == DataFileContent::kData)) {
    return Status::InvalidArgument("a {} manifest cannot hold a file of {}",
                                   ManifestContentName(options_.content),
                                   DataFileContentName(f.content));
  }
  FLOE_RETURN_NOT_OK(f.Validate(options_.format_version));
  if (f.spec_id != spec_id_) {
    return Status::InvalidArgument("the file belongs to partition spec {}, the manifest to {}",
                                   f.spec_id, spec_id_);
  }
  FLOE_RETURN_NOT_OK(CheckPartitionTuple(partition_type_, f.partition));
  switch (entry.status) {
    case ManifestEntryStatus::kAdded:
      if (entry.snapshot_id.has_value() && *entry.snapshot_id != options_.snapshot_id) {
        return Status::InvalidArgument(
            "an ADDED entry of snapshot {} in a manifest written for snapshot {}",
            *entry.snapshot_id, options_.snapshot_id);
      }
      if (entry.file_sequence_number.has_value()) {
        return Status::InvalidArgument(
            "an ADDED entry's file sequence number is the commit's: it must be null");
      }
      if (f.first_row_id.has_value()) {
        return Status::InvalidArgument(
            "an ADDED file's first_row_id is assigned when it is read: it must be null");
      }
      break;
    case ManifestEntryStatus::kExisting:
    case ManifestEntryStatus::kDeleted:
      if (!entry.sequence_number.has_value() || !entry.file_sequence_number.has_value()) {
        return Status::InvalidArgument("an {} entry needs both sequence numbers",
                                       ManifestEntryStatusName(entry.status));
      }
      if (entry.status == ManifestEntryStatus::kExisting && !entry.snapshot_id.has_value()) {
        return Status::InvalidArgument("an EXISTING entry needs the snapshot id that added it");
      }
      break;
  }
  return Status::OK();
}

Status ManifestWriter::Write(const ManifestEntry& entry) {
  Status st = Check(entry);
  if (!st.ok()) {
    return IcebergContext(st, "manifest {}: entry {} ('{}')", location(), entries_written_,
                          entry.data_file.file_path);
  }
  EntryDatumBuilder builder(partition_type_, options_.format_version);
  auto datum = builder.Build(entry);
  if (!datum.has_value()) {
    return IcebergContext(datum.error(), "manifest {}: entry {} ('{}')", location(),
                          entries_written_, entry.data_file.file_path);
  }
  FLOE_RETURN_NOT_OK(writer_->Write(*datum));
  FLOE_RETURN_NOT_OK(summary_.Add(entry.data_file.partition));
  const auto s = static_cast<size_t>(entry.status);
  ++files_[s];
  rows_[s] += entry.data_file.record_count;
  if (entry.is_live() && entry.sequence_number.has_value() &&
      (!min_sequence_number_ || *entry.sequence_number < *min_sequence_number_)) {
    min_sequence_number_ = entry.sequence_number;
  }
  ++entries_written_;
  return Status::OK();
}

Status ManifestWriter::Add(const DataFile& file, std::optional<int64_t> data_sequence_number) {
  ManifestEntry entry;
  entry.status = ManifestEntryStatus::kAdded;
  entry.snapshot_id = options_.snapshot_id;
  entry.sequence_number = data_sequence_number;
  entry.data_file = file;
  return Write(entry);
}

Status ManifestWriter::Existing(const ManifestEntry& entry) {
  ManifestEntry e = entry;
  e.status = ManifestEntryStatus::kExisting;
  return Write(e);
}

Status ManifestWriter::Delete(const ManifestEntry& entry) {
  ManifestEntry e = entry;
  e.status = ManifestEntryStatus::kDeleted;
  e.snapshot_id = options_.snapshot_id;
  return Write(e);
}

Result<ManifestFile> ManifestWriter::Close() {
  FLOE_RETURN_NOT_OK(writer_->Close());
  ManifestFile m;
  m.manifest_path = writer_->location();
  m.manifest_length = writer_->bytes_written();
  m.partition_spec_id = spec_id_;
  m.content = options_.content;
  m.min_sequence_number = min_sequence_number_;
  m.added_snapshot_id = options_.snapshot_id;
  m.existing_files_count = files_[0];
  m.added_files_count = files_[1];
  m.deleted_files_count = files_[2];
  m.existing_rows_count = rows_[0];
  m.added_rows_count = rows_[1];
  m.deleted_rows_count = rows_[2];
  FLOE_ASSIGN_OR_RETURN(m.partitions, summary_.Summaries());
  return m;
}

Status ManifestWriter::Abort() { return writer_->Abort(); }

}  // namespace floe::iceberg
