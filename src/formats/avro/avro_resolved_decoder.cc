#include "formats/avro/avro_resolved_decoder.h"

#include <cmath>
#include <deque>
#include <limits>
#include <map>
#include <unordered_map>
#include <utility>

#include <nlohmann/json.hpp>

namespace floe::avro {

namespace {

using Json = nlohmann::json;

enum class Op : uint8_t {
  kNull,
  kBoolean,
  kInt,
  kLong,
  kFloat,
  kDouble,
  kBytes,
  kString,
  kFixed,
  kEnum,
  kIntAsLong,
  kIntAsFloat,
  kIntAsDouble,
  kLongAsFloat,
  kLongAsDouble,
  kFloatAsDouble,
  kStringAsBytes,
  kBytesAsString,
  kRecord,
  kArray,
  kMap,
  kWriterUnion,   // read the writer's branch index, run that branch's step
  kReaderBranch,  // run `child`, tag the result with the reader's union branch
  kError,         // a writer union branch the reader cannot take
};

struct Step;

// One writer field: decode into reader field `reader_index` with `step`, or skip (step null).
struct FieldAction {
  const Step* step = nullptr;
  const AvroNode* writer_type = nullptr;
  const std::string* writer_name = nullptr;  // for messages
  uint32_t reader_index = 0;
};

struct Step {
  Op op = Op::kNull;
  uint16_t branch = 0;          // kReaderBranch
  int32_t fixed_size = 0;       // kFixed
  int64_t item_min_size = 0;    // kArray, kMap: bytes one item (map: key + value) takes at least
  const Step* child = nullptr;  // kArray items, kMap values, kReaderBranch
  const AvroNode* writer = nullptr;
  std::vector<FieldAction> fields;                       // kRecord, in writer order
  std::vector<std::pair<uint32_t, AvroDatum>> defaults;  // kRecord
  uint32_t reader_field_count = 0;                       // kRecord
  std::vector<const Step*> branches;                     // kWriterUnion
  std::vector<int32_t> enum_map;                         // kEnum: writer symbol -> reader's
  std::string error;                                     // kError, kEnum misses
};

bool IsNumericPromotion(AvroType w, AvroType r) {
  switch (w) {
    case AvroType::kInt:
      return r == AvroType::kLong || r == AvroType::kFloat || r == AvroType::kDouble;
    case AvroType::kLong:
      return r == AvroType::kFloat || r == AvroType::kDouble;
    case AvroType::kFloat:
      return r == AvroType::kDouble;
    default:
      return false;
  }
}

bool IsPromotion(AvroType w, AvroType r) {
  return IsNumericPromotion(w, r) || (w == AvroType::kString && r == AvroType::kBytes) ||
         (w == AvroType::kBytes && r == AvroType::kString);
}

std::string Describe(const AvroNode& n) {
  if (n.is_named()) return fmt::format("{} '{}'", AvroTypeName(n.type), n.full_name);
  if (n.type == AvroType::kUnion) {
    std::string out = "union [";
    for (size_t i = 0; i < n.branches.size(); ++i) {
      if (i > 0) out += ", ";
      const AvroNode& b = *n.branches[i];
      out += b.is_named() ? b.full_name : std::string(AvroTypeName(b.type));
    }
    return out + "]";
  }
  return std::string(AvroTypeName(n.type));
}

std::string Join(const std::string& path, std::string_view what) {
  return path.empty() ? std::string(what) : path + " > " + std::string(what);
}

int64_t SaturatingAdd(int64_t a, int64_t b) {
  constexpr int64_t kCap = int64_t{1} << 40;
  return std::min(kCap, a + b);
}

}  // namespace

struct AvroResolvedDecoder::Impl {
  std::shared_ptr<const AvroSchema> writer;
  std::shared_ptr<const AvroSchema> reader;
  AvroResolutionOptions options;
  std::deque<Step> steps;  // stable addresses
  std::map<std::pair<const AvroNode*, const AvroNode*>, const Step*> memo;
  std::unordered_map<const AvroNode*, int64_t> min_size;  // writer nodes
  const Step* root = nullptr;
  // Default values: their children and bytes.
  AvroDatumArena default_arena;
  std::deque<std::string> default_bytes;

  // ---- Compilation ----

  int64_t MinSize(const AvroNode* n) {
    auto it = min_size.find(n);
    if (it != min_size.end()) return it->second;
    // A cycle back to `n` counts as 0: still a lower bound.
    min_size[n] = 0;
    int64_t size = 0;
    switch (n->type) {
      case AvroType::kNull:
        size = 0;
        break;
      case AvroType::kFloat:
        size = 4;
        break;
      case AvroType::kDouble:
        size = 8;
        break;
      case AvroType::kFixed:
        size = n->fixed_size;
        break;
      case AvroType::kRecord:
        for (const AvroField& f : n->fields) size = SaturatingAdd(size, MinSize(f.type));
        break;
      case AvroType::kUnion: {
        int64_t smallest = int64_t{1} << 40;
        for (const AvroNode* b : n->branches) smallest = std::min(smallest, MinSize(b));
        size = n->branches.empty() ? 1 : SaturatingAdd(1, smallest);
        break;
      }
      case AvroType::kArray:
        MinSize(n->items);
        size = 1;
        break;
      case AvroType::kMap:
        MinSize(n->values);
        size = 1;
        break;
      default:
        size = 1;
        break;  // boolean, int, long, bytes, string, enum
    }
    min_size[n] = size;
    return size;
  }

