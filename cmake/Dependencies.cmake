# Every dependency is a Debian package installed by scripts/install_deps.sh.
# Nothing is downloaded at build time.
find_package(Threads REQUIRED)
find_package(fmt REQUIRED)
find_package(nlohmann_json REQUIRED)
if(FLOE_BUILD_TESTS)
  find_package(GTest REQUIRED)
endif()

# Compression codecs (Parquet pages, Avro blocks).
find_package(PkgConfig REQUIRED)
pkg_check_modules(SNAPPY REQUIRED IMPORTED_TARGET snappy)
pkg_check_modules(ZSTD REQUIRED IMPORTED_TARGET libzstd)
pkg_check_modules(LZ4 REQUIRED IMPORTED_TARGET liblz4)
pkg_check_modules(ZLIB REQUIRED IMPORTED_TARGET zlib)
pkg_check_modules(BROTLI REQUIRED IMPORTED_TARGET libbrotlienc libbrotlidec)
set(FLOE_CODEC_LIBS PkgConfig::SNAPPY PkgConfig::ZSTD PkgConfig::LZ4 PkgConfig::ZLIB
    PkgConfig::BROTLI)
