#include "iceberg/table_metadata_io.h"

#include <fmt/format.h>

#include "iceberg/metadata_file_locator.h"
#include "iceberg/table_metadata_builder.h"
#include "iceberg/table_metadata_json.h"
#include "io/location.h"

namespace floe::iceberg {
namespace {

std::string_view FileName(std::string_view location) {
  const size_t slash = location.rfind('/');
  return slash == std::string_view::npos ? location : location.substr(slash + 1);
}

}  // namespace

Result<std::shared_ptr<const TableMetadata>> ReadTableMetadata(FileIO& io,
                                                               std::string_view location) {
  FLOE_ASSIGN_OR_RETURN(std::string bytes, io.ReadAll(location));
  Result<std::shared_ptr<const TableMetadata>> metadata = ParseTableMetadata(bytes);
  if (!metadata.has_value()) return metadata.error().WithContext("{}", location);
  return metadata;
}

std::string MetadataFolder(const TableMetadata& metadata) {
  auto it = metadata.properties().find("write.metadata.path");
  if (it != metadata.properties().end() && !it->second.empty()) {
    std::string_view folder = it->second;
    while (folder.size() > 1 && folder.back() == '/') folder.remove_suffix(1);
    return std::string(folder);
  }
  std::string_view location = metadata.location();
  while (location.size() > 1 && location.back() == '/') location.remove_suffix(1);
  return JoinLocation(location, "metadata");
}

Result<std::string> WriteNewMetadataFile(FileIO& io, const TableMetadata& metadata,
                                         std::optional<std::string_view> previous_location) {
  int64_t version = 0;
  if (previous_location.has_value()) {
    version = MetadataFileVersion(FileName(*previous_location)).value_or(-1) + 1;
  }
  const std::string location = JoinLocation(
      MetadataFolder(metadata), fmt::format("{:05d}-{}.metadata.json", version, RandomUuid()));
  FLOE_ASSIGN_OR_RETURN(std::string text, TableMetadataToJsonString(metadata));
  FLOE_RETURN_NOT_OK(io.WriteAll(location, text, WriteMode::kCreateIfAbsent));
  return location;
}

Result<TableAtPath> LoadTableFromFolder(FileIO& io, std::string_view table_location) {
  auto last_updated = [&io](const std::string& location) -> Result<int64_t> {
    FLOE_ASSIGN_OR_RETURN(auto metadata, ReadTableMetadata(io, location));
    return metadata->last_updated_ms();
  };
  FLOE_ASSIGN_OR_RETURN(std::string location,
                        FindCurrentMetadataFile(io, table_location, last_updated));
  FLOE_ASSIGN_OR_RETURN(auto metadata, ReadTableMetadata(io, location));
  return TableAtPath{std::move(location), std::move(metadata)};
}

}  // namespace floe::iceberg
