// Every manifest list and manifest that every table of the shared corpus references (Spark,
// Flink, Hive, Impala, Trino, PyIceberg, DuckDB, the Java API; v1, v2, v3; ORC, Avro and
// Parquet data; position, equality and deletion-vector deletes) is read with the table's own
// partition specs and schema, found through its metadata JSON and LocationMappingFileIO, and
// checked for consistency: the manifest list's counts and partition summaries against the
// entries, every partition tuple against its transforms, the delete files of the current
// snapshot against tables.json; and every record against python3-avro's reading of the same
// file. icebird's manifest and manifest list, decoded to JSON upstream, are a known answer.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>

#include "common/utf8.h"
#include "formats/compression/codec.h"
#include "iceberg/manifest_list.h"
#include "iceberg/manifest_reader.h"
#include "iceberg/partition_summary.h"
#include "iceberg/schema_json.h"
#include "iceberg/single_value.h"
#include "io/local_file_io.h"
#include "io/location_mapping_file_io.h"
#include "util/avro_peer.h"
#include "util/corpus.h"
#include "util/test_macros.h"
#include "vector/value_compare.h"

namespace floe::iceberg {
namespace {

namespace fs = std::filesystem;
using NJson = nlohmann::json;

Result<std::string> ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IOError("cannot open {}", path.string());
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// A metadata file's text, gunzipped when it is gzip-compressed (*.gz.metadata.json).
Result<std::string> ReadMetadataText(const fs::path& path) {
  FLOE_ASSIGN_OR_RETURN(std::string bytes, ReadFile(path));
  if (bytes.size() < 18 || static_cast<unsigned char>(bytes[0]) != 0x1f ||
      static_cast<unsigned char>(bytes[1]) != 0x8b) {
    return bytes;
  }
  uint32_t size = 0;  // ISIZE: the last 4 bytes, little-endian
  for (int i = 0; i < 4; ++i) {
    size |= static_cast<uint32_t>(static_cast<unsigned char>(bytes[bytes.size() - 4 + i]))
            << (8 * i);
  }
  FLOE_ASSIGN_OR_RETURN(auto codec, Codec::Make(CompressionKind::kGzip));
  std::string text(size, '\0');
  FLOE_RETURN_NOT_OK(codec->Decompress(
      std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()),
      std::span<uint8_t>(reinterpret_cast<uint8_t*>(text.data()), text.size())));
  return text;
}

// What this test needs of a table's metadata JSON (the table-metadata parser lives elsewhere).
struct Snapshot {
  int64_t id = 0;
  std::optional<int64_t> sequence_number;
  std::optional<std::string> manifest_list;
  std::vector<std::string> manifests;  // v1 snapshots without a manifest list
};

struct TableMetadata {
  int format_version = 1;
  std::optional<int64_t> current_snapshot_id;
  std::optional<Schema> schema;  // the current one
  std::map<int32_t, PartitionSpec> specs;
  std::vector<Snapshot> snapshots;
  std::set<std::string> statistics_files;  // table and partition statistics
};

// A snapshot id; one hand-made corpus table has an id beyond the long range, which wraps (as
// Jackson's asLong does in Iceberg's Java parser).
Result<std::optional<int64_t>> SnapshotId(const Json& j, std::string_view key) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return std::optional<int64_t>();
  if (it->is_number_unsigned() && it->get<uint64_t>() > uint64_t{INT64_MAX}) {
    return std::optional<int64_t>(static_cast<int64_t>(it->get<uint64_t>()));
  }
  FLOE_ASSIGN_OR_RETURN(int64_t id, JsonToInt64(*it, key));
  return std::optional<int64_t>(id);
}

Result<TableMetadata> ParseTableMetadata(const Json& j) {
  TableMetadata t;
  FLOE_ASSIGN_OR_RETURN(t.format_version, GetInt32(j, "format-version"));
  FLOE_ASSIGN_OR_RETURN(t.current_snapshot_id, SnapshotId(j, "current-snapshot-id"));
  if (t.current_snapshot_id == -1) t.current_snapshot_id.reset();
  FLOE_ASSIGN_OR_RETURN(auto current_schema_id, GetOptionalInt32(j, "current-schema-id"));
  if (auto it = j.find("schemas"); it != j.end() && it->is_array()) {
    for (const Json& s : *it) {
      FLOE_ASSIGN_OR_RETURN(Schema schema, SchemaFromJson(s));
      if (!t.schema.has_value() || schema.schema_id() == current_schema_id) t.schema = schema;
    }
  }
  if (!t.schema.has_value()) {
    FLOE_ASSIGN_OR_RETURN(const Json* s, GetObject(j, "schema"));
    FLOE_ASSIGN_OR_RETURN(t.schema, SchemaFromJson(*s));
  }
  if (auto it = j.find("partition-specs"); it != j.end() && it->is_array()) {
    for (const Json& s : *it) {
      FLOE_ASSIGN_OR_RETURN(PartitionSpec spec, PartitionSpecFromJson(s));
      t.specs.emplace(spec.spec_id(), spec);
    }
  } else if (auto old = j.find("partition-spec"); old != j.end()) {
    FLOE_ASSIGN_OR_RETURN(PartitionSpec spec, PartitionSpecFromFieldsJson(*old, 0));
    t.specs.emplace(0, spec);
  }
  for (const char* key : {"statistics", "partition-statistics"}) {
    if (auto it = j.find(key); it != j.end() && it->is_array()) {
      for (const Json& s : *it) {
        FLOE_ASSIGN_OR_RETURN(std::string path, GetString(s, "statistics-path"));
        t.statistics_files.insert(std::move(path));
      }
    }
  }
  if (auto it = j.find("snapshots"); it != j.end() && it->is_array()) {
    for (const Json& s : *it) {
      Snapshot snap;
      FLOE_ASSIGN_OR_RETURN(auto id, SnapshotId(s, "snapshot-id"));
      if (!id.has_value()) return Status::InvalidArgument("a snapshot without snapshot-id");
      snap.id = *id;
      FLOE_ASSIGN_OR_RETURN(snap.sequence_number, GetOptionalInt64(s, "sequence-number"));
      FLOE_ASSIGN_OR_RETURN(snap.manifest_list, GetOptionalString(s, "manifest-list"));
      if (auto m = s.find("manifests"); m != s.end() && m->is_array()) {
        for (const Json& path : *m) snap.manifests.push_back(path.get<std::string>());
      }
      t.snapshots.push_back(std::move(snap));
    }
  }
  return t;
}

