#include "formats/parquet/type_mapping.h"

#include <utility>

namespace floe::parquet {

namespace {

// A node's annotation, from its logical type or else its converted type.
enum class AnnotationKind : uint8_t {
  kNone,
  kString,
  kEnum,
  kJson,
  kBson,
  kUuid,
  kInteger,
  kDecimal,
  kDate,
  kTime,
  kTimestamp,
  kFloat16,
  kInterval,
  kGeometry,
  kGeography,
  kUnknown,
  kList,
  kMap,
  kMapKeyValue,
  kVariant,
  kFile,
};

enum class TimeUnit : uint8_t { kMillis, kMicros, kNanos, kUnknown };

struct Annotation {
  AnnotationKind kind = AnnotationKind::kNone;
  int32_t bit_width = 0;               // kInteger
  bool is_signed = true;               // kInteger
  TimeUnit unit = TimeUnit::kUnknown;  // kTime, kTimestamp
  bool adjusted_to_utc = false;        // kTime, kTimestamp
  int32_t precision = 0;               // kDecimal
  int32_t scale = 0;                   // kDecimal
};

TimeUnit ReadUnit(const format::TimeUnit& unit) {
  if (unit.__isset.MILLIS) return TimeUnit::kMillis;
  if (unit.__isset.MICROS) return TimeUnit::kMicros;
  if (unit.__isset.NANOS) return TimeUnit::kNanos;
  return TimeUnit::kUnknown;
}

std::string_view UnitName(TimeUnit unit) {
  switch (unit) {
    case TimeUnit::kMillis:
      return "MILLIS";
    case TimeUnit::kMicros:
      return "MICROS";
    case TimeUnit::kNanos:
      return "NANOS";
    case TimeUnit::kUnknown:
      break;
  }
  return "an unknown unit";
}

Annotation FromLogicalType(const format::LogicalType& t) {
  Annotation a;
  const auto& s = t.__isset;
  if (s.STRING) {
    a.kind = AnnotationKind::kString;
  } else if (s.MAP) {
    a.kind = AnnotationKind::kMap;
  } else if (s.LIST) {
    a.kind = AnnotationKind::kList;
  } else if (s.ENUM) {
    a.kind = AnnotationKind::kEnum;
  } else if (s.DECIMAL) {
    a.kind = AnnotationKind::kDecimal;
    a.precision = t.DECIMAL.precision;
    a.scale = t.DECIMAL.scale;
  } else if (s.DATE) {
    a.kind = AnnotationKind::kDate;
  } else if (s.TIME) {
    a.kind = AnnotationKind::kTime;
    a.unit = ReadUnit(t.TIME.unit);
    a.adjusted_to_utc = t.TIME.isAdjustedToUTC;
  } else if (s.TIMESTAMP) {
    a.kind = AnnotationKind::kTimestamp;
    a.unit = ReadUnit(t.TIMESTAMP.unit);
    a.adjusted_to_utc = t.TIMESTAMP.isAdjustedToUTC;
  } else if (s.INTEGER) {
    a.kind = AnnotationKind::kInteger;
    a.bit_width = t.INTEGER.bitWidth;
    a.is_signed = t.INTEGER.isSigned;
  } else if (s.UNKNOWN) {
    a.kind = AnnotationKind::kUnknown;
  } else if (s.JSON) {
    a.kind = AnnotationKind::kJson;
  } else if (s.BSON) {
    a.kind = AnnotationKind::kBson;
  } else if (s.UUID) {
    a.kind = AnnotationKind::kUuid;
  } else if (s.FLOAT16) {
    a.kind = AnnotationKind::kFloat16;
  } else if (s.VARIANT) {
    a.kind = AnnotationKind::kVariant;
  } else if (s.GEOMETRY) {
    a.kind = AnnotationKind::kGeometry;
  } else if (s.GEOGRAPHY) {
    a.kind = AnnotationKind::kGeography;
  } else if (s.FILE) {
    a.kind = AnnotationKind::kFile;
  }
  return a;
}

Annotation FromConvertedType(const SchemaNode& node) {
  Annotation a;
  auto integer = [&a](int32_t bits, bool is_signed) {
    a.kind = AnnotationKind::kInteger;
    a.bit_width = bits;
    a.is_signed = is_signed;
  };
  auto temporal = [&a](AnnotationKind kind, TimeUnit unit) {
    // The compatibility tables: legacy TIME_* and TIMESTAMP_* are UTC-adjusted.
    a.kind = kind;
    a.unit = unit;
    a.adjusted_to_utc = true;
  };
  switch (*node.converted_type) {
    case ConvertedType::kUtf8:
      a.kind = AnnotationKind::kString;
      break;
    case ConvertedType::kMap:
      a.kind = AnnotationKind::kMap;
      break;
    case ConvertedType::kMapKeyValue:
      a.kind = AnnotationKind::kMapKeyValue;
      break;
    case ConvertedType::kList:
      a.kind = AnnotationKind::kList;
      break;
    case ConvertedType::kEnum:
      a.kind = AnnotationKind::kEnum;
      break;
    case ConvertedType::kDecimal:
      a.kind = AnnotationKind::kDecimal;
      // ParquetSchema::Make checked both; a missing scale is 0.
      a.precision = node.precision.value_or(0);
      a.scale = node.scale.value_or(0);
      break;
    case ConvertedType::kDate:
      a.kind = AnnotationKind::kDate;
      break;
    case ConvertedType::kTimeMillis:
      temporal(AnnotationKind::kTime, TimeUnit::kMillis);
      break;
    case ConvertedType::kTimeMicros:
      temporal(AnnotationKind::kTime, TimeUnit::kMicros);
      break;
    case ConvertedType::kTimestampMillis:
      temporal(AnnotationKind::kTimestamp, TimeUnit::kMillis);
      break;
    case ConvertedType::kTimestampMicros:
      temporal(AnnotationKind::kTimestamp, TimeUnit::kMicros);
      break;
    case ConvertedType::kUint8:
      integer(8, false);
      break;
    case ConvertedType::kUint16:
      integer(16, false);
      break;
    case ConvertedType::kUint32:
      integer(32, false);
      break;
    case ConvertedType::kUint64:
      integer(64, false);
      break;
    case ConvertedType::kInt8:
      integer(8, true);
      break;
    case ConvertedType::kInt16:
      integer(16, true);
      break;
    case ConvertedType::kInt32:
      integer(32, true);
      break;
    case ConvertedType::kInt64:
      integer(64, true);
      break;
    case ConvertedType::kJson:
      a.kind = AnnotationKind::kJson;
      break;
    case ConvertedType::kBson:
      a.kind = AnnotationKind::kBson;
      break;
    case ConvertedType::kInterval:
      a.kind = AnnotationKind::kInterval;
      break;
  }
  return a;
}

// The logical type wins; the converted type applies only without one.
Annotation ReadAnnotation(const SchemaNode& node) {
  if (node.logical_type.has_value()) return FromLogicalType(*node.logical_type);
  if (node.converted_type.has_value()) return FromConvertedType(node);
  return {};
}

// "INT(8, false)", "TIMESTAMP(NANOS, true)", ... for messages.
std::string AnnotationName(const Annotation& a) {
  switch (a.kind) {
    case AnnotationKind::kNone:
      return "no annotation";
    case AnnotationKind::kString:
      return "STRING";
    case AnnotationKind::kEnum:
      return "ENUM";
    case AnnotationKind::kJson:
      return "JSON";
    case AnnotationKind::kBson:
      return "BSON";
    case AnnotationKind::kUuid:
      return "UUID";
    case AnnotationKind::kInteger:
      return fmt::format("INT({}, {})", a.bit_width, a.is_signed);
    case AnnotationKind::kDecimal:
      return fmt::format("DECIMAL({}, {})", a.precision, a.scale);
    case AnnotationKind::kDate:
      return "DATE";
    case AnnotationKind::kTime:
      return fmt::format("TIME({}, {})", UnitName(a.unit), a.adjusted_to_utc);
    case AnnotationKind::kTimestamp:
      return fmt::format("TIMESTAMP({}, {})", UnitName(a.unit), a.adjusted_to_utc);
    case AnnotationKind::kFloat16:
      return "FLOAT16";
    case AnnotationKind::kInterval:
      return "INTERVAL";
    case AnnotationKind::kGeometry:
      return "GEOMETRY";
    case AnnotationKind::kGeography:
      return "GEOGRAPHY";
    case AnnotationKind::kUnknown:
      return "UNKNOWN";
    case AnnotationKind::kList:
      return "LIST";
    case AnnotationKind::kMap:
      return "MAP";
    case AnnotationKind::kMapKeyValue:
      return "MAP_KEY_VALUE";
    case AnnotationKind::kVariant:
      return "VARIANT";
    case AnnotationKind::kFile:
      return "FILE";
  }
  return "?";
}

struct Primitive {
  LogicalType type;
  ValueConversion conversion;
};

class TypeMapper {
 public:
  explicit TypeMapper(const ParquetSchema& schema) : schema_(schema) {}

