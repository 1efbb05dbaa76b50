// RecordAssembler: turns the ColumnBatches of one top-level Parquet field's
// leaf columns into one Floe Vector of that field's type - Dremel record
// assembly from definition and repetition levels, plus the conversion of
// physical values to Floe's representation.
//
// Levels. Each node of the field's type (see type_mapping.h) has a slot for
// every level entry that reaches the enclosing list element (repetition level
// at most the enclosing list's, definition level at least its element's);
// the slot is non-null when the definition level reaches the node's own.
// A list slot's elements are the following entries that repeat at the list's
// level. So NULL lists, empty lists, lists of NULLs and NULL structs inside
// lists all come out as written, at any depth. Each node reads its slots from
// one leaf below it (the one with the fewest repetitions); siblings must agree
// on the number of slots, and the levels of every leaf are checked first, so
// hostile levels - out of range, a record that does not start at repetition
// level 0, a repetition of a list that has no element, fewer or more values
// than defined entries, leaves that disagree - are Corruption errors naming
// the column, never out-of-bounds accesses.
//
// Values. Per leaf and batch the conversion is chosen once (a switch), and
// the per-value loops are plain typed loops: integer narrowing and widening,
// TIME millis/nanos -> micros, TIMESTAMP millis -> micros (checked), INT96
// (nanos of day + signed Julian day, wrapping as Spark writes it) -> micros,
// decimals from INT32/INT64/big-endian bytes of any length (sign-extended; a
// value too large for the storage is Corruption), FLOAT16 -> float, UINT64 ->
// decimal(20,0). String and binary bytes are copied into the vector's
// StringHeap (a Vector cannot yet hold on to page buffers); UTF-8 is not
// validated, as DuckDB and Arrow do not by default.
//
// Dictionaries. With keep_dictionary, a dictionary-encoded batch of a
// top-level primitive column becomes a dictionary Vector over the converted
// dictionary plus one NULL entry at its end, which NULL rows point to. The
// converted dictionary is cached and shared while the reader hands out the
// same dictionary. Otherwise, and always inside nested types, dictionary
// values are materialised.
//
// Thread-safety: one thread at a time (it caches the converted dictionary).
// Vectors it returns are independent of it.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "common/result.h"
#include "formats/parquet/column_batch.h"
#include "formats/parquet/schema.h"
#include "formats/parquet/type_mapping.h"
#include "vector/logical_type.h"
#include "vector/vector.h"

namespace floe::parquet {

struct RecordAssemblerOptions {
  // Return dictionary Vectors for dictionary-encoded top-level primitive
  // columns instead of materialising their values.
  bool keep_dictionary = false;
};

class RecordAssembler {
  struct PrivateTag {
    explicit PrivateTag() = default;
  };

 public:
  // For node `node_index` of `schema` (normally a child of the root; the
  // root itself assembles all columns as one struct). Fails like
  // MapParquetNodeTree for types Floe cannot read.
  static Result<std::unique_ptr<RecordAssembler>> Make(const ParquetSchema& schema,
                                                       int32_t node_index,
                                                       RecordAssemblerOptions options = {});

  // Use Make().
  RecordAssembler(PrivateTag, RecordAssemblerOptions options, std::string field_path);
  ~RecordAssembler();
  RecordAssembler(const RecordAssembler&) = delete;
  RecordAssembler& operator=(const RecordAssembler&) = delete;

  const LogicalType& type() const { return type_; }
  // The leaf columns (ordinals in the schema) whose batches Assemble takes,
  // in this order.
  const std::vector<int32_t>& leaf_columns() const { return leaf_columns_; }

  // One batch per leaf column, in leaf_columns() order, each holding the
  // same `num_records` whole records. Returns a vector of type() with
  // `num_records` rows (flat, or a dictionary vector as described above).
  Result<Vector> Assemble(std::span<const ColumnBatch* const> leaf_batches, int64_t num_records);

  struct Leaf;
  struct Node;

 private:
  Status CheckLeafBatch(size_t leaf_index, const ColumnBatch& batch, int64_t num_records);
  Status BuildNode(const Node& node, Vector& out, int64_t offset, int64_t expected);
  Status BuildLeaf(const Node& node, Vector& out, int64_t offset, int64_t expected);
  Status BuildStruct(const Node& node, Vector& out, int64_t offset, int64_t expected);
  Status BuildList(const Node& node, Vector& out, int64_t offset, int64_t expected);
  Result<std::shared_ptr<const Vector>> DictionaryVector(Leaf& leaf, const ColumnBatch& batch);
  Result<Vector> AssembleDictionary(Leaf& leaf, const ColumnBatch& batch, int64_t num_records);

  RecordAssemblerOptions options_;
  std::string field_path_;
  LogicalType type_ = LogicalType::Boolean();
  std::unique_ptr<Node> root_;
  std::vector<Leaf> leaves_;
  std::vector<int32_t> leaf_columns_;
  // The batches of the current Assemble call, one per leaf.
  std::vector<const ColumnBatch*> batches_;
  // Scratch: per-slot validity of the node being built.
  std::vector<uint8_t> valid_;
};

}  // namespace floe::parquet