  Step* NewStep(Op op, const AvroNode* w) {
    steps.emplace_back();
    steps.back().op = op;
    steps.back().writer = w;
    return &steps.back();
  }

  Status Incompatible(const std::string& path, const AvroNode& w, const AvroNode& r,
                      std::string_view why = {}) {
    return Status::InvalidArgument(
        "avro: cannot read the writer's schema as the reader's: {}{}writer's {} cannot be read as "
        "reader's {}{}{}",
        path, path.empty() ? "" : ": ", Describe(w), Describe(r), why.empty() ? "" : ": ", why);
  }

  // The reader union branch a writer value of type `w` goes to, or -1.
  static int FindReaderBranch(const AvroNode& w, const AvroNode& r) {
    const auto& bs = r.branches;
    auto same_kind = [&](const AvroNode& b) {
      return b.type == w.type && (b.type != AvroType::kFixed || b.fixed_size == w.fixed_size);
    };
    for (size_t i = 0; i < bs.size(); ++i) {
      if (same_kind(*bs[i]) && (!w.is_named() || bs[i]->full_name == w.full_name)) {
        return static_cast<int>(i);
      }
    }
    for (size_t i = 0; i < bs.size(); ++i) {
      if (same_kind(*bs[i]) && w.is_named() && bs[i]->name() == w.name()) {
        return static_cast<int>(i);
      }
    }
    for (size_t i = 0; i < bs.size(); ++i) {
      if (IsPromotion(w.type, bs[i]->type)) return static_cast<int>(i);
    }
    for (size_t i = 0; i < bs.size(); ++i) {
      if (same_kind(*bs[i])) return static_cast<int>(i);
    }
    return -1;
  }

  static bool ShallowMatch(const AvroNode& w, const AvroNode& r) {
    if (r.type == AvroType::kUnion) return FindReaderBranch(w, r) >= 0;
    if (w.type == r.type) return w.type != AvroType::kFixed || w.fixed_size == r.fixed_size;
    return IsPromotion(w.type, r.type);
  }

  Result<const Step*> Compile(const AvroNode* w, const AvroNode* r, const std::string& path) {
    auto key = std::make_pair(w, r);
    if (auto it = memo.find(key); it != memo.end()) return it->second;
    MinSize(w);

    if (w->type == AvroType::kUnion) {
      Step* s = NewStep(Op::kWriterUnion, w);
      memo[key] = s;
      bool any = w->branches.empty();
      for (size_t i = 0; i < w->branches.size(); ++i) {
        const AvroNode* wb = w->branches[i];
        if (ShallowMatch(*wb, *r)) {
          FLOE_ASSIGN_OR_RETURN(const Step* b, Compile(wb, r, path));
          s->branches.push_back(b);
          any = true;
        } else {
          Step* e = NewStep(Op::kError, wb);
          e->error =
              fmt::format("{}{}the writer's union branch {} ({}) cannot be read as reader's {}",
                          path, path.empty() ? "" : ": ", i, Describe(*wb), Describe(*r));
          s->branches.push_back(e);
        }
      }
      if (!any) return Incompatible(path, *w, *r, "no branch of the writer's union matches");
      return s;
    }
    if (r->type == AvroType::kUnion) {
      const int b = FindReaderBranch(*w, *r);
      if (b < 0) return Incompatible(path, *w, *r, "no branch of the reader's union matches");
      Step* s = NewStep(Op::kReaderBranch, w);
      memo[key] = s;
      s->branch = static_cast<uint16_t>(b);
      FLOE_ASSIGN_OR_RETURN(s->child, Compile(w, r->branches[static_cast<size_t>(b)], path));
      return s;
    }

    if (w->type != r->type) {
      Op op;
      switch (w->type) {
        case AvroType::kInt:
          op = r->type == AvroType::kLong    ? Op::kIntAsLong
               : r->type == AvroType::kFloat ? Op::kIntAsFloat
                                             : Op::kIntAsDouble;
          break;
        case AvroType::kLong:
          op = r->type == AvroType::kFloat ? Op::kLongAsFloat : Op::kLongAsDouble;
          break;
        case AvroType::kFloat:
          op = Op::kFloatAsDouble;
          break;
        case AvroType::kString:
          op = Op::kStringAsBytes;
          break;
        case AvroType::kBytes:
          op = Op::kBytesAsString;
          break;
        default:
          op = Op::kError;
          break;
      }
      if (!IsPromotion(w->type, r->type) || op == Op::kError) return Incompatible(path, *w, *r);
      Step* s = NewStep(op, w);
      memo[key] = s;
      return s;
    }

    if (w->logical_type == "decimal" && r->logical_type == "decimal" &&
        w->scale.value_or(0) != r->scale.value_or(0)) {
      return Incompatible(path, *w, *r,
                          fmt::format("decimal scale {} differs from {}", w->scale.value_or(0),
                                      r->scale.value_or(0)));
    }

    switch (w->type) {
      case AvroType::kNull:
        return Simple(key, Op::kNull, w);
      case AvroType::kBoolean:
        return Simple(key, Op::kBoolean, w);
      case AvroType::kInt:
        return Simple(key, Op::kInt, w);
      case AvroType::kLong:
        return Simple(key, Op::kLong, w);
      case AvroType::kFloat:
        return Simple(key, Op::kFloat, w);
      case AvroType::kDouble:
        return Simple(key, Op::kDouble, w);
      case AvroType::kBytes:
        return Simple(key, Op::kBytes, w);
      case AvroType::kString:
        return Simple(key, Op::kString, w);
      case AvroType::kFixed: {
        if (w->fixed_size != r->fixed_size) {
          return Incompatible(path, *w, *r,
                              fmt::format("size {} differs from {}", w->fixed_size, r->fixed_size));
        }
        Step* s = NewStep(Op::kFixed, w);
        s->fixed_size = w->fixed_size;
        memo[key] = s;
        return s;
      }
      case AvroType::kEnum: {
        Step* s = NewStep(Op::kEnum, w);
        memo[key] = s;
        int32_t fallback = -1;
        if (r->enum_default) {
          for (size_t i = 0; i < r->symbols.size(); ++i) {
            if (r->symbols[i] == *r->enum_default) fallback = static_cast<int32_t>(i);
          }
        }
        for (const std::string& sym : w->symbols) {
          int32_t mapped = fallback;
          for (size_t i = 0; i < r->symbols.size(); ++i) {
            if (r->symbols[i] == sym) {
              mapped = static_cast<int32_t>(i);
              break;
            }
          }
          s->enum_map.push_back(mapped);
        }
        s->error = path;
        return s;
      }
      case AvroType::kArray: {
        Step* s = NewStep(Op::kArray, w);
        memo[key] = s;
        s->item_min_size = MinSize(w->items);
        FLOE_ASSIGN_OR_RETURN(s->child, Compile(w->items, r->items, Join(path, "items")));
        return s;
      }
      case AvroType::kMap: {
        Step* s = NewStep(Op::kMap, w);
        memo[key] = s;
        s->item_min_size = SaturatingAdd(1, MinSize(w->values));
        FLOE_ASSIGN_OR_RETURN(s->child, Compile(w->values, r->values, Join(path, "values")));
        return s;
      }
      case AvroType::kRecord:
        return CompileRecord(key, w, r, path);
      case AvroType::kUnion:
        break;  // handled above
    }
    return Status::Internal("avro: unhandled type {}", AvroTypeName(w->type));
  }