  // Node `index` as a field of its parent: a repeated node not consumed by a
  // LIST or MAP is a required list of required elements of its own type.
  Result<MappedNode> MapField(int32_t index) {
    const SchemaNode& node = schema_.node(index);
    if (index == 0 || node.repetition != Repetition::kRepeated) {
      return MapValue(index, node.max_definition_level);
    }
    FLOE_ASSIGN_OR_RETURN(MappedNode element, MapValue(index, node.max_definition_level));
    MappedNode list;
    list.type = LogicalType::List(element.type);
    list.node_index = index;
    list.def_level = static_cast<int16_t>(node.max_definition_level - 1);
    list.element_def_level = node.max_definition_level;
    list.element_rep_level = node.max_repetition_level;
    list.children.push_back(std::move(element));
    return list;
  }

 private:
  template <typename... Args>
  Status Unsupported(int32_t index, fmt::format_string<Args...> format, Args&&... args) const {
    return Status::NotSupported("parquet column '{}': {}", schema_.NodePath(index),
                                fmt::format(format, std::forward<Args>(args)...));
  }

  // Node `index` as a value, whatever its own repetition (a list element
  // read from the repeated node itself, or a non-repeated field).
  Result<MappedNode> MapValue(int32_t index, int16_t def_level) {
    const SchemaNode& node = schema_.node(index);
    if (node.is_leaf()) {
      FLOE_ASSIGN_OR_RETURN(Primitive primitive, MapPrimitive(index));
      MappedNode leaf;
      leaf.type = std::move(primitive.type);
      leaf.node_index = index;
      leaf.def_level = def_level;
      leaf.column_index = node.column_index;
      leaf.physical_type = *node.physical_type;
      leaf.conversion = primitive.conversion;
      return leaf;
    }
    const Annotation annotation = ReadAnnotation(node);
    switch (annotation.kind) {
      case AnnotationKind::kList:
        return MapList(index, def_level);
      case AnnotationKind::kMap:
      case AnnotationKind::kMapKeyValue:
        // MAP_KEY_VALUE inside a MAP group is never mapped here: MapMap
        // reads the key_value group's fields directly.
        return MapMap(index, def_level);
      case AnnotationKind::kNone:
      case AnnotationKind::kUnknown:
        return MapStruct(index, def_level);
      case AnnotationKind::kVariant:
        return Unsupported(index, "VARIANT is not supported yet");
      default:
        return Unsupported(index, "a group cannot be annotated {}", AnnotationName(annotation));
    }
  }

