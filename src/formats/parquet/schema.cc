#include "formats/parquet/schema.h"

#include <array>
#include <limits>
#include <utility>

#include "formats/parquet/thrift_enum.h"

namespace floe::parquet {

namespace {

constexpr std::array<std::string_view, 8> kPhysicalTypeNames = {
    "BOOLEAN", "INT32", "INT64", "INT96", "FLOAT", "DOUBLE", "BYTE_ARRAY", "FIXED_LEN_BYTE_ARRAY"};
constexpr std::array<std::string_view, 3> kRepetitionNames = {"REQUIRED", "OPTIONAL", "REPEATED"};
// clang-format off
constexpr std::array<std::string_view, 22> kConvertedTypeNames = {
    "UTF8", "MAP", "MAP_KEY_VALUE", "LIST", "ENUM", "DECIMAL", "DATE", "TIME_MILLIS",
    "TIME_MICROS", "TIMESTAMP_MILLIS", "TIMESTAMP_MICROS", "UINT_8", "UINT_16", "UINT_32",
    "UINT_64", "INT_8", "INT_16", "INT_32", "INT_64", "JSON", "BSON", "INTERVAL"};
// clang-format on

// True if any member of the union is one this build knows.
bool HasKnownMember(const format::LogicalType& t) {
  const auto& s = t.__isset;
  return s.STRING || s.MAP || s.LIST || s.ENUM || s.DECIMAL || s.DATE || s.TIME || s.TIMESTAMP ||
         s.INTEGER || s.UNKNOWN || s.JSON || s.BSON || s.UUID || s.FLOAT16 || s.VARIANT ||
         s.GEOMETRY || s.GEOGRAPHY || s.FILE;
}

// Checks precision and scale of a DECIMAL annotation.
Status CheckDecimal(int32_t precision, int32_t scale) {
  if (precision <= 0) return Status::Corruption("DECIMAL precision {} is not positive", precision);
  if (scale < 0 || scale > precision) {
    return Status::Corruption("DECIMAL scale {} is outside [0, precision {}]", scale, precision);
  }
  return Status::OK();
}

// A group on the walk that still expects `remaining` children.
struct OpenGroup {
  int32_t node;
  int32_t remaining;
};

class SchemaBuilder {
 public:
  explicit SchemaBuilder(std::span<const format::SchemaElement> elements) : elements_(elements) {}

  Result<std::pair<std::vector<SchemaNode>, std::vector<ColumnDescriptor>>> Build() {
    if (elements_.empty()) return Status::Corruption("invalid schema: it has no elements");
    if (elements_.size() > static_cast<size_t>(std::numeric_limits<int32_t>::max())) {
      return Status::Corruption("invalid schema: {} elements", elements_.size());
    }
    const auto total = static_cast<int64_t>(elements_.size());
    nodes_.reserve(elements_.size());
    FLOE_RETURN_NOT_OK(AddRoot());
    for (int64_t i = 1; i < total; ++i) {
      if (open_.empty()) {
        return Status::Corruption(
            "invalid schema: the tree ends after {} elements but the footer lists {}", i, total);
      }
      FLOE_RETURN_NOT_OK(AddChild(static_cast<int32_t>(i)));
      while (!open_.empty() && open_.back().remaining == 0) open_.pop_back();
    }
    if (!open_.empty()) {
      const OpenGroup& g = open_.back();
      return Status::Corruption("invalid schema: {} is missing {} of its children",
                                Describe(g.node), g.remaining);
    }
    return std::make_pair(std::move(nodes_), std::move(columns_));
  }

 private:
  std::string Path(int32_t index) const {
    std::string path;
    for (int32_t i = index; i > 0; i = nodes_[static_cast<size_t>(i)].parent) {
      path.insert(0, nodes_[static_cast<size_t>(i)].name);
      if (nodes_[static_cast<size_t>(i)].parent > 0) path.insert(0, ".");
    }
    return path;
  }
  std::string Describe(int32_t index) const {
    return index == 0 ? fmt::format("the root '{}'", nodes_[0].name)
                      : fmt::format("node '{}'", Path(index));
  }

  // The number of children `element` declares; groups without the field
  // have none.
  Result<int32_t> ChildCount(const format::SchemaElement& element, int32_t index) const {
    int32_t count = element.__isset.num_children ? element.num_children : 0;
    if (count < 0) {
      return Status::Corruption("invalid schema: {} has a negative child count {}", Describe(index),
                                count);
    }
    const int64_t after = static_cast<int64_t>(elements_.size()) - index - 1;
    if (count > after) {
      return Status::Corruption(
          "invalid schema: {} claims {} children but only {} elements follow it", Describe(index),
          count, after);
    }
    return count;
  }

