#include "iceberg/metadata_file_locator.h"

#include <algorithm>
#include <cctype>
#include <vector>

#include "io/location.h"

namespace floe::iceberg {
namespace {

constexpr std::string_view kSuffixes[] = {".metadata.json", ".gz.metadata.json",
                                          ".metadata.json.gz"};

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string_view FileName(std::string_view location) {
  const size_t slash = location.rfind('/');
  return slash == std::string_view::npos ? location : location.substr(slash + 1);
}

// The metadata file a version hint names, if it exists.
Result<std::optional<std::string>> FromHint(FileIO& io, const std::string& metadata_dir) {
  std::optional<std::string> hint;
  for (const char* name : {"version-hint.text", "version-hint.txt"}) {
    Result<std::string> text = io.ReadAll(JoinLocation(metadata_dir, name));
    if (text.has_value()) {
      hint = std::string(Trim(*text));
      break;
    }
    if (!text.error().IsNotFound()) return text.error();
  }
  if (!hint.has_value() || hint->empty() || hint->find('/') != std::string::npos) {
    return std::optional<std::string>();
  }
  std::vector<std::string> names;
  const std::string stem = AllDigits(*hint) ? "v" + *hint : *hint;
  if (IsMetadataFileName(stem)) names.push_back(stem);
  for (std::string_view suffix : kSuffixes) names.push_back(stem + std::string(suffix));
  for (const std::string& name : names) {
    const std::string location = JoinLocation(metadata_dir, name);
    FLOE_ASSIGN_OR_RETURN(bool exists, io.Exists(location));
    if (exists) return std::optional<std::string>(location);
  }
  return std::optional<std::string>();  // a stale hint: fall back to listing
}

}  // namespace

bool IsMetadataFileName(std::string_view file_name) {
  for (std::string_view suffix : kSuffixes) {
    if (EndsWith(file_name, suffix) && file_name.size() > suffix.size()) return true;
  }
  return false;
}

std::optional<int64_t> MetadataFileVersion(std::string_view file_name) {
  if (!IsMetadataFileName(file_name)) return std::nullopt;
  std::string_view s = file_name;
  if (!s.empty() && s.front() == 'v') s.remove_prefix(1);
  size_t digits = 0;
  while (digits < s.size() && digits < 18 && s[digits] >= '0' && s[digits] <= '9') ++digits;
  if (digits == 0 || digits == s.size() || (s[digits] != '-' && s[digits] != '.')) {
    return std::nullopt;
  }
  int64_t version = 0;
  for (size_t i = 0; i < digits; ++i) version = version * 10 + (s[i] - '0');
  return version;
}

Result<std::string> FindCurrentMetadataFile(FileIO& io, std::string_view table_location,
                                            const LastUpdatedMsReader& last_updated_ms) {
  std::string_view table = table_location;
  while (table.size() > 1 && table.back() == '/') table.remove_suffix(1);
  const std::string metadata_dir = JoinLocation(table, "metadata");
  FLOE_ASSIGN_OR_RETURN(std::optional<std::string> hinted, FromHint(io, metadata_dir));
  if (hinted.has_value()) return *hinted;

  FLOE_ASSIGN_OR_RETURN(std::vector<FileInfo> files, io.List(metadata_dir + "/"));
  struct Candidate {
    int64_t updated_ms;
    int64_t version;
    std::string location;
  };
  std::optional<Candidate> best;
  for (const FileInfo& f : files) {
    const std::string_view name = FileName(f.location);
    // Only files directly in metadata/.
    if (f.location.size() != metadata_dir.size() + 1 + name.size()) continue;
    if (!IsMetadataFileName(name)) continue;
    Candidate c{0, MetadataFileVersion(name).value_or(-1), f.location};
    if (last_updated_ms) {
      FLOE_ASSIGN_OR_RETURN(c.updated_ms, last_updated_ms(f.location));
    }
    if (!best.has_value() || std::tie(c.updated_ms, c.version, c.location) >
                                 std::tie(best->updated_ms, best->version, best->location)) {
      best = std::move(c);
    }
  }
  if (!best.has_value()) {
    return Status::NotFound(
        "iceberg: {}: no metadata file (no usable version hint and no "
        "*.metadata.json in metadata/)",
        table);
  }
  return best->location;
}

}  // namespace floe::iceberg