  Result<MappedNode> MapStruct(int32_t index, int16_t def_level) {
    const SchemaNode& node = schema_.node(index);
    if (node.children.empty()) return Unsupported(index, "a group without fields has no values");
    MappedNode result;
    result.node_index = index;
    result.def_level = def_level;
    std::vector<StructField> fields;
    fields.reserve(node.children.size());
    for (int32_t child : node.children) {
      FLOE_ASSIGN_OR_RETURN(MappedNode mapped, MapField(child));
      const SchemaNode& child_node = schema_.node(child);
      fields.push_back({child_node.name, mapped.type, child_node.field_id});
      result.children.push_back(std::move(mapped));
    }
    Result<LogicalType> type = LogicalType::Struct(std::move(fields));
    if (!type.has_value()) return Unsupported(index, "{}", type.error().message());
    result.type = std::move(type).value();
    return result;
  }

  // LIST: `<rep> group <name> (LIST) { repeated <R> { ... } }`, with the
  // element chosen by the backward-compatibility rules of LogicalTypes.md.
  Result<MappedNode> MapList(int32_t index, int16_t def_level) {
    const SchemaNode& group = schema_.node(index);
    if (group.children.size() != 1) {
      return Unsupported(index, "a LIST group must have exactly one field, not {}",
                         group.children.size());
    }
    const int32_t repeated_index = group.children[0];
    const SchemaNode& repeated = schema_.node(repeated_index);
    if (repeated.repetition != Repetition::kRepeated) {
      return Unsupported(index, "the field '{}' of a LIST group must be repeated, not {}",
                         repeated.name, RepetitionName(repeated.repetition));
    }
    int32_t element_index;
    if (repeated.is_leaf()) {
      element_index = repeated_index;  // rule 1: a repeated primitive
    } else if (repeated.children.empty()) {
      return Unsupported(repeated_index, "a group without fields has no values");
    } else if (repeated.children.size() > 1) {
      element_index = repeated_index;  // rule 2: a tuple of several fields
    } else if (schema_.node(repeated.children[0]).repetition == Repetition::kRepeated) {
      element_index = repeated_index;  // rule 3: the element is itself a list
    } else if (repeated.name == "array" || repeated.name == group.name + "_tuple") {
      element_index = repeated_index;  // rule 4: a one-field tuple
    } else {
      element_index = repeated.children[0];  // rule 5: the standard 3-level form
    }
    Result<MappedNode> element = element_index == repeated_index
                                     ? MapValue(repeated_index, repeated.max_definition_level)
                                     : MapField(element_index);
    if (!element.has_value()) return std::move(element).error();
    MappedNode list;
    list.type = LogicalType::List(element->type, schema_.node(element_index).field_id);
    list.node_index = index;
    list.def_level = def_level;
    list.element_def_level = repeated.max_definition_level;
    list.element_rep_level = repeated.max_repetition_level;
    list.children.push_back(std::move(element).value());
    return list;
  }

