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

# Apache Thrift (libthrift-dev, thrift-compiler): Parquet's footer and page
# headers are Thrift compact-protocol structs. C++ for them is generated at
# build time from src/formats/parquet/parquet.thrift; floe_thrift carries the
# runtime library and its headers.
find_program(THRIFT_COMPILER thrift REQUIRED)
pkg_check_modules(THRIFT QUIET IMPORTED_TARGET thrift)
add_library(floe_thrift INTERFACE)
if(THRIFT_FOUND)
  target_link_libraries(floe_thrift INTERFACE PkgConfig::THRIFT)
else()
  find_path(THRIFT_INCLUDE_DIR thrift/Thrift.h REQUIRED)
  find_library(THRIFT_LIBRARY thrift REQUIRED)
  target_include_directories(floe_thrift SYSTEM INTERFACE ${THRIFT_INCLUDE_DIR})
  target_link_libraries(floe_thrift INTERFACE ${THRIFT_LIBRARY})
endif()

# SQLite (libsqlite3-dev): the embedded catalog, in the tables of Iceberg's JDBC catalog.
pkg_check_modules(SQLITE3 REQUIRED IMPORTED_TARGET sqlite3)
