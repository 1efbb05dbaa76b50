// The floe executable. Until the SQL engine lands it prints its version and
// usage; the shell, `floe serve` and friends grow here.
#include <cstdio>
#include <cstring>
#include <string_view>

#include "common/version.h"

namespace {

void PrintUsage(std::FILE* out) {
  std::fprintf(out,
               "floe %s - an open lakehouse engine: Apache Iceberg tables on local disk or S3,\n"
               "queried and changed with SQL.\n"
               "\n"
               "usage: floe [options]\n"
               "\n"
               "options:\n"
               "  --version    print the version and exit\n"
               "  --help       print this help and exit\n"
               "\n"
               "The SQL shell, `floe serve` (Iceberg REST catalog) and the embedded warehouse\n"
               "arrive with the SQL engine; see README.md.\n",
               floe::kVersion);
}

}  // namespace

int main(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg == "--version" || arg == "-v") {
      std::printf("floe %s\n", floe::kVersion);
      return 0;
    }
    if (arg == "--help" || arg == "-h") {
      PrintUsage(stdout);
      return 0;
    }
    std::fprintf(stderr, "floe: unknown argument '%s'\n\n", argv[i]);
    PrintUsage(stderr);
    return 2;
  }
  std::printf("floe %s\n\n", floe::kVersion);
  PrintUsage(stdout);
  return 0;
}
