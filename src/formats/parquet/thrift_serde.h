// Thrift compact-protocol (de)serialization of Parquet structs: the one place
// where Thrift's exceptions meet Floe's Status.
//
// Parquet stores its footer, page headers, page indexes and Bloom filter
// headers as Thrift compact-protocol structs, and all of them come from files
// that may be corrupt or hostile. DeserializeThrift bounds what a struct can
// make Thrift do: the message may not extend past `size`, no string may be
// longer than `size`, no list may claim more elements than `size` bytes could
// hold (nor more than kMaxThriftListSize), and nesting is limited, so a bad
// length costs at most a bounded allocation and an error, never a crash.
//
// The generated C++ stores any i32 it reads into the generated enum types.
// Loading such a field as its enum type is then undefined for values the IDL
// does not list, so callers read enum fields with ThriftEnumValue (from
// thrift_enum.h) until they have checked them.
//
// Thread-safety: stateless; safe to call from any thread.
#pragma once

#include <cstdint>
#include <string>

#include "common/result.h"
#include "common/status.h"

namespace apache::thrift {
class TBase;
}  // namespace apache::thrift

namespace floe::parquet {

// At most this many elements in any one Thrift list. A list element costs at
// least one byte on the wire but a few hundred in memory (a ColumnChunk), so
// this caps the allocation a single bad list header can cause.
inline constexpr int32_t kMaxThriftListSize = 1 << 20;
// Deeper nesting than any Parquet struct has; unknown fields are skipped
// under the same limit.
inline constexpr int32_t kMaxThriftNesting = 32;

// Reads one struct from data[0, size) into `*out` (a default-constructed
// generated struct, e.g. format::FileMetaData), returning how many bytes it
// took; the rest of the range is left alone. Corruption when the bytes do not
// hold a valid struct (truncated, a required field missing, a length beyond
// the range); the message says why, without location, for the caller to add
// ("parquet: f.parquet: invalid footer: " + message).
Result<uint32_t> DeserializeThrift(const uint8_t* data, uint32_t size, apache::thrift::TBase* out);

// Writes `value` in the compact protocol. Internal if Thrift fails (it only
// can on a struct that lacks a required field's value, which is a bug here).
Result<std::string> SerializeThrift(const apache::thrift::TBase& value);

}  // namespace floe::parquet