  const Step* Simple(std::pair<const AvroNode*, const AvroNode*> key, Op op, const AvroNode* w) {
    Step* s = NewStep(op, w);
    memo[key] = s;
    return s;
  }

  static int FindWriterField(const AvroNode& w, const AvroField& rf, bool by_id) {
    if (by_id) {
      for (size_t i = 0; i < w.fields.size(); ++i) {
        if (w.fields[i].field_id == rf.field_id) return static_cast<int>(i);
      }
      return -1;
    }
    int i = w.FieldIndex(rf.name);
    if (i >= 0) return i;
    for (const std::string& alias : rf.aliases) {
      i = w.FieldIndex(alias);
      if (i >= 0) return i;
    }
    return -1;
  }

  Result<const Step*> CompileRecord(std::pair<const AvroNode*, const AvroNode*> key,
                                    const AvroNode* w, const AvroNode* r, const std::string& path) {
    Step* s = NewStep(Op::kRecord, w);
    memo[key] = s;
    if (r->fields.size() > UINT32_MAX) return Status::NotSupported("avro: too many fields");
    s->reader_field_count = static_cast<uint32_t>(r->fields.size());
    bool writer_has_ids = false;
    for (const AvroField& f : w->fields) writer_has_ids |= f.field_id.has_value();

    std::vector<int> reader_of_writer(w->fields.size(), -1);
    for (size_t ri = 0; ri < r->fields.size(); ++ri) {
      const AvroField& rf = r->fields[ri];
      const bool by_id = options.match_field_ids && rf.field_id.has_value() && writer_has_ids;
      const std::string here =
          Join(path, rf.field_id ? fmt::format("field '{}' (id {})", rf.name, *rf.field_id)
                                 : fmt::format("field '{}'", rf.name));
      const int wi = FindWriterField(*w, rf, by_id);
      if (wi >= 0) {
        if (reader_of_writer[static_cast<size_t>(wi)] >= 0) {
          return Status::InvalidArgument(
              "avro: cannot read the writer's schema as the reader's: {}: the writer's field '{}' "
              "also matches reader field '{}'",
              here, w->fields[static_cast<size_t>(wi)].name,
              r->fields[static_cast<size_t>(reader_of_writer[static_cast<size_t>(wi)])].name);
        }
        reader_of_writer[static_cast<size_t>(wi)] = static_cast<int>(ri);
        continue;
      }
      // Not written: the default, or null for an optional field.
      if (rf.default_json.has_value()) {
        Json j = Json::parse(*rf.default_json, nullptr, false);
        if (j.is_discarded()) {
          return Status::InvalidArgument("avro: reader schema: {}: default is not valid JSON",
                                         here);
        }
        FLOE_ASSIGN_OR_RETURN(AvroDatum d, DefaultDatum(j, *rf.type, here, 0));
        s->defaults.emplace_back(static_cast<uint32_t>(ri), d);
      } else if (rf.type->type == AvroType::kUnion && rf.type->NullBranch() >= 0) {
        s->defaults.emplace_back(
            static_cast<uint32_t>(ri),
            AvroDatum::Null().WithBranch(static_cast<uint32_t>(rf.type->NullBranch())));
      } else if (rf.type->type == AvroType::kNull) {
        s->defaults.emplace_back(static_cast<uint32_t>(ri), AvroDatum::Null());
      } else {
        return Status::InvalidArgument(
            "avro: cannot read the writer's schema as the reader's: {}: the writer's record '{}' "
            "has no such field{} and the reader's field has no default and is not optional",
            here, w->full_name, by_id ? " id" : "");
      }
    }
    for (size_t wi = 0; wi < w->fields.size(); ++wi) {
      FieldAction a;
      a.writer_type = w->fields[wi].type;
      a.writer_name = &w->fields[wi].name;
      MinSize(a.writer_type);
      const int ri = reader_of_writer[wi];
      if (ri >= 0) {
        const AvroField& rf = r->fields[static_cast<size_t>(ri)];
        const std::string here =
            Join(path, rf.field_id ? fmt::format("field '{}' (id {})", rf.name, *rf.field_id)
                                   : fmt::format("field '{}'", rf.name));
        FLOE_ASSIGN_OR_RETURN(a.step, Compile(w->fields[wi].type, rf.type, here));
        a.reader_index = static_cast<uint32_t>(ri);
      }
      s->fields.push_back(a);
    }
    return s;
  }

