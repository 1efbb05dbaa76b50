#include "formats/avro/avro_datum_encoder.h"

#include "formats/avro/avro_resolved_decoder.h"

namespace floe::avro {

namespace {

// Whether a datum of type `d` can be written as schema type `s` (a union is not a schema type
// here).
bool Accepts(AvroType s, const AvroDatum& d, const AvroNode& node) {
  if (d.type() == s) {
    if (s == AvroType::kFixed) return d.size() == static_cast<size_t>(node.fixed_size);
    if (s == AvroType::kEnum) {
      return d.enum_index() >= 0 && static_cast<size_t>(d.enum_index()) < node.symbols.size();
    }
    if (s == AvroType::kRecord) return d.size() == node.fields.size();
    return true;
  }
  switch (d.type()) {
    case AvroType::kInt:
      return s == AvroType::kLong || s == AvroType::kFloat || s == AvroType::kDouble;
    case AvroType::kLong:
      return s == AvroType::kFloat || s == AvroType::kDouble;
    case AvroType::kFloat:
      return s == AvroType::kDouble;
    case AvroType::kString:
      return s == AvroType::kBytes;
    case AvroType::kBytes:
      return s == AvroType::kString ||
             (s == AvroType::kFixed && d.size() == static_cast<size_t>(node.fixed_size));
    default:
      return false;
  }
}

Status Mismatch(const AvroDatum& d, const AvroNode& node) {
  std::string extra;
  if (d.type() == node.type && node.type == AvroType::kRecord) {
    extra = fmt::format(" (the datum has {} fields, the record {})", d.size(), node.fields.size());
  } else if (d.type() == node.type && node.type == AvroType::kFixed) {
    extra = fmt::format(" (the datum has {} bytes, the fixed {})", d.size(), node.fixed_size);
  } else if (d.type() == node.type && node.type == AvroType::kEnum) {
    extra = fmt::format(" (index {} of {} symbols)", d.enum_index(), node.symbols.size());
  }
  return Status::InvalidArgument(
      "a {} datum cannot be written as {}{}", AvroTypeName(d.type()),
      node.is_named() ? node.full_name : std::string(AvroTypeName(node.type)), extra);
}

int64_t AsInt64(const AvroDatum& d) {
  return d.type() == AvroType::kInt ? d.int_value() : d.long_value();
}

double AsDouble(const AvroDatum& d) {
  switch (d.type()) {
    case AvroType::kInt:
      return d.int_value();
    case AvroType::kLong:
      return static_cast<double>(d.long_value());
    case AvroType::kFloat:
      return d.float_value();
    default:
      return d.double_value();
  }
}

Status Encode(const AvroDatum& d, const AvroNode& node, AvroEncoder& enc, int depth) {
  if (depth > kMaxValueDepth) {
    return Status::InvalidArgument("values nest deeper than {} levels", kMaxValueDepth);
  }
  if (node.type == AvroType::kUnion) {
    size_t branch = d.branch();
    if (branch >= node.branches.size() ||
        !Accepts(node.branches[branch]->type, d, *node.branches[branch])) {
      branch = node.branches.size();
      for (size_t i = 0; i < node.branches.size(); ++i) {
        if (Accepts(node.branches[i]->type, d, *node.branches[i])) {
          branch = i;
          break;
        }
      }
      if (branch == node.branches.size()) {
        return Status::InvalidArgument("a {} datum matches no branch of the union",
                                       AvroTypeName(d.type()));
      }
    }
    enc.WriteUnionIndex(static_cast<int64_t>(branch));
    return Encode(d, *node.branches[branch], enc, depth + 1);
  }
  if (!Accepts(node.type, d, node)) return Mismatch(d, node);
  switch (node.type) {
    case AvroType::kNull:
      return Status::OK();
    case AvroType::kBoolean:
      enc.WriteBoolean(d.boolean_value());
      return Status::OK();
    case AvroType::kInt:
      enc.WriteInt(d.int_value());
      return Status::OK();
    case AvroType::kLong:
      enc.WriteLong(AsInt64(d));
      return Status::OK();
    case AvroType::kFloat:
      enc.WriteFloat(static_cast<float>(AsDouble(d)));
      return Status::OK();
    case AvroType::kDouble:
      enc.WriteDouble(AsDouble(d));
      return Status::OK();
    case AvroType::kBytes:
    case AvroType::kString:
      enc.WriteBytes(d.bytes_value());
      return Status::OK();
    case AvroType::kFixed:
      enc.WriteFixed(d.bytes_value());
      return Status::OK();
    case AvroType::kEnum:
      enc.WriteEnum(d.enum_index());
      return Status::OK();
    case AvroType::kRecord:
      for (size_t i = 0; i < node.fields.size(); ++i) {
        Status st = Encode(d.field(i), *node.fields[i].type, enc, depth + 1);
        if (!st.ok()) return st.WithContext("field '{}'", node.fields[i].name);
      }
      return Status::OK();
    case AvroType::kArray: {
      const auto items = d.items();
      if (!items.empty()) enc.WriteBlockCount(static_cast<int64_t>(items.size()));
      for (size_t i = 0; i < items.size(); ++i) {
        Status st = Encode(items[i], *node.items, enc, depth + 1);
        if (!st.ok()) return st.WithContext("item {}", i);
      }
      enc.WriteBlockCount(0);
      return Status::OK();
    }
    case AvroType::kMap: {
      if (d.size() > 0) enc.WriteBlockCount(static_cast<int64_t>(d.size()));
      for (size_t i = 0; i < d.size(); ++i) {
        const AvroDatum& key = d.map_key_datum(i);
        if (key.type() != AvroType::kString && key.type() != AvroType::kBytes) {
          return Status::InvalidArgument("map key {} is a {} datum, not a string", i,
                                         AvroTypeName(key.type()));
        }
        enc.WriteString(key.bytes_value());
        Status st = Encode(d.map_value(i), *node.values, enc, depth + 1);
        if (!st.ok()) return st.WithContext("value of key '{}'", key.bytes_value());
      }
      enc.WriteBlockCount(0);
      return Status::OK();
    }
    case AvroType::kUnion:
      break;  // handled above
  }
  return Status::Internal("avro: unhandled type {}", AvroTypeName(node.type));
}

}  // namespace

Status EncodeDatum(const AvroDatum& datum, const AvroNode& schema, AvroEncoder& encoder) {
  return Encode(datum, schema, encoder, 0);
}

}  // namespace floe::avro