  // The enum fields that matter must hold values the IDL lists (see
  // thrift_enum.h); converted types are checked where they are read, as an
  // unknown one is ignored rather than refused.
  Status CheckEnums(const format::SchemaElement& element, int32_t index) const {
    if (element.__isset.type &&
        !IsKnownThriftEnum(format::_Type_VALUES_TO_NAMES, ThriftEnumValue(element.type))) {
      return Status::Corruption("invalid schema: {} has unknown physical type {}", Describe(index),
                                ThriftEnumValue(element.type));
    }
    if (element.__isset.repetition_type &&
        !IsKnownThriftEnum(format::_FieldRepetitionType_VALUES_TO_NAMES,
                           ThriftEnumValue(element.repetition_type))) {
      return Status::Corruption("invalid schema: {} has unknown repetition type {}",
                                Describe(index), ThriftEnumValue(element.repetition_type));
    }
    if (element.__isset.logicalType && element.logicalType.__isset.GEOGRAPHY &&
        element.logicalType.GEOGRAPHY.__isset.algorithm &&
        !IsKnownThriftEnum(format::_EdgeInterpolationAlgorithm_VALUES_TO_NAMES,
                           ThriftEnumValue(element.logicalType.GEOGRAPHY.algorithm))) {
      return Status::NotSupported("{} has unknown edge interpolation algorithm {}", Describe(index),
                                  ThriftEnumValue(element.logicalType.GEOGRAPHY.algorithm));
    }
    return Status::OK();
  }

  Status AddRoot() {
    const format::SchemaElement& element = elements_[0];
    SchemaNode& root = nodes_.emplace_back();
    root.name = element.name;
    FLOE_RETURN_NOT_OK(CheckEnums(element, 0));
    if (element.__isset.repetition_type &&
        ThriftEnumValue(element.repetition_type) == format::FieldRepetitionType::REPEATED) {
      return Status::Corruption("invalid schema: the root '{}' is REPEATED", root.name);
    }
    FLOE_ASSIGN_OR_RETURN(int32_t children, ChildCount(element, 0));
    if (children > 0) open_.push_back({0, children});
    return Status::OK();
  }

  Status AddChild(int32_t index) {
    const format::SchemaElement& element = elements_[static_cast<size_t>(index)];
    OpenGroup& group = open_.back();
    const int32_t parent_index = group.node;
    --group.remaining;
    // nodes_ has room for every element, so these references stay valid.
    SchemaNode& node = nodes_.emplace_back();
    node.name = element.name;
    node.parent = parent_index;
    SchemaNode& parent = nodes_[static_cast<size_t>(parent_index)];
    parent.children.push_back(index);
    node.depth = parent.depth + 1;
    if (node.depth > ParquetSchema::kMaxDepth) {
      return Status::Corruption("invalid schema: {} is nested deeper than {} levels",
                                Describe(index), ParquetSchema::kMaxDepth);
    }
    FLOE_RETURN_NOT_OK(CheckEnums(element, index));

    // Some writers (hyparquet's strings.parquet) omit it; readers take REQUIRED.
    node.repetition = element.__isset.repetition_type
                          ? static_cast<Repetition>(ThriftEnumValue(element.repetition_type))
                          : Repetition::kRequired;
    node.max_definition_level = static_cast<int16_t>(
        parent.max_definition_level + (node.repetition != Repetition::kRequired ? 1 : 0));
    node.max_repetition_level = static_cast<int16_t>(
        parent.max_repetition_level + (node.repetition == Repetition::kRepeated ? 1 : 0));

    FLOE_RETURN_NOT_OK(ReadAnnotations(element, index, node));

    FLOE_ASSIGN_OR_RETURN(int32_t children, ChildCount(element, index));
    const bool is_leaf = element.__isset.type && children == 0;
    if (!is_leaf) {
      // A group (possibly empty, which holds no columns).
      if (children > 0) open_.push_back({index, children});
      return Status::OK();
    }
    return AddLeaf(element, index, node);
  }

