# Thin wrapper over CMake + Ninja, in the style of DuckDB's Makefile.
#   make            release build  -> build/release/floe
#   make debug      debug build    -> build/debug/floe
#   make asan       ASan+UBSan     -> build/asan/floe (what CI's tests run under)
#   make fuzz       libFuzzer targets (clang, ASan+UBSan) -> build/fuzz/floe_fuzz_*
#   make fuzz-run   run each for FUZZ_SECONDS on seeds from ../shared/corpus (test/fuzz/README.md)
#   make fuzz-smoke CI's brief libFuzzer run of the Parquet and Avro file readers
#   make test       build asan and run every test (ctest)
#   make test-release  run the tests on the release build
#   make format / format-fix   check / apply clang-format
#   make clean
.PHONY: all release debug asan fuzz fuzz-run fuzz-smoke test test-release test-debug format format-fix clean

JOBS ?= $(shell nproc)
# ccache keys on paths relative to the checkout, so a fresh clone (CI) reuses what any other
# checkout on this machine compiled.
export CCACHE_BASEDIR := $(CURDIR)
export CCACHE_NOHASHDIR := true
WERROR ?= OFF
CMAKE_COMMON = -G Ninja -DFLOE_WERROR=$(WERROR)
CTEST_ARGS ?=

all: release

build/release/build.ninja:
	cmake -S . -B build/release $(CMAKE_COMMON) -DCMAKE_BUILD_TYPE=Release
build/debug/build.ninja:
	cmake -S . -B build/debug $(CMAKE_COMMON) -DCMAKE_BUILD_TYPE=Debug
build/asan/build.ninja:
	cmake -S . -B build/asan $(CMAKE_COMMON) -DCMAKE_BUILD_TYPE=Debug -DFLOE_SANITIZE=ON

# A separate tree built by clang with coverage for libFuzzer; the g++ trees are untouched.
build/fuzz/build.ninja:
	cmake -S . -B build/fuzz $(CMAKE_COMMON) -DCMAKE_BUILD_TYPE=Debug -DFLOE_SANITIZE=ON \
	  -DFLOE_FUZZ=ON -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++

release: build/release/build.ninja
	cmake --build build/release -j $(JOBS)
debug: build/debug/build.ninja
	cmake --build build/debug -j $(JOBS)
asan: build/asan/build.ninja
	cmake --build build/asan -j $(JOBS)
fuzz: build/fuzz/build.ninja
	cmake --build build/fuzz -j $(JOBS) --target floe_fuzz_all
FUZZ_SECONDS ?= 60
fuzz-run: fuzz
	test/fuzz/run_fuzzers.sh --seconds $(FUZZ_SECONDS)
# CI's brief libFuzzer run: the whole-file Parquet and Avro readers, SMOKE_SECONDS each.
SMOKE_SECONDS ?= 30
fuzz-smoke: build/fuzz/build.ninja
	cmake --build build/fuzz -j $(JOBS) --target floe_fuzz_parquet_file floe_fuzz_avro_file floe_fuzz_replay
	test/fuzz/run_fuzzers.sh --seconds $(SMOKE_SECONDS) parquet_file avro_file

test: asan
	cd build/asan && ctest --output-on-failure -j $(JOBS) $(CTEST_ARGS)
test-release: release
	cd build/release && ctest --output-on-failure -j $(JOBS) $(CTEST_ARGS)
test-debug: debug
	cd build/debug && ctest --output-on-failure -j $(JOBS) $(CTEST_ARGS)

FORMAT_FILES = $(shell git ls-files 'src/*.h' 'src/*.cc' 'test/*.h' 'test/*.cc' 'bench/*.h' 'bench/*.cc')
format:
	clang-format --dry-run --Werror $(FORMAT_FILES)
format-fix:
	clang-format -i $(FORMAT_FILES)

clean:
	rm -rf build
