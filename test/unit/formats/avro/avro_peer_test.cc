// Avro files checked against independent implementations: python3-avro (Apache Avro's Python
// library) and avsc read what Floe writes; Floe reads every Avro file of the shared corpus
// (manifests and manifest lists from Spark, Flink, Trino, Hive, Impala, PyIceberg, Java...)
// exactly as python3-avro does, and writes each back in a form python3-avro reads the same.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <map>

#include <nlohmann/json.hpp>

#include "formats/avro/avro_reader.h"
#include "formats/avro/avro_writer.h"
#include "io/local_file_io.h"
#include "unit/formats/avro/avro_test_data.h"
#include "util/avro_peer.h"
#include "util/corpus.h"
#include "util/node_peer.h"
#include "util/temp_dir.h"
#include "util/test_macros.h"

namespace floe::avro {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;
using test::AvroCanonicalJson;

#define REQUIRE_PYTHON_AVRO()                                                          \
  do {                                                                                 \
    auto _python = test::FindPythonAvro();                                             \
    if (!_python.has_value()) {                                                        \
      GTEST_SKIP() << "python3-avro is not available, so Floe's Avro files cannot be " \
                      "checked against it: "                                           \
                   << _python.error().message();                                       \
    }                                                                                  \
  } while (false)

std::string Hex(std::string_view bytes) {
  std::string out;
  for (unsigned char c : bytes) out += fmt::format("{:02x}", c);
  return out;
}

struct FloeRead {
  Status status;
  Json records = Json::array();
  Json meta = Json::object();  // hex values, as the peers print them
  AvroCodec codec = AvroCodec::kNull;
  std::shared_ptr<const AvroSchema> schema;
  std::vector<std::pair<std::string, std::string>> metadata;
};

FloeRead ReadWithFloe(FileIO& io, const std::string& path) {
  FloeRead out;
  auto reader = AvroReader::Open(io, path);
  if (!reader.has_value()) {
    out.status = reader.error();
    return out;
  }
  AvroRecordBatch batch;
  out.status = (*reader)->ReadAll(batch);
  if (!out.status.ok()) return out;
  for (const AvroDatum& r : batch.records()) {
    out.records.push_back(AvroCanonicalJson(r, (*reader)->reader_schema().root()));
  }
  for (const auto& [k, v] : (*reader)->metadata()) out.meta[k] = Hex(v);
  out.codec = (*reader)->codec();
  out.schema = (*reader)->writer_schema();
  out.metadata = (*reader)->metadata();
  return out;
}

// The first difference between two JSON values, for messages.
std::string FirstDifference(const Json& a, const Json& b, const std::string& path = "$") {
  if (a.type() != b.type() && !(a.is_number() && b.is_number())) {
    return fmt::format("{}: {} vs {}", path,
                       a.dump(-1, ' ', false, Json::error_handler_t::replace).substr(0, 200),
                       b.dump(-1, ' ', false, Json::error_handler_t::replace).substr(0, 200));
  }
  if (a.is_array()) {
    if (a.size() != b.size()) return fmt::format("{}: {} vs {} elements", path, a.size(), b.size());
    for (size_t i = 0; i < a.size(); ++i) {
      if (a[i] != b[i]) return FirstDifference(a[i], b[i], fmt::format("{}[{}]", path, i));
    }
  } else if (a.is_object()) {
    for (auto it = a.begin(); it != a.end(); ++it) {
      if (!b.contains(it.key())) return fmt::format("{}.{}: missing on the right", path, it.key());
      if (*it != b[it.key()]) return FirstDifference(*it, b[it.key()], path + "." + it.key());
    }
    for (auto it = b.begin(); it != b.end(); ++it) {
      if (!a.contains(it.key())) return fmt::format("{}.{}: missing on the left", path, it.key());
    }
  }
  return fmt::format("{}: {} vs {}", path,
                     a.dump(-1, ' ', false, Json::error_handler_t::replace).substr(0, 200),
                     b.dump(-1, ' ', false, Json::error_handler_t::replace).substr(0, 200));
}

struct WrittenFile {
  std::string path;
  Json expected_records;
  Json expected_meta;
};

// Floe writes manifest-like and every-type files with `codecs` into `dir`.
std::vector<WrittenFile> WriteSamples(const std::string& dir, std::span<const AvroCodec> codecs) {
  LocalFileIO io;
  std::vector<WrittenFile> files;
  auto manifest = testdata::MakeManifestLike(200, 6);
  auto all_types = testdata::MakeAllTypes(60);
  for (AvroCodec codec : codecs) {
    for (const testdata::Data* data : {manifest.get(), all_types.get()}) {
      WrittenFile f;
      f.path = fmt::format("{}/{}-{}.avro", dir, AvroCodecName(codec),
                           data == manifest.get() ? "manifest" : "all_types");
      AvroWriterOptions options;
      options.codec = codec;
      options.block_size = 4096;
      options.metadata = {{"format-version", "2"},
                          {"content", "data"},
                          {"partition-spec", R"([{"name":"day","transform":"day"}])"}};
      auto writer = AvroWriter::Make(io, f.path, data->schema, options);
      EXPECT_TRUE(writer.has_value()) << writer.error().ToString();
      if (!writer.has_value()) continue;
      for (const AvroDatum& r : data->records) EXPECT_OK((*writer)->Write(r));
      EXPECT_OK((*writer)->Close());
      for (const AvroDatum& r : data->records) {
        f.expected_records.push_back(AvroCanonicalJson(r, data->schema->root()));
      }
      f.expected_meta["avro.schema"] = Hex(data->schema->ToJson());
      f.expected_meta["avro.codec"] = Hex(AvroCodecName(codec));
      for (const auto& [k, v] : options.metadata) f.expected_meta[k] = Hex(v);
      files.push_back(std::move(f));
    }
  }
  return files;
}

void ExpectPeerReadsThem(const std::vector<WrittenFile>& files, const std::vector<Json>& answers,
                         std::string_view peer) {
  ASSERT_EQ(answers.size(), files.size());
  for (size_t i = 0; i < files.size(); ++i) {
    const Json& a = answers[i];
    ASSERT_TRUE(a.value("ok", false))
        << peer << " cannot read " << files[i].path << ": " << a.dump();
    EXPECT_EQ(a["records"].size(), files[i].expected_records.size()) << files[i].path;
    EXPECT_TRUE(a["records"] == files[i].expected_records)
        << peer << " reads " << files[i].path
        << " differently: " << FirstDifference(files[i].expected_records, a["records"]);
    EXPECT_EQ(a["meta"], files[i].expected_meta) << files[i].path;
  }
}

TEST(AvroPeerTest, PythonAvroReadsFloeFilesWithEveryCodec) {
  REQUIRE_PYTHON_AVRO();
  test::TempDir dir;
  const AvroCodec codecs[] = {AvroCodec::kNull, AvroCodec::kDeflate, AvroCodec::kSnappy,
                              AvroCodec::kZstandard};
  const std::vector<WrittenFile> files = WriteSamples(dir.path(), codecs);
  std::vector<std::string> paths;
  for (const WrittenFile& f : files) paths.push_back(f.path);
  ASSERT_OK_AND_ASSIGN(std::vector<Json> answers, test::ReadWithPythonAvro(paths));
  ExpectPeerReadsThem(files, answers, "python3-avro");
}

TEST(AvroPeerTest, AvscReadsFloeFiles) {
  if (auto node = test::FindNode(); !node.has_value()) GTEST_SKIP() << node.error().message();
  if (auto script = test::FindPeerScript("avsc_read.mjs", "avsc"); !script.has_value()) {
    GTEST_SKIP() << script.error().message();
  }
  test::TempDir dir;
  // avsc has the specification's required codecs only.
  const AvroCodec codecs[] = {AvroCodec::kNull, AvroCodec::kDeflate};
  const std::vector<WrittenFile> files = WriteSamples(dir.path(), codecs);
  std::vector<std::string> paths;
  for (const WrittenFile& f : files) paths.push_back(f.path);
  ASSERT_OK_AND_ASSIGN(std::vector<Json> answers, test::ReadWithAvsc(paths));
  ExpectPeerReadsThem(files, answers, "avsc");
}

std::vector<std::string> CorpusAvroFiles(const std::string& root) {
  std::vector<std::string> out;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (!entry.is_regular_file()) continue;
    // *.avro, and a leftover *.avro_tmp; not Hadoop's .*.avro.crc checksum side files.
    const std::string name = entry.path().filename().string();
    const std::string ext = entry.path().extension().string();
    if (ext == ".avro" || ext == ".avro_tmp") out.push_back(entry.path().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

TEST(AvroPeerTest, CorpusFilesReadAsPythonAvroReadsThem) {
  FLOE_REQUIRE_CORPUS();
  REQUIRE_PYTHON_AVRO();
  const std::string root = *test::CorpusRoot();
  const std::vector<std::string> paths = CorpusAvroFiles(root);
  ASSERT_GT(paths.size(), 100u) << "expected the corpus's Iceberg manifests under " << root;
  ASSERT_OK_AND_ASSIGN(std::vector<Json> answers, test::ReadWithPythonAvro(paths));
  ASSERT_EQ(answers.size(), paths.size());

  LocalFileIO io;
  int equal = 0, both_refuse = 0, records = 0;
  std::map<std::string, int> codecs;
  test::TempDir dir;
  std::vector<std::string> written;
  std::vector<const Json*> originals;
  for (size_t i = 0; i < paths.size(); ++i) {
    const std::string rel = fs::relative(paths[i], root).string();
    const Json& py = answers[i];
    FloeRead floe = ReadWithFloe(io, paths[i]);
    if (!py.value("ok", false)) {
      EXPECT_FALSE(floe.status.ok()) << rel << ": python3-avro refuses it (" << py["error"]
                                     << ") but Floe reads " << floe.records.size() << " records";
      if (!floe.status.ok()) {
        ++both_refuse;
        std::cout << "  both refuse " << rel
                  << "\n    python3-avro: " << py["error"].get<std::string>()
                  << "\n    Floe: " << floe.status.ToString() << "\n";
      }
      continue;
    }
    ASSERT_TRUE(floe.status.ok()) << rel
                                  << ": python3-avro reads it, Floe: " << floe.status.ToString();
    ASSERT_TRUE(floe.records == py["records"])
        << rel << ": " << FirstDifference(floe.records, py["records"]);
    EXPECT_EQ(floe.meta, py["meta"]) << rel;
    EXPECT_EQ(AvroCodecName(floe.codec), py["codec"].get<std::string>()) << rel;
    ++equal;
    records += static_cast<int>(floe.records.size());
    ++codecs[std::string(AvroCodecName(floe.codec))];

    // Written back by Floe: same schema, codec and metadata.
    AvroWriterOptions options;
    options.codec = floe.codec;
    for (const auto& [k, v] : floe.metadata) {
      if (k != "avro.schema" && k != "avro.codec") options.metadata.emplace_back(k, v);
    }
    const std::string out = fmt::format("{}/{}.avro", dir.path(), i);
    ASSERT_OK_AND_ASSIGN(auto reader, AvroReader::Open(io, paths[i]));
    AvroRecordBatch batch;
    ASSERT_OK(reader->ReadAll(batch));
    ASSERT_OK_AND_ASSIGN(auto writer, AvroWriter::Make(io, out, reader->writer_schema(), options));
    for (const AvroDatum& r : batch.records()) ASSERT_OK(writer->Write(r));
    ASSERT_OK(writer->Close());
    written.push_back(out);
    originals.push_back(&py);
  }
  std::cout << "  corpus: " << paths.size() << " Avro files; " << equal
            << " read by Floe equal to python3-avro (" << records << " records;";
  for (const auto& [codec, n] : codecs) std::cout << " " << codec << " " << n;
  std::cout << "), " << both_refuse << " refused by both\n";
  EXPECT_EQ(equal + both_refuse, static_cast<int>(paths.size()));
  EXPECT_GT(equal, 300);

  ASSERT_OK_AND_ASSIGN(std::vector<Json> back, test::ReadWithPythonAvro(written));
  ASSERT_EQ(back.size(), written.size());
  int back_equal = 0;
  for (size_t i = 0; i < written.size(); ++i) {
    ASSERT_TRUE(back[i].value("ok", false)) << written[i] << ": " << back[i].dump();
    const Json& original = *originals[i];
    ASSERT_TRUE(back[i]["records"] == original["records"])
        << original["path"]
        << " written back: " << FirstDifference(original["records"], back[i]["records"]);
    for (auto it = original["meta"].begin(); it != original["meta"].end(); ++it) {
      if (it.key() == "avro.schema") continue;  // Floe writes its own JSON of the schema
      EXPECT_EQ(back[i]["meta"][it.key()], *it) << original["path"] << " key " << it.key();
    }
    ++back_equal;
  }
  std::cout << "  written back by Floe and read by python3-avro equal: " << back_equal << "\n";
}

}  // namespace
}  // namespace floe::avro