  Status ReadAnnotations(const format::SchemaElement& element, int32_t index, SchemaNode& node) {
    if (element.__isset.type_length) node.type_length = element.type_length;
    if (element.__isset.precision) node.precision = element.precision;
    if (element.__isset.scale) node.scale = element.scale;
    if (element.__isset.field_id) node.field_id = element.field_id;
    // Old writers stored values the specification never had (24 for "NULL");
    // like other readers, Floe ignores a converted type it does not know.
    if (element.__isset.converted_type &&
        IsKnownThriftEnum(format::_ConvertedType_VALUES_TO_NAMES,
                          ThriftEnumValue(element.converted_type))) {
      node.converted_type = static_cast<ConvertedType>(ThriftEnumValue(element.converted_type));
      if (node.converted_type == ConvertedType::kDecimal) {
        Status st = CheckDecimal(element.__isset.precision ? element.precision : 0,
                                 element.__isset.scale ? element.scale : 0);
        if (!st.ok()) return st.WithContext("invalid schema: {}", Describe(index));
      }
    }
    if (element.__isset.logicalType && HasKnownMember(element.logicalType)) {
      const format::LogicalType& logical = element.logicalType;
      if (logical.__isset.DECIMAL) {
        Status st = CheckDecimal(logical.DECIMAL.precision, logical.DECIMAL.scale);
        if (!st.ok()) return st.WithContext("invalid schema: {}", Describe(index));
      }
      // Safe to copy: CheckEnums checked its only enum field.
      node.logical_type = logical;
    }
    return Status::OK();
  }

  Status AddLeaf(const format::SchemaElement& element, int32_t index, SchemaNode& node) {
    node.physical_type = static_cast<PhysicalType>(ThriftEnumValue(element.type));
    if (node.physical_type == PhysicalType::kFixedLenByteArray &&
        (!node.type_length.has_value() || *node.type_length <= 0)) {
      return Status::Corruption(
          "invalid schema: {} is FIXED_LEN_BYTE_ARRAY without a positive type_length",
          Describe(index));
    }
    node.column_index = static_cast<int32_t>(columns_.size());

    ColumnDescriptor& column = columns_.emplace_back();
    column.node_index = index;
    column.physical_type = *node.physical_type;
    column.max_definition_level = node.max_definition_level;
    column.max_repetition_level = node.max_repetition_level;
    column.path.resize(static_cast<size_t>(node.depth));
    for (int32_t i = index; i > 0; i = nodes_[static_cast<size_t>(i)].parent) {
      column.path[static_cast<size_t>(nodes_[static_cast<size_t>(i)].depth - 1)] =
          nodes_[static_cast<size_t>(i)].name;
    }
    column.dotted_path = Path(index);
    return Status::OK();
  }

  std::span<const format::SchemaElement> elements_;
  std::vector<SchemaNode> nodes_;
  std::vector<ColumnDescriptor> columns_;
  std::vector<OpenGroup> open_;
};

}  // namespace

std::string_view PhysicalTypeName(PhysicalType type) {
  return kPhysicalTypeNames[static_cast<size_t>(type)];
}

int32_t PhysicalTypeWidth(PhysicalType type) {
  switch (type) {
    case PhysicalType::kBoolean:
      return 1;
    case PhysicalType::kInt32:
    case PhysicalType::kFloat:
      return 4;
    case PhysicalType::kInt64:
    case PhysicalType::kDouble:
      return 8;
    case PhysicalType::kInt96:
      return 12;
    case PhysicalType::kByteArray:
    case PhysicalType::kFixedLenByteArray:
      return 0;
  }
  return 0;
}

std::string_view RepetitionName(Repetition repetition) {
  return kRepetitionNames[static_cast<size_t>(repetition)];
}

std::string_view ConvertedTypeName(ConvertedType type) {
  return kConvertedTypeNames[static_cast<size_t>(type)];
}

Result<ParquetSchema> ParquetSchema::Make(std::span<const format::SchemaElement> elements) {
  SchemaBuilder builder(elements);
  FLOE_ASSIGN_OR_RETURN(auto built, builder.Build());
  ParquetSchema schema;
  schema.nodes_ = std::move(built.first);
  schema.columns_ = std::move(built.second);
  return schema;
}

int32_t ParquetSchema::FindColumn(std::string_view dotted_path) const {
  for (const ColumnDescriptor& column : columns_) {
    if (column.dotted_path == dotted_path) return static_cast<int32_t>(&column - columns_.data());
  }
  return -1;
}

std::string ParquetSchema::NodePath(int32_t index) const {
  std::string path;
  for (int32_t i = index; i > 0; i = nodes_[static_cast<size_t>(i)].parent) {
    path.insert(0, nodes_[static_cast<size_t>(i)].name);
    if (nodes_[static_cast<size_t>(i)].parent > 0) path.insert(0, ".");
  }
  return path;
}

}  // namespace floe::parquet
