#include "formats/parquet/writer/writer_schema.h"

#include <unordered_set>
#include <utility>

#include <fmt/format.h>

#include "common/int128.h"

namespace floe::parquet {

namespace {

namespace pf = ::floe::parquet::format;

// Deeper nesting is refused; the shredder and readers recurse per level.
constexpr int kMaxNesting = 256;

pf::LogicalType IntAnnotation(int8_t bits) {
  pf::IntType t;
  t.__set_bitWidth(bits);
  t.__set_isSigned(true);
  pf::LogicalType lt;
  lt.__set_INTEGER(t);
  return lt;
}

pf::TimeUnit Unit(bool nanos) {
  pf::TimeUnit unit;
  if (nanos) {
    unit.__set_NANOS(pf::NanoSeconds());
  } else {
    unit.__set_MICROS(pf::MicroSeconds());
  }
  return unit;
}

pf::LogicalType TimestampAnnotation(bool utc, bool nanos) {
  pf::TimestampType t;
  t.__set_isAdjustedToUTC(utc);
  t.__set_unit(Unit(nanos));
  pf::LogicalType lt;
  lt.__set_TIMESTAMP(t);
  return lt;
}

// Fills the type fields of a leaf's SchemaElement and LeafColumn.
void MapPrimitive(const LogicalType& type, pf::SchemaElement& e, LeafColumn& leaf) {
  auto set_physical = [&](pf::Type::type physical, ValueOrder order) {
    e.__set_type(physical);
    leaf.physical_type = physical;
    leaf.order = order;
  };
  pf::LogicalType lt;
  switch (type.id()) {
    case TypeId::kBoolean:
      set_physical(pf::Type::BOOLEAN, ValueOrder::kBoolean);
      break;
    case TypeId::kInt8:
      set_physical(pf::Type::INT32, ValueOrder::kInt32);
      e.__set_logicalType(IntAnnotation(8));
      e.__set_converted_type(pf::ConvertedType::INT_8);
      break;
    case TypeId::kInt16:
      set_physical(pf::Type::INT32, ValueOrder::kInt32);
      e.__set_logicalType(IntAnnotation(16));
      e.__set_converted_type(pf::ConvertedType::INT_16);
      break;
    case TypeId::kInt32:
      set_physical(pf::Type::INT32, ValueOrder::kInt32);
      break;
    case TypeId::kInt64:
      set_physical(pf::Type::INT64, ValueOrder::kInt64);
      break;
    case TypeId::kFloat:
      set_physical(pf::Type::FLOAT, ValueOrder::kFloat);
      break;
    case TypeId::kDouble:
      set_physical(pf::Type::DOUBLE, ValueOrder::kDouble);
      break;
    case TypeId::kDecimal: {
      if (type.precision() <= 9) {
        set_physical(pf::Type::INT32, ValueOrder::kInt32);
      } else if (type.precision() <= 18) {
        set_physical(pf::Type::INT64, ValueOrder::kInt64);
      } else {
        set_physical(pf::Type::FIXED_LEN_BYTE_ARRAY, ValueOrder::kSignedBigEndian);
        leaf.type_length = WriterSchema::DecimalByteWidth(type.precision());
        e.__set_type_length(leaf.type_length);
      }
      pf::DecimalType d;
      d.__set_precision(type.precision());
      d.__set_scale(type.scale());
      lt.__set_DECIMAL(d);
      e.__set_logicalType(lt);
      e.__set_converted_type(pf::ConvertedType::DECIMAL);
      e.__set_precision(type.precision());
      e.__set_scale(type.scale());
      break;
    }
    case TypeId::kDate:
      set_physical(pf::Type::INT32, ValueOrder::kInt32);
      lt.__set_DATE(pf::DateType());
      e.__set_logicalType(lt);
      e.__set_converted_type(pf::ConvertedType::DATE);
      break;
    case TypeId::kTime: {
      set_physical(pf::Type::INT64, ValueOrder::kInt64);
      pf::TimeType t;
      t.__set_isAdjustedToUTC(false);
      t.__set_unit(Unit(false));
      lt.__set_TIME(t);
      e.__set_logicalType(lt);
      e.__set_converted_type(pf::ConvertedType::TIME_MICROS);
      break;
    }
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz:
      set_physical(pf::Type::INT64, ValueOrder::kInt64);
      e.__set_logicalType(TimestampAnnotation(type.id() == TypeId::kTimestampTz, false));
      e.__set_converted_type(pf::ConvertedType::TIMESTAMP_MICROS);
      break;
    case TypeId::kTimestampNs:
    case TypeId::kTimestampTzNs:
      set_physical(pf::Type::INT64, ValueOrder::kInt64);
      e.__set_logicalType(TimestampAnnotation(type.id() == TypeId::kTimestampTzNs, true));
      break;
    case TypeId::kString:
      set_physical(pf::Type::BYTE_ARRAY, ValueOrder::kUnsignedBytes);
      lt.__set_STRING(pf::StringType());
      e.__set_logicalType(lt);
      e.__set_converted_type(pf::ConvertedType::UTF8);
      break;
    case TypeId::kBinary:
      set_physical(pf::Type::BYTE_ARRAY, ValueOrder::kUnsignedBytes);
      break;
    case TypeId::kFixed:
      set_physical(pf::Type::FIXED_LEN_BYTE_ARRAY, ValueOrder::kUnsignedBytes);
      leaf.type_length = type.fixed_length();
      e.__set_type_length(leaf.type_length);
      break;
    case TypeId::kUuid:
      set_physical(pf::Type::FIXED_LEN_BYTE_ARRAY, ValueOrder::kUnsignedBytes);
      leaf.type_length = 16;
      e.__set_type_length(16);
      lt.__set_UUID(pf::UUIDType());
      e.__set_logicalType(lt);
      break;
    case TypeId::kStruct:
    case TypeId::kList:
    case TypeId::kMap:
      break;  // not primitive; the caller never asks
  }
  leaf.signed_sort_order = leaf.order != ValueOrder::kUnsignedBytes;
}

// Checks `field` and fills in omitted children; `where` is its dotted path.
Status Normalize(WriterField& field, const std::string& where, int depth) {
  if (depth > kMaxNesting) {
    return Status::InvalidArgument("parquet writer: field '{}' is nested more than {} deep", where,
                                   kMaxNesting);
  }
  if (field.name.empty()) {
    return Status::InvalidArgument("parquet writer: a field under '{}' has an empty name", where);
  }
  const LogicalType& type = field.type;
  if (!type.IsNested()) {
    if (!field.children.empty()) {
      return Status::InvalidArgument("parquet writer: field '{}' of type {} cannot have children",
                                     where, type.ToString());
    }
    return Status::OK();
  }
  if (type.id() == TypeId::kStruct && type.children().empty()) {
    return Status::InvalidArgument("parquet writer: struct '{}' has no fields", where);
  }
  if (field.children.empty()) {
    field.children =
        WriterField::FromType(field.name, type, field.field_id, field.nullable).children;
  }
  const std::vector<StructField>& type_children = type.children();
  if (field.children.size() != type_children.size()) {
    return Status::InvalidArgument(
        "parquet writer: field '{}' of type {} has {} children, its type has {}", where,
        type.ToString(), field.children.size(), type_children.size());
  }
  std::unordered_set<std::string> names;
  for (size_t i = 0; i < field.children.size(); ++i) {
    WriterField& child = field.children[i];
    const StructField& expected = type_children[i];
    if (type.id() == TypeId::kStruct) {
      if (child.name != expected.name) {
        return Status::InvalidArgument(
            "parquet writer: field '{}': child {} is named '{}' but the struct's field is '{}'",
            where, i, child.name, expected.name);
      }
    } else {
      child.name = expected.name;  // "element", "key", "value"
    }
    if (!names.insert(child.name).second) {
      return Status::InvalidArgument("parquet writer: field '{}' has two children named '{}'",
                                     where, child.name);
    }
    if (!(child.type == expected.type)) {
      return Status::InvalidArgument(
          "parquet writer: field '{}.{}' is declared as {} but its parent's type says {}", where,
          child.name, child.type.ToString(), expected.type.ToString());
    }
    if (!child.field_id) child.field_id = expected.field_id;
    if (type.id() == TypeId::kMap && i == 0 && child.nullable) {
      return Status::InvalidArgument("parquet writer: map key '{}.key' must be required", where);
    }
    FLOE_RETURN_NOT_OK(Normalize(child, where + "." + child.name, depth + 1));
  }
  return Status::OK();
}

class Builder {
 public:
  Builder(std::vector<pf::SchemaElement>& elements, std::vector<LeafColumn>& leaves)
      : elements_(elements), leaves_(leaves) {}