  // MAP (or MAP_KEY_VALUE outside a MAP): `<rep> group <name> (MAP) {
  // repeated group key_value { <key>; [<value>;] } }`, key and value found by
  // position. Without a value the map reads as a list of its keys.
  Result<MappedNode> MapMap(int32_t index, int16_t def_level) {
    const SchemaNode& group = schema_.node(index);
    if (group.children.size() != 1) {
      return Unsupported(index, "a MAP group must have exactly one field, not {}",
                         group.children.size());
    }
    const int32_t kv_index = group.children[0];
    const SchemaNode& kv = schema_.node(kv_index);
    if (kv.repetition != Repetition::kRepeated || kv.is_leaf()) {
      return Unsupported(index, "the field '{}' of a MAP group must be a repeated group", kv.name);
    }
    if (kv.children.empty() || kv.children.size() > 2) {
      return Unsupported(kv_index,
                         "a MAP's key_value group must have a key and a value, not {} fields",
                         kv.children.size());
    }
    MappedNode result;
    result.node_index = index;
    result.def_level = def_level;
    result.element_def_level = kv.max_definition_level;
    result.element_rep_level = kv.max_repetition_level;
    // The key is required by the spec, yet some writers (Hive) declare it
    // optional; the assembler refuses a NULL key only if one occurs.
    FLOE_ASSIGN_OR_RETURN(MappedNode key, MapField(kv.children[0]));
    const std::optional<int32_t> key_id = schema_.node(kv.children[0]).field_id;
    if (kv.children.size() == 1) {
      result.type = LogicalType::List(key.type, key_id);
      result.children.push_back(std::move(key));
      return result;
    }
    FLOE_ASSIGN_OR_RETURN(MappedNode value, MapField(kv.children[1]));
    result.type =
        LogicalType::Map(key.type, value.type, key_id, schema_.node(kv.children[1]).field_id);
    result.children.push_back(std::move(key));
    result.children.push_back(std::move(value));
    return result;
  }