  Result<std::string_view> KeepBytes(std::string bytes) {
    default_bytes.push_back(std::move(bytes));
    return std::string_view(default_bytes.back());
  }

  // A default's JSON string as bytes: each code point 0..255 is one byte.
  static Result<std::string> LatinBytes(const std::string& utf8, const std::string& path) {
    std::string out;
    out.reserve(utf8.size());
    for (size_t i = 0; i < utf8.size();) {
      const auto c = static_cast<unsigned char>(utf8[i]);
      if (c < 0x80) {
        out.push_back(static_cast<char>(c));
        ++i;
        continue;
      }
      if ((c & 0xe0) == 0xc0 && i + 1 < utf8.size()) {
        const auto c1 = static_cast<unsigned char>(utf8[i + 1]);
        const uint32_t cp = ((c & 0x1fu) << 6) | (c1 & 0x3fu);
        if ((c1 & 0xc0) == 0x80 && cp <= 0xff) {
          out.push_back(static_cast<char>(cp));
          i += 2;
          continue;
        }
      }
      return Status::InvalidArgument(
          "avro: reader schema: {}: a bytes or fixed default may only hold code points 0-255",
          path);
    }
    return out;
  }

  Result<AvroDatum> DefaultDatum(const Json& j, const AvroNode& r, const std::string& path,
                                 int depth) {
    if (depth > kMaxSchemaDepth) {
      return Status::InvalidArgument("avro: reader schema: {}: default nests too deep", path);
    }
    auto bad = [&]() {
      return Status::InvalidArgument(
          "avro: reader schema: {}: default {} is not a valid {}", path,
          j.dump(-1, ' ', false, Json::error_handler_t::replace).substr(0, 80), Describe(r));
    };
    switch (r.type) {
      case AvroType::kNull:
        if (!j.is_null()) return bad();
        return AvroDatum::Null();
      case AvroType::kBoolean:
        if (!j.is_boolean()) return bad();
        return AvroDatum::Boolean(j.get<bool>());
      case AvroType::kInt:
      case AvroType::kLong: {
        int64_t v;
        if (j.is_number_unsigned()) {
          if (j.get<uint64_t>() > static_cast<uint64_t>(INT64_MAX)) return bad();
          v = static_cast<int64_t>(j.get<uint64_t>());
        } else if (j.is_number_integer()) {
          v = j.get<int64_t>();
        } else {
          return bad();
        }
        if (r.type == AvroType::kLong) return AvroDatum::Long(v);
        if (v < INT32_MIN || v > INT32_MAX) return bad();
        return AvroDatum::Int(static_cast<int32_t>(v));
      }
      case AvroType::kFloat:
      case AvroType::kDouble: {
        double v;
        if (j.is_number()) {
          v = j.get<double>();
        } else if (j.is_string() && j.get_ref<const std::string&>() == "NaN") {
          v = std::numeric_limits<double>::quiet_NaN();
        } else if (j.is_string() && j.get_ref<const std::string&>() == "Infinity") {
          v = std::numeric_limits<double>::infinity();
        } else if (j.is_string() && j.get_ref<const std::string&>() == "-Infinity") {
          v = -std::numeric_limits<double>::infinity();
        } else {
          return bad();
        }
        if (r.type == AvroType::kFloat) return AvroDatum::Float(static_cast<float>(v));
        return AvroDatum::Double(v);
      }
      case AvroType::kString: {
        if (!j.is_string()) return bad();
        FLOE_ASSIGN_OR_RETURN(std::string_view v, KeepBytes(j.get<std::string>()));
        return AvroDatum::String(v);
      }
      case AvroType::kBytes:
      case AvroType::kFixed: {
        if (!j.is_string()) return bad();
        FLOE_ASSIGN_OR_RETURN(std::string bytes, LatinBytes(j.get<std::string>(), path));
        if (r.type == AvroType::kFixed && bytes.size() != static_cast<size_t>(r.fixed_size)) {
          return bad();
        }
        FLOE_ASSIGN_OR_RETURN(std::string_view v, KeepBytes(std::move(bytes)));
        return r.type == AvroType::kFixed ? AvroDatum::Fixed(v) : AvroDatum::Bytes(v);
      }
      case AvroType::kEnum: {
        if (!j.is_string()) return bad();
        for (size_t i = 0; i < r.symbols.size(); ++i) {
          if (r.symbols[i] == j.get_ref<const std::string&>()) {
            return AvroDatum::Enum(static_cast<int32_t>(i));
          }
        }
        return bad();
      }
      case AvroType::kArray: {
        if (!j.is_array()) return bad();
        AvroDatum* items = default_arena.Allocate(j.size());
        for (size_t i = 0; i < j.size(); ++i) {
          FLOE_ASSIGN_OR_RETURN(items[i], DefaultDatum(j[i], *r.items, path, depth + 1));
        }
        return AvroDatum::Composite(AvroType::kArray, items, j.size());
      }
      case AvroType::kMap: {
        if (!j.is_object()) return bad();
        AvroDatum* entries = default_arena.Allocate(2 * j.size());
        size_t i = 0;
        for (auto it = j.begin(); it != j.end(); ++it, ++i) {
          FLOE_ASSIGN_OR_RETURN(std::string_view k, KeepBytes(it.key()));
          entries[2 * i] = AvroDatum::String(k);
          FLOE_ASSIGN_OR_RETURN(entries[2 * i + 1], DefaultDatum(*it, *r.values, path, depth + 1));
        }
        return AvroDatum::Composite(AvroType::kMap, entries, j.size());
      }
      case AvroType::kRecord: {
        if (!j.is_object()) return bad();
        AvroDatum* fields = default_arena.Allocate(r.fields.size());
        for (size_t i = 0; i < r.fields.size(); ++i) {
          const AvroField& f = r.fields[i];
          const std::string here = Join(path, fmt::format("field '{}'", f.name));
          auto it = j.find(f.name);
          if (it != j.end()) {
            FLOE_ASSIGN_OR_RETURN(fields[i], DefaultDatum(*it, *f.type, here, depth + 1));
          } else if (f.default_json.has_value()) {
            Json inner = Json::parse(*f.default_json, nullptr, false);
            if (inner.is_discarded()) return bad();
            FLOE_ASSIGN_OR_RETURN(fields[i], DefaultDatum(inner, *f.type, here, depth + 1));
          } else {
            return bad();
          }
        }
        return AvroDatum::Composite(AvroType::kRecord, fields, r.fields.size());
      }
      case AvroType::kUnion: {
        // The specification: the first branch. Other readers also accept a later one.
        for (size_t b = 0; b < r.branches.size(); ++b) {
          auto d = DefaultDatum(j, *r.branches[b], path, depth + 1);
          if (d.has_value()) return d->WithBranch(static_cast<uint32_t>(b));
        }
        return bad();
      }
    }
    return bad();
  }