  void Add(const WriterField& field, int16_t def, int16_t rep) {
    path_.push_back(field.name);
    pf::SchemaElement e;
    e.__set_name(field.name);
    e.__set_repetition_type(field.nullable ? pf::FieldRepetitionType::OPTIONAL
                                           : pf::FieldRepetitionType::REQUIRED);
    if (field.field_id) e.__set_field_id(*field.field_id);
    const int16_t own_def = static_cast<int16_t>(def + (field.nullable ? 1 : 0));
    pf::LogicalType lt;
    switch (field.type.id()) {
      case TypeId::kStruct:
        e.__set_num_children(static_cast<int32_t>(field.children.size()));
        elements_.push_back(std::move(e));
        for (const WriterField& child : field.children) Add(child, own_def, rep);
        break;
      case TypeId::kList:
        e.__set_num_children(1);
        lt.__set_LIST(pf::ListType());
        e.__set_logicalType(lt);
        e.__set_converted_type(pf::ConvertedType::LIST);
        elements_.push_back(std::move(e));
        AddRepeatedGroup("list", 1);
        Add(field.children[0], static_cast<int16_t>(own_def + 1), static_cast<int16_t>(rep + 1));
        path_.pop_back();
        break;
      case TypeId::kMap:
        e.__set_num_children(1);
        lt.__set_MAP(pf::MapType());
        e.__set_logicalType(lt);
        e.__set_converted_type(pf::ConvertedType::MAP);
        elements_.push_back(std::move(e));
        AddRepeatedGroup("key_value", 2);
        Add(field.children[0], static_cast<int16_t>(own_def + 1), static_cast<int16_t>(rep + 1));
        Add(field.children[1], static_cast<int16_t>(own_def + 1), static_cast<int16_t>(rep + 1));
        path_.pop_back();
        break;
      default: {
        LeafColumn leaf;
        leaf.ordinal = static_cast<int32_t>(leaves_.size());
        leaf.path = path_;
        leaf.dotted_path = fmt::format("{}", fmt::join(path_, "."));
        leaf.field_id = field.field_id;
        leaf.type = field.type;
        leaf.max_definition_level = own_def;
        leaf.max_repetition_level = rep;
        MapPrimitive(field.type, e, leaf);
        elements_.push_back(std::move(e));
        leaves_.push_back(std::move(leaf));
        break;
      }
    }
    path_.pop_back();
  }

