#include "formats/avro/avro_decoder.h"

namespace floe::avro {

Status AvroDecoder::Truncated(const char* what, size_t needed) {
  exhausted_ = true;
  return Status::Corruption("at byte {}: {} needs {} more byte(s) but {} are left", position(),
                            what, needed, remaining());
}

Status AvroDecoder::Overflow() const {
  return Status::Corruption("at byte {}: varint does not fit 64 bits (more than 10 bytes)",
                            position());
}

Status AvroDecoder::IntOutOfRange(int64_t v) const {
  return Status::Corruption("before byte {}: int value {} does not fit 32 bits", position(), v);
}

Status AvroDecoder::BadBoolean(uint8_t byte) const {
  return Status::Corruption("at byte {}: boolean byte 0x{:02x} is neither 0 nor 1", position(),
                            byte);
}

Status AvroDecoder::BadLength(int64_t length, size_t left) {
  if (length < 0) {
    return Status::Corruption("at byte {}: negative length {}", position(), length);
  }
  exhausted_ = true;
  return Status::Corruption("at byte {}: length {} exceeds the {} bytes left after it", position(),
                            length, left);
}

Status AvroDecoder::BadBlockCount() const {
  return Status::Corruption("before byte {}: block count -2^63 cannot be negated", position());
}

Status AvroDecoder::BadBlockSize(int64_t size) {
  if (size < 0) {
    return Status::Corruption("before byte {}: negative block size {}", position(), size);
  }
  exhausted_ = true;
  return Status::Corruption("before byte {}: block size {} exceeds the {} bytes left", position(),
                            size, remaining());
}

}  // namespace floe::avro
