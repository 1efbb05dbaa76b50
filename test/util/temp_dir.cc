#include "util/temp_dir.h"

#include <stdlib.h>

#include <cstdlib>
#include <filesystem>

#include "common/macros.h"

namespace floe::test {

TempDir::TempDir() {
  const char* base = std::getenv("TMPDIR");
  std::string templ = std::string(base && *base ? base : "/tmp") + "/floe-test-XXXXXX";
  char* made = ::mkdtemp(templ.data());
  FLOE_CHECK(made != nullptr, "mkdtemp failed");
  path_ = made;
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

}  // namespace floe::test
