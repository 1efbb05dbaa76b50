// AvroResolvedDecoder: decodes values written with one Avro schema (the writer's) into datums of
// another (the reader's), compiled once from the pair (specification, "Schema Resolution").
//
// Make() walks both schemas and builds a small program: for each writer record, one action per
// writer field in wire order (decode into reader field k, or skip), then the reader fields the
// writer lacks, filled from their defaults. Fields the reader does not want are skipped without
// being materialised (using array/map block byte sizes when the writer gave them). Resolution:
//   - record fields match by name (or a reader field's alias); with match_field_ids, a reader
//     field with an Iceberg "field-id" matches the writer field with the same id whenever the
//     writer's record carries ids at all (Iceberg resolves by id: renames keep their data, and a
//     dropped-then-re-added column does not pick up the old one's);
//   - a reader field missing from the writer takes its default, or null when it has none and its
//     type is a union with "null"; otherwise resolution fails;
//   - promotions int -> long/float/double, long -> float/double, float -> double,
//     string <-> bytes;
//   - unions on either side: a writer union dispatches on the branch read; a reader union takes
//     its first branch matching the writer's type (same type and name first, then same short name,
//     then a promotion, then any record/enum/fixed of the same kind); a writer branch with no
//     match is an error only if a value actually uses it;
//   - enums by symbol, falling back to the reader's default symbol;
//   - fixed sizes must agree, and decimal scales when both sides are decimals.
// Record, enum and fixed names are not required to agree outside unions: Iceberg readers ignore
// them, and writers name the same record differently.
//
// Decoding is bounded for hostile input: every count is checked against the bytes left before
// anything is allocated (an item of a type that cannot encode in zero bytes needs at least one),
// the number of datums one Decode call may allocate is capped by the caller (AvroDecodeTarget),
// and values nest at most kMaxValueDepth deep (recursive schemas). Corruption errors say what
// and where within the decoder's range; the container reader adds the file and block.
//
// Thread-safety: immutable after Make(); Decode may run concurrently with distinct targets.
#pragma once

#include <cstdint>
#include <memory>

#include "common/result.h"
#include "formats/avro/avro_datum.h"
#include "formats/avro/avro_decoder.h"
#include "formats/avro/avro_schema.h"

namespace floe::avro {

// Values nested deeper than this are refused (only recursive schemas can nest without bound).
inline constexpr int kMaxValueDepth = 256;

struct AvroResolutionOptions {
  // Match record fields by Iceberg "field-id" (see above); false matches by name only.
  bool match_field_ids = true;
};

// Where Decode puts child datums, and how many more it may allocate.
struct AvroDecodeTarget {
  AvroDatumArena* arena = nullptr;
  int64_t values_left = 0;
};

class AvroResolvedDecoder {
 public:
  // InvalidArgument, naming the path to the field, when the schemas cannot be resolved.
  static Result<std::shared_ptr<const AvroResolvedDecoder>> Make(
      std::shared_ptr<const AvroSchema> writer, std::shared_ptr<const AvroSchema> reader,
      const AvroResolutionOptions& options = {});

  ~AvroResolvedDecoder();
  AvroResolvedDecoder(const AvroResolvedDecoder&) = delete;
  AvroResolvedDecoder& operator=(const AvroResolvedDecoder&) = delete;

  const AvroSchema& writer_schema() const;
  const AvroSchema& reader_schema() const;

  // Decodes one value of the writer's schema into a datum of the reader's schema.
  Result<AvroDatum> Decode(AvroDecoder& decoder, AvroDecodeTarget& target) const;
  // Skips one value of the writer's schema.
  Status Skip(AvroDecoder& decoder) const;
  // A lower bound on the bytes one value of the writer's schema takes (0: values take none).
  int64_t min_value_size() const;

  struct Impl;
  explicit AvroResolvedDecoder(std::unique_ptr<Impl> impl);

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace floe::avro