struct ReadManifest {
  std::string table;
  std::string local_path;
  ManifestFile file;  // from the manifest list (or a stand-in for v1 "manifests")
  bool from_list = true;
  Type partition_type = Type::Unknown();
  std::optional<PartitionSpec> spec;
  std::vector<ManifestEntry> entries;
};

struct ReadList {
  std::string table;
  std::string local_path;
  int64_t snapshot_id = 0;
  ManifestList list;
};

struct CorpusRead {
  int tables = 0;
  int tables_with_snapshots = 0;
  std::vector<ReadList> lists;
  std::vector<ReadManifest> manifests;
  std::vector<std::string> failures;
  std::vector<std::string> missing;  // referenced files not in the corpus (NotFound)
  // Manifest lists that disagree with their manifests or their snapshot, by table.
  std::map<std::string, std::vector<std::string>> anomalies;
  // Snapshot ids that the metadata JSON holds rounded to a double's 53 bits.
  int rounded_snapshot_ids = 0;
  // Delete files of the tables' current snapshots: every entry, and the live ones.
  int64_t current_delete_files = 0;
  int64_t current_live_delete_files = 0;
  int64_t referenced_files = 0;
  int64_t entries = 0;
  int64_t data_files = 0;
  int64_t delete_files = 0;
  int64_t null_sequence_numbers = 0;  // live entries left without one
  int64_t partition_values = 0;
  int64_t bounds_decoded = 0;
};

// Whether `v` can be a value of partition field `field` (transform-specific ranges).
Status CheckPartitionValue(const PartitionField& field, const Value& v) {
  if (v.is_null()) return Status::OK();
  const Transform& t = field.transform;
  switch (t.kind()) {
    case TransformKind::kBucket:
      if (v.GetInt64() < 0 || v.GetInt64() >= t.param()) {
        return Status::Corruption("bucket {} is outside [0, {})", v.GetInt64(), t.param());
      }
      break;
    case TransformKind::kTruncate:
      switch (v.type().id()) {
        case TypeId::kInt32:
        case TypeId::kInt64:
          if (v.GetInt64() % t.param() != 0) {
            return Status::Corruption("{} is not truncated to a multiple of {}", v.GetInt64(),
                                      t.param());
          }
          break;
        case TypeId::kString:
          if (Utf8PrefixCodePoints(v.GetString(), t.param()).size() != v.GetString().size()) {
            return Status::Corruption("'{}' is longer than {} code points", v.GetString(),
                                      t.param());
          }
          break;
        case TypeId::kBinary:
          if (v.GetString().size() > static_cast<size_t>(t.param())) {
            return Status::Corruption("{} bytes is longer than {}", v.GetString().size(),
                                      t.param());
          }
          break;
        default:
          break;
      }
      break;
    case TransformKind::kVoid:
      return Status::Corruption("a void transform's value is not null: {}", v.ToString());
    default:
      break;
  }
  return Status::OK();
}

