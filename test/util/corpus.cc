#include "util/corpus.h"

#include <cstdlib>
#include <filesystem>

namespace floe::test {

std::optional<std::string> CorpusRoot() {
  namespace fs = std::filesystem;
  const char* env = std::getenv("FLOE_CORPUS_DIR");
  fs::path root =
      env && *env ? fs::path(env) : fs::path(FLOE_SOURCE_DIR) / ".." / "shared" / "corpus";
  std::error_code ec;
  if (!fs::is_directory(root, ec)) return std::nullopt;
  fs::path absolute = fs::weakly_canonical(fs::absolute(root, ec), ec);
  if (ec) return std::nullopt;
  std::string text = absolute.string();
  while (text.size() > 1 && text.back() == '/') text.pop_back();
  return text;
}

}  // namespace floe::test
