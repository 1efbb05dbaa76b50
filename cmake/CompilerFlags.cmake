# Warning and sanitizer flags shared by every Floe target.
if(NOT CMAKE_BUILD_TYPE)
  set(CMAKE_BUILD_TYPE RelWithDebInfo)
endif()

set(CMAKE_CXX_FLAGS_RELEASE "-O3 -DNDEBUG")
set(CMAKE_CXX_FLAGS_RELWITHDEBINFO "-O2 -g -DNDEBUG")
set(CMAKE_CXX_FLAGS_DEBUG "-O0 -g")

add_library(floe_flags INTERFACE)
target_compile_options(floe_flags INTERFACE -Wall -Wextra -Wno-unused-parameter -Wno-missing-field-initializers
  # GCC 12 reports false -Wrestrict overlaps inside std::string at -O3 (GCC bug 105329).
  $<$<CXX_COMPILER_ID:GNU>:-Wno-restrict>)
if(FLOE_WERROR)
  target_compile_options(floe_flags INTERFACE -Werror)
endif()
if(FLOE_SANITIZE)
  set(FLOE_SAN_FLAGS -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  target_compile_options(floe_flags INTERFACE ${FLOE_SAN_FLAGS})
  target_link_options(floe_flags INTERFACE ${FLOE_SAN_FLAGS})
endif()