// Checks a manifest's entries against themselves, their spec and their manifest list entry;
// disagreements between the list and the manifest go to `anomalies`.
Status CheckManifest(const ReadManifest& m, const TableMetadata& t, CorpusRead& out,
                     std::vector<std::string>& anomalies) {
  const ManifestFile& f = m.file;
  int32_t files[3] = {0, 0, 0};
  int64_t rows[3] = {0, 0, 0};
  std::optional<int64_t> min_live_sequence;
  for (size_t i = 0; i < m.entries.size(); ++i) {
    const ManifestEntry& e = m.entries[i];
    auto fail = [&](const Status& st) { return st.WithContext("entry {}", i); };
    const DataFile& d = e.data_file;
    if (d.record_count < 0) return fail(Status::Corruption("record_count {}", d.record_count));
    if (d.file_size_in_bytes <= 0) {
      return fail(Status::Corruption("file_size_in_bytes {}", d.file_size_in_bytes));
    }
    if (!e.snapshot_id.has_value()) return fail(Status::Corruption("no snapshot id"));
    if (m.from_list && e.status == ManifestEntryStatus::kAdded &&
        *e.snapshot_id != f.added_snapshot_id) {
      anomalies.push_back(
          fmt::format("{}: entry {}: ADDED by snapshot {} in a manifest added by {}",
                      f.manifest_path, i, *e.snapshot_id, f.added_snapshot_id));
    }
    if (e.is_live()) {
      if (!e.sequence_number.has_value()) {
        ++out.null_sequence_numbers;
      } else if (!min_live_sequence || *e.sequence_number < *min_live_sequence) {
        min_live_sequence = e.sequence_number;
      }
    }
    FLOE_RETURN_NOT_OK(fail(CheckPartitionTuple(m.partition_type, d.partition)));
    if (m.spec.has_value()) {
      if (d.partition.size() != m.spec->fields().size()) {
        return fail(Status::Corruption("{} partition values for {} fields", d.partition.size(),
                                       m.spec->fields().size()));
      }
      for (size_t p = 0; p < d.partition.size(); ++p) {
        Status st = CheckPartitionValue(m.spec->fields()[p], d.partition[p]);
        if (!st.ok()) {
          return fail(st.WithContext("partition field '{}'", m.spec->fields()[p].name));
        }
      }
    }
    out.partition_values += static_cast<int64_t>(d.partition.size());
    // Bounds of columns the current schema still has decode as that column's type.
    for (const ColumnBounds* bounds : {&d.lower_bounds, &d.upper_bounds}) {
      for (const auto& [id, bytes] : *bounds) {
        const NestedField* field = t.schema->FindFieldById(id);
        if (field == nullptr || !field->type.is_primitive() ||
            field->type.kind() == TypeKind::kVariant || field->type.kind() == TypeKind::kGeometry ||
            field->type.kind() == TypeKind::kGeography ||
            field->type.kind() == TypeKind::kUnknown) {
          continue;
        }
        auto value = DecodeColumnBound(*t.schema, id, bytes);
        if (!value.has_value()) return fail(value.error());
        ++out.bounds_decoded;
      }
    }
    const auto s = static_cast<size_t>(e.status);
    ++files[s];
    rows[s] += d.record_count;
    if (d.content == DataFileContent::kData) {
      ++out.data_files;
    } else {
      ++out.delete_files;
    }
  }
  if (!m.from_list) return Status::OK();
  // The manifest list's counts describe exactly these entries.
  const std::pair<std::optional<int64_t>, int64_t> counts[] = {
      {f.existing_files_count, files[0]}, {f.added_files_count, files[1]},
      {f.deleted_files_count, files[2]},  {f.existing_rows_count, rows[0]},
      {f.added_rows_count, rows[1]},      {f.deleted_rows_count, rows[2]}};
  for (const auto& [listed, counted] : counts) {
    if (listed.has_value() && *listed != counted) {
      anomalies.push_back(fmt::format(
          "the manifest list counts {} {}/{}/{} files and {}/{}/{} rows (existing/added/deleted), "
          "the manifest has {}/{}/{} and {}/{}/{}",
          f.manifest_path, f.existing_files_count.value_or(-1), f.added_files_count.value_or(-1),
          f.deleted_files_count.value_or(-1), f.existing_rows_count.value_or(-1),
          f.added_rows_count.value_or(-1), f.deleted_rows_count.value_or(-1), files[0], files[1],
          files[2], rows[0], rows[1], rows[2]));
      break;
    }
  }
  if (min_live_sequence && f.min_sequence_number && *f.min_sequence_number > *min_live_sequence) {
    anomalies.push_back(fmt::format("{}: min_sequence_number {} but a live entry has {}",
                                    f.manifest_path, *f.min_sequence_number, *min_live_sequence));
  }
  // Partition summaries bound the tuples.
  if (f.partitions.has_value() && !m.entries.empty()) {
    const auto& fields = m.partition_type.fields();
    if (f.partitions->size() != fields.size()) {
      return Status::Corruption("{} partition summaries for {} fields", f.partitions->size(),
                                fields.size());
    }
    for (size_t p = 0; p < fields.size(); ++p) {
      const PartitionFieldSummary& s = (*f.partitions)[p];
      auto lower = s.DecodeLowerBound(fields[p].type);
      auto upper = s.DecodeUpperBound(fields[p].type);
      if (!lower.has_value()) return lower.error().WithContext("summary of '{}'", fields[p].name);
      if (!upper.has_value()) return upper.error().WithContext("summary of '{}'", fields[p].name);
      bool any_null = false;
      for (const ManifestEntry& e : m.entries) {
        const Value& v = e.data_file.partition[p];
        if (v.is_null()) {
          any_null = true;
          continue;
        }
        if (IsNaN(v)) continue;
        auto below = *lower ? CompareValues(v, **lower) : std::nullopt;
        auto above = *upper ? CompareValues(v, **upper) : std::nullopt;
        if (!*lower || !*upper || (below && *below < 0) || (above && *above > 0)) {
          return Status::Corruption(
              "partition '{}': {} is outside the summary's [{}, {}]", fields[p].name, v.ToString(),
              *lower ? (*lower)->ToString() : "null", *upper ? (*upper)->ToString() : "null");
        }
      }
      if (any_null && !s.contains_null) {
        return Status::Corruption("partition '{}' has a null the summary denies", fields[p].name);
      }
    }
  }
  return Status::OK();
}

// Equal partition values, allowing the promotions between a file's type and the spec's (a float
// partition of a column now double reads 1.100000023841858 where the file's own type says 1.1).
bool SameValue(const Value& a, const Value& b) {
  if (a == b || a.ToString() == b.ToString()) return true;
  auto as_double = [](const Value& v) -> std::optional<double> {
    if (v.is_null()) return std::nullopt;
    if (v.type().id() == TypeId::kFloat) return static_cast<double>(v.GetFloat());
    if (v.type().id() == TypeId::kDouble) return v.GetDouble();
    return std::nullopt;
  };
  auto x = as_double(a);
  auto y = as_double(b);
  return x.has_value() && y.has_value() && *x == *y;
}

std::vector<LocationMapping> MappingsFor(const NJson& table, const std::string& root) {
  std::vector<LocationMapping> mappings;
  mappings.push_back({table["location_prefix"].get<std::string>(),
                      root + "/" + table["location_maps_to"].get<std::string>()});
  for (const NJson& extra : table["extra_prefix_maps"]) {
    mappings.push_back(
        {extra["from"].get<std::string>(), root + "/" + extra["to"].get<std::string>()});
  }
  return mappings;
}

