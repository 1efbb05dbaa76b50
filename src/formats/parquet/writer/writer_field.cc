#include "formats/parquet/writer/writer_field.h"

#include <utility>

namespace floe::parquet {

WriterField WriterField::FromType(std::string name, LogicalType type,
                                  std::optional<int32_t> field_id, bool nullable) {
  WriterField field{std::move(name), type, field_id, nullable, {}};
  switch (type.id()) {
    case TypeId::kStruct:
    case TypeId::kList:
      for (const StructField& child : type.children()) {
        field.children.push_back(FromType(child.name, child.type, child.field_id, true));
      }
      break;
    case TypeId::kMap: {
      const std::vector<StructField>& kv = type.children();
      field.children.push_back(FromType(kv[0].name, kv[0].type, kv[0].field_id, false));
      field.children.push_back(FromType(kv[1].name, kv[1].type, kv[1].field_id, true));
      break;
    }
    default:
      break;
  }
  return field;
}

}  // namespace floe::parquet
