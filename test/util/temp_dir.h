// TempDir: a fresh folder under $TMPDIR (or /tmp) removed with its contents
// when the object goes away.
#pragma once

#include <string>

namespace floe::test {

class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  // Absolute path, without a trailing '/'.
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace floe::test