void ReadTable(const NJson& table, const std::string& root, LocalFileIO& local,
               const std::shared_ptr<avro::AvroDecoderCache>& cache, CorpusRead& out) {
  const std::string name = table["path"].get<std::string>();
  ++out.tables;
  LocationMappingFileIO io(local, MappingsFor(table, root));
  auto failure = [&](const Status& st) { out.failures.push_back(name + ": " + st.ToString()); };
  const fs::path metadata_path = fs::path(root) / name / table["metadata_file"].get<std::string>();
  auto text = ReadMetadataText(metadata_path);
  if (!text.has_value()) return failure(text.error());
  auto json = ParseJson(*text, "table metadata");
  if (!json.has_value()) return failure(json.error());
  auto parsed = ParseTableMetadata(*json);
  if (!parsed.has_value()) return failure(parsed.error());
  const TableMetadata& t = *parsed;
  if (!t.snapshots.empty()) ++out.tables_with_snapshots;

  std::vector<std::string>& anomalies = out.anomalies[name];
  // Manifests read so far, by location: their index in out.manifests (nullopt: not read).
  std::map<std::string, std::optional<size_t>> read_index;
  std::map<std::string, int64_t> current_deletes;  // "position", "equality", "deletion_vector"
  auto count_current_deletes = [&](const std::string& path) {
    const auto& index = read_index[path];
    if (!index.has_value()) return;
    for (const ManifestEntry& e : out.manifests[*index].entries) {
      if (e.data_file.content == DataFileContent::kData) continue;
      const DataFile& d = e.data_file;
      out.current_live_delete_files += e.is_live() ? 1 : 0;
      ++current_deletes[d.is_deletion_vector()                           ? "deletion_vector"
                        : d.content == DataFileContent::kPositionDeletes ? "position"
                                                                         : "equality"];
    }
  };
  auto read_manifest = [&](const ManifestFile& file, bool from_list) {
    if (read_index.count(file.manifest_path) != 0) return;
    read_index[file.manifest_path] = std::nullopt;
    ReadManifest m;
    m.table = name;
    m.local_path = io.Map(file.manifest_path);
    m.file = file;
    m.from_list = from_list;
    ManifestReaderOptions options;
    options.schema = &*t.schema;
    auto spec = t.specs.find(file.partition_spec_id);
    if (spec != t.specs.end()) {
      options.spec = &spec->second;
      m.spec = spec->second;
    }
    options.decoder_cache = cache;
    auto reader = from_list ? ManifestReader::Open(io, file, options)
                            : ManifestReader::Open(io, file.manifest_path, options);
    if (!reader.has_value()) {
      if (reader.error().IsNotFound())
        return out.missing.push_back(name + ": " + file.manifest_path);
      return failure(reader.error());
    }
    m.partition_type = (*reader)->partition_type();
    // Read block by block, as planning does.
    while (true) {
      auto entries = (*reader)->Next();
      if (!entries.has_value()) return failure(entries.error());
      if (entries->empty()) break;
      for (ManifestEntry& e : *entries) m.entries.push_back(std::move(e));
    }
    out.entries += static_cast<int64_t>(m.entries.size());
    Status st = CheckManifest(m, t, out, anomalies);
    if (!st.ok()) return failure(st.WithContext("{}", file.manifest_path));

    // The same file read without the table's spec and schema (from its header, or its Avro
    // schema when the header is empty) gives the same tuples.
    auto bare = ManifestReader::Open(io, file.manifest_path);
    if (!bare.has_value()) return failure(bare.error().WithContext("read alone"));
    auto bare_entries = (*bare)->ReadAll();
    if (!bare_entries.has_value()) return failure(bare_entries.error().WithContext("read alone"));
    for (size_t i = 0; i < m.entries.size(); ++i) {
      const auto& a = m.entries[i].data_file.partition;
      const auto& b = (*bare_entries)[i].data_file.partition;
      for (size_t p = 0; p < a.size() && p < b.size(); ++p) {
        if (!SameValue(a[p], b[p])) {
          return failure(Status::Corruption(
              "{}: entry {}: partition field {} reads {} with the table's spec, {} alone",
              file.manifest_path, i, p, a[p].ToString(), b[p].ToString()));
        }
      }
    }
    read_index[file.manifest_path] = out.manifests.size();
    out.manifests.push_back(std::move(m));
  };

  for (const Snapshot& snap : t.snapshots) {
    const bool current = t.current_snapshot_id == snap.id;
    if (snap.manifest_list.has_value()) {
      ManifestListReadOptions options;
      options.decoder_cache = cache;
      auto list = ReadManifestList(io, *snap.manifest_list, options);
      if (!list.has_value()) {
        if (list.error().IsNotFound()) {
          out.missing.push_back(name + ": " + *snap.manifest_list);
          continue;
        }
        failure(list.error());
        continue;
      }
      if (list->snapshot_id.has_value() && *list->snapshot_id != snap.id) {
        if (static_cast<double>(*list->snapshot_id) == static_cast<double>(snap.id)) {
          ++out.rounded_snapshot_ids;
        } else {
          failure(Status::Corruption("{}: header snapshot-id {} for snapshot {}",
                                     *snap.manifest_list, *list->snapshot_id, snap.id));
        }
      }
      if (list->sequence_number.has_value() && snap.sequence_number.has_value() &&
          *list->sequence_number != *snap.sequence_number) {
        failure(Status::Corruption("{}: header sequence-number {} for snapshot sequence {}",
                                   *snap.manifest_list, *list->sequence_number,
                                   *snap.sequence_number));
      }
      for (const ManifestFile& file : list->manifests) {
        if (file.sequence_number.has_value() && snap.sequence_number.has_value() &&
            *file.sequence_number > *snap.sequence_number) {
          anomalies.push_back(fmt::format("{}: manifest sequence number {} after its snapshot's {}",
                                          file.manifest_path, *file.sequence_number,
                                          *snap.sequence_number));
        }
        read_manifest(file, true);
        if (current && file.content == ManifestContent::kDeletes) {
          count_current_deletes(file.manifest_path);
        }
      }
      out.lists.push_back({name, io.Map(*snap.manifest_list), snap.id, std::move(list).value()});
    } else {
      for (const std::string& path : snap.manifests) {
        ManifestFile file;
        file.manifest_path = path;
        file.sequence_number = 0;
        file.added_snapshot_id = snap.id;
        read_manifest(file, false);
        if (current) count_current_deletes(path);
      }
    }
  }
  // The files the metadata references, as tables.json counts them: manifest lists, manifests,
  // data and delete files (distinct paths), statistics files.
  std::set<std::string> list_paths;
  std::set<std::string> file_paths;
  for (const Snapshot& snap : t.snapshots) {
    if (snap.manifest_list.has_value()) list_paths.insert(*snap.manifest_list);
  }
  for (const auto& [path, index] : read_index) {
    if (!index.has_value()) continue;
    for (const ManifestEntry& e : out.manifests[*index].entries) {
      file_paths.insert(e.data_file.file_path);
    }
  }
  const size_t referenced =
      list_paths.size() + read_index.size() + file_paths.size() + t.statistics_files.size();
  if (referenced != table["referenced_files"].get<size_t>()) {
    failure(Status::Corruption(
        "{} files referenced ({} manifest lists, {} manifests, {} data and delete files, {} "
        "statistics files), tables.json says {}",
        referenced, list_paths.size(), read_index.size(), file_paths.size(),
        t.statistics_files.size(), table["referenced_files"].get<size_t>()));
  }
  out.referenced_files += static_cast<int64_t>(referenced);

  // Delete files of the current snapshot, as tables.json counts them: every entry of its delete
  // manifests, DELETED ones included (iceberg_spark_compaction_with_dangling_delete has one live
  // and one its compaction DELETED, and tables.json says 2).
  if (t.current_snapshot_id.has_value()) {
    for (const char* kind : {"position", "equality", "deletion_vector"}) {
      const int64_t expected = table["delete_files"][kind].get<int64_t>();
      out.current_delete_files += current_deletes[kind];
      if (current_deletes[kind] != expected) {
        failure(Status::Corruption("current snapshot: {} {} delete files, tables.json says {}",
                                   current_deletes[kind], kind, expected));
      }
    }
  }
}

