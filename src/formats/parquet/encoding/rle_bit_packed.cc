#include "formats/parquet/encoding/rle_bit_packed.h"

#include <algorithm>

#include "formats/parquet/encoding/bit_packing.h"
#include "formats/parquet/encoding/varint.h"

namespace floe::parquet {

Result<RleBitPackedDecoder> RleBitPackedDecoder::Make(const uint8_t* data, int64_t size,
                                                      int bit_width) {
  if (bit_width < 0 || bit_width > 32) {
    return Status::Corruption("RLE/bit-packed bit width {} is not in 0..32", bit_width);
  }
  if (size < 0) return Status::Corruption("RLE/bit-packed data of {} bytes", size);
  return RleBitPackedDecoder(data, size, bit_width);
}

Result<bool> RleBitPackedDecoder::NextRun() {
  if (pos_ >= size_) return false;
  ByteCursor cursor(data_ + pos_, size_ - pos_);
  FLOE_ASSIGN_OR_RETURN(uint64_t header, cursor.ReadUleb128());
  if (header & 1) {
    // Bit packed: (header >> 1) groups of 8 values.
    uint64_t groups = header >> 1;
    if (groups > (uint64_t{1} << 40))
      return Status::Corruption("bit-packed run of {} groups", groups);
    int64_t bytes = static_cast<int64_t>(groups) * bit_width_;
    int64_t values = static_cast<int64_t>(groups) * 8;
    if (bytes > cursor.remaining()) {
      // Cut short: keep the values that are fully present.
      bytes = cursor.remaining();
      values = bit_width_ == 0 ? values : bytes * 8 / bit_width_;
    }
    rle_ = false;
    packed_ = cursor.current();
    packed_bytes_ = bytes;
    packed_index_ = 0;
    run_remaining_ = values;
    pos_ += cursor.position() + bytes;
  } else {
    uint64_t count = header >> 1;
    if (count > (uint64_t{1} << 40)) return Status::Corruption("RLE run of {} values", count);
    int value_bytes = (bit_width_ + 7) / 8;
    FLOE_ASSIGN_OR_RETURN(const uint8_t* p, cursor.ReadBytes(value_bytes));
    uint32_t value = 0;
    for (int i = 0; i < value_bytes; ++i) value |= static_cast<uint32_t>(p[i]) << (8 * i);
    rle_ = true;
    rle_value_ = value;
    run_remaining_ = static_cast<int64_t>(count);
    pos_ += cursor.position();
  }
  return true;
}

template <typename T>
Result<int64_t> RleBitPackedDecoder::GetBatch(T* out, int64_t n) {
  int64_t done = 0;
  while (done < n) {
    if (run_remaining_ == 0) {
      FLOE_ASSIGN_OR_RETURN(bool more, NextRun());
      if (!more) break;
      continue;
    }
    int64_t take = std::min(n - done, run_remaining_);
    if (rle_) {
      std::fill(out + done, out + done + take, static_cast<T>(rle_value_));
    } else {
      // Unpack from the run's start at packed_index_: byte-aligned every 8 values.
      int64_t first_group = packed_index_ / 8;
      int64_t skip = packed_index_ % 8;
      const uint8_t* base = packed_ + first_group * bit_width_;
      int64_t base_bytes = packed_bytes_ - first_group * bit_width_;
      if (skip == 0) {
        UnpackBits<T>(base, base_bytes, bit_width_, take, out + done);
      } else {
        T tmp[8];
        UnpackBits<T>(base, base_bytes, bit_width_, 8, tmp);
        int64_t head = std::min<int64_t>(take, 8 - skip);
        std::copy(tmp + skip, tmp + skip + head, out + done);
        if (take > head) {
          UnpackBits<T>(base + bit_width_, base_bytes - bit_width_, bit_width_, take - head,
                        out + done + head);
        }
      }
      packed_index_ += take;
    }
    run_remaining_ -= take;
    done += take;
  }
  return done;
}

Result<int64_t> RleBitPackedDecoder::Skip(int64_t n) {
  int64_t done = 0;
  while (done < n) {
    if (run_remaining_ == 0) {
      FLOE_ASSIGN_OR_RETURN(bool more, NextRun());
      if (!more) break;
      continue;
    }
    int64_t take = std::min(n - done, run_remaining_);
    if (!rle_) packed_index_ += take;
    run_remaining_ -= take;
    done += take;
  }
  return done;
}

template Result<int64_t> RleBitPackedDecoder::GetBatch<uint8_t>(uint8_t*, int64_t);
template Result<int64_t> RleBitPackedDecoder::GetBatch<int16_t>(int16_t*, int64_t);
template Result<int64_t> RleBitPackedDecoder::GetBatch<uint16_t>(uint16_t*, int64_t);
template Result<int64_t> RleBitPackedDecoder::GetBatch<int32_t>(int32_t*, int64_t);
template Result<int64_t> RleBitPackedDecoder::GetBatch<uint32_t>(uint32_t*, int64_t);

void RleBitPackedEncoder::EmitLiterals(std::vector<uint8_t>& out, int64_t begin, int64_t end,
                                       bool last) {
  int64_t count = end - begin;
  if (count == 0) return;
  int64_t groups = (count + 7) / 8;
  FLOE_DCHECK(last || count % 8 == 0);
  (void)last;
  AppendUleb128(out, static_cast<uint64_t>(groups) << 1 | 1);
  size_t at = out.size();
  out.resize(at + groups * bit_width_, 0);
  // Padding values of a final partial group are zero bits.
  PackBits(values_.data() + begin, count, bit_width_, out.data() + at);
}

void RleBitPackedEncoder::FinishInto(std::vector<uint8_t>& out) {
  const int64_t n = static_cast<int64_t>(values_.size());
  const int value_bytes = (bit_width_ + 7) / 8;
  int64_t literal_begin = 0;
  int64_t i = 0;
  while (i < n) {
    int64_t j = i + 1;
    while (j < n && values_[j] == values_[i]) ++j;
    int64_t run = j - i;
    // A literal run must hold whole groups of 8 unless it is the last, so a
    // repeat run first lends values to round the pending literals up.
    int64_t pending = i - literal_begin;
    int64_t lend = (8 - pending % 8) % 8;
    if (run - lend >= 8) {
      EmitLiterals(out, literal_begin, i + lend, false);
      int64_t count = run - lend;
      AppendUleb128(out, static_cast<uint64_t>(count) << 1);
      for (int b = 0; b < value_bytes; ++b)
        out.push_back(static_cast<uint8_t>(values_[i] >> (8 * b)));
      literal_begin = j;
    }
    i = j;
  }
  EmitLiterals(out, literal_begin, n, true);
  values_.clear();
}

}  // namespace floe::parquet