  // ---- Decoding ----

  struct Ctx {
    AvroDecoder& dec;
    AvroDecodeTarget& target;
  };

  [[gnu::cold, gnu::noinline]] static Status TooDeep(const AvroDecoder& dec) {
    return Status::Corruption("at byte {}: values nest deeper than {} levels", dec.position(),
                              kMaxValueDepth);
  }

  [[gnu::cold, gnu::noinline]] static Status TooManyValues(const AvroDecoder& dec, int64_t n) {
    return Status::Corruption(
        "at byte {}: {} more values exceed the number of values this block may expand to",
        dec.position(), n);
  }

  [[gnu::cold, gnu::noinline]] static Status CountTooLarge(const AvroDecoder& dec, AvroType t,
                                                           int64_t count, int64_t min_size) {
    return Status::Corruption(
        "before byte {}: {} block of {} items needs at least {} bytes each but {} bytes are left",
        dec.position(), AvroTypeName(t), count, min_size, dec.remaining());
  }

  [[gnu::cold, gnu::noinline]] static Status BlockSizeMismatch(const AvroDecoder& dec, AvroType t,
                                                               int64_t declared, size_t used) {
    return Status::Corruption("before byte {}: {} block declares {} bytes but its items take {}",
                              dec.position(), AvroTypeName(t), declared, used);
  }

  [[gnu::cold, gnu::noinline]] static Status BadBranch(const AvroDecoder& dec, int64_t index,
                                                       size_t branches) {
    return Status::Corruption("before byte {}: union branch {} is not in [0, {})", dec.position(),
                              index, branches);
  }

  [[gnu::cold, gnu::noinline]] static Status BadEnum(const AvroDecoder& dec, int64_t index,
                                                     size_t symbols) {
    return Status::Corruption("before byte {}: enum index {} is not in [0, {})", dec.position(),
                              index, symbols);
  }

  static Status Charge(Ctx& c, int64_t n) {
    if (FLOE_UNLIKELY(n > c.target.values_left)) return TooManyValues(c.dec, n);
    c.target.values_left -= n;
    return Status::OK();
  }

  // Checks a block's item count against the bytes left before anything is allocated.
  static Status CheckCount(const AvroDecoder& dec, AvroType t, int64_t count, int64_t min_size) {
    if (min_size > 0 && count > static_cast<int64_t>(dec.remaining()) / min_size) {
      return CountTooLarge(dec, t, count, min_size);
    }
    return Status::OK();
  }

