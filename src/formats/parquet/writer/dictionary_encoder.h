// DictionaryEncoder: the dictionary of one column chunk - maps each distinct
// value to its index in insertion order, and writes the dictionary page body
// (the entries PLAIN-encoded).
//
// Values are told apart by their encoding, so for floats -0.0 and +0.0 are
// two entries and every NaN bit pattern its own, and a dictionary page
// round-trips them exactly. Byte-array entries are copied into the encoder,
// so input values need only live during GetOrInsert().
//
// Thread-safety: one thread per encoder.
#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "formats/parquet/writer/plain_encoder.h"

namespace floe::parquet {

template <typename T>  // int32_t, int64_t, float, double or std::string_view
class DictionaryEncoder {
  static constexpr bool kIsBytes = std::is_same_v<T, std::string_view>;

 public:
  // `fixed_length`: byte width of FIXED_LEN_BYTE_ARRAY values, 0 otherwise.
  explicit DictionaryEncoder(int32_t fixed_length = 0) : fixed_length_(fixed_length) {
    slots_.assign(kInitialSlots, kEmpty);
  }

  // The index of `value`, adding it if new.
  uint32_t GetOrInsert(const T& value) {
    const uint64_t hash = Hash(value);
    size_t slot = static_cast<size_t>(hash) & (slots_.size() - 1);
    while (true) {
      const uint32_t entry = slots_[slot];
      if (entry == kEmpty) break;
      if (hashes_[entry] == hash && Equal(entry, value)) return entry;
      slot = (slot + 1) & (slots_.size() - 1);
    }
    const auto index = static_cast<uint32_t>(hashes_.size());
    slots_[slot] = index;
    hashes_.push_back(hash);
    if constexpr (kIsBytes) {
      offsets_.push_back(bytes_.size());
      bytes_.insert(bytes_.end(), value.begin(), value.end());
      encoded_size_ += static_cast<int64_t>(value.size()) + (fixed_length_ > 0 ? 0 : 4);
    } else {
      values_.push_back(value);
      encoded_size_ += static_cast<int64_t>(sizeof(T));
    }
    if (hashes_.size() * 2 > slots_.size()) Grow();
    return index;
  }

  int64_t num_entries() const { return static_cast<int64_t>(hashes_.size()); }
  // Bytes of the PLAIN-encoded dictionary page body.
  int64_t encoded_size() const { return encoded_size_; }
  // Memory held, for buffered-size estimates.
  int64_t memory_size() const {
    return encoded_size_ + static_cast<int64_t>(slots_.size() * sizeof(uint32_t) +
                                                hashes_.size() * sizeof(uint64_t));
  }

  // The dictionary page body.
  std::vector<uint8_t> EncodePage() const {
    PlainEncoder<T> plain(fixed_length_);
    if constexpr (kIsBytes) {
      for (size_t i = 0; i < offsets_.size(); ++i) {
        const std::string_view entry = Entry(i);
        plain.Put(&entry, 1);
      }
    } else {
      plain.Put(values_.data(), static_cast<int64_t>(values_.size()));
    }
    return plain.buffer();
  }

 private:
  static constexpr uint32_t kEmpty = UINT32_MAX;
  static constexpr size_t kInitialSlots = 1024;

  static uint64_t Mix(uint64_t x) {
    // splitmix64's finaliser.
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
  }

  static uint64_t Hash(const T& value) {
    if constexpr (kIsBytes) {
      uint64_t h = 0x9e3779b97f4a7c15ULL ^ value.size();
      size_t i = 0;
      for (; i + 8 <= value.size(); i += 8) {
        uint64_t word;
        std::memcpy(&word, value.data() + i, 8);
        h = Mix(h ^ word);
      }
      uint64_t tail = 0;
      if (i < value.size()) std::memcpy(&tail, value.data() + i, value.size() - i);
      return Mix(h ^ tail ^ (uint64_t{1} << 63));
    } else {
      uint64_t bits = 0;
      std::memcpy(&bits, &value, sizeof(T));
      return Mix(bits);
    }
  }

  std::string_view Entry(size_t i) const {
    const size_t begin = offsets_[i];
    const size_t end = i + 1 < offsets_.size() ? offsets_[i + 1] : bytes_.size();
    return std::string_view(bytes_.data() + begin, end - begin);
  }

  bool Equal(uint32_t entry, const T& value) const {
    if constexpr (kIsBytes) {
      return Entry(entry) == value;
    } else {
      return std::memcmp(&values_[entry], &value, sizeof(T)) == 0;
    }
  }

  void Grow() {
    std::vector<uint32_t> slots(slots_.size() * 2, kEmpty);
    const size_t mask = slots.size() - 1;
    for (uint32_t entry = 0; entry < hashes_.size(); ++entry) {
      size_t slot = static_cast<size_t>(hashes_[entry]) & mask;
      while (slots[slot] != kEmpty) slot = (slot + 1) & mask;
      slots[slot] = entry;
    }
    slots_ = std::move(slots);
  }

  int32_t fixed_length_;
  std::vector<uint32_t> slots_;   // open addressing: entry index or kEmpty
  std::vector<uint64_t> hashes_;  // per entry
  std::vector<T> values_;         // fixed-width entries
  std::vector<char> bytes_;       // byte-array entries, back to back
  std::vector<size_t> offsets_;   // where each byte-array entry starts in bytes_
  int64_t encoded_size_ = 0;
};

}  // namespace floe::parquet
