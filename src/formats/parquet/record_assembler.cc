#include "formats/parquet/record_assembler.h"

#include <algorithm>
#include <bit>
#include <cstring>
#include <limits>
#include <utility>

#include "common/int128.h"
#include "vector/string_ref.h"

namespace floe::parquet {

static_assert(std::endian::native == std::endian::little,
              "Parquet values are little-endian; Floe assumes a little-endian host");

struct RecordAssembler::Leaf {
  int32_t column_index = 0;
  std::string path;
  PhysicalType physical_type = PhysicalType::kBoolean;
  ValueConversion conversion = ValueConversion::kBoolean;
  LogicalType type = LogicalType::Boolean();
  int16_t max_def = 0;
  int16_t max_rep = 0;
  // rep_def[r]: the definition level at which the repeated node with
  // repetition level r has an element (index 0 unused).
  std::vector<int16_t> rep_def;
  // The current batch's levels: null when the maximum level is 0.
  const int16_t* def = nullptr;
  const int16_t* rep = nullptr;
  int64_t num_levels = 0;
  // The dictionary last converted, and its conversion (+ a NULL entry).
  std::shared_ptr<const DecodedValues> dictionary_source;
  std::shared_ptr<const Vector> dictionary;
};

struct RecordAssembler::Node {
  enum class Kind : uint8_t { kLeaf, kStruct, kList, kMap };
  Kind kind = Kind::kLeaf;
  int16_t def_level = 0;
  // A slot exists for entries with rep <= ancestor_rep and def >= ancestor_def.
  int16_t ancestor_rep = 0;
  int16_t ancestor_def = 0;
  // List and map.
  int16_t element_def = 0;
  int16_t element_rep = 0;
  // Map: the key may be declared optional, yet a NULL key is refused.
  bool key_nullable = false;
  // The leaf whose levels give this node's slots; for kLeaf, its own.
  int32_t level_leaf = 0;
  std::vector<Node> children;
};

namespace {

using Node = RecordAssembler::Node;
using Leaf = RecordAssembler::Leaf;

// Loads a little-endian T from unaligned bytes.
template <typename T>
inline T Load(const uint8_t* p) {
  T value;
  std::memcpy(&value, p, sizeof(T));
  return value;
}

// Calls f(value_index, slot) for each valid slot in [0, n), values in order.
// `valid` null means every slot is valid. Returns the index of the first
// value f refused (returned false for), or -1.
template <typename F>
inline int64_t ForEachValue(const uint8_t* valid, int64_t n, F&& f) {
  if (valid == nullptr) {
    for (int64_t i = 0; i < n; ++i) {
      if (!f(i, i)) return i;
    }
    return -1;
  }
  int64_t v = 0;
  for (int64_t i = 0; i < n; ++i) {
    if (valid[i] != 0) {
      if (!f(v, i)) return v;
      ++v;
    }
  }
  return -1;
}

inline int64_t FloorDiv(int64_t a, int64_t b) {
  const int64_t q = a / b;
  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

constexpr int64_t kMicrosPerDay = int64_t{86400} * 1000 * 1000;
constexpr int64_t kJulianDayOfUnixEpoch = 2440588;

// INT96: 8 bytes of nanoseconds in the day, then 4 bytes of Julian day, both
// little-endian. The day is read signed and the arithmetic wraps, which
// inverts exactly what Spark writes: it splits micros + the epoch's Julian
// microseconds (wrapping) with Java's / and % into an int day and nanos, so
// a year-290000 timestamp comes back as written (parquet-testing's
// int96_from_spark.parquet). Arrow and DuckDB read the day unsigned and
// return a wrong date there. Every 12 bytes map to some timestamp.
inline int64_t Int96ToMicros(const uint8_t* p) {
  const auto nanos = Load<int64_t>(p);
  const int64_t days = int64_t{Load<int32_t>(p + 8)} - kJulianDayOfUnixEpoch;
  const uint64_t micros = static_cast<uint64_t>(days) * static_cast<uint64_t>(kMicrosPerDay) +
                          static_cast<uint64_t>(nanos / 1000);
  return static_cast<int64_t>(micros);
}

// A big-endian two's complement integer of any length. Longer than 16 bytes
// is fine as long as the extra leading bytes only extend the sign.
inline bool BigEndianToInt128(const uint8_t* p, uint32_t length, int128_t* out) {
  if (length == 0) {
    *out = 0;
    return true;
  }
  if (length > 16) {
    const uint32_t extra = length - 16;
    const uint8_t sign = (p[extra] & 0x80) != 0 ? 0xFF : 0x00;
    for (uint32_t k = 0; k < extra; ++k) {
      if (p[k] != sign) return false;
    }
    p += extra;
    length = 16;
  }
  uint128_t value = (p[0] & 0x80) != 0 ? ~uint128_t{0} : uint128_t{0};
  for (uint32_t k = 0; k < length; ++k) value = (value << 8) | p[k];
  *out = static_cast<int128_t>(value);
  return true;
}

// IEEE 754 half precision (binary16) to float, exactly.
inline float HalfToFloat(uint16_t h) {
  const uint32_t sign = static_cast<uint32_t>(h & 0x8000) << 16;
  const uint32_t exponent = (h >> 10) & 0x1F;
  const uint32_t mantissa = h & 0x3FF;
  uint32_t bits;
  if (exponent == 0x1F) {
    bits = sign | 0x7F800000U | (mantissa << 13);  // infinity, NaN (payload kept)
  } else if (exponent != 0) {
    bits = sign | ((exponent + 112) << 23) | (mantissa << 13);  // 112 = 127 - 15
  } else if (mantissa == 0) {
    bits = sign;  // signed zero
  } else {
    // Subnormal: mantissa * 2^-24, exact in float.
    const float magnitude = static_cast<float>(mantissa) * 0x1p-24f;
    return sign != 0 ? -magnitude : magnitude;
  }
  return std::bit_cast<float>(bits);
}

bool IsDecimal64(const LogicalType& type) {
  return type.physical_type() == floe::PhysicalType::kInt64;
}

// Copies one fixed-width slot; widths are those of LogicalType::byte_width().
inline void CopySlot(uint8_t* dst, const uint8_t* src, int64_t width) {
  switch (width) {
    case 1:
      *dst = *src;
      break;
    case 2:
      std::memcpy(dst, src, 2);
      break;
    case 4:
      std::memcpy(dst, src, 4);
      break;
    case 8:
      std::memcpy(dst, src, 8);
      break;
    case 16:
      std::memcpy(dst, src, 16);
      break;
    default:
      std::memcpy(dst, src, static_cast<size_t>(width));
  }
}

// Converts the plain values `values` into slots [offset, offset + n) of
// `out` - the valid ones, per `valid` (null: all).
class ValueConverter {
 public:
  ValueConverter(const Leaf& leaf, const DecodedValues& values, Vector& out, int64_t offset)
      : leaf_(leaf), values_(values), out_(out), offset_(offset) {}

  Status Convert(const uint8_t* valid, int64_t n) {
    const uint8_t* fixed = values_.fixed.data();
    const ByteArrayRef* binary = values_.binary.data();
    switch (leaf_.conversion) {
      case ValueConversion::kBoolean:
        return Map<uint8_t>(valid, n, [&](int64_t v, uint8_t* d) {
          *d = fixed[v] != 0 ? 1 : 0;
          return true;
        });
      case ValueConversion::kInt32:
        return Copy<int32_t>(valid, n, fixed);
      case ValueConversion::kFloat:
        return Copy<float>(valid, n, fixed);
      case ValueConversion::kInt64:
        return Copy<int64_t>(valid, n, fixed);
      case ValueConversion::kDouble:
        return Copy<double>(valid, n, fixed);
      case ValueConversion::kInt32ToInt8:
        return Map<int8_t>(valid, n, [&](int64_t v, int8_t* d) {
          *d = static_cast<int8_t>(Load<int32_t>(fixed + 4 * v));
          return true;
        });
      case ValueConversion::kInt32ToInt16:
        return Map<int16_t>(valid, n, [&](int64_t v, int16_t* d) {
          *d = static_cast<int16_t>(Load<int32_t>(fixed + 4 * v));
          return true;
        });
      case ValueConversion::kUint8ToInt16:
        return Map<int16_t>(valid, n, [&](int64_t v, int16_t* d) {
          *d = static_cast<int16_t>(Load<uint32_t>(fixed + 4 * v) & 0xFFU);
          return true;
        });
      case ValueConversion::kUint16ToInt32:
        return Map<int32_t>(valid, n, [&](int64_t v, int32_t* d) {
          *d = static_cast<int32_t>(Load<uint32_t>(fixed + 4 * v) & 0xFFFFU);
          return true;
        });
      case ValueConversion::kUint32ToInt64:
        return Map<int64_t>(valid, n, [&](int64_t v, int64_t* d) {
          *d = static_cast<int64_t>(Load<uint32_t>(fixed + 4 * v));
          return true;
        });
      case ValueConversion::kUint64ToDecimal:
        return Map<int128_t>(valid, n, [&](int64_t v, int128_t* d) {
          *d = static_cast<int128_t>(Load<uint64_t>(fixed + 8 * v));
          return true;
        });
      case ValueConversion::kTimeMillisToMicros:
        return Map<int64_t>(valid, n, [&](int64_t v, int64_t* d) {
          *d = int64_t{Load<int32_t>(fixed + 4 * v)} * 1000;
          return true;
        });
      case ValueConversion::kTimeNanosToMicros:
        return Map<int64_t>(valid, n, [&](int64_t v, int64_t* d) {
          *d = FloorDiv(Load<int64_t>(fixed + 8 * v), 1000);
          return true;
        });
      case ValueConversion::kTimestampMillisToMicros:
        return Map<int64_t>(
            valid, n,
            [&](int64_t v, int64_t* d) {
              return !__builtin_mul_overflow(Load<int64_t>(fixed + 8 * v), int64_t{1000}, d);
            },
            "a millisecond timestamp outside the range of microsecond timestamps",
            StatusCode::kNotSupported);
      case ValueConversion::kInt96ToTimestampMicros:
        return Map<int64_t>(valid, n, [&](int64_t v, int64_t* d) {
          *d = Int96ToMicros(fixed + 12 * v);
          return true;
        });
      case ValueConversion::kInt32ToDecimal:
        return IntToDecimal<int32_t>(valid, n, fixed);
      case ValueConversion::kInt64ToDecimal:
        return IntToDecimal<int64_t>(valid, n, fixed);
      case ValueConversion::kBytesToDecimal:
        if (IsDecimal64(leaf_.type)) {
          return Map<int64_t>(
              valid, n,
              [&](int64_t v, int64_t* d) {
                int128_t value;
                if (!BigEndianToInt128(binary[v].data, binary[v].length, &value) ||
                    value < std::numeric_limits<int64_t>::min() ||
                    value > std::numeric_limits<int64_t>::max()) {
                  return false;
                }
                *d = static_cast<int64_t>(value);
                return true;
              },
              "a decimal too large for its precision");
        }
        return Map<int128_t>(
            valid, n,
            [&](int64_t v, int128_t* d) {
              return BigEndianToInt128(binary[v].data, binary[v].length, d);
            },
            "a decimal too large for its precision");
      case ValueConversion::kFloat16ToFloat:
        return Map<float>(
            valid, n,
            [&](int64_t v, float* d) {
              if (binary[v].length != 2) return false;
              *d = HalfToFloat(Load<uint16_t>(binary[v].data));
              return true;
            },
            "a FLOAT16 value that is not 2 bytes long");
      case ValueConversion::kFixed: {
        const int64_t width = leaf_.type.byte_width();
        uint8_t* data = out_.GetData<uint8_t>() + offset_ * width;
        const int64_t bad = ForEachValue(valid, n, [&](int64_t v, int64_t i) {
          if (binary[v].length != width) return false;
          std::memcpy(data + i * width, binary[v].data, static_cast<size_t>(width));
          return true;
        });
        if (bad >= 0) {
          return Status::Corruption("value {} is {} bytes long, not {}", bad, binary[bad].length,
                                    width);
        }
        return Status::OK();
      }
      case ValueConversion::kBinary: {
        StringRef* data = out_.GetData<StringRef>() + offset_;
        StringHeap& heap = out_.string_heap();
        // The values live in buffers the batch keeps alive (decoded pages):
        // pin those in the vector's heap and point at them, without a copy.
        bool pinned = !values_.keep_alive.empty();
        for (const auto& buffer : values_.keep_alive) pinned = pinned && buffer != nullptr;
        if (pinned) {
          for (const auto& buffer : values_.keep_alive) heap.Pin(buffer);
          ForEachValue(valid, n, [&](int64_t v, int64_t i) {
            data[i] = StringRef(reinterpret_cast<const char*>(binary[v].data), binary[v].length);
            return true;
          });
          return Status::OK();
        }
        ForEachValue(valid, n, [&](int64_t v, int64_t i) {
          data[i] = heap.AddString(binary[v].view());
          return true;
        });
        return Status::OK();
      }
    }
    return Status::Internal("unknown value conversion {}", static_cast<int>(leaf_.conversion));
  }

 private:
  // out[slot] = f(value) for typed slots; f returns false for a bad value,
  // which is Corruption, or NotSupported (`code`) for a valid value outside
  // what Floe's type holds.
  template <typename T, typename F>
  Status Map(const uint8_t* valid, int64_t n, F&& f, const char* what = "",
             StatusCode code = StatusCode::kCorruption) {
    T* data = out_.GetData<T>() + offset_;
    const int64_t bad =
        ForEachValue(valid, n, [&](int64_t v, int64_t i) { return f(v, data + i); });
    if (bad >= 0) return Status(code, fmt::format("value {} is {}", bad, what));
    return Status::OK();
  }

  template <typename T>
  Status Copy(const uint8_t* valid, int64_t n, const uint8_t* src) {
    T* data = out_.GetData<T>() + offset_;
    if (valid == nullptr) {
      if (n > 0) std::memcpy(data, src, static_cast<size_t>(n) * sizeof(T));
      return Status::OK();
    }
    ForEachValue(valid, n, [&](int64_t v, int64_t i) {
      data[i] = Load<T>(src + v * static_cast<int64_t>(sizeof(T)));
      return true;
    });
    return Status::OK();
  }

  template <typename S>
  Status IntToDecimal(const uint8_t* valid, int64_t n, const uint8_t* src) {
    if (IsDecimal64(leaf_.type)) {
      return Map<int64_t>(valid, n, [&](int64_t v, int64_t* d) {
        *d = Load<S>(src + v * static_cast<int64_t>(sizeof(S)));
        return true;
      });
    }
    return Map<int128_t>(valid, n, [&](int64_t v, int128_t* d) {
      *d = Load<S>(src + v * static_cast<int64_t>(sizeof(S)));
      return true;
    });
  }

  const Leaf& leaf_;
  const DecodedValues& values_;
  Vector& out_;
  int64_t offset_;
};

// Checks that `values` hold `count` values of the leaf's physical type.
Status CheckValues(const Leaf& leaf, const DecodedValues& values, int64_t count, const char* what) {
  if (values.physical_type != leaf.physical_type) {
    return Status::Internal("{} are {}, not {}", what, PhysicalTypeName(values.physical_type),
                            PhysicalTypeName(leaf.physical_type));
  }
  if (values.count != count) {
    return Status::Corruption("{}: {} values where {} were expected", what, values.count, count);
  }
  const int32_t width = PhysicalTypeWidth(leaf.physical_type);
  if (width == 0) {
    if (static_cast<int64_t>(values.binary.size()) < count) {
      return Status::Corruption("{}: {} values but only {} byte arrays", what, count,
                                values.binary.size());
    }
    return Status::OK();
  }
  if (values.width != width) {
    return Status::Internal("{} have width {}, not {}", what, values.width, width);
  }
  if (count > static_cast<int64_t>(values.fixed.size()) / width) {
    return Status::Corruption("{}: {} values of {} bytes but only {} bytes", what, count, width,
                              values.fixed.size());
  }
  return Status::OK();
}

// ---------------------------------------------------------------------------
// Make: the tree of nodes with their levels, and the leaves.
// ---------------------------------------------------------------------------

struct TreeBuilder {
  const ParquetSchema& schema;
  std::vector<Leaf>& leaves;
  // Definition levels of the enclosing lists' elements, by repetition level.
  std::vector<int16_t> rep_def{0};

  // The node for `mapped`, whose slots exist for entries with repetition
  // level <= ancestor_rep and definition level >= ancestor_def; adds its
  // leaves to `leaves`.
  Result<Node> Build(const MappedNode& mapped, int16_t ancestor_rep, int16_t ancestor_def) {
    Node node;
    node.def_level = mapped.def_level;
    node.ancestor_rep = ancestor_rep;
    node.ancestor_def = ancestor_def;
    if (mapped.is_leaf()) {
      node.kind = Node::Kind::kLeaf;
      node.level_leaf = static_cast<int32_t>(leaves.size());
      const ColumnDescriptor& column = schema.column(mapped.column_index);
      Leaf& leaf = leaves.emplace_back();
      leaf.column_index = mapped.column_index;
      leaf.path = column.dotted_path;
      leaf.physical_type = mapped.physical_type;
      leaf.conversion = mapped.conversion;
      leaf.type = mapped.type;
      leaf.max_def = column.max_definition_level;
      leaf.max_rep = column.max_repetition_level;
      leaf.rep_def = rep_def;
      if (leaf.max_def != mapped.def_level || leaf.max_rep != ancestor_rep ||
          static_cast<int16_t>(rep_def.size() - 1) != leaf.max_rep) {
        return Status::Internal("parquet column '{}': inconsistent levels in the type mapping",
                                leaf.path);
      }
      return node;
    }
    switch (mapped.type.id()) {
      case TypeId::kStruct:
        node.kind = Node::Kind::kStruct;
        break;
      case TypeId::kList:
        node.kind = Node::Kind::kList;
        break;
      case TypeId::kMap:
        node.kind = Node::Kind::kMap;
        break;
      default:
        return Status::Internal("parquet: node {} maps to {} but is not a leaf", mapped.node_index,
                                mapped.type.ToString());
    }
    int16_t child_rep = ancestor_rep;
    int16_t child_def = ancestor_def;
    if (node.kind != Node::Kind::kStruct) {
      node.element_def = mapped.element_def_level;
      node.element_rep = mapped.element_rep_level;
      if (node.element_rep != ancestor_rep + 1 || node.element_def <= mapped.def_level) {
        return Status::Internal("parquet: node {}: inconsistent list levels", mapped.node_index);
      }
      child_rep = node.element_rep;
      child_def = node.element_def;
      rep_def.push_back(node.element_def);
    }
    int16_t best_rep = std::numeric_limits<int16_t>::max();
    for (const MappedNode& child : mapped.children) {
      FLOE_ASSIGN_OR_RETURN(Node built, Build(child, child_rep, child_def));
      const int16_t rep = leaves[static_cast<size_t>(built.level_leaf)].max_rep;
      if (rep < best_rep) {
        best_rep = rep;
        node.level_leaf = built.level_leaf;
      }
      node.children.push_back(std::move(built));
    }
    if (node.kind == Node::Kind::kMap) {
      node.key_nullable = node.children[0].def_level > node.element_def;
    }
    if (node.kind != Node::Kind::kStruct) rep_def.pop_back();
    return node;
  }
};

}  // namespace

RecordAssembler::RecordAssembler(PrivateTag, RecordAssemblerOptions options, std::string field_path)
    : options_(options), field_path_(std::move(field_path)) {}

RecordAssembler::~RecordAssembler() = default;

Result<std::unique_ptr<RecordAssembler>> RecordAssembler::Make(const ParquetSchema& schema,
                                                               int32_t node_index,
                                                               RecordAssemblerOptions options) {
  FLOE_ASSIGN_OR_RETURN(MappedNode mapped, MapParquetNodeTree(schema, node_index));
  auto assembler =
      std::make_unique<RecordAssembler>(PrivateTag(), options, schema.NodePath(node_index));
  TreeBuilder builder{schema, assembler->leaves_};
  FLOE_ASSIGN_OR_RETURN(Node root, builder.Build(mapped, 0, 0));
  assembler->root_ = std::make_unique<Node>(std::move(root));
  assembler->type_ = std::move(mapped.type);
  for (const Leaf& leaf : assembler->leaves_) assembler->leaf_columns_.push_back(leaf.column_index);
  return assembler;
}

// ---------------------------------------------------------------------------
// Assemble
// ---------------------------------------------------------------------------

Status RecordAssembler::CheckLeafBatch(size_t leaf_index, const ColumnBatch& batch,
                                       int64_t num_records) {
  Leaf& leaf = leaves_[leaf_index];
  const int64_t n = batch.num_levels;
  if (batch.num_records != num_records) {
    return Status::Corruption("the batch holds {} records, not {}", batch.num_records, num_records);
  }
  if (n < 0) return Status::Corruption("negative level count {}", n);
  leaf.num_levels = n;
  leaf.def = nullptr;
  leaf.rep = nullptr;
  if (batch.def_levels_omitted) {
    if (leaf.max_def != 1 || leaf.max_rep != 0 || !batch.def_levels.empty()) {
      return Status::Internal(
          "column '{}': definition levels omitted for a column with max "
          "definition level {} and max repetition level {}",
          leaf.path, leaf.max_def, leaf.max_rep);
    }
  } else if (leaf.max_def > 0) {
    if (static_cast<int64_t>(batch.def_levels.size()) != n) {
      return Status::Corruption("{} definition levels for {} entries", batch.def_levels.size(), n);
    }
    leaf.def = batch.def_levels.data();
  }
  if (leaf.max_rep > 0) {
    if (static_cast<int64_t>(batch.rep_levels.size()) != n) {
      return Status::Corruption("{} repetition levels for {} entries", batch.rep_levels.size(), n);
    }
    leaf.rep = batch.rep_levels.data();
  } else if (n != num_records) {
    return Status::Corruption("{} entries for {} records of a non-repeated column", n, num_records);
  }

  int64_t values = n;
  if (leaf.def != nullptr) {
    const int16_t* def = leaf.def;
    const int16_t max_def = leaf.max_def;
    values = 0;
    for (int64_t i = 0; i < n; ++i) {
      if (static_cast<uint16_t>(def[i]) > static_cast<uint16_t>(max_def)) {
        return Status::Corruption("definition level {} at entry {} is outside [0, {}]", def[i], i,
                                  max_def);
      }
      values += def[i] == max_def ? 1 : 0;
    }
  }
  if (leaf.rep != nullptr) {
    const int16_t* rep = leaf.rep;
    const int16_t* def = leaf.def;  // never null: a repeated column has max_def >= 1
    const int16_t max_rep = leaf.max_rep;
    int64_t records = 0;
    for (int64_t i = 0; i < n; ++i) {
      const int16_t r = rep[i];
      if (r == 0) {
        ++records;
        continue;
      }
      if (static_cast<uint16_t>(r) > static_cast<uint16_t>(max_rep)) {
        return Status::Corruption("repetition level {} at entry {} is outside [0, {}]", r, i,
                                  max_rep);
      }
      if (i == 0) {
        return Status::Corruption(
            "the first entry has repetition level {}: a record must start "
            "at repetition level 0",
            r);
      }
      // Repeating at level r adds an element to a list that already has one,
      // so both this entry and the one before reach that list's elements.
      const int16_t needed = leaf.rep_def[static_cast<size_t>(r)];
      if (def[i] < needed || def[i - 1] < needed) {
        return Status::Corruption(
            "entry {} repeats level {} (definition level {}, previous {}) in a list with no "
            "element (definition level {})",
            i, r, def[i], def[i - 1], needed);
      }
    }
    if (records != num_records) {
      return Status::Corruption("{} records start at repetition level 0, not {}", records,
                                num_records);
    }
  }
  if (values != batch.num_values()) {
    return Status::Corruption("{} entries are defined but the batch holds {} values", values,
                              batch.num_values());
  }
  if (batch.is_dictionary()) {
    FLOE_RETURN_NOT_OK(CheckValues(leaf, *batch.dictionary, batch.dictionary->count, "dictionary"));
  } else {
    FLOE_RETURN_NOT_OK(CheckValues(leaf, batch.values, values, "values"));
  }
  return Status::OK();
}

Result<Vector> RecordAssembler::Assemble(std::span<const ColumnBatch* const> leaf_batches,
                                         int64_t num_records) {
  if (leaf_batches.size() != leaves_.size()) {
    return Status::InvalidArgument("parquet field '{}': {} batches for {} leaf columns",
                                   field_path_, leaf_batches.size(), leaves_.size());
  }
  if (num_records < 0 || num_records > kMaxVectorCapacity) {
    return Status::InvalidArgument("parquet field '{}': cannot assemble {} records", field_path_,
                                   num_records);
  }
  batches_.assign(leaf_batches.begin(), leaf_batches.end());
  for (size_t i = 0; i < leaves_.size(); ++i) {
    if (batches_[i] == nullptr) {
      return Status::InvalidArgument("parquet column '{}': no batch", leaves_[i].path);
    }
    Status st = CheckLeafBatch(i, *batches_[i], num_records);
    if (!st.ok()) return st.WithContext("parquet column '{}'", leaves_[i].path);
  }
  if (root_->kind == Node::Kind::kLeaf && options_.keep_dictionary &&
      batches_[0]->is_dictionary()) {
    Result<Vector> out = AssembleDictionary(leaves_[0], *batches_[0], num_records);
    if (!out.has_value()) return out.error().WithContext("parquet column '{}'", leaves_[0].path);
    return out;
  }
  FLOE_ASSIGN_OR_RETURN(Vector out, Vector::Make(type_, num_records));
  FLOE_RETURN_NOT_OK(BuildNode(*root_, out, 0, num_records));
  return out;
}

Status RecordAssembler::BuildNode(const Node& node, Vector& out, int64_t offset, int64_t expected) {
  switch (node.kind) {
    case Node::Kind::kLeaf: {
      Status st = BuildLeaf(node, out, offset, expected);
      if (!st.ok()) return st.WithContext("parquet column '{}'", leaves_[node.level_leaf].path);
      return st;
    }
    case Node::Kind::kStruct:
      return BuildStruct(node, out, offset, expected);
    case Node::Kind::kList:
    case Node::Kind::kMap:
      return BuildList(node, out, offset, expected);
  }
  return Status::Internal("unknown node kind");
}

namespace {

// Fills valid[0, slots) with whether each slot of a node (per its ancestor
// levels) reaches `def_level`, from `leaf`'s levels; returns the slot count,
// or -1 if it would exceed `expected`.
int64_t ComputeSlots(const Leaf& leaf, int16_t ancestor_rep, int16_t ancestor_def,
                     int16_t def_level, int64_t expected, uint8_t* valid) {
  const int64_t n = leaf.num_levels;
  const int16_t* def = leaf.def;
  const int16_t* rep = leaf.rep;
  if (rep == nullptr) {
    // No repetition: one slot per entry (and no list above, so ancestor_def is 0).
    if (n != expected) return n < expected ? n : -1;
    if (def == nullptr) {
      if (n > 0) std::memset(valid, 1, static_cast<size_t>(n));
    } else {
      for (int64_t i = 0; i < n; ++i) valid[i] = def[i] >= def_level ? 1 : 0;
    }
    return n;
  }
  int64_t slots = 0;
  for (int64_t i = 0; i < n; ++i) {
    if (rep[i] <= ancestor_rep && def[i] >= ancestor_def) {
      if (slots == expected) return -1;
      valid[slots++] = def[i] >= def_level ? 1 : 0;
    }
  }
  return slots;
}

Status SlotMismatch(int64_t got, int64_t expected) {
  if (got < 0)
    return Status::Corruption("its levels hold more than the {} values expected", expected);
  return Status::Corruption("its levels hold {} values where {} were expected", got, expected);
}

// Marks the invalid slots NULL; true if there were any.
bool ApplyValidity(const uint8_t* valid, int64_t n, Vector& out, int64_t offset) {
  bool any_null = false;
  for (int64_t i = 0; i < n; ++i) {
    if (valid[i] == 0) {
      out.SetNull(offset + i);
      any_null = true;
    }
  }
  return any_null;
}

}  // namespace

Status RecordAssembler::BuildLeaf(const Node& node, Vector& out, int64_t offset, int64_t expected) {
  Leaf& leaf = leaves_[static_cast<size_t>(node.level_leaf)];
  const ColumnBatch& batch = *batches_[static_cast<size_t>(node.level_leaf)];
  const uint8_t* valid = nullptr;
  if (leaf.def == nullptr) {
    // Every entry is a value (no optional or repeated node above).
    if (leaf.num_levels != expected) return SlotMismatch(leaf.num_levels, expected);
  } else {
    valid_.resize(static_cast<size_t>(expected));
    const int64_t slots = ComputeSlots(leaf, node.ancestor_rep, node.ancestor_def, leaf.max_def,
                                       expected, valid_.data());
    if (slots != expected) return SlotMismatch(slots, expected);
    if (ApplyValidity(valid_.data(), expected, out, offset)) valid = valid_.data();
  }
  if (!batch.is_dictionary()) {
    return ValueConverter(leaf, batch.values, out, offset).Convert(valid, expected);
  }
  // Materialise dictionary values: convert the dictionary once, then gather.
  FLOE_ASSIGN_OR_RETURN(std::shared_ptr<const Vector> dictionary, DictionaryVector(leaf, batch));
  const uint32_t* indices = batch.indices.data();
  const auto dictionary_size = static_cast<uint32_t>(batch.dictionary->count);
  int64_t bad;
  if (leaf.type.physical_type() == floe::PhysicalType::kString) {
    const StringRef* source = dictionary->GetData<StringRef>();
    StringRef* data = out.GetData<StringRef>() + offset;
    // The dictionary vector is immutable and shared: pin it and copy only the
    // 16-byte refs, which point into its heap (or its pinned page).
    out.string_heap().Pin(dictionary);
    bad = ForEachValue(valid, expected, [&](int64_t v, int64_t i) {
      const uint32_t index = indices[v];
      if (index >= dictionary_size) return false;
      data[i] = source[index];
      return true;
    });
  } else {
    const int64_t width = leaf.type.byte_width();
    const uint8_t* source = dictionary->GetData<uint8_t>();
    uint8_t* data = out.GetData<uint8_t>() + offset * width;
    bad = ForEachValue(valid, expected, [&](int64_t v, int64_t i) {
      const uint32_t index = indices[v];
      if (index >= dictionary_size) return false;
      CopySlot(data + i * width, source + index * width, width);
      return true;
    });
  }
  if (bad >= 0) {
    return Status::Corruption("dictionary index {} of value {} is outside a dictionary of {}",
                              indices[bad], bad, dictionary_size);
  }
  return Status::OK();
}

Status RecordAssembler::BuildStruct(const Node& node, Vector& out, int64_t offset,
                                    int64_t expected) {
  const Leaf& leaf = leaves_[static_cast<size_t>(node.level_leaf)];
  if (node.def_level > node.ancestor_def || leaf.rep != nullptr) {
    valid_.resize(static_cast<size_t>(expected));
    const int64_t slots = ComputeSlots(leaf, node.ancestor_rep, node.ancestor_def, node.def_level,
                                       expected, valid_.data());
    if (slots != expected) {
      return SlotMismatch(slots, expected).WithContext("parquet column '{}'", leaf.path);
    }
    ApplyValidity(valid_.data(), expected, out, offset);
  }
  for (size_t c = 0; c < node.children.size(); ++c) {
    FLOE_RETURN_NOT_OK(BuildNode(node.children[c], out.child(c), offset, expected));
  }
  return Status::OK();
}

Status RecordAssembler::BuildList(const Node& node, Vector& out, int64_t offset, int64_t expected) {
  const Leaf& leaf = leaves_[static_cast<size_t>(node.level_leaf)];
  const int64_t n = leaf.num_levels;
  const int16_t* def = leaf.def;
  const int16_t* rep = leaf.rep;
  auto corrupt = [&](Status st) { return st.WithContext("parquet column '{}'", leaf.path); };
  ListEntry* entries = out.GetData<ListEntry>() + offset;
  // Pass 1: a slot per entry that reaches the list, a length per slot.
  int64_t slot = -1;
  int64_t total = 0;
  for (int64_t i = 0; i < n; ++i) {
    const int16_t r = rep[i];
    const int16_t d = def[i];
    if (r <= node.ancestor_rep) {
      if (d < node.ancestor_def) continue;  // an ancestor is NULL or empty here
      if (++slot == expected) return corrupt(SlotMismatch(-1, expected));
      if (d < node.def_level) out.SetNull(offset + slot);
      const uint32_t length = d >= node.element_def ? 1 : 0;
      entries[slot] = {0, length};
      total += length;
    } else if (r == node.element_rep) {
      // Another element of the current list (CheckLeafBatch saw it has one).
      if (slot < 0) return corrupt(Status::Corruption("entry {} continues no list", i));
      ++entries[slot].length;
      ++total;
    }
    if (total > kMaxVectorCapacity) {
      return corrupt(
          Status::NotSupported("a batch of lists with more than {} elements; read "
                               "fewer records at a time",
                               kMaxVectorCapacity));
    }
  }
  if (slot + 1 != expected) return corrupt(SlotMismatch(slot + 1, expected));
  // Pass 2: offsets into the child, after what it already holds.
  const int64_t start = out.list_size();
  auto next = static_cast<uint32_t>(start);
  for (int64_t s = 0; s < expected; ++s) {
    entries[s].offset = next;
    next += entries[s].length;
  }
  FLOE_RETURN_NOT_OK(out.SetListSize(start + total));
  Vector& child = out.child(0);
  if (node.kind == Node::Kind::kList) {
    return BuildNode(node.children[0], child, start, total);
  }
  // Map: the child is struct<key, value>, whose rows are never NULL.
  for (size_t c = 0; c < node.children.size(); ++c) {
    FLOE_RETURN_NOT_OK(BuildNode(node.children[c], child.child(c), start, total));
  }
  if (node.key_nullable) {
    const ValidityMask& keys = child.child(0).validity();
    for (int64_t i = start; i < start + total; ++i) {
      if (!keys.RowIsValid(i)) {
        return corrupt(Status::Corruption("map entry {} has a NULL key", i - start));
      }
    }
  }
  return Status::OK();
}

Result<std::shared_ptr<const Vector>> RecordAssembler::DictionaryVector(Leaf& leaf,
                                                                        const ColumnBatch& batch) {
  if (leaf.dictionary != nullptr && leaf.dictionary_source == batch.dictionary) {
    return leaf.dictionary;
  }
  const DecodedValues& values = *batch.dictionary;
  FLOE_ASSIGN_OR_RETURN(Vector vector, Vector::Make(leaf.type, values.count + 1));
  Status st = ValueConverter(leaf, values, vector, 0).Convert(nullptr, values.count);
  if (!st.ok()) return st.WithContext("dictionary");
  vector.SetNull(values.count);
  leaf.dictionary_source = batch.dictionary;
  leaf.dictionary = std::make_shared<const Vector>(std::move(vector));
  return leaf.dictionary;
}

Result<Vector> RecordAssembler::AssembleDictionary(Leaf& leaf, const ColumnBatch& batch,
                                                   int64_t num_records) {
  FLOE_ASSIGN_OR_RETURN(std::shared_ptr<const Vector> dictionary, DictionaryVector(leaf, batch));
  const auto null_index = static_cast<uint32_t>(batch.dictionary->count);
  std::vector<uint32_t> indices(static_cast<size_t>(num_records));
  const int16_t* def = leaf.def;
  int64_t v = 0;
  for (int64_t i = 0; i < num_records; ++i) {
    if (def != nullptr && def[i] != leaf.max_def) {
      indices[i] = null_index;
      continue;
    }
    const uint32_t index = batch.indices[v++];
    if (index >= null_index) {
      return Status::Corruption("dictionary index {} of value {} is outside a dictionary of {}",
                                index, v - 1, null_index);
    }
    indices[i] = index;
  }
  return Vector::MakeDictionary(std::move(dictionary), indices);
}

}  // namespace floe::parquet
