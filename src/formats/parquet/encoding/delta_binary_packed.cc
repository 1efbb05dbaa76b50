#include "formats/parquet/encoding/delta_binary_packed.h"

#include <algorithm>

#include "formats/parquet/encoding/bit_packing.h"
#include "formats/parquet/encoding/varint.h"

namespace floe::parquet {
namespace {
// Writers use 128 or 256 values a block; anything near this cap is hostile.
constexpr uint64_t kMaxValuesPerBlock = 1 << 20;
constexpr uint64_t kMaxMiniblocks = 1 << 12;
}  // namespace

template <typename T>
Result<DeltaBinaryPackedDecoder<T>> DeltaBinaryPackedDecoder<T>::Make(const uint8_t* data,
                                                                      int64_t size) {
  DeltaBinaryPackedDecoder d(data, size);
  ByteCursor c(data, size);
  FLOE_ASSIGN_OR_RETURN(uint64_t block, c.ReadUleb128());
  FLOE_ASSIGN_OR_RETURN(uint64_t miniblocks, c.ReadUleb128());
  FLOE_ASSIGN_OR_RETURN(uint64_t total, c.ReadUleb128());
  FLOE_ASSIGN_OR_RETURN(int64_t first, c.ReadZigZag());
  if (block == 0 || block > kMaxValuesPerBlock || block % 128 != 0) {
    return Status::Corruption(
        "DELTA_BINARY_PACKED: block size {} is not a multiple of 128 in 128..{}", block,
        kMaxValuesPerBlock);
  }
  if (miniblocks == 0 || miniblocks > kMaxMiniblocks || block % miniblocks != 0 ||
      (block / miniblocks) % 32 != 0) {
    return Status::Corruption(
        "DELTA_BINARY_PACKED: {} miniblocks do not divide a block of {} into multiples of 32",
        miniblocks, block);
  }
  if (total > (uint64_t{1} << 40)) {
    return Status::Corruption("DELTA_BINARY_PACKED: {} values", total);
  }
  d.values_per_block_ = static_cast<int64_t>(block);
  d.miniblocks_per_block_ = static_cast<int64_t>(miniblocks);
  d.values_per_miniblock_ = static_cast<int64_t>(block / miniblocks);
  d.total_values_ = d.values_left_ = static_cast<int64_t>(total);
  d.last_value_ = static_cast<U>(first);
  d.pos_ = c.position();
  d.miniblock_index_ = d.miniblocks_per_block_;  // forces a block header first
  return d;
}

template <typename T>
Status DeltaBinaryPackedDecoder<T>::NextBlock() {
  ByteCursor c(data_ + pos_, size_ - pos_);
  FLOE_ASSIGN_OR_RETURN(int64_t min_delta, c.ReadZigZag());
  FLOE_ASSIGN_OR_RETURN(const uint8_t* widths, c.ReadBytes(miniblocks_per_block_));
  min_delta_ = static_cast<U>(min_delta);
  bit_widths_.assign(widths, widths + miniblocks_per_block_);
  miniblock_index_ = 0;
  pos_ += c.position();
  return Status::OK();
}

template <typename T>
Status DeltaBinaryPackedDecoder<T>::NextMiniblock() {
  if (miniblock_index_ >= miniblocks_per_block_) FLOE_RETURN_NOT_OK(NextBlock());
  int width = bit_widths_[miniblock_index_++];
  if (width > static_cast<int>(sizeof(T) * 8)) {
    return Status::Corruption("DELTA_BINARY_PACKED: miniblock bit width {} exceeds {} bits", width,
                              sizeof(T) * 8);
  }
  // A miniblock is always padded to full length; only the values still
  // needed must be present, for leniency with writers that trim.
  int64_t full = values_per_miniblock_ * width / 8;
  int64_t needed_values = std::min(values_per_miniblock_, values_left_);
  int64_t needed = (needed_values * width + 7) / 8;
  int64_t avail = size_ - pos_;
  if (avail < needed) {
    return Status::Corruption("DELTA_BINARY_PACKED: miniblock needs {} bytes at offset {}, {} left",
                              needed, pos_, avail);
  }
  deltas_.resize(needed_values);
  UnpackBits<U>(data_ + pos_, std::min(avail, full), width, needed_values, deltas_.data());
  pos_ += std::min(avail, full);
  delta_index_ = 0;
  return Status::OK();
}

template <typename T>
Result<int64_t> DeltaBinaryPackedDecoder<T>::GetBatch(T* out, int64_t n) {
  int64_t done = 0;
  n = std::min(n, values_left_);
  if (n > 0 && first_pending_) {
    out[done++] = static_cast<T>(last_value_);
    first_pending_ = false;
    --values_left_;
  }
  while (done < n) {
    if (delta_index_ >= static_cast<int64_t>(deltas_.size())) FLOE_RETURN_NOT_OK(NextMiniblock());
    int64_t take = std::min<int64_t>(n - done, static_cast<int64_t>(deltas_.size()) - delta_index_);
    U last = last_value_;
    const U min_delta = min_delta_;
    const U* d = deltas_.data() + delta_index_;
    for (int64_t i = 0; i < take; ++i) {
      last += min_delta + d[i];
      out[done + i] = static_cast<T>(last);
    }
    last_value_ = last;
    delta_index_ += take;
    done += take;
    values_left_ -= take;
  }
  return done;
}

template <typename T>
void DeltaBinaryPackedEncoder<T>::FinishInto(std::vector<uint8_t>& out) {
  using U = std::make_unsigned_t<T>;
  constexpr int64_t kBlock = 128, kMiniblocks = 4, kPerMini = kBlock / kMiniblocks;
  const int64_t n = static_cast<int64_t>(values_.size());
  AppendUleb128(out, kBlock);
  AppendUleb128(out, kMiniblocks);
  AppendUleb128(out, static_cast<uint64_t>(n));
  AppendZigZag(out, n > 0 ? static_cast<int64_t>(values_[0]) : 0);
  std::vector<U> deltas(kBlock);
  for (int64_t start = 1; start < n; start += kBlock) {
    int64_t count = std::min(kBlock, n - start);
    // Deltas wrap in the column's width; min_delta is their signed minimum.
    T min_delta = 0;
    for (int64_t i = 0; i < count; ++i) {
      T d = static_cast<T>(static_cast<U>(values_[start + i]) -
                           static_cast<U>(values_[start + i - 1]));
      if (i == 0 || d < min_delta) min_delta = d;
      deltas[i] = static_cast<U>(d);
    }
    for (int64_t i = 0; i < count; ++i) deltas[i] -= static_cast<U>(min_delta);
    AppendZigZag(out, static_cast<int64_t>(min_delta));
    int64_t used = (count + kPerMini - 1) / kPerMini;
    uint8_t widths[kMiniblocks] = {0, 0, 0, 0};
    for (int64_t m = 0; m < used; ++m) {
      U max = 0;
      for (int64_t i = m * kPerMini; i < std::min(count, (m + 1) * kPerMini); ++i) max |= deltas[i];
      widths[m] = static_cast<uint8_t>(BitWidth(max));
    }
    out.insert(out.end(), widths, widths + kMiniblocks);
    for (int64_t m = 0; m < used; ++m) {
      // Pad the last miniblock with zero deltas to its full length.
      U padded[kPerMini] = {};
      for (int64_t i = 0; i < kPerMini && m * kPerMini + i < count; ++i)
        padded[i] = deltas[m * kPerMini + i];
      size_t at = out.size();
      out.resize(at + kPerMini * widths[m] / 8, 0);
      PackBits(padded, kPerMini, widths[m], out.data() + at);
    }
  }
  values_.clear();
}

template class DeltaBinaryPackedDecoder<int32_t>;
template class DeltaBinaryPackedDecoder<int64_t>;
template class DeltaBinaryPackedEncoder<int32_t>;
template class DeltaBinaryPackedEncoder<int64_t>;

}  // namespace floe::parquet
