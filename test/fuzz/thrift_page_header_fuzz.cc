// (b) One Thrift compact-protocol PageHeader: the input is the bytes at a
// page's offset in a column chunk. DeserializeThrift must return a Status
// for anything; on success it may not claim more bytes than it was given,
// and a header whose enums are all known must survive a round trip
// (serialize, deserialize, serialize gives the same bytes).
#include "formats/parquet/parquet_types.h"
#include "formats/parquet/thrift_enum.h"
#include "formats/parquet/thrift_serde.h"
#include "fuzz/fuzz_targets.h"
#include "fuzz/fuzz_util.h"

namespace floe::fuzz {
namespace {

using parquet::IsKnownThriftEnum;
using parquet::ThriftEnumValue;
namespace format = parquet::format;

bool Known(const std::map<int, const char*>& names, int32_t raw) {
  return IsKnownThriftEnum(names, raw);
}

// Serializing loads every enum field as its enum type, which is undefined
// for values the IDL does not list (see thrift_enum.h).
bool EnumsKnown(const format::PageHeader& h) {
  const auto& enc = format::_Encoding_VALUES_TO_NAMES;
  return Known(format::_PageType_VALUES_TO_NAMES, ThriftEnumValue(h.type)) &&
         Known(enc, ThriftEnumValue(h.data_page_header.encoding)) &&
         Known(enc, ThriftEnumValue(h.data_page_header.definition_level_encoding)) &&
         Known(enc, ThriftEnumValue(h.data_page_header.repetition_level_encoding)) &&
         Known(enc, ThriftEnumValue(h.dictionary_page_header.encoding)) &&
         Known(enc, ThriftEnumValue(h.data_page_header_v2.encoding));
}

}  // namespace

int FuzzThriftPageHeader(const uint8_t* data, size_t size) {
  if (size > UINT32_MAX) return 0;
  format::PageHeader header;
  Result<uint32_t> consumed =
      parquet::DeserializeThrift(data, static_cast<uint32_t>(size), &header);
  if (!consumed.has_value()) return 0;
  FLOE_FUZZ_CHECK(*consumed <= size);
  if (!EnumsKnown(header)) return 0;

  Result<std::string> bytes = parquet::SerializeThrift(header);
  FLOE_FUZZ_CHECK(bytes.has_value());
  format::PageHeader again;
  Result<uint32_t> consumed_again =
      parquet::DeserializeThrift(reinterpret_cast<const uint8_t*>(bytes->data()),
                                 static_cast<uint32_t>(bytes->size()), &again);
  FLOE_FUZZ_CHECK(consumed_again.has_value());
  FLOE_FUZZ_CHECK(*consumed_again == bytes->size());
  Result<std::string> bytes_again = parquet::SerializeThrift(again);
  FLOE_FUZZ_CHECK(bytes_again.has_value() && *bytes_again == *bytes);
  return 0;
}

}  // namespace floe::fuzz

#ifdef FLOE_LIBFUZZER
extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return floe::fuzz::FuzzThriftPageHeader(data, size);
}
#endif
