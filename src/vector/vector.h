// Vector: one column of a batch - values of one logical type plus validity.
//
// A vector is one of three kinds:
//   flat        values in a contiguous buffer, one slot per row
//   constant    one value standing for every row (a partition column, a
//               literal); its buffers hold a single slot
//   dictionary  per-row uint32 indices into a shared, immutable flat
//               dictionary vector, so a Parquet scan can hand over dictionary
//               pages without materialising them. A NULL row points at a
//               NULL dictionary entry; the indices carry no validity.
// Readers that must handle every kind use ToUnifiedFormat(); Flatten() turns
// any kind into a flat vector. Only flat vectors are written to.
//
// Layout per type is described in logical_type.h. Strings live in a
// StringHeap owned by the vector (16-byte StringRef slots, short ones inline).
// Struct vectors own one child vector per field, addressed with the struct's
// own index. List and map vectors hold ListEntry slots and own one child
// vector whose first list_size() rows are in use; a map's child is
// struct<key, value>, as in Arrow and DuckDB, so maps reuse all list code.
// List children grow on demand; overwriting a list row appends new elements
// and leaves the old ones unreferenced.
//
// Buffers are zero-initialised, so an unwritten row reads as 0, "" or [].
// Sizes that may come from input (capacity, string length, dictionary
// indices) are checked and reported as Status; per-row accessors on hot
// paths only FLOE_DCHECK.
//
// Thread-safety: not thread-safe for writes; concurrent reads are safe.
// Moving a vector invalidates UnifiedFormats made from it but not the
// StringRefs into its heap.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string_view>
#include <vector>

#include "common/macros.h"
#include "common/result.h"
#include "vector/logical_type.h"
#include "vector/string_heap.h"
#include "vector/unified_format.h"
#include "vector/validity.h"
#include "vector/value.h"

namespace floe {

// Rows per batch: large enough to amortise per-batch work, small enough that
// a batch's columns stay in cache.
constexpr int64_t kDefaultBatchSize = 2048;
// Upper bounds for one vector (rows and bytes of the main buffers), so a
// corrupt or hostile size fails with a Status instead of exhausting memory.
constexpr int64_t kMaxVectorCapacity = int64_t{1} << 28;
constexpr int64_t kMaxVectorBytes = int64_t{1} << 32;

enum class VectorKind : uint8_t { kFlat, kConstant, kDictionary };

class Vector {
  // A passkey: only Vector can name it, yet std::make_unique can forward it.
  struct PrivateTag {
    explicit PrivateTag() = default;
  };

 public:
  // A flat vector of `capacity` rows, all valid and zero.
  static Result<Vector> Make(LogicalType type, int64_t capacity = kDefaultBatchSize);
  // A constant vector repeating `value` (which may be NULL).
  static Result<Vector> MakeConstant(const Value& value);
  // A dictionary vector with one row per index; `dictionary` must be flat and
  // every index below its capacity.
  static Result<Vector> MakeDictionary(std::shared_ptr<const Vector> dictionary,
                                       std::span<const uint32_t> indices);

  Vector(PrivateTag, LogicalType type, VectorKind kind) : type_(std::move(type)), kind_(kind) {}

  Vector(Vector&&) noexcept = default;
  Vector& operator=(Vector&&) noexcept = default;
  FLOE_DISALLOW_COPY_AND_ASSIGN(Vector);

  const LogicalType& type() const { return type_; }
  VectorKind kind() const { return kind_; }
  // Flat: rows allocated. Constant: 1. Dictionary: number of indices.
  int64_t capacity() const { return capacity_; }

  // The main buffer of a flat or constant vector as T*, where sizeof(T) is
  // the type's byte width (bool/uint8_t for boolean, int64_t or int128_t for
  // decimals, StringRef, ListEntry); uint8_t* for any type's raw bytes.
  template <typename T>
  T* GetData() {
    FLOE_DCHECK(kind_ != VectorKind::kDictionary);
    FLOE_DCHECK(sizeof(T) == 1 || static_cast<int64_t>(sizeof(T)) == type_.byte_width());
    return reinterpret_cast<T*>(data_.get());
  }
  template <typename T>
  const T* GetData() const {
    return const_cast<Vector*>(this)->GetData<T>();
  }
  // Of a flat or constant vector (a dictionary's is dictionary().validity()).
  ValidityMask& validity() { return validity_; }
  const ValidityMask& validity() const { return validity_; }

  // Any kind.
  bool IsNull(int64_t row) const;
  // Flat only.
  void SetNull(int64_t row) {
    FLOE_DCHECK(kind_ == VectorKind::kFlat);
    validity_.SetInvalid(row);
  }

  // String and binary values of this vector (flat or constant) point here.
  StringHeap& string_heap() {
    FLOE_DCHECK(heap_ != nullptr);
    return *heap_;
  }
  const StringHeap& string_heap() const { return const_cast<Vector*>(this)->string_heap(); }
  // Copies `bytes` into a flat string, binary, fixed or uuid vector and marks
  // the row valid. Fixed-width types require exactly their length.
  Status SetString(int64_t row, std::string_view bytes);
  // The bytes of a string, binary, fixed or uuid row of any kind (unspecified
  // for NULL rows). Valid while the vector is alive and unmodified.
  std::string_view GetString(int64_t row) const;

  // Struct: one child per field. List and map: one child.
  size_t child_count() const { return children_.size(); }
  Vector& child(size_t i) { return *children_[i]; }
  const Vector& child(size_t i) const { return *children_[i]; }
  // List and map: child rows in use; new elements are appended after them.
  int64_t list_size() const { return list_size_; }
  // Grows the child so that it holds at least `size` rows, then marks them in
  // use, for writers that fill ListEntry slots and the child directly.
  Status SetListSize(int64_t size);

  // Dictionary only.
  const Vector& dictionary() const { return *dictionary_; }
  const uint32_t* indices() const { return indices_.get(); }

  UnifiedFormat ToUnifiedFormat() const;
  // Makes this a flat vector holding rows [0, count) of its current contents.
  // Strings are copied into the vector's own heap.
  Status Flatten(int64_t count);
  // Copies rows `rows` of `source` (any kind, same type) into this flat
  // vector, starting at row `offset`.
  Status CopyRows(const Vector& source, std::span<const uint32_t> rows, int64_t offset);
  // Grows a flat vector to at least `capacity` rows, keeping its contents.
  Status Reserve(int64_t capacity);

  // The slow, generic path.
  Value GetValue(int64_t row) const;
  // Flat only; `value` must have exactly the vector's type.
  Status SetValue(int64_t row, const Value& value);

 private:
  // Allocates flat storage, children included; the size is already checked.
  void Allocate(int64_t capacity);
  static Status CheckCapacity(const LogicalType& type, int64_t capacity);

  Value GetFlatValue(int64_t index) const;
  Status SetFlatValue(int64_t index, const Value& value);
  Status CopyRowsImpl(const Vector& source, std::span<const uint32_t> rows, int64_t offset);
  Status ReserveListChild(int64_t size);

  LogicalType type_;
  VectorKind kind_;
  int64_t capacity_ = 0;
  std::unique_ptr<uint8_t[]> data_;
  ValidityMask validity_;
  std::unique_ptr<StringHeap> heap_;
  std::vector<std::unique_ptr<Vector>> children_;
  int64_t list_size_ = 0;
  std::shared_ptr<const Vector> dictionary_;
  std::unique_ptr<uint32_t[]> indices_;
};

}  // namespace floe
