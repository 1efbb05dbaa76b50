#include "util/node_peer.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>

namespace floe::test {
namespace {

bool IsExecutableFile(const std::string& path) {
  std::error_code ec;
  return std::filesystem::is_regular_file(path, ec) && ::access(path.c_str(), X_OK) == 0;
}

}  // namespace

Result<std::string> FindNode() {
  if (const char* explicit_node = std::getenv("FLOE_NODE"); explicit_node && *explicit_node) {
    if (IsExecutableFile(explicit_node)) return std::string(explicit_node);
    return Status::NotFound("FLOE_NODE={} is not an executable file", explicit_node);
  }
  const char* path = std::getenv("PATH");
  std::string_view dirs = path ? path : "";
  while (!dirs.empty()) {
    size_t colon = dirs.find(':');
    std::string_view dir = dirs.substr(0, colon);
    dirs = colon == std::string_view::npos ? std::string_view() : dirs.substr(colon + 1);
    if (dir.empty()) continue;
    std::string candidate = std::string(dir) + "/node";
    if (IsExecutableFile(candidate)) return candidate;
  }
  return Status::NotFound("node (Node.js) is not on PATH; {}", kPeerInstallHint);
}

std::string PeersDir() { return std::string(FLOE_SOURCE_DIR) + "/test/peers"; }

Result<std::string> FindPeerScript(std::string_view script, std::string_view package) {
  std::error_code ec;
  std::string script_path = PeersDir() + "/" + std::string(script);
  if (!std::filesystem::is_regular_file(script_path, ec)) {
    return Status::NotFound("test peer script {} does not exist", script_path);
  }
  std::string package_dir = PeersDir() + "/node_modules/" + std::string(package);
  if (!std::filesystem::is_directory(package_dir, ec)) {
    return Status::NotFound("{} is not installed ({} is missing); {}", package, package_dir,
                            kPeerInstallHint);
  }
  return script_path;
}

}  // namespace floe::test