const CorpusRead& ReadCorpus() {
  static const CorpusRead read = [] {
    CorpusRead out;
    const std::string root = *test::CorpusRoot();
    auto text = ReadFile(fs::path(root) / "tables.json");
    if (!text.has_value()) {
      out.failures.push_back("tables.json: " + text.error().ToString());
      return out;
    }
    const NJson tables = NJson::parse(*text, nullptr, false);
    if (tables.is_discarded() || !tables.contains("tables")) {
      out.failures.push_back("tables.json is not what this test expects");
      return out;
    }
    LocalFileIO local;
    auto cache = std::make_shared<avro::AvroDecoderCache>();
    for (const NJson& table : tables["tables"]) ReadTable(table, root, local, cache, out);
    return out;
  }();
  return read;
}

TEST(IcebergManifestCorpusTest, ReadsEveryManifestListAndManifestOfEveryTable) {
  FLOE_REQUIRE_CORPUS();
  const CorpusRead& read = ReadCorpus();
  for (const std::string& f : read.failures) ADD_FAILURE() << f;
  std::cout << "corpus: " << read.tables << " tables (" << read.tables_with_snapshots
            << " with snapshots), " << read.lists.size() << " manifest lists, "
            << read.manifests.size() << " manifests, " << read.entries << " entries ("
            << read.data_files << " data files, " << read.delete_files << " delete files), "
            << read.partition_values << " partition values, " << read.bounds_decoded
            << " column bounds decoded, " << read.null_sequence_numbers
            << " live entries without a sequence number; current snapshots: "
            << read.current_delete_files << " delete files (" << read.current_live_delete_files
            << " live); " << read.referenced_files
            << " files referenced, as tables.json counts them\n";
  for (const std::string& m : read.missing) std::cout << "  missing upstream: " << m << "\n";
  std::cout << "  snapshot ids the metadata JSON holds rounded to 53 bits (upstream): "
            << read.rounded_snapshot_ids << "\n";
  // Manifest lists that disagree with their manifests: only in tables made by hand upstream.
  const std::map<std::string, std::string> known = {
      {"iceberg/impala/iceberg_test/hadoop_catalog/ice/iceberg_v2_null_delete_record",
       "Impala's test table, assembled by hand: its manifest list's counts, sequence numbers and "
       "snapshot ids do not describe its manifests"}};
  for (const auto& [table, found] : read.anomalies) {
    if (found.empty()) continue;
    for (const std::string& a : found) std::cout << "  anomaly: " << table << ": " << a << "\n";
    EXPECT_TRUE(known.count(table) != 0)
        << table << ": its manifest lists disagree with its manifests: " << found[0];
  }
  for (const auto& [table, why] : known) {
    auto it = read.anomalies.find(table);
    EXPECT_TRUE(it != read.anomalies.end() && !it->second.empty())
        << table << " was expected to show its known anomaly (" << why << ")";
  }
  EXPECT_GE(read.tables, 80);
  EXPECT_GE(read.lists.size(), 150u);
  EXPECT_GE(read.manifests.size(), 150u);
  // The one manifest list tables.json says is missing upstream (equality_deletes/mytable).
  EXPECT_LE(read.missing.size(), 1u);
  EXPECT_EQ(read.null_sequence_numbers, 0);
}

// --- python3-avro reads the same files ---

#define REQUIRE_PYTHON_AVRO()                                                          \
  do {                                                                                 \
    auto _python = test::FindPythonAvro();                                             \
    if (!_python.has_value()) {                                                        \
      GTEST_SKIP() << "python3-avro is not available, so manifests cannot be checked " \
                      "against it: "                                                   \
                   << _python.error().message();                                       \
    }                                                                                  \
  } while (false)

std::string Hex(std::string_view bytes) {
  std::string out;
  for (unsigned char c : bytes) out += fmt::format("{:02x}", c);
  return out;
}

std::string Unhex(const std::string& hex) {
  std::string out;
  for (size_t i = 0; i + 1 < hex.size(); i += 2) {
    out.push_back(static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16)));
  }
  return out;
}

// A record's field by any of its names (writers name some differently).
const NJson* Member(const NJson& record, std::initializer_list<const char*> names) {
  for (const char* n : names) {
    auto it = record.find(n);
    if (it != record.end()) return &*it;
  }
  return nullptr;
}

NJson OrNull(const NJson* j) { return j == nullptr ? NJson() : *j; }

// Whether python's raw Avro value of a partition field equals Floe's Value.
bool RawEquals(const NJson& raw, const Value& v, const Type& type) {
  if (raw.is_null()) return v.is_null();
  if (v.is_null()) return false;
  if (raw.is_boolean()) return v.GetBool() == raw.get<bool>();
  if (raw.is_number_integer()) {
    if (type.kind() == TypeKind::kDouble || type.kind() == TypeKind::kFloat) {
      return v.GetDouble() == raw.get<double>();
    }
    return v.GetInt64() == raw.get<int64_t>();
  }
  if (raw.is_number_float() || raw == "NaN" || raw == "Infinity" || raw == "-Infinity") {
    const double d = raw.is_string()
                         ? (raw == "NaN"        ? std::nan("")
                            : raw == "Infinity" ? std::numeric_limits<double>::infinity()
                                                : -std::numeric_limits<double>::infinity())
                         : raw.get<double>();
    const double ours = type.kind() == TypeKind::kFloat ? v.GetFloat() : v.GetDouble();
    return (std::isnan(d) && std::isnan(ours)) || d == ours;
  }
  if (raw.is_string()) return v.GetString() == raw.get<std::string>();
  if (raw.is_object() && raw.contains("$bytes")) {
    const std::string bytes = Unhex(raw["$bytes"].get<std::string>());
    if (type.kind() == TypeKind::kDecimal) {
      auto parsed = SingleValueFromBinary(type, bytes);
      return parsed.has_value() && *parsed == v;
    }
    return v.GetString() == bytes;
  }
  return false;
}

