// Safe reads of enum fields in generated Parquet Thrift structs.
//
// The generated code stores whatever i32 the file holds into a C++ enum
// field. For a value the IDL does not list, loading that field as the enum
// type is undefined behaviour (UBSan's -fsanitize=enum flags it), and copying
// the struct loads it. So every enum field from a file is first read here as
// the raw i32 and checked against the generated name table; only then may the
// struct be copied or the field used as its enum type.
//
// Thread-safety: stateless.
#pragma once

#include <cstdint>
#include <cstring>
#include <map>
#include <string>
#include <type_traits>

namespace floe::parquet {

// The value of enum field `field` as stored, without an enum-typed load.
template <typename E>
int32_t ThriftEnumValue(const E& field) {
  static_assert(std::is_enum_v<E> && sizeof(E) == sizeof(int32_t),
                "a generated Thrift enum is stored as a 32-bit int");
  int32_t raw;
  std::memcpy(&raw, &field, sizeof(raw));
  return raw;
}

// True if `raw` is a value the IDL lists; `names` is the generated
// _<Enum>_VALUES_TO_NAMES table.
inline bool IsKnownThriftEnum(const std::map<int, const char*>& names, int32_t raw) {
  return names.find(raw) != names.end();
}

// "SNAPPY", or "5000" for a value the IDL does not list.
inline std::string ThriftEnumName(const std::map<int, const char*>& names, int32_t raw) {
  auto it = names.find(raw);
  return it != names.end() ? std::string(it->second) : std::to_string(raw);
}

}  // namespace floe::parquet