  // The most common steps, decoded without a call: record fields and array items are mostly
  // ints, longs, strings, bytes and optional values of those (measured: 40% less decoding time
  // on Iceberg manifests than a call per value).
  [[gnu::always_inline]] static inline bool Leaf(const Step& s, AvroDecoder& dec, AvroDatum& out,
                                                 Status& st) {
    switch (s.op) {
      case Op::kNull:
        out = AvroDatum::Null();
        return true;
      case Op::kInt: {
        int32_t v = 0;
        st = dec.ReadIntTo(v);
        out = AvroDatum::Int(v);
        return true;
      }
      case Op::kLong: {
        int64_t v = 0;
        st = dec.ReadLongTo(v);
        out = AvroDatum::Long(v);
        return true;
      }
      case Op::kString: {
        std::string_view v;
        st = dec.ReadBytesTo(v);
        out = AvroDatum::Binary(AvroType::kString, v);
        return true;
      }
      case Op::kBytes: {
        std::string_view v;
        st = dec.ReadBytesTo(v);
        out = AvroDatum::Binary(AvroType::kBytes, v);
        return true;
      }
      default:
        return false;
    }
  }

  // Run(), with leaves and unions of leaves decoded inline.
  [[gnu::always_inline]] inline Status Dispatch(const Step& s, Ctx& c, int depth,
                                                AvroDatum& out) const {
    Status st;
    if (Leaf(s, c.dec, out, st)) return st;
    if (s.op != Op::kWriterUnion) return Run(s, c, depth, out);
    int64_t index;
    FLOE_RETURN_NOT_OK(c.dec.ReadLongTo(index));
    if (FLOE_UNLIKELY(index < 0 || static_cast<uint64_t>(index) >= s.branches.size())) {
      return BadBranch(c.dec, index, s.branches.size());
    }
    if (FLOE_UNLIKELY(depth >= kMaxValueDepth)) return TooDeep(c.dec);
    const Step& b = *s.branches[static_cast<size_t>(index)];
    if (b.op != Op::kReaderBranch) return Run(b, c, depth + 1, out);
    if (!Leaf(*b.child, c.dec, out, st)) st = Run(*b.child, c, depth + 1, out);
    FLOE_RETURN_NOT_OK(st);
    out = out.WithBranch(b.branch);
    return Status::OK();
  }

