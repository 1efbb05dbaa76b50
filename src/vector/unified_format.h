// UnifiedFormat: one way to read a vector of any kind (flat, constant,
// dictionary) without per-row virtual calls or branching on the kind.
//
// A row maps to an index into flat storage (`data`, `validity`, and for
// nested types the children of `base`): for a flat vector the index is the
// row, for a constant vector it is 0, for a dictionary vector it is the
// row's dictionary index. So a loop reads
//
//   UnifiedFormat f = vector.ToUnifiedFormat();
//   const int32_t* values = f.GetData<int32_t>();
//   for (int64_t row = 0; row < count; ++row) {
//     const int64_t idx = f.Index(row);
//     if (f.validity->RowIsValid(idx)) sum += values[idx];
//   }
//
// Struct children and list children of `base` are read with their own
// UnifiedFormat, at the struct's index / the list entry's offsets.
//
// Thread-safety: a view; valid while the vector it was made from is neither
// modified nor moved. Concurrent reads are safe.
#pragma once

#include <cstdint>

#include "vector/validity.h"

namespace floe {

class Vector;

struct UnifiedFormat {
  // The flat vector holding the values: the vector itself or its dictionary.
  const Vector* base = nullptr;
  // base's main buffer (null for structs).
  const uint8_t* data = nullptr;
  // Dictionary indices, one per row; null for flat and constant vectors,
  // which use `row & row_mask` (all ones for flat, zero for constant).
  const uint32_t* sel = nullptr;
  int64_t row_mask = -1;
  const ValidityMask* validity = nullptr;

  int64_t Index(int64_t row) const { return sel != nullptr ? sel[row] : (row & row_mask); }
  bool IsValid(int64_t row) const { return validity->RowIsValid(Index(row)); }

  template <typename T>
  const T* GetData() const {
    return reinterpret_cast<const T*>(data);
  }
};

}  // namespace floe
