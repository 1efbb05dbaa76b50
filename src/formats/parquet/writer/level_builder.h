// LevelBuilder: shreds the rows of one top-level column (a Vector of any
// kind: flat, constant or dictionary, nested or not) into Dremel definition
// and repetition levels plus the positions of the non-null leaf values, one
// LeafBatch per leaf column of the field.
//
// Definition levels count the optional and repeated ancestors that are
// present: for `optional group a (LIST) { repeated group list { optional int
// element } }`, a NULL list is 0, an empty list 1, a NULL element 2 and a
// value 3. Repetition levels say at which repeated ancestor a value starts a
// new entry (0 starts a new row). Map entries are the list's elements, a NULL
// map value ends one level below the value's maximum. A NULL where the schema
// says required (a required field, a map key) is InvalidArgument.
//
// Thread-safety: one thread per LevelBuilder; the batches it returns are
// reused by its next Shred() call and point into the shredded vector.
#pragma once

#include <cstdint>
#include <deque>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "formats/parquet/writer/writer_field.h"
#include "formats/parquet/writer/writer_schema.h"
#include "vector/vector.h"

namespace floe::parquet {

// One batch of one leaf column.
struct LeafBatch {
  int64_t num_rows = 0;             // top-level rows shredded
  int64_t num_levels = 0;           // values including nulls (and empty/null collections)
  std::vector<int16_t> def_levels;  // num_levels entries; empty when the max is 0
  std::vector<int16_t> rep_levels;  // num_levels entries; empty when the max is 0
  // The flat vector that holds the leaf's values, and the index into it of
  // each non-null value in order.
  const Vector* values = nullptr;
  std::vector<uint32_t> value_indices;
};

class LevelBuilder {
 public:
  // `leaves` are the leaf columns of `field`, in schema order. Both must
  // outlive the builder.
  LevelBuilder(const WriterField& field, std::span<const LeafColumn> leaves);

  // Shreds rows [offset, offset + count) of `column`, which has the field's
  // type. The result has one batch per leaf and lives until the next call.
  Result<std::span<const LeafBatch>> Shred(const Vector& column, int64_t offset, int64_t count);

 private:
  // row < 0: an ancestor is NULL or an empty collection; only levels remain.
  struct Slot {
    int64_t row;
    int16_t def;
    int16_t rep;
  };

  Status Visit(const WriterField& field, const Vector& vector, const std::vector<Slot>& slots,
               size_t depth, int16_t rep_depth);
  Status VisitLeaf(const WriterField& field, const Vector& vector, const std::vector<Slot>& slots);
  Status ShredTopLevelLeaf(const Vector& column, int64_t offset, int64_t count);
  std::vector<Slot>& ScratchAt(size_t depth);
  Status NullInRequired() const;

  const WriterField& field_;
  std::span<const LeafColumn> leaves_;
  std::vector<LeafBatch> batches_;
  size_t next_leaf_ = 0;
  // One slot list per nesting depth; a deque so that growing it keeps the
  // lists of shallower depths in place.
  std::deque<std::vector<Slot>> scratch_;
  std::vector<std::string_view> path_;  // names down to the node being visited
};

}  // namespace floe::parquet
