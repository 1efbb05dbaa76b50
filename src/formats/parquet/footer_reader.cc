#include "formats/parquet/footer_reader.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include "common/buffer.h"
#include "formats/parquet/thrift_serde.h"

namespace floe::parquet {

namespace {

constexpr std::string_view kMagic = "PAR1";
constexpr std::string_view kEncryptedMagic = "PARE";
// "PAR1" + length + "PAR1"; the length check then refuses an empty footer.
constexpr int64_t kMinFileSize = 4 + 4 + 4;

bool HasMagic(const uint8_t* p, std::string_view magic) {
  return std::memcmp(p, magic.data(), magic.size()) == 0;
}

// The 4 bytes at p as text, non-printable bytes as \xNN.
std::string Printable(const uint8_t* p) {
  std::string out;
  for (int i = 0; i < 4; ++i) {
    if (p[i] >= 0x20 && p[i] < 0x7f) {
      out += static_cast<char>(p[i]);
    } else {
      out += fmt::format("\\x{:02x}", p[i]);
    }
  }
  return out;
}

uint32_t LoadLittleEndian32(const uint8_t* p) {
  return static_cast<uint32_t>(p[0]) | static_cast<uint32_t>(p[1]) << 8 |
         static_cast<uint32_t>(p[2]) << 16 | static_cast<uint32_t>(p[3]) << 24;
}

}  // namespace

Result<std::shared_ptr<const ParquetFileMetadata>> ReadParquetFooter(RandomAccessFile& file) {
  const std::string& location = file.location();
  const int64_t size = file.size();
  if (size < kMinFileSize) {
    return Status::Corruption(
        "parquet: {}: not a Parquet file: {} bytes is too small (a Parquet file has at least {})",
        location, size, kMinFileSize);
  }

  // The tail and the leading magic, in one request where that is possible.
  const int64_t tail_length = std::min(size, kFooterTailReadSize);
  const int64_t tail_offset = size - tail_length;
  std::shared_ptr<const Buffer> head;
  std::shared_ptr<const Buffer> tail;
  if (tail_offset == 0) {
    FLOE_ASSIGN_OR_RETURN(tail, file.ReadAt(0, tail_length));
    head = tail;
  } else {
    const std::array<ReadRange, 2> ranges = {ReadRange{0, 4}, ReadRange{tail_offset, tail_length}};
    FLOE_ASSIGN_OR_RETURN(auto buffers, file.ReadRanges(ranges));
    head = std::move(buffers[0]);
    tail = std::move(buffers[1]);
  }
  const uint8_t* tail_end = tail->data() + tail_length;

  if (HasMagic(tail_end - 4, kEncryptedMagic)) {
    return Status::NotSupported("parquet: {}: encrypted footer (PARE) is not supported", location);
  }
  if (!HasMagic(tail_end - 4, kMagic)) {
    return Status::Corruption("parquet: {}: not a Parquet file: it ends with '{}', not 'PAR1'",
                              location, Printable(tail_end - 4));
  }
  if (!HasMagic(head->data(), kMagic)) {
    return Status::Corruption("parquet: {}: not a Parquet file: it starts with '{}', not 'PAR1'",
                              location, Printable(head->data()));
  }

  const uint32_t footer_length = LoadLittleEndian32(tail_end - 8);
  if (footer_length == 0) {
    return Status::Corruption("parquet: {}: invalid footer: its length is 0", location);
  }
  if (static_cast<int64_t>(footer_length) > size - 12) {
    return Status::Corruption(
        "parquet: {}: invalid footer: length {} does not fit in a file of {} bytes", location,
        footer_length, size);
  }
  if (footer_length > kMaxFooterLength) {
    return Status::NotSupported(
        "parquet: {}: the footer of {} bytes is larger than Floe's limit of {} bytes", location,
        footer_length, kMaxFooterLength);
  }

  // The footer's bytes: inside the tail, or the tail plus the part before it.
  const uint8_t* footer = nullptr;
  std::unique_ptr<Buffer> whole;
  const int64_t in_tail = tail_length - 8;
  if (static_cast<int64_t>(footer_length) <= in_tail) {
    footer = tail_end - 8 - footer_length;
  } else {
    FLOE_ASSIGN_OR_RETURN(whole, Buffer::Allocate(footer_length));
    const int64_t missing = static_cast<int64_t>(footer_length) - in_tail;
    const int64_t footer_offset = size - 8 - static_cast<int64_t>(footer_length);
    FLOE_RETURN_NOT_OK(file.ReadAt(footer_offset, missing, whole->mutable_data()));
    std::memcpy(whole->mutable_data() + missing, tail->data(), static_cast<size_t>(in_tail));
    footer = whole->data();
  }

  auto thrift = std::make_unique<format::FileMetaData>();
  Result<uint32_t> consumed = DeserializeThrift(footer, footer_length, thrift.get());
  if (!consumed.has_value()) {
    return consumed.error().WithContext("parquet: {}: invalid footer", location);
  }
  return ParquetFileMetadata::Make(location, size, footer_length, std::move(thrift));
}

}  // namespace floe::parquet