  // Decodes one value into `out`. A Status and an out-reference rather than a
  // Result<AvroDatum>: see AvroDecoder::ReadLongTo (measured: a third of the decoding time).
  Status Run(const Step& s, Ctx& c, int depth, AvroDatum& out) const {
    AvroDecoder& dec = c.dec;
    switch (s.op) {
      case Op::kNull:
        out = AvroDatum::Null();
        return Status::OK();
      case Op::kBoolean: {
        bool v;
        FLOE_RETURN_NOT_OK(dec.ReadBooleanTo(v));
        out = AvroDatum::Boolean(v);
        return Status::OK();
      }
      case Op::kInt: {
        int32_t v;
        FLOE_RETURN_NOT_OK(dec.ReadIntTo(v));
        out = AvroDatum::Int(v);
        return Status::OK();
      }
      case Op::kLong: {
        int64_t v;
        FLOE_RETURN_NOT_OK(dec.ReadLongTo(v));
        out = AvroDatum::Long(v);
        return Status::OK();
      }
      case Op::kFloat: {
        float v;
        FLOE_RETURN_NOT_OK(dec.ReadFloatTo(v));
        out = AvroDatum::Float(v);
        return Status::OK();
      }
      case Op::kDouble: {
        double v;
        FLOE_RETURN_NOT_OK(dec.ReadDoubleTo(v));
        out = AvroDatum::Double(v);
        return Status::OK();
      }
      case Op::kBytes:
      case Op::kStringAsBytes: {
        std::string_view v;
        FLOE_RETURN_NOT_OK(dec.ReadBytesTo(v));
        out = AvroDatum::Binary(AvroType::kBytes, v);
        return Status::OK();
      }
      case Op::kString:
      case Op::kBytesAsString: {
        std::string_view v;
        FLOE_RETURN_NOT_OK(dec.ReadBytesTo(v));
        out = AvroDatum::Binary(AvroType::kString, v);
        return Status::OK();
      }
      case Op::kFixed: {
        std::string_view v;
        FLOE_RETURN_NOT_OK(dec.ReadFixedTo(static_cast<size_t>(s.fixed_size), v));
        out = AvroDatum::Binary(AvroType::kFixed, v);
        return Status::OK();
      }
      case Op::kEnum: {
        int32_t v;
        FLOE_RETURN_NOT_OK(dec.ReadIntTo(v));
        if (v < 0 || static_cast<size_t>(v) >= s.enum_map.size()) {
          return BadEnum(dec, v, s.enum_map.size());
        }
        const int32_t mapped = s.enum_map[static_cast<size_t>(v)];
        if (mapped < 0) return EnumMiss(dec, s, v);
        out = AvroDatum::Enum(mapped);
        return Status::OK();
      }
      case Op::kIntAsLong: {
        int32_t v;
        FLOE_RETURN_NOT_OK(dec.ReadIntTo(v));
        out = AvroDatum::Long(v);
        return Status::OK();
      }
      case Op::kIntAsFloat: {
        int32_t v;
        FLOE_RETURN_NOT_OK(dec.ReadIntTo(v));
        out = AvroDatum::Float(static_cast<float>(v));
        return Status::OK();
      }
      case Op::kIntAsDouble: {
        int32_t v;
        FLOE_RETURN_NOT_OK(dec.ReadIntTo(v));
        out = AvroDatum::Double(v);
        return Status::OK();
      }
      case Op::kLongAsFloat: {
        int64_t v;
        FLOE_RETURN_NOT_OK(dec.ReadLongTo(v));
        out = AvroDatum::Float(static_cast<float>(v));
        return Status::OK();
      }
      case Op::kLongAsDouble: {
        int64_t v;
        FLOE_RETURN_NOT_OK(dec.ReadLongTo(v));
        out = AvroDatum::Double(static_cast<double>(v));
        return Status::OK();
      }
      case Op::kFloatAsDouble: {
        float v;
        FLOE_RETURN_NOT_OK(dec.ReadFloatTo(v));
        out = AvroDatum::Double(v);
        return Status::OK();
      }
      case Op::kRecord: {
        if (FLOE_UNLIKELY(depth >= kMaxValueDepth)) return TooDeep(dec);
        FLOE_RETURN_NOT_OK(Charge(c, s.reader_field_count));
        AvroDatum* slots = c.target.arena->Allocate(s.reader_field_count);
        for (const FieldAction& f : s.fields) {
          Status st = f.step != nullptr ? Dispatch(*f.step, c, depth + 1, slots[f.reader_index])
                                        : SkipValue(*f.writer_type, dec, depth + 1);
          if (FLOE_UNLIKELY(!st.ok())) return FieldError(std::move(st), f);
        }
        for (const auto& [index, datum] : s.defaults) slots[index] = datum;
        out = AvroDatum::Composite(AvroType::kRecord, slots, s.reader_field_count);
        return Status::OK();
      }
      case Op::kArray:
      case Op::kMap: {
        if (FLOE_UNLIKELY(depth >= kMaxValueDepth)) return TooDeep(dec);
        const bool is_map = s.op == Op::kMap;
        const AvroType type = is_map ? AvroType::kMap : AvroType::kArray;
        const size_t per_item = is_map ? 2 : 1;
        AvroDatum* items = nullptr;
        size_t n = 0;
        while (true) {
          AvroBlockHeader block;
          FLOE_RETURN_NOT_OK(dec.ReadBlockHeaderTo(block));
          if (block.count == 0) break;
          FLOE_RETURN_NOT_OK(CheckCount(dec, type, block.count, s.item_min_size));
          if (FLOE_UNLIKELY(block.count > c.target.values_left / static_cast<int64_t>(per_item))) {
            return TooManyValues(dec, block.count);
          }
          FLOE_RETURN_NOT_OK(Charge(c, block.count * static_cast<int64_t>(per_item)));
          if (FLOE_UNLIKELY(n + static_cast<size_t>(block.count) > UINT32_MAX)) {
            return TooManyValues(dec, block.count);
          }
          const size_t start = dec.position();
          items = c.target.arena->Extend(items, n * per_item,
                                         (n + static_cast<size_t>(block.count)) * per_item);
          for (int64_t i = 0; i < block.count; ++i, ++n) {
            if (is_map) {
              std::string_view key;
              FLOE_RETURN_NOT_OK(dec.ReadBytesTo(key));
              items[2 * n] = AvroDatum::Binary(AvroType::kString, key);
              FLOE_RETURN_NOT_OK(Dispatch(*s.child, c, depth + 1, items[2 * n + 1]));
            } else {
              FLOE_RETURN_NOT_OK(Dispatch(*s.child, c, depth + 1, items[n]));
            }
          }
          if (block.byte_size >= 0 &&
              dec.position() - start != static_cast<size_t>(block.byte_size)) {
            return BlockSizeMismatch(dec, type, block.byte_size, dec.position() - start);
          }
        }
        out = AvroDatum::Composite(type, items, n);
        return Status::OK();
      }
      case Op::kWriterUnion: {
        int64_t index;
        FLOE_RETURN_NOT_OK(dec.ReadLongTo(index));
        if (FLOE_UNLIKELY(index < 0 || static_cast<uint64_t>(index) >= s.branches.size())) {
          return BadBranch(dec, index, s.branches.size());
        }
        if (FLOE_UNLIKELY(depth >= kMaxValueDepth)) return TooDeep(dec);
        return Run(*s.branches[static_cast<size_t>(index)], c, depth + 1, out);
      }
      case Op::kReaderBranch: {
        FLOE_RETURN_NOT_OK(Run(*s.child, c, depth, out));
        out = out.WithBranch(s.branch);
        return Status::OK();
      }
      case Op::kError:
        return Status::InvalidArgument("before byte {}: {}", dec.position(), s.error);
    }
    return Status::Internal("avro: unhandled decoder step");
  }

  // Says which field failed: "field 'data_file': field 'file_path': at byte 17: ...".
  [[gnu::cold, gnu::noinline]] static Status FieldError(Status st, const FieldAction& f) {
    return st.WithContext("field '{}'", *f.writer_name);
  }

  [[gnu::cold, gnu::noinline]] static Status SkipFieldError(Status st, const AvroField& f) {
    return st.WithContext("field '{}'", f.name);
  }

  [[gnu::cold, gnu::noinline]] static Status EnumMiss(const AvroDecoder& dec, const Step& s,
                                                      int32_t v) {
    return Status::InvalidArgument(
        "before byte {}: {}{}the writer's enum symbol '{}' is not in the reader's enum, which has "
        "no default",
        dec.position(), s.error, s.error.empty() ? "" : ": ",
        s.writer->symbols[static_cast<size_t>(v)]);
  }