  Result<Primitive> MapPrimitive(int32_t index) const {
    const SchemaNode& node = schema_.node(index);
    const Annotation a = ReadAnnotation(node);
    const PhysicalType physical = *node.physical_type;
    auto mismatch = [&]() {
      return Unsupported(index, "{} cannot annotate {}", AnnotationName(a),
                         PhysicalTypeName(physical));
    };
    auto decimal = [&](ValueConversion conversion) -> Result<Primitive> {
      if (a.precision > LogicalType::kMaxDecimalPrecision) {
        return Unsupported(index, "DECIMAL precision {} exceeds the maximum of {}", a.precision,
                           LogicalType::kMaxDecimalPrecision);
      }
      Result<LogicalType> type = LogicalType::Decimal(a.precision, a.scale);
      if (!type.has_value()) return Unsupported(index, "{}", type.error().message());
      return Primitive{std::move(type).value(), conversion};
    };
    if (a.kind == AnnotationKind::kUnknown) {
      // UNKNOWN: always NULL, typed by its physical type alone.
      return MapPlain(index, physical);
    }
    switch (physical) {
      case PhysicalType::kBoolean:
      case PhysicalType::kFloat:
      case PhysicalType::kDouble:
      case PhysicalType::kInt96:
        if (a.kind != AnnotationKind::kNone) return mismatch();
        return MapPlain(index, physical);
      case PhysicalType::kInt32:
        switch (a.kind) {
          case AnnotationKind::kNone:
            return MapPlain(index, physical);
          case AnnotationKind::kInteger:
            if (a.is_signed) {
              if (a.bit_width == 8)
                return Primitive{LogicalType::Int8(), ValueConversion::kInt32ToInt8};
              if (a.bit_width == 16) {
                return Primitive{LogicalType::Int16(), ValueConversion::kInt32ToInt16};
              }
              if (a.bit_width == 32)
                return Primitive{LogicalType::Int32(), ValueConversion::kInt32};
            } else {
              if (a.bit_width == 8) {
                return Primitive{LogicalType::Int16(), ValueConversion::kUint8ToInt16};
              }
              if (a.bit_width == 16) {
                return Primitive{LogicalType::Int32(), ValueConversion::kUint16ToInt32};
              }
              if (a.bit_width == 32) {
                return Primitive{LogicalType::Int64(), ValueConversion::kUint32ToInt64};
              }
            }
            return mismatch();
          case AnnotationKind::kDate:
            return Primitive{LogicalType::Date(), ValueConversion::kInt32};
          case AnnotationKind::kTime:
            if (a.unit == TimeUnit::kMillis) {
              return Primitive{LogicalType::Time(), ValueConversion::kTimeMillisToMicros};
            }
            return mismatch();
          case AnnotationKind::kDecimal:
            return decimal(ValueConversion::kInt32ToDecimal);
          default:
            return mismatch();
        }
      case PhysicalType::kInt64:
        switch (a.kind) {
          case AnnotationKind::kNone:
            return MapPlain(index, physical);
          case AnnotationKind::kInteger:
            if (a.bit_width != 64) return mismatch();
            if (a.is_signed) return Primitive{LogicalType::Int64(), ValueConversion::kInt64};
            return Primitive{LogicalType::Decimal(20, 0).value(),
                             ValueConversion::kUint64ToDecimal};
          case AnnotationKind::kTimestamp:
            switch (a.unit) {
              case TimeUnit::kMillis:
                return Primitive{
                    a.adjusted_to_utc ? LogicalType::TimestampTz() : LogicalType::Timestamp(),
                    ValueConversion::kTimestampMillisToMicros};
              case TimeUnit::kMicros:
                return Primitive{
                    a.adjusted_to_utc ? LogicalType::TimestampTz() : LogicalType::Timestamp(),
                    ValueConversion::kInt64};
              case TimeUnit::kNanos:
                return Primitive{
                    a.adjusted_to_utc ? LogicalType::TimestampTzNs() : LogicalType::TimestampNs(),
                    ValueConversion::kInt64};
              case TimeUnit::kUnknown:
                return Unsupported(index, "TIMESTAMP with a time unit Floe does not know");
            }
            return mismatch();
          case AnnotationKind::kTime:
            switch (a.unit) {
              case TimeUnit::kMicros:
                return Primitive{LogicalType::Time(), ValueConversion::kInt64};
              case TimeUnit::kNanos:
                return Primitive{LogicalType::Time(), ValueConversion::kTimeNanosToMicros};
              case TimeUnit::kUnknown:
                return Unsupported(index, "TIME with a time unit Floe does not know");
              case TimeUnit::kMillis:
                break;
            }
            return mismatch();
          case AnnotationKind::kDecimal:
            return decimal(ValueConversion::kInt64ToDecimal);
          default:
            return mismatch();
        }
      case PhysicalType::kByteArray:
        switch (a.kind) {
          case AnnotationKind::kString:
          case AnnotationKind::kEnum:
          case AnnotationKind::kJson:
            return Primitive{LogicalType::String(), ValueConversion::kBinary};
          case AnnotationKind::kNone:
          case AnnotationKind::kBson:
          case AnnotationKind::kGeometry:
          case AnnotationKind::kGeography:
            return Primitive{LogicalType::Binary(), ValueConversion::kBinary};
          case AnnotationKind::kDecimal:
            return decimal(ValueConversion::kBytesToDecimal);
          default:
            return mismatch();
        }
      case PhysicalType::kFixedLenByteArray: {
        const int32_t length = node.type_length.value_or(0);
        switch (a.kind) {
          case AnnotationKind::kUuid:
            if (length != 16) {
              return Unsupported(index, "UUID must annotate FIXED_LEN_BYTE_ARRAY(16), not ({})",
                                 length);
            }
            return Primitive{LogicalType::Uuid(), ValueConversion::kFixed};
          case AnnotationKind::kFloat16:
            if (length != 2) {
              return Unsupported(index, "FLOAT16 must annotate FIXED_LEN_BYTE_ARRAY(2), not ({})",
                                 length);
            }
            return Primitive{LogicalType::Float(), ValueConversion::kFloat16ToFloat};
          case AnnotationKind::kDecimal:
            return decimal(ValueConversion::kBytesToDecimal);
          case AnnotationKind::kInterval:
            if (length != 12) {
              return Unsupported(index, "INTERVAL must annotate FIXED_LEN_BYTE_ARRAY(12), not ({})",
                                 length);
            }
            return MapPlain(index, physical);
          case AnnotationKind::kNone:
            return MapPlain(index, physical);
          default:
            return mismatch();
        }
      }
    }
    return mismatch();
  }

