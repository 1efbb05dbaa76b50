#include "iceberg/manifest_list.h"

#include <charconv>

#include <fmt/format.h>

#include "formats/avro/avro_reader.h"
#include "iceberg/error_context.h"
#include "iceberg/manifest_avro_schema.h"

namespace floe::iceberg {

namespace {

using avro::AvroDatum;
using avro::AvroSchema;

// manifest_file fields in the order of Floe's reader schema.
enum ListField : int {
  kPath,
  kLength,
  kSpecId,
  kContent,
  kSequenceNumber,
  kMinSequenceNumber,
  kAddedSnapshotId,
  kAddedFiles,
  kExistingFiles,
  kDeletedFiles,
  kAddedRows,
  kExistingRows,
  kDeletedRows,
  kPartitions,
  kKeyMetadata,
  kFirstRowId,
};

std::string ReaderSchemaJson() {
  using namespace avro_json;
  auto with_default = [](Json field, int value) {
    field["default"] = value;
    return field;
  };
  auto with_alias = [](Json field, std::string_view alias) {
    field["aliases"] = Json::array({alias});
    return field;
  };
  Json summary = Json::array();
  summary.push_back(Field("contains_null", "boolean", 509));
  summary.push_back(OptionalField("contains_nan", "boolean", 518));
  summary.push_back(OptionalField("lower_bound", "bytes", 510));
  summary.push_back(OptionalField("upper_bound", "bytes", 511));
  Json r508{{"type", "record"}, {"name", "floe_field_summary"}, {"fields", std::move(summary)}};

  Json fields = Json::array();
  fields.push_back(Field("manifest_path", "string", 500));
  fields.push_back(Field("manifest_length", "long", 501));
  fields.push_back(Field("partition_spec_id", "int", 502));
  // v1 lists: data manifests, sequence number 0.
  fields.push_back(with_default(Field("content", "int", 517), 0));
  fields.push_back(with_default(Field("sequence_number", "long", 515), 0));
  fields.push_back(with_default(Field("min_sequence_number", "long", 516), 0));
  fields.push_back(OptionalField("added_snapshot_id", "long", 503));
  fields.push_back(
      with_alias(OptionalField("added_files_count", "int", 504), "added_data_files_count"));
  fields.push_back(
      with_alias(OptionalField("existing_files_count", "int", 505), "existing_data_files_count"));
  fields.push_back(
      with_alias(OptionalField("deleted_files_count", "int", 506), "deleted_data_files_count"));
  fields.push_back(OptionalField("added_rows_count", "long", 512));
  fields.push_back(OptionalField("existing_rows_count", "long", 513));
  fields.push_back(OptionalField("deleted_rows_count", "long", 514));
  fields.push_back(OptionalField("partitions", List(508, std::move(r508)), 507));
  fields.push_back(OptionalField("key_metadata", "bytes", 519));
  fields.push_back(OptionalField("first_row_id", "long", 520));
  return DumpJson(
      Json{{"type", "record"}, {"name", "floe_manifest_file"}, {"fields", std::move(fields)}});
}

const std::shared_ptr<const AvroSchema>& ReaderSchema() {
  static const std::shared_ptr<const AvroSchema> schema = [] {
    auto parsed = AvroSchema::Parse(ReaderSchemaJson());
    FLOE_CHECK(parsed.has_value(), "the manifest list reader schema must parse");
    return std::move(parsed).value();
  }();
  return schema;
}

std::optional<int64_t> OptionalLong(const AvroDatum& d) {
  if (d.is_null()) return std::nullopt;
  return d.long_value();
}

std::optional<int32_t> OptionalInt(const AvroDatum& d) {
  if (d.is_null()) return std::nullopt;
  return d.int_value();
}

std::optional<std::string> OptionalBytes(const AvroDatum& d) {
  if (d.is_null()) return std::nullopt;
  return std::string(d.bytes_value());
}

Result<ManifestFile> ReadManifestFile(const AvroDatum& r) {
  ManifestFile m;
  m.manifest_path = std::string(r.field(kPath).bytes_value());
  m.manifest_length = r.field(kLength).long_value();
  m.partition_spec_id = r.field(kSpecId).int_value();
  FLOE_ASSIGN_OR_RETURN(m.content, ManifestContentFromInt(r.field(kContent).int_value()));
  m.sequence_number = r.field(kSequenceNumber).long_value();
  m.min_sequence_number = r.field(kMinSequenceNumber).long_value();
  if (r.field(kAddedSnapshotId).is_null()) {
    return Status::InvalidArgument("'{}': added_snapshot_id is null", m.manifest_path);
  }
  m.added_snapshot_id = r.field(kAddedSnapshotId).long_value();
  m.added_files_count = OptionalInt(r.field(kAddedFiles));
  m.existing_files_count = OptionalInt(r.field(kExistingFiles));
  m.deleted_files_count = OptionalInt(r.field(kDeletedFiles));
  m.added_rows_count = OptionalLong(r.field(kAddedRows));
  m.existing_rows_count = OptionalLong(r.field(kExistingRows));
  m.deleted_rows_count = OptionalLong(r.field(kDeletedRows));
  if (!r.field(kPartitions).is_null()) {
    std::vector<PartitionFieldSummary> summaries;
    for (const AvroDatum& s : r.field(kPartitions).items()) {
      PartitionFieldSummary summary;
      summary.contains_null = s.field(0).boolean_value();
      if (!s.field(1).is_null()) summary.contains_nan = s.field(1).boolean_value();
      summary.lower_bound = OptionalBytes(s.field(2));
      summary.upper_bound = OptionalBytes(s.field(3));
      summaries.push_back(std::move(summary));
    }
    m.partitions = std::move(summaries);
  }
  m.key_metadata = OptionalBytes(r.field(kKeyMetadata));
  m.first_row_id = OptionalLong(r.field(kFirstRowId));

  if (m.manifest_path.empty()) return Status::InvalidArgument("empty manifest_path");
  auto negative = [&](std::string_view what, int64_t v) {
    return Status::InvalidArgument("'{}': {} {} is negative", m.manifest_path, what, v);
  };
  if (m.manifest_length < 0) return negative("manifest_length", m.manifest_length);
  const std::pair<std::string_view, std::optional<int64_t>> counts[] = {
      {"added_files_count", m.added_files_count},
      {"existing_files_count", m.existing_files_count},
      {"deleted_files_count", m.deleted_files_count},
      {"added_rows_count", m.added_rows_count},
      {"existing_rows_count", m.existing_rows_count},
      {"deleted_rows_count", m.deleted_rows_count}};
  for (const auto& [name, v] : counts) {
    if (v.has_value() && *v < 0) return negative(name, *v);
  }
  return m;
}

// A header value as a long; nullopt when absent, "null" or not a long (the values are
// informational: readers go by the table metadata's).
std::optional<int64_t> HeaderLong(const avro::AvroReader& reader, std::string_view key) {
  auto text = reader.metadata_value(key);
  if (!text.has_value()) return std::nullopt;
  int64_t value = 0;
  auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (ec != std::errc() || end != text->data() + text->size()) return std::nullopt;
  return value;
}

bool HasFieldId(const avro::AvroNode& record, int32_t id) {
  for (const auto& f : record.fields) {
    if (f.field_id == id) return true;
  }
  return false;
}

}  // namespace

Result<ManifestList> ReadManifestList(FileIO& io, std::string_view location,
                                      const ManifestListReadOptions& options) {
  auto fail = [&](const Status& st) { return IcebergContext(st, "manifest list {}", location); };
  avro::AvroReaderOptions avro_options;
  avro_options.reader_schema = ReaderSchema();
  avro_options.decoder_cache = options.decoder_cache;
  auto opened = avro::AvroReader::Open(io, location, avro_options);
  if (!opened.has_value()) return fail(opened.error());
  avro::AvroReader& reader = **opened;

  ManifestList list;
  list.metadata = reader.metadata();
  list.snapshot_id = HeaderLong(reader, "snapshot-id");
  list.parent_snapshot_id = HeaderLong(reader, "parent-snapshot-id");
  list.sequence_number = HeaderLong(reader, "sequence-number");
  list.first_row_id = HeaderLong(reader, "first-row-id");
  const std::optional<int64_t> version = HeaderLong(reader, "format-version");
  if (version.has_value()) {
    if (*version < 1 || *version > 3) {
      return Status::NotSupported("iceberg: manifest list {}: format version {} is not 1, 2 or 3",
                                  location, *version);
    }
    list.format_version = static_cast<int>(*version);
  } else {
    const avro::AvroNode& root = reader.writer_schema()->root();
    list.format_version = HasFieldId(root, 520) ? 3 : HasFieldId(root, 515) ? 2 : 1;
  }

  avro::AvroRecordBatch batch;
  while (true) {
    auto more = reader.Next(batch);
    if (!more.has_value()) return fail(more.error());
    if (!*more) break;
    for (size_t i = 0; i < batch.size(); ++i) {
      auto manifest = ReadManifestFile(batch[i]);
      if (!manifest.has_value()) {
        return Status::Corruption("iceberg: manifest list {}: manifest {}: {}", location,
                                  list.manifests.size(), manifest.error().message());
      }
      list.manifests.push_back(std::move(manifest).value());
    }
  }
  return list;
}

Result<std::unique_ptr<ManifestListWriter>> ManifestListWriter::Make(
    FileIO& io, std::string_view location, const ManifestListWriterOptions& options) {
  auto fail = [&](const Status& st) { return IcebergContext(st, "manifest list {}", location); };
  auto json = ManifestListAvroSchema(options.format_version);
  if (!json.has_value()) return fail(json.error());
  if (options.format_version >= 3 && !options.first_row_id.has_value()) {
    return Status::InvalidArgument(
        "iceberg: manifest list {}: v3 needs the snapshot's first row id", location);
  }
  FLOE_ASSIGN_OR_RETURN(auto schema, AvroSchema::Parse(*json));
  avro::AvroWriterOptions avro_options;
  avro_options.codec = options.codec;
  avro_options.codec_level = options.codec_level;
  avro_options.mode = options.mode;
  avro_options.sync_marker = options.sync_marker;
  avro_options.metadata = {
      {"snapshot-id", std::to_string(options.snapshot_id)},
      {"parent-snapshot-id", options.parent_snapshot_id
                                 ? std::to_string(*options.parent_snapshot_id)
                                 : std::string("null")},
      {"sequence-number", std::to_string(options.sequence_number)},
  };
  if (options.format_version >= 3) {
    avro_options.metadata.emplace_back("first-row-id", std::to_string(*options.first_row_id));
  }
  avro_options.metadata.emplace_back("format-version", std::to_string(options.format_version));
  auto writer = avro::AvroWriter::Make(io, location, std::move(schema), avro_options);
  if (!writer.has_value()) return fail(writer.error());
  return std::make_unique<ManifestListWriter>(Token{}, std::move(writer).value(), options);
}

ManifestListWriter::ManifestListWriter(Token, std::unique_ptr<avro::AvroWriter> writer,
                                       const ManifestListWriterOptions& options)
    : writer_(std::move(writer)), options_(options) {
  if (options_.format_version >= 3) next_row_id_ = options_.first_row_id;
}

ManifestListWriter::~ManifestListWriter() {
  if (writer_ != nullptr) writer_->Abort().IgnoreError();
}

const std::string& ManifestListWriter::location() const { return writer_->location(); }

Result<ManifestFile> ManifestListWriter::Add(const ManifestFile& manifest) {
  auto fail = [&](std::string why) {
    return Status::InvalidArgument("iceberg: manifest list {}: manifest '{}': {}", location(),
                                   manifest.manifest_path, why);
  };
  ManifestFile m = manifest;
  if (!m.sequence_number.has_value() || !m.min_sequence_number.has_value()) {
    if (m.added_snapshot_id != options_.snapshot_id) {
      return fail(fmt::format(
          "it has no sequence number, and it was added by snapshot {}, not this one ({})",
          m.added_snapshot_id, options_.snapshot_id));
    }
    if (!m.sequence_number.has_value()) m.sequence_number = options_.sequence_number;
    if (!m.min_sequence_number.has_value()) m.min_sequence_number = options_.sequence_number;
  }
  if (!m.added_files_count || !m.existing_files_count || !m.deleted_files_count ||
      !m.added_rows_count || !m.existing_rows_count || !m.deleted_rows_count) {
    return fail(
        fmt::format("format version {} needs every file and row count", options_.format_version));
  }
  if (m.content == ManifestContent::kDeletes && m.first_row_id.has_value()) {
    return fail("a delete manifest has no first_row_id");
  }
  if (options_.format_version < 3 && m.first_row_id.has_value()) {
    return fail("first_row_id needs format version 3");
  }
  std::optional<int64_t> next_row_id = next_row_id_;
  if (options_.format_version >= 3 && m.content == ManifestContent::kData &&
      !m.first_row_id.has_value()) {
    m.first_row_id = *next_row_id;
    *next_row_id += *m.added_rows_count + *m.existing_rows_count;
  }

  std::vector<AvroDatum> summaries;
  if (m.partitions.has_value()) {
    summaries.reserve(m.partitions->size() * 5);
    for (const PartitionFieldSummary& s : *m.partitions) {
      summaries.push_back(AvroDatum::Boolean(s.contains_null));
      summaries.push_back(s.contains_nan ? AvroDatum::Boolean(*s.contains_nan) : AvroDatum::Null());
      summaries.push_back(s.lower_bound ? AvroDatum::Bytes(*s.lower_bound) : AvroDatum::Null());
      summaries.push_back(s.upper_bound ? AvroDatum::Bytes(*s.upper_bound) : AvroDatum::Null());
    }
    // Records after the fields they point into (the vector no longer grows).
    const size_t n = m.partitions->size();
    for (size_t i = 0; i < n; ++i) {
      summaries.push_back(AvroDatum::Record({summaries.data() + 4 * i, 4}));
    }
  }
  std::vector<AvroDatum> fields = {
      AvroDatum::String(m.manifest_path),
      AvroDatum::Long(m.manifest_length),
      AvroDatum::Int(m.partition_spec_id),
      AvroDatum::Int(static_cast<int32_t>(m.content)),
      AvroDatum::Long(*m.sequence_number),
      AvroDatum::Long(*m.min_sequence_number),
      AvroDatum::Long(m.added_snapshot_id),
      AvroDatum::Int(*m.added_files_count),
      AvroDatum::Int(*m.existing_files_count),
      AvroDatum::Int(*m.deleted_files_count),
      AvroDatum::Long(*m.added_rows_count),
      AvroDatum::Long(*m.existing_rows_count),
      AvroDatum::Long(*m.deleted_rows_count),
      m.partitions
          ? AvroDatum::Array({summaries.data() + 4 * m.partitions->size(), m.partitions->size()})
          : AvroDatum::Null(),
      m.key_metadata ? AvroDatum::Bytes(*m.key_metadata) : AvroDatum::Null(),
  };
  if (options_.format_version >= 3) {
    fields.push_back(m.first_row_id ? AvroDatum::Long(*m.first_row_id) : AvroDatum::Null());
  }
  Status st = writer_->Write(AvroDatum::Record(fields));
  if (!st.ok()) return IcebergContext(st, "manifest list {}", location());
  next_row_id_ = next_row_id;
  ++manifests_;
  return m;
}

Result<ManifestListResult> ManifestListWriter::Close() {
  FLOE_RETURN_NOT_OK(writer_->Close());
  ManifestListResult result;
  result.location = writer_->location();
  result.length = writer_->bytes_written();
  result.manifests = manifests_;
  result.next_row_id = next_row_id_;
  return result;
}

Status ManifestListWriter::Abort() { return writer_->Abort(); }

}  // namespace floe::iceberg
