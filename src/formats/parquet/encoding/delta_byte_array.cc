#include "formats/parquet/encoding/delta_byte_array.h"

#include <algorithm>
#include <cstring>
#include <string_view>

#include "formats/parquet/encoding/delta_binary_packed.h"

namespace floe::parquet {
namespace {

Result<std::vector<int32_t>> ReadLengths(const uint8_t* data, int64_t size, int64_t num_values,
                                         const char* what, int64_t* consumed) {
  FLOE_ASSIGN_OR_RETURN(auto dec, DeltaBinaryPackedDecoder<int32_t>::Make(data, size));
  if (dec.total_values() < num_values) {
    return Status::Corruption("{}: {} lengths for {} values", what, dec.total_values(), num_values);
  }
  std::vector<int32_t> lengths(static_cast<size_t>(num_values));
  FLOE_ASSIGN_OR_RETURN(int64_t got, dec.GetBatch(lengths.data(), num_values));
  if (got != num_values) return Status::Corruption("{}: lengths stream ended early", what);
  *consumed = dec.bytes_consumed();
  for (int32_t len : lengths) {
    if (len < 0) return Status::Corruption("{}: negative length {}", what, len);
  }
  return lengths;
}

}  // namespace

Result<DeltaLengthByteArrayDecoder> DeltaLengthByteArrayDecoder::Make(const uint8_t* data,
                                                                      int64_t size,
                                                                      int64_t num_values) {
  DeltaLengthByteArrayDecoder d;
  if (num_values < 0) return Status::Corruption("DELTA_LENGTH_BYTE_ARRAY: {} values", num_values);
  int64_t pos = 0;
  FLOE_ASSIGN_OR_RETURN(auto lengths,
                        ReadLengths(data, size, num_values, "DELTA_LENGTH_BYTE_ARRAY", &pos));
  d.values_.resize(lengths.size());
  for (size_t i = 0; i < lengths.size(); ++i) {
    if (lengths[i] > size - pos) {
      return Status::Corruption("DELTA_LENGTH_BYTE_ARRAY: value {} of {} bytes runs past the page",
                                i, lengths[i]);
    }
    d.values_[i] = ByteArrayRef{data + pos, static_cast<uint32_t>(lengths[i])};
    pos += lengths[i];
  }
  d.consumed_ = pos;
  return d;
}

Result<DeltaByteArrayDecoder> DeltaByteArrayDecoder::Make(const uint8_t* data, int64_t size,
                                                          int64_t num_values) {
  DeltaByteArrayDecoder d;
  if (num_values < 0) return Status::Corruption("DELTA_BYTE_ARRAY: {} values", num_values);
  int64_t pos = 0;
  FLOE_ASSIGN_OR_RETURN(auto prefixes,
                        ReadLengths(data, size, num_values, "DELTA_BYTE_ARRAY", &pos));
  FLOE_ASSIGN_OR_RETURN(auto suffixes,
                        DeltaLengthByteArrayDecoder::Make(data + pos, size - pos, num_values));
  // Check prefixes against the previous value and size everything first.
  int64_t total = 0, previous = 0;
  for (int64_t i = 0; i < num_values; ++i) {
    if (prefixes[i] > previous) {
      return Status::Corruption(
          "DELTA_BYTE_ARRAY: value {} shares {} bytes with a previous value of {}", i, prefixes[i],
          previous);
    }
    previous = prefixes[i] + static_cast<int64_t>(suffixes.values()[i].length);
    total += previous;
    if (total > kMaxDecodedBytes) {
      return Status::Corruption("DELTA_BYTE_ARRAY: page decodes to more than {} bytes",
                                kMaxDecodedBytes);
    }
  }
  FLOE_ASSIGN_OR_RETURN(std::unique_ptr<Buffer> buffer, Buffer::Allocate(total));
  d.values_.resize(static_cast<size_t>(num_values));
  uint8_t* out = buffer->mutable_data();
  const uint8_t* prev = nullptr;
  for (int64_t i = 0; i < num_values; ++i) {
    const ByteArrayRef& suffix = suffixes.values()[i];
    if (prefixes[i] > 0) std::memcpy(out, prev, prefixes[i]);
    if (suffix.length > 0) std::memcpy(out + prefixes[i], suffix.data, suffix.length);
    uint32_t len = static_cast<uint32_t>(prefixes[i]) + suffix.length;
    d.values_[i] = ByteArrayRef{out, len};
    prev = out;
    out += len;
  }
  d.buffer_ = std::move(buffer);
  return d;
}

void EncodeDeltaLengthByteArray(const std::vector<std::string_view>& values,
                                std::vector<uint8_t>& out) {
  DeltaBinaryPackedEncoder<int32_t> lengths;
  for (auto v : values) lengths.Put(static_cast<int32_t>(v.size()));
  lengths.FinishInto(out);
  for (auto v : values) out.insert(out.end(), v.begin(), v.end());
}

void EncodeDeltaByteArray(const std::vector<std::string_view>& values, std::vector<uint8_t>& out) {
  DeltaBinaryPackedEncoder<int32_t> prefixes;
  std::vector<std::string_view> suffixes;
  std::string_view prev;
  for (auto v : values) {
    size_t p = 0;
    size_t limit = std::min(prev.size(), v.size());
    while (p < limit && prev[p] == v[p]) ++p;
    prefixes.Put(static_cast<int32_t>(p));
    suffixes.push_back(v.substr(p));
    prev = v;
  }
  prefixes.FinishInto(out);
  EncodeDeltaLengthByteArray(suffixes, out);
}

}  // namespace floe::parquet