  Status SkipValue(const AvroNode& w, AvroDecoder& dec, int depth) const {
    switch (w.type) {
      case AvroType::kNull:
        return Status::OK();
      case AvroType::kBoolean: {
        bool v;
        return dec.ReadBooleanTo(v);
      }
      case AvroType::kInt:
      case AvroType::kEnum: {
        int32_t v;
        return dec.ReadIntTo(v);
      }
      case AvroType::kLong: {
        int64_t v;
        return dec.ReadLongTo(v);
      }
      case AvroType::kFloat:
        return dec.Skip(4);
      case AvroType::kDouble:
        return dec.Skip(8);
      case AvroType::kBytes:
      case AvroType::kString: {
        std::string_view v;
        return dec.ReadBytesTo(v);
      }
      case AvroType::kFixed:
        return dec.Skip(static_cast<size_t>(w.fixed_size));
      case AvroType::kUnion: {
        int64_t index;
        FLOE_RETURN_NOT_OK(dec.ReadLongTo(index));
        if (index < 0 || static_cast<uint64_t>(index) >= w.branches.size()) {
          return BadBranch(dec, index, w.branches.size());
        }
        if (FLOE_UNLIKELY(depth >= kMaxValueDepth)) return TooDeep(dec);
        return SkipValue(*w.branches[static_cast<size_t>(index)], dec, depth + 1);
      }
      case AvroType::kRecord: {
        if (FLOE_UNLIKELY(depth >= kMaxValueDepth)) return TooDeep(dec);
        for (const AvroField& f : w.fields) {
          Status st = SkipValue(*f.type, dec, depth + 1);
          if (FLOE_UNLIKELY(!st.ok())) return SkipFieldError(std::move(st), f);
        }
        return Status::OK();
      }
      case AvroType::kArray:
      case AvroType::kMap: {
        if (FLOE_UNLIKELY(depth >= kMaxValueDepth)) return TooDeep(dec);
        const bool is_map = w.type == AvroType::kMap;
        const AvroNode& item = is_map ? *w.values : *w.items;
        auto it = min_size.find(&item);
        const int64_t item_min = it == min_size.end() ? 0 : it->second;
        const int64_t min_size_each = is_map ? SaturatingAdd(1, item_min) : item_min;
        while (true) {
          AvroBlockHeader block;
          FLOE_RETURN_NOT_OK(dec.ReadBlockHeaderTo(block));
          if (block.count == 0) break;
          if (block.byte_size >= 0) {
            FLOE_RETURN_NOT_OK(dec.Skip(static_cast<size_t>(block.byte_size)));
            continue;
          }
          // Items of a type that takes no bytes (null, fixed of size 0, records of those)
          // take exactly none: nothing to skip.
          if (min_size_each == 0) continue;
          FLOE_RETURN_NOT_OK(CheckCount(dec, w.type, block.count, min_size_each));
          for (int64_t i = 0; i < block.count; ++i) {
            if (is_map) {
              std::string_view key;
              FLOE_RETURN_NOT_OK(dec.ReadBytesTo(key));
            }
            FLOE_RETURN_NOT_OK(SkipValue(item, dec, depth + 1));
          }
        }
        return Status::OK();
      }
    }
    return Status::Internal("avro: unhandled type in skip");
  }
};

AvroResolvedDecoder::AvroResolvedDecoder(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
AvroResolvedDecoder::~AvroResolvedDecoder() = default;

Result<std::shared_ptr<const AvroResolvedDecoder>> AvroResolvedDecoder::Make(
    std::shared_ptr<const AvroSchema> writer, std::shared_ptr<const AvroSchema> reader,
    const AvroResolutionOptions& options) {
  if (writer == nullptr || reader == nullptr) {
    return Status::InvalidArgument("avro: resolution needs both a writer and a reader schema");
  }
  auto impl = std::make_unique<Impl>();
  impl->writer = std::move(writer);
  impl->reader = std::move(reader);
  impl->options = options;
  FLOE_ASSIGN_OR_RETURN(impl->root,
                        impl->Compile(&impl->writer->root(), &impl->reader->root(), ""));
  return std::shared_ptr<const AvroResolvedDecoder>(
      std::make_shared<AvroResolvedDecoder>(std::move(impl)));
}

const AvroSchema& AvroResolvedDecoder::writer_schema() const { return *impl_->writer; }
const AvroSchema& AvroResolvedDecoder::reader_schema() const { return *impl_->reader; }

Result<AvroDatum> AvroResolvedDecoder::Decode(AvroDecoder& decoder,
                                              AvroDecodeTarget& target) const {
  Impl::Ctx c{decoder, target};
  AvroDatum out;
  FLOE_RETURN_NOT_OK(impl_->Run(*impl_->root, c, 0, out));
  return out;
}

Status AvroResolvedDecoder::Skip(AvroDecoder& decoder) const {
  return impl_->SkipValue(impl_->writer->root(), decoder, 0);
}

int64_t AvroResolvedDecoder::min_value_size() const {
  auto it = impl_->min_size.find(&impl_->writer->root());
  return it == impl_->min_size.end() ? 0 : it->second;
}

}  // namespace floe::avro