  // A physical type without annotation.
  Result<Primitive> MapPlain(int32_t index, PhysicalType physical) const {
    switch (physical) {
      case PhysicalType::kBoolean:
        return Primitive{LogicalType::Boolean(), ValueConversion::kBoolean};
      case PhysicalType::kInt32:
        return Primitive{LogicalType::Int32(), ValueConversion::kInt32};
      case PhysicalType::kInt64:
        return Primitive{LogicalType::Int64(), ValueConversion::kInt64};
      case PhysicalType::kInt96:
        return Primitive{LogicalType::Timestamp(), ValueConversion::kInt96ToTimestampMicros};
      case PhysicalType::kFloat:
        return Primitive{LogicalType::Float(), ValueConversion::kFloat};
      case PhysicalType::kDouble:
        return Primitive{LogicalType::Double(), ValueConversion::kDouble};
      case PhysicalType::kByteArray:
        return Primitive{LogicalType::Binary(), ValueConversion::kBinary};
      case PhysicalType::kFixedLenByteArray: {
        Result<LogicalType> type = LogicalType::Fixed(schema_.node(index).type_length.value_or(0));
        if (!type.has_value()) return Unsupported(index, "{}", type.error().message());
        return Primitive{std::move(type).value(), ValueConversion::kFixed};
      }
    }
    return Unsupported(index, "unknown physical type");
  }

  const ParquetSchema& schema_;
};

}  // namespace

Result<MappedNode> MapParquetNodeTree(const ParquetSchema& schema, int32_t node_index) {
  if (node_index < 0 || node_index >= schema.num_nodes()) {
    return Status::InvalidArgument("parquet schema: node {} is outside [0, {})", node_index,
                                   schema.num_nodes());
  }
  return TypeMapper(schema).MapField(node_index);
}

Result<LogicalType> MapParquetNode(const ParquetSchema& schema, int32_t node_index) {
  FLOE_ASSIGN_OR_RETURN(MappedNode mapped, MapParquetNodeTree(schema, node_index));
  return std::move(mapped.type);
}

Result<std::vector<ParquetField>> MapParquetFields(const ParquetSchema& schema) {
  std::vector<ParquetField> fields;
  TypeMapper mapper(schema);
  for (int32_t child : schema.root().children) {
    FLOE_ASSIGN_OR_RETURN(MappedNode mapped, mapper.MapField(child));
    const SchemaNode& node = schema.node(child);
    fields.push_back({node.name, std::move(mapped.type), node.field_id, child});
  }
  return fields;
}

}  // namespace floe::parquet