// Pairs {key, value} of a python map array, as Floe sorts them.
template <typename V>
std::vector<std::pair<int32_t, V>> RawPairs(const NJson* raw) {
  std::vector<std::pair<int32_t, V>> out;
  if (raw == nullptr || raw->is_null()) return out;
  for (const NJson& kv : *raw) {
    if constexpr (std::is_same_v<V, std::string>) {
      out.emplace_back(kv["key"].get<int32_t>(), Unhex(kv["value"]["$bytes"].get<std::string>()));
    } else {
      out.emplace_back(kv["key"].get<int32_t>(), kv["value"].get<V>());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

// A record type's JSON, or the record branch of a union.
const NJson& RecordOf(const NJson& type) {
  if (type.is_array()) {
    for (const NJson& b : type) {
      if (b.is_object()) return b;
    }
  }
  return type;
}

// The writer's partition field names by field id, from python's hex "avro.schema".
std::map<int32_t, std::string> WriterPartitionNames(const NJson& peer) {
  std::map<int32_t, std::string> names;
  const NJson schema = NJson::parse(Unhex(peer["meta"]["avro.schema"].get<std::string>()));
  for (const NJson& f : schema["fields"]) {
    if (f.value("field-id", -1) != 2 && f["name"] != "data_file") continue;
    for (const NJson& g : RecordOf(f["type"])["fields"]) {
      if (g.value("field-id", -1) != 102 && g["name"] != "partition") continue;
      int i = 0;
      for (const NJson& p : RecordOf(g["type"])["fields"]) {
        names[p.value("field-id", PartitionSpec::kFirstFieldId + i)] = p["name"];
        ++i;
      }
    }
  }
  return names;
}

std::vector<std::string> CompareList(const ReadList& ours, const NJson& peer) {
  std::vector<std::string> diffs;
  const auto& records = peer["records"];
  if (records.size() != ours.list.manifests.size()) {
    return {fmt::format("{} records, Floe read {}", records.size(), ours.list.manifests.size())};
  }
  for (size_t i = 0; i < records.size(); ++i) {
    const NJson& r = records[i];
    const ManifestFile& m = ours.list.manifests[i];
    auto expect = [&](const char* what, const NJson& got, const NJson& want) {
      if (got != want) {
        diffs.push_back(
            fmt::format("manifest {}: {}: python {} Floe {}", i, what, got.dump(), want.dump()));
      }
    };
    auto opt = [](const auto& v) { return v.has_value() ? NJson(*v) : NJson(); };
    expect("manifest_path", r["manifest_path"], m.manifest_path);
    expect("manifest_length", r["manifest_length"], m.manifest_length);
    expect("partition_spec_id", r["partition_spec_id"], m.partition_spec_id);
    expect("content", r.value("content", NJson(0)), static_cast<int>(m.content));
    expect("sequence_number", r.value("sequence_number", NJson(0)), opt(m.sequence_number));
    expect("min_sequence_number", r.value("min_sequence_number", NJson(0)),
           opt(m.min_sequence_number));
    expect("added_snapshot_id", r["added_snapshot_id"], m.added_snapshot_id);
    expect("added_files_count", OrNull(Member(r, {"added_files_count", "added_data_files_count"})),
           opt(m.added_files_count));
    expect("existing_files_count",
           OrNull(Member(r, {"existing_files_count", "existing_data_files_count"})),
           opt(m.existing_files_count));
    expect("deleted_files_count",
           OrNull(Member(r, {"deleted_files_count", "deleted_data_files_count"})),
           opt(m.deleted_files_count));
    expect("added_rows_count", OrNull(Member(r, {"added_rows_count"})), opt(m.added_rows_count));
    expect("existing_rows_count", OrNull(Member(r, {"existing_rows_count"})),
           opt(m.existing_rows_count));
    expect("deleted_rows_count", OrNull(Member(r, {"deleted_rows_count"})),
           opt(m.deleted_rows_count));
    expect("first_row_id", OrNull(Member(r, {"first_row_id"})), opt(m.first_row_id));
    NJson summaries;
    if (m.partitions.has_value()) {
      summaries = NJson::array();
      for (const auto& s : *m.partitions) {
        NJson j = {{"contains_null", s.contains_null}};
        j["contains_nan"] = opt(s.contains_nan);
        j["lower_bound"] = s.lower_bound ? NJson{{"$bytes", Hex(*s.lower_bound)}} : NJson();
        j["upper_bound"] = s.upper_bound ? NJson{{"$bytes", Hex(*s.upper_bound)}} : NJson();
        summaries.push_back(std::move(j));
      }
    }
    NJson peer_summaries = OrNull(Member(r, {"partitions"}));
    for (NJson& s : peer_summaries) {
      if (!s.contains("contains_nan")) s["contains_nan"] = nullptr;
    }
    expect("partitions", peer_summaries, summaries);
  }
  return diffs;
}

std::vector<std::string> CompareManifest(const ReadManifest& ours, const NJson& peer) {
  std::vector<std::string> diffs;
  const auto& records = peer["records"];
  if (records.size() != ours.entries.size()) {
    return {fmt::format("{} records, Floe read {}", records.size(), ours.entries.size())};
  }
  const auto names = WriterPartitionNames(peer);
  const ManifestFile& f = ours.file;
  for (size_t i = 0; i < records.size(); ++i) {
    const NJson& r = records[i];
    const NJson& df = r["data_file"];
    const ManifestEntry& e = ours.entries[i];
    const DataFile& d = e.data_file;
    auto diff = [&](std::string what) { diffs.push_back(fmt::format("entry {}: {}", i, what)); };
    auto expect = [&](const char* what, const NJson& got, const NJson& want) {
      if (got != want) diff(fmt::format("{}: python {} Floe {}", what, got.dump(), want.dump()));
    };
    auto opt = [](const auto& v) { return v.has_value() ? NJson(*v) : NJson(); };
    expect("status", r["status"], static_cast<int>(e.status));
    // Written values are Floe's; nulls were inherited from the manifest list entry.
    const NJson snapshot_id = OrNull(Member(r, {"snapshot_id"}));
    expect("snapshot_id", snapshot_id.is_null() ? NJson(f.added_snapshot_id) : snapshot_id,
           opt(e.snapshot_id));
    for (auto [name, value] : {std::pair{"sequence_number", &e.sequence_number},
                               std::pair{"file_sequence_number", &e.file_sequence_number}}) {
      const NJson raw = OrNull(Member(r, {name}));
      const bool inherits = e.status == ManifestEntryStatus::kAdded || f.sequence_number == 0;
      expect(name, raw.is_null() && inherits ? opt(f.sequence_number) : raw, opt(*value));
    }
    expect("content", df.value("content", NJson(0)), static_cast<int>(d.content));
    expect("file_path", df["file_path"], d.file_path);
    std::string format = df["file_format"].get<std::string>();
    for (char& c : format) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    expect("file_format", format, std::string(FileFormatName(d.file_format)));
    expect("record_count", df["record_count"], d.record_count);
    expect("file_size_in_bytes", df["file_size_in_bytes"], d.file_size_in_bytes);
    if (RawPairs<int64_t>(Member(df, {"column_sizes"})) != d.column_sizes) diff("column_sizes");
    if (RawPairs<int64_t>(Member(df, {"value_counts"})) != d.value_counts) diff("value_counts");
    if (RawPairs<int64_t>(Member(df, {"null_value_counts"})) != d.null_value_counts) {
      diff("null_value_counts");
    }
    if (RawPairs<int64_t>(Member(df, {"nan_value_counts"})) != d.nan_value_counts) {
      diff("nan_value_counts");
    }
    if (RawPairs<std::string>(Member(df, {"lower_bounds"})) != d.lower_bounds) diff("lower_bounds");
    if (RawPairs<std::string>(Member(df, {"upper_bounds"})) != d.upper_bounds) diff("upper_bounds");
    const NJson key = OrNull(Member(df, {"key_metadata"}));
    expect("key_metadata", key.is_null() ? NJson() : NJson(Unhex(key["$bytes"])),
           opt(d.key_metadata));
    const NJson offsets = OrNull(Member(df, {"split_offsets"}));
    if (!d.split_offsets.empty() || offsets.is_null()) {
      expect("split_offsets", offsets.is_null() ? NJson::array() : offsets, d.split_offsets);
    }  // else Floe dropped offsets that are not ascending within the file
    const NJson eq = OrNull(Member(df, {"equality_ids"}));
    expect("equality_ids", eq.is_null() ? NJson::array() : eq, d.equality_ids);
    expect("sort_order_id", OrNull(Member(df, {"sort_order_id"})), opt(d.sort_order_id));
    expect("referenced_data_file", OrNull(Member(df, {"referenced_data_file"})),
           opt(d.referenced_data_file));
    expect("content_offset", OrNull(Member(df, {"content_offset"})), opt(d.content_offset));
    expect("content_size_in_bytes", OrNull(Member(df, {"content_size_in_bytes"})),
           opt(d.content_size_in_bytes));
    const NJson first_row_id = OrNull(Member(df, {"first_row_id"}));
    if (!first_row_id.is_null()) expect("first_row_id", first_row_id, opt(d.first_row_id));
    // The partition tuple, field by field id.
    const auto& fields = ours.partition_type.fields();
    for (size_t p = 0; p < fields.size(); ++p) {
      auto name = names.find(fields[p].id);
      const NJson& part = df["partition"];
      const NJson raw =
          name == names.end() || !part.is_object() ? NJson() : part.value(name->second, NJson());
      if (!RawEquals(raw, d.partition[p], fields[p].type)) {
        diff(fmt::format("partition field {} '{}': python {} Floe {}", fields[p].id, fields[p].name,
                         raw.dump(), d.partition[p].ToString()));
      }
    }
  }
  return diffs;
}

TEST(IcebergManifestCorpusTest, EveryRecordAgreesWithPythonAvro) {
  FLOE_REQUIRE_CORPUS();
  REQUIRE_PYTHON_AVRO();
  const CorpusRead& read = ReadCorpus();
  std::vector<std::string> paths;
  for (const ReadList& l : read.lists) paths.push_back(l.local_path);
  for (const ReadManifest& m : read.manifests) paths.push_back(m.local_path);
  ASSERT_OK_AND_ASSIGN(auto peer, test::ReadWithPythonAvro(paths));
  ASSERT_EQ(peer.size(), paths.size());
  int64_t records = 0;
  size_t i = 0;
  auto report = [&](const std::string& path, const std::vector<std::string>& diffs) {
    for (size_t k = 0; k < diffs.size() && k < 5; ++k) ADD_FAILURE() << path << ": " << diffs[k];
  };
  for (const ReadList& l : read.lists) {
    const NJson& p = peer[i++];
    ASSERT_TRUE(p["ok"].get<bool>()) << l.local_path << ": " << p.dump();
    records += static_cast<int64_t>(p["records"].size());
    report(l.local_path, CompareList(l, p));
  }
  for (const ReadManifest& m : read.manifests) {
    const NJson& p = peer[i++];
    ASSERT_TRUE(p["ok"].get<bool>()) << m.local_path << ": " << p.dump();
    records += static_cast<int64_t>(p["records"].size());
    report(m.local_path, CompareManifest(m, p));
  }
  std::cout << "python3-avro agrees on " << paths.size() << " files, " << records << " records\n";
}

// icebird: a manifest and its manifest list with their records decoded to JSON upstream (by a
// JavaScript reader: the list's added_snapshot_id lost its low digits there, so it compares as a
// double).
TEST(IcebergManifestCorpusTest, IcebirdKnownAnswer) {
  FLOE_REQUIRE_CORPUS();
  const fs::path dir = fs::path(*test::CorpusRoot()) / "iceberg" / "icebird" / "files";
  const std::string stem = "a85973e4-4009-4cba-875e-5278a2c6027d";
  const std::string list_path = (dir / ("snap-8656952484400131532-1-" + stem + ".avro")).string();
  const std::string manifest_path = (dir / (stem + "-m0.avro")).string();
  auto load = [](const fs::path& p) { return NJson::parse(ReadFile(p).value()); };
  const NJson list_json = load(dir / ("snap-8656952484400131532-1-" + stem + ".json"));
  const NJson manifest_json = load(dir / (stem + "-m0.json"));
  const NJson header = load(dir / (stem + "-m0.metadata.json"))["metadata"];

  LocalFileIO io;
  ASSERT_OK_AND_ASSIGN(ManifestList list, ReadManifestList(io, list_path));
  ASSERT_EQ(list.manifests.size(), list_json.size());
  const ManifestFile& m = list.manifests[0];
  const NJson& lj = list_json[0];
  EXPECT_EQ(m.manifest_path, lj["manifest_path"]);
  EXPECT_EQ(m.manifest_length, lj["manifest_length"]);
  EXPECT_EQ(m.partition_spec_id, lj["partition_spec_id"]);
  EXPECT_EQ(static_cast<int>(m.content), lj["content"]);
  EXPECT_EQ(m.sequence_number, lj["sequence_number"].get<int64_t>());
  EXPECT_EQ(m.min_sequence_number, lj["min_sequence_number"].get<int64_t>());
  EXPECT_EQ(static_cast<double>(m.added_snapshot_id), lj["added_snapshot_id"].get<double>());
  EXPECT_EQ(m.added_files_count, lj["added_data_files_count"].get<int32_t>());
  EXPECT_EQ(m.existing_files_count, lj["existing_data_files_count"].get<int32_t>());
  EXPECT_EQ(m.deleted_files_count, lj["deleted_data_files_count"].get<int32_t>());
  EXPECT_EQ(m.added_rows_count, lj["added_rows_count"].get<int64_t>());
  EXPECT_EQ(m.existing_rows_count, lj["existing_rows_count"].get<int64_t>());
  EXPECT_EQ(m.deleted_rows_count, lj["deleted_rows_count"].get<int64_t>());
  ASSERT_TRUE(m.partitions.has_value());
  EXPECT_EQ(m.partitions->size(), lj["partitions"].size());

  // The manifest: its list entry's path is an s3a:// location; read the local copy with it.
  ManifestFile local = m;
  local.manifest_path = manifest_path;
  ASSERT_OK_AND_ASSIGN(auto reader, ManifestReader::Open(io, local));
  EXPECT_EQ(reader->format_version(), std::stoi(header["format-version"].get<std::string>()));
  EXPECT_EQ(std::string(ManifestContentName(reader->content())), header["content"]);
  EXPECT_EQ(reader->spec_id(), std::stoi(header["partition-spec-id"].get<std::string>()));
  ASSERT_TRUE(reader->schema().has_value());
  EXPECT_EQ(reader->schema()->fields().size(), header["schema"]["fields"].size());
  EXPECT_EQ(reader->schema()->fields()[0].name, header["schema"]["fields"][0]["name"]);
  ASSERT_OK_AND_ASSIGN(auto entries, reader->ReadAll());
  ASSERT_EQ(entries.size(), manifest_json.size());
  for (size_t i = 0; i < entries.size(); ++i) {
    const NJson& ej = manifest_json[i];
    const NJson& dj = ej["data_file"];
    const ManifestEntry& e = entries[i];
    const DataFile& d = e.data_file;
    EXPECT_EQ(static_cast<int>(e.status), ej["status"]);
    EXPECT_EQ(*e.snapshot_id, ej["snapshot_id"].get<int64_t>());
    // Null in the file (the decoded JSON leaves nulls out): inherited from the list.
    EXPECT_FALSE(ej.contains("sequence_number"));
    EXPECT_EQ(e.sequence_number, m.sequence_number);
    EXPECT_EQ(e.file_sequence_number, m.sequence_number);
    EXPECT_EQ(d.file_path, dj["file_path"]);
    EXPECT_EQ(std::string(FileFormatName(d.file_format)), dj["file_format"]);
    EXPECT_EQ(static_cast<int>(d.content), dj["content"]);
    EXPECT_EQ(d.record_count, dj["record_count"]);
    EXPECT_EQ(d.file_size_in_bytes, dj["file_size_in_bytes"]);
    EXPECT_TRUE(d.partition.empty());
    EXPECT_EQ(d.sort_order_id, dj["sort_order_id"].get<int32_t>());
    EXPECT_EQ(d.split_offsets, dj["split_offsets"].get<std::vector<int64_t>>());
    auto counts = [](const NJson& j) {
      ColumnCounts out;
      for (const NJson& kv : j) out.emplace_back(kv["key"], kv["value"]);
      return out;
    };
    auto bounds = [](const NJson& j) {
      ColumnBounds out;
      for (const NJson& kv : j) {
        std::string bytes;
        for (const NJson& b : kv["value"]) bytes.push_back(static_cast<char>(b.get<int>()));
        out.emplace_back(kv["key"], bytes);
      }
      return out;
    };
    EXPECT_EQ(d.column_sizes, counts(dj["column_sizes"]));
    EXPECT_EQ(d.value_counts, counts(dj["value_counts"]));
    EXPECT_EQ(d.null_value_counts, counts(dj["null_value_counts"]));
    EXPECT_EQ(d.nan_value_counts, counts(dj["nan_value_counts"]));
    EXPECT_EQ(d.lower_bounds, bounds(dj["lower_bounds"]));
    EXPECT_EQ(d.upper_bounds, bounds(dj["upper_bounds"]));
    // And the bounds decode with the header's schema: column 2 'Average Weight' is a double.
    ASSERT_OK_AND_ASSIGN(auto lower, d.LowerBound(*reader->schema(), 2));
    ASSERT_TRUE(lower.has_value());
    EXPECT_EQ(*lower, Value::Double(0.9));
  }
}

}  // namespace
}  // namespace floe::iceberg
