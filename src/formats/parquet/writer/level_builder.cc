#include "formats/parquet/writer/level_builder.h"

#include <fmt/format.h>

namespace floe::parquet {

LevelBuilder::LevelBuilder(const WriterField& field, std::span<const LeafColumn> leaves)
    : field_(field), leaves_(leaves), batches_(leaves.size()) {}

std::vector<LevelBuilder::Slot>& LevelBuilder::ScratchAt(size_t depth) {
  while (scratch_.size() <= depth) scratch_.emplace_back();
  std::vector<Slot>& slots = scratch_[depth];
  slots.clear();
  return slots;
}

Status LevelBuilder::NullInRequired() const {
  return Status::InvalidArgument("parquet writer: field '{}' is required but holds a NULL",
                                 fmt::join(path_, "."));
}

Result<std::span<const LeafBatch>> LevelBuilder::Shred(const Vector& column, int64_t offset,
                                                       int64_t count) {
  for (LeafBatch& batch : batches_) {
    batch.num_rows = count;
    batch.num_levels = 0;
    batch.def_levels.clear();
    batch.rep_levels.clear();
    batch.value_indices.clear();
    batch.values = nullptr;
  }
  next_leaf_ = 0;
  path_.clear();
  if (!field_.type.IsNested()) {
    path_.push_back(field_.name);
    FLOE_RETURN_NOT_OK(ShredTopLevelLeaf(column, offset, count));
  } else {
    std::vector<Slot>& slots = ScratchAt(0);
    slots.reserve(static_cast<size_t>(count));
    for (int64_t row = offset; row < offset + count; ++row) slots.push_back({row, 0, 0});
    FLOE_RETURN_NOT_OK(Visit(field_, column, slots, 1, 0));
  }
  FLOE_DCHECK(next_leaf_ == batches_.size());
  return std::span<const LeafBatch>(batches_);
}

Status LevelBuilder::ShredTopLevelLeaf(const Vector& column, int64_t offset, int64_t count) {
  LeafBatch& batch = batches_[next_leaf_++];
  const UnifiedFormat f = column.ToUnifiedFormat();
  batch.values = f.base;
  batch.num_levels = count;
  batch.value_indices.reserve(static_cast<size_t>(count));
  if (!field_.nullable) {
    for (int64_t row = offset; row < offset + count; ++row) {
      const int64_t idx = f.Index(row);
      if (!f.validity->RowIsValid(idx)) return NullInRequired().WithContext("row {}", row);
      batch.value_indices.push_back(static_cast<uint32_t>(idx));
    }
    return Status::OK();
  }
  batch.def_levels.resize(static_cast<size_t>(count));
  int16_t* def = batch.def_levels.data();
  if (f.validity->AllValid()) {
    for (int64_t i = 0; i < count; ++i) {
      def[i] = 1;
      batch.value_indices.push_back(static_cast<uint32_t>(f.Index(offset + i)));
    }
    return Status::OK();
  }
  for (int64_t i = 0; i < count; ++i) {
    const int64_t idx = f.Index(offset + i);
    const bool valid = f.validity->RowIsValid(idx);
    def[i] = valid ? 1 : 0;
    if (valid) batch.value_indices.push_back(static_cast<uint32_t>(idx));
  }
  return Status::OK();
}

Status LevelBuilder::VisitLeaf(const WriterField& field, const Vector& vector,
                               const std::vector<Slot>& slots) {
  const LeafColumn& leaf = leaves_[next_leaf_];
  LeafBatch& batch = batches_[next_leaf_++];
  const UnifiedFormat f = vector.ToUnifiedFormat();
  batch.values = f.base;
  batch.num_levels = static_cast<int64_t>(slots.size());
  const bool keep_def = leaf.max_definition_level > 0;
  const bool keep_rep = leaf.max_repetition_level > 0;
  if (keep_def) batch.def_levels.reserve(slots.size());
  if (keep_rep) batch.rep_levels.reserve(slots.size());
  const int16_t present = field.nullable ? 1 : 0;
  for (const Slot& slot : slots) {
    int16_t def = slot.def;
    if (slot.row >= 0) {
      const int64_t idx = f.Index(slot.row);
      if (f.validity->RowIsValid(idx)) {
        def = static_cast<int16_t>(def + present);
        batch.value_indices.push_back(static_cast<uint32_t>(idx));
      } else if (!field.nullable) {
        return NullInRequired();
      }
    }
    if (keep_def) batch.def_levels.push_back(def);
    if (keep_rep) batch.rep_levels.push_back(slot.rep);
  }
  return Status::OK();
}

Status LevelBuilder::Visit(const WriterField& field, const Vector& vector,
                           const std::vector<Slot>& slots, size_t depth, int16_t rep_depth) {
  path_.push_back(field.name);
  if (!field.type.IsNested()) {
    FLOE_RETURN_NOT_OK(VisitLeaf(field, vector, slots));
    path_.pop_back();
    return Status::OK();
  }
  const UnifiedFormat f = vector.ToUnifiedFormat();
  const int16_t present = field.nullable ? 1 : 0;
  std::vector<Slot>& next = ScratchAt(depth);
  next.reserve(slots.size());
  if (field.type.id() == TypeId::kStruct) {
    for (const Slot& slot : slots) {
      if (slot.row < 0) {
        next.push_back(slot);
        continue;
      }
      const int64_t idx = f.Index(slot.row);
      if (!f.validity->RowIsValid(idx)) {
        if (!field.nullable) return NullInRequired();
        next.push_back({-1, slot.def, slot.rep});
      } else {
        next.push_back({idx, static_cast<int16_t>(slot.def + present), slot.rep});
      }
    }
    for (size_t i = 0; i < field.children.size(); ++i) {
      FLOE_RETURN_NOT_OK(Visit(field.children[i], f.base->child(i), next, depth + 1, rep_depth));
    }
    path_.pop_back();
    return Status::OK();
  }

  // List or map: each entry of a present, non-empty collection becomes a slot
  // of the child; the first keeps the row's repetition level, the rest repeat
  // at this collection's level.
  const auto repeated_level = static_cast<int16_t>(rep_depth + 1);
  const auto* entries = f.GetData<ListEntry>();
  for (const Slot& slot : slots) {
    if (slot.row < 0) {
      next.push_back(slot);
      continue;
    }
    const int64_t idx = f.Index(slot.row);
    if (!f.validity->RowIsValid(idx)) {
      if (!field.nullable) return NullInRequired();
      next.push_back({-1, slot.def, slot.rep});
      continue;
    }
    const auto def = static_cast<int16_t>(slot.def + present);
    const ListEntry entry = entries[idx];
    if (entry.length == 0) {
      next.push_back({-1, def, slot.rep});
      continue;
    }
    const auto element_def = static_cast<int16_t>(def + 1);
    next.push_back({int64_t{entry.offset}, element_def, slot.rep});
    for (uint32_t k = 1; k < entry.length; ++k) {
      next.push_back({int64_t{entry.offset} + k, element_def, repeated_level});
    }
  }
  const Vector& child = f.base->child(0);
  if (field.type.id() == TypeId::kList) {
    FLOE_RETURN_NOT_OK(Visit(field.children[0], child, next, depth + 1, repeated_level));
  } else {
    // A map's child is its struct<key, value> entries; the key_value group is
    // repeated, not optional, so an entry adds no definition level.
    const UnifiedFormat ef = child.ToUnifiedFormat();
    for (Slot& slot : next) {
      if (slot.row >= 0) slot.row = ef.Index(slot.row);
    }
    for (size_t i = 0; i < 2; ++i) {
      FLOE_RETURN_NOT_OK(
          Visit(field.children[i], ef.base->child(i), next, depth + 1, repeated_level));
    }
  }
  path_.pop_back();
  return Status::OK();
}

}  // namespace floe::parquet