 private:
  void AddRepeatedGroup(const char* name, int32_t children) {
    pf::SchemaElement group;
    group.__set_name(name);
    group.__set_repetition_type(pf::FieldRepetitionType::REPEATED);
    group.__set_num_children(children);
    elements_.push_back(std::move(group));
    path_.push_back(name);
  }

  std::vector<pf::SchemaElement>& elements_;
  std::vector<LeafColumn>& leaves_;
  std::vector<std::string> path_;
};

}  // namespace

int32_t WriterSchema::DecimalByteWidth(int32_t precision) {
  const auto max_unscaled = static_cast<uint128_t>(Pow10Int128(precision) - 1);
  for (int32_t bytes = 1; bytes < 16; ++bytes) {
    // A signed integer of `bytes` bytes holds up to 2^(8 * bytes - 1) - 1.
    if (max_unscaled < (uint128_t{1} << (8 * bytes - 1))) return bytes;
  }
  return 16;
}

Result<WriterSchema> WriterSchema::Make(std::vector<WriterField> fields) {
  WriterSchema schema;
  std::unordered_set<std::string> names;
  for (WriterField& field : fields) {
    if (!names.insert(field.name).second) {
      return Status::InvalidArgument("parquet writer: two top-level fields are named '{}'",
                                     field.name);
    }
    FLOE_RETURN_NOT_OK(Normalize(field, field.name, 0));
  }
  pf::SchemaElement root;
  root.__set_name("schema");
  root.__set_num_children(static_cast<int32_t>(fields.size()));
  schema.elements_.push_back(std::move(root));
  Builder builder(schema.elements_, schema.leaves_);
  for (const WriterField& field : fields) {
    const auto first = static_cast<int32_t>(schema.leaves_.size());
    builder.Add(field, 0, 0);
    schema.first_leaf_.push_back(first);
    schema.leaf_count_.push_back(static_cast<int32_t>(schema.leaves_.size()) - first);
  }
  schema.fields_ = std::move(fields);
  return schema;
}

}  // namespace floe::parquet
