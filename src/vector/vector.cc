#include "vector/vector.h"

#include <algorithm>
#include <cstring>
#include <numeric>

namespace floe {

// Buffers come from operator new[], whose alignment must suit every slot type.
static_assert(__STDCPP_DEFAULT_NEW_ALIGNMENT__ >= alignof(int128_t));

namespace {

// Bytes per row of a vector's main buffers, children of structs included
// (list children grow separately and are checked when they do). Saturates
// above kMaxVectorBytes so deep or wide types cannot overflow.
int64_t RowBytes(const LogicalType& type) {
  int64_t bytes = type.byte_width();
  if (type.id() == TypeId::kStruct) {
    for (const StructField& field : type.children()) {
      bytes = std::min(bytes + RowBytes(field.type), kMaxVectorBytes + 1);
    }
  }
  return std::max<int64_t>(bytes, 1);
}

std::vector<uint32_t> Iota(int64_t count) {
  std::vector<uint32_t> rows(static_cast<size_t>(count));
  std::iota(rows.begin(), rows.end(), 0U);
  return rows;
}

const char* KindName(VectorKind kind) {
  switch (kind) {
    case VectorKind::kFlat:
      return "flat";
    case VectorKind::kConstant:
      return "constant";
    case VectorKind::kDictionary:
      return "dictionary";
  }
  return "?";
}

}  // namespace

Status Vector::CheckCapacity(const LogicalType& type, int64_t capacity) {
  if (capacity < 0 || capacity > kMaxVectorCapacity) {
    return Status::InvalidArgument("vector of {}: capacity {} is outside [0, {}]", type.ToString(),
                                   capacity, kMaxVectorCapacity);
  }
  if (RowBytes(type) > kMaxVectorBytes / std::max<int64_t>(capacity, 1)) {
    return Status::InvalidArgument("vector of {}: {} rows of {} bytes exceed the {} byte limit",
                                   type.ToString(), capacity, RowBytes(type), kMaxVectorBytes);
  }
  return Status::OK();
}

void Vector::Allocate(int64_t capacity) {
  capacity_ = capacity;
  data_ = std::make_unique<uint8_t[]>(static_cast<size_t>(capacity * type_.byte_width()));
  validity_ = ValidityMask(capacity);
  if (type_.physical_type() == PhysicalType::kString) heap_ = std::make_unique<StringHeap>();
  if (type_.id() == TypeId::kStruct) {
    for (const StructField& field : type_.children()) {
      children_.push_back(std::make_unique<Vector>(PrivateTag(), field.type, VectorKind::kFlat));
      children_.back()->Allocate(capacity);
    }
  } else if (type_.physical_type() == PhysicalType::kList) {
    LogicalType child_type =
        type_.id() == TypeId::kMap ? type_.MapEntryType() : type_.child_type(0);
    children_.push_back(
        std::make_unique<Vector>(PrivateTag(), std::move(child_type), VectorKind::kFlat));
    children_.back()->Allocate(0);
  }
}

Result<Vector> Vector::Make(LogicalType type, int64_t capacity) {
  FLOE_RETURN_NOT_OK(CheckCapacity(type, capacity));
  Vector vector(PrivateTag(), std::move(type), VectorKind::kFlat);
  vector.Allocate(capacity);
  return vector;
}

Result<Vector> Vector::MakeConstant(const Value& value) {
  FLOE_ASSIGN_OR_RETURN(Vector vector, Make(value.type(), 1));
  FLOE_RETURN_NOT_OK(vector.SetFlatValue(0, value));
  vector.kind_ = VectorKind::kConstant;
  return vector;
}

Result<Vector> Vector::MakeDictionary(std::shared_ptr<const Vector> dictionary,
                                      std::span<const uint32_t> indices) {
  if (dictionary == nullptr || dictionary->kind() != VectorKind::kFlat) {
    return Status::InvalidArgument("dictionary vector: the dictionary must be a flat vector");
  }
  const auto count = static_cast<int64_t>(indices.size());
  if (count > kMaxVectorCapacity) {
    return Status::InvalidArgument("dictionary vector: {} indices exceed the limit of {}", count,
                                   kMaxVectorCapacity);
  }
  Vector vector(PrivateTag(), dictionary->type(), VectorKind::kDictionary);
  vector.capacity_ = count;
  vector.indices_ = std::make_unique_for_overwrite<uint32_t[]>(static_cast<size_t>(count));
  for (int64_t row = 0; row < count; ++row) {
    if (indices[row] >= dictionary->capacity()) {
      return Status::InvalidArgument(
          "dictionary vector: index {} at row {} is out of range for a dictionary of {} entries",
          indices[row], row, dictionary->capacity());
    }
    vector.indices_[row] = indices[row];
  }
  vector.dictionary_ = std::move(dictionary);
  return vector;
}

bool Vector::IsNull(int64_t row) const {
  const UnifiedFormat format = ToUnifiedFormat();
  return !format.IsValid(row);
}

Status Vector::SetString(int64_t row, std::string_view bytes) {
  if (kind_ != VectorKind::kFlat || row < 0 || row >= capacity_) {
    return Status::InvalidArgument("vector of {}: cannot write row {} of a {} vector of {} rows",
                                   type_.ToString(), row, KindName(kind_), capacity_);
  }
  switch (type_.physical_type()) {
    case PhysicalType::kString:
      if (bytes.size() > UINT32_MAX) {
        return Status::InvalidArgument("vector of {}: a value of {} bytes exceeds the 4 GiB limit",
                                       type_.ToString(), bytes.size());
      }
      GetData<StringRef>()[row] = heap_->AddString(bytes);
      break;
    case PhysicalType::kFixedBytes:
      if (static_cast<int64_t>(bytes.size()) != type_.byte_width()) {
        return Status::InvalidArgument("vector of {}: a value of {} bytes does not fit",
                                       type_.ToString(), bytes.size());
      }
      std::memcpy(data_.get() + row * type_.byte_width(), bytes.data(), bytes.size());
      break;
    default:
      return Status::InvalidArgument("vector of {}: SetString on a non-string vector",
                                     type_.ToString());
  }
  validity_.SetValid(row);
  return Status::OK();
}

std::string_view Vector::GetString(int64_t row) const {
  const UnifiedFormat format = ToUnifiedFormat();
  const int64_t index = format.Index(row);
  if (type_.physical_type() == PhysicalType::kString) {
    return format.GetData<StringRef>()[index].view();
  }
  FLOE_DCHECK(type_.physical_type() == PhysicalType::kFixedBytes);
  const int64_t width = type_.byte_width();
  return std::string_view(reinterpret_cast<const char*>(format.data) + index * width,
                          static_cast<size_t>(width));
}

Status Vector::SetListSize(int64_t size) {
  FLOE_DCHECK(type_.physical_type() == PhysicalType::kList);
  FLOE_RETURN_NOT_OK(ReserveListChild(size));
  list_size_ = size;
  return Status::OK();
}

Status Vector::ReserveListChild(int64_t size) {
  Vector& child = *children_[0];
  if (size <= child.capacity()) return Status::OK();
  // Doubling keeps appends amortised O(1); the cap keeps the error about
  // `size` itself rather than about the doubled request.
  const int64_t grown = std::max({size, child.capacity() * 2, int64_t{16}});
  return child.Reserve(std::min(grown, std::max(size, kMaxVectorCapacity)));
}

Status Vector::Reserve(int64_t capacity) {
  if (kind_ != VectorKind::kFlat) {
    return Status::InvalidArgument("vector of {}: cannot grow a {} vector", type_.ToString(),
                                   KindName(kind_));
  }
  if (capacity <= capacity_) return Status::OK();
  FLOE_RETURN_NOT_OK(CheckCapacity(type_, capacity));
  const int64_t width = type_.byte_width();
  auto data = std::make_unique<uint8_t[]>(static_cast<size_t>(capacity * width));
  std::memcpy(data.get(), data_.get(), static_cast<size_t>(capacity_ * width));
  data_ = std::move(data);
  validity_.Resize(capacity);
  if (type_.id() == TypeId::kStruct) {
    for (auto& child : children_) FLOE_RETURN_NOT_OK(child->Reserve(capacity));
  }
  capacity_ = capacity;
  return Status::OK();
}

UnifiedFormat Vector::ToUnifiedFormat() const {
  UnifiedFormat format;
  switch (kind_) {
    case VectorKind::kFlat:
    case VectorKind::kConstant:
      format.base = this;
      format.data = data_.get();
      format.row_mask = kind_ == VectorKind::kFlat ? -1 : 0;
      format.validity = &validity_;
      break;
    case VectorKind::kDictionary:
      format.base = dictionary_.get();
      format.data = dictionary_->data_.get();
      format.sel = indices_.get();
      format.validity = &dictionary_->validity_;
      break;
  }
  return format;
}

Status Vector::Flatten(int64_t count) {
  if (kind_ == VectorKind::kFlat) return Status::OK();
  if (kind_ == VectorKind::kDictionary && (count < 0 || count > capacity_)) {
    return Status::InvalidArgument("vector of {}: cannot flatten {} rows of {} dictionary indices",
                                   type_.ToString(), count, capacity_);
  }
  FLOE_ASSIGN_OR_RETURN(Vector flat, Make(type_, count));
  const std::vector<uint32_t> rows = Iota(count);
  FLOE_RETURN_NOT_OK(flat.CopyRowsImpl(*this, rows, 0));
  *this = std::move(flat);
  return Status::OK();
}

Status Vector::CopyRows(const Vector& source, std::span<const uint32_t> rows, int64_t offset) {
  if (kind_ != VectorKind::kFlat || &source == this) {
    return Status::InvalidArgument("vector of {}: can copy only into another, flat vector",
                                   type_.ToString());
  }
  if (!(source.type() == type_)) {
    return Status::InvalidArgument("vector of {}: cannot copy rows of a {} vector",
                                   type_.ToString(), source.type().ToString());
  }
  if (offset < 0 || offset > capacity_ - static_cast<int64_t>(rows.size())) {
    return Status::InvalidArgument("vector of {}: {} rows at offset {} exceed the capacity {}",
                                   type_.ToString(), rows.size(), offset, capacity_);
  }
  if (source.kind() != VectorKind::kConstant) {
    for (uint32_t row : rows) {
      if (row >= source.capacity()) {
        return Status::InvalidArgument("vector of {}: source row {} is out of range [0, {})",
                                       type_.ToString(), row, source.capacity());
      }
    }
  }
  return CopyRowsImpl(source, rows, offset);
}

Status Vector::CopyRowsImpl(const Vector& source, std::span<const uint32_t> rows, int64_t offset) {
  const UnifiedFormat format = source.ToUnifiedFormat();
  const Vector& base = *format.base;
  const auto count = static_cast<int64_t>(rows.size());
  // Indices into the source's flat storage: struct children are read there.
  std::vector<uint32_t> indices(rows.size());
  std::vector<bool> valid(rows.size());
  for (int64_t i = 0; i < count; ++i) {
    indices[i] = static_cast<uint32_t>(format.Index(rows[i]));
    valid[i] = format.validity->RowIsValid(indices[i]);
    validity_.Set(offset + i, valid[i]);
  }
  switch (type_.physical_type()) {
    case PhysicalType::kStruct:
      for (size_t c = 0; c < children_.size(); ++c) {
        FLOE_RETURN_NOT_OK(children_[c]->CopyRowsImpl(*base.children_[c], indices, offset));
      }
      return Status::OK();
    case PhysicalType::kList: {
      const auto* source_entries = format.GetData<ListEntry>();
      auto* entries = GetData<ListEntry>();
      std::vector<uint32_t> child_rows;
      for (int64_t i = 0; i < count; ++i) {
        const ListEntry entry = valid[i] ? source_entries[indices[i]] : ListEntry{0, 0};
        entries[offset + i] = {static_cast<uint32_t>(list_size_ + child_rows.size()), entry.length};
        for (uint32_t e = 0; e < entry.length; ++e) child_rows.push_back(entry.offset + e);
      }
      const int64_t start = list_size_;
      FLOE_RETURN_NOT_OK(SetListSize(start + static_cast<int64_t>(child_rows.size())));
      return children_[0]->CopyRowsImpl(*base.children_[0], child_rows, start);
    }
    case PhysicalType::kString: {
      const auto* source_refs = format.GetData<StringRef>();
      auto* refs = GetData<StringRef>();
      for (int64_t i = 0; i < count; ++i) {
        const StringRef& ref = source_refs[indices[i]];
        refs[offset + i] = !valid[i]         ? StringRef()
                           : ref.IsInlined() ? ref
                                             : heap_->AddString(ref.view());
      }
      return Status::OK();
    }
    default: {
      const int64_t width = type_.byte_width();
      for (int64_t i = 0; i < count; ++i) {
        std::memcpy(data_.get() + (offset + i) * width, format.data + indices[i] * width,
                    static_cast<size_t>(width));
      }
      return Status::OK();
    }
  }
}

Value Vector::GetValue(int64_t row) const {
  switch (kind_) {
    case VectorKind::kFlat:
      FLOE_DCHECK(row >= 0 && row < capacity_);
      return GetFlatValue(row);
    case VectorKind::kConstant:
      return GetFlatValue(0);
    case VectorKind::kDictionary:
      FLOE_DCHECK(row >= 0 && row < capacity_);
      return dictionary_->GetFlatValue(indices_[row]);
  }
  return Value::Null(type_);
}

Value Vector::GetFlatValue(int64_t index) const {
  if (!validity_.RowIsValid(index)) return Value::Null(type_);
  switch (type_.id()) {
    case TypeId::kBoolean:
      return Value::Boolean(GetData<uint8_t>()[index] != 0);
    case TypeId::kInt8:
      return Value::Int8(GetData<int8_t>()[index]);
    case TypeId::kInt16:
      return Value::Int16(GetData<int16_t>()[index]);
    case TypeId::kInt32:
      return Value::Int32(GetData<int32_t>()[index]);
    case TypeId::kDate:
      return Value::Date(GetData<int32_t>()[index]);
    case TypeId::kInt64:
    case TypeId::kTime:
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz:
    case TypeId::kTimestampNs:
    case TypeId::kTimestampTzNs:
      return Value(type_, GetData<int64_t>()[index]);
    case TypeId::kFloat:
      return Value::Float(GetData<float>()[index]);
    case TypeId::kDouble:
      return Value::Double(GetData<double>()[index]);
    case TypeId::kDecimal: {
      const int128_t unscaled = type_.physical_type() == PhysicalType::kInt64
                                    ? int128_t{GetData<int64_t>()[index]}
                                    : GetData<int128_t>()[index];
      return Value(type_, unscaled);
    }
    case TypeId::kString:
    case TypeId::kBinary:
    case TypeId::kFixed:
    case TypeId::kUuid:
      return Value(type_, std::string(GetString(index)));
    case TypeId::kStruct: {
      std::vector<Value> fields;
      for (const auto& child : children_) fields.push_back(child->GetValue(index));
      return Value(type_, std::move(fields));
    }
    case TypeId::kList:
    case TypeId::kMap: {
      const ListEntry entry = GetData<ListEntry>()[index];
      std::vector<Value> elements;
      for (uint32_t e = 0; e < entry.length; ++e) {
        elements.push_back(children_[0]->GetValue(entry.offset + e));
      }
      return Value(type_, std::move(elements));
    }
  }
  return Value::Null(type_);
}

Status Vector::SetValue(int64_t row, const Value& value) {
  if (kind_ != VectorKind::kFlat || row < 0 || row >= capacity_) {
    return Status::InvalidArgument("vector of {}: cannot write row {} of a {} vector of {} rows",
                                   type_.ToString(), row, KindName(kind_), capacity_);
  }
  if (!(value.type() == type_)) {
    return Status::InvalidArgument("vector of {}: cannot store a {} value", type_.ToString(),
                                   value.type().ToString());
  }
  return SetFlatValue(row, value);
}

Status Vector::SetFlatValue(int64_t index, const Value& value) {
  if (value.is_null()) {
    validity_.SetInvalid(index);
    return Status::OK();
  }
  validity_.SetValid(index);
  switch (type_.physical_type()) {
    case PhysicalType::kBool:
      GetData<uint8_t>()[index] = value.GetBool() ? 1 : 0;
      break;
    case PhysicalType::kInt8:
      GetData<int8_t>()[index] = static_cast<int8_t>(value.GetInt64());
      break;
    case PhysicalType::kInt16:
      GetData<int16_t>()[index] = static_cast<int16_t>(value.GetInt64());
      break;
    case PhysicalType::kInt32:
      GetData<int32_t>()[index] = static_cast<int32_t>(value.GetInt64());
      break;
    case PhysicalType::kInt64:
      GetData<int64_t>()[index] = type_.id() == TypeId::kDecimal
                                      ? static_cast<int64_t>(value.GetDecimal())
                                      : value.GetInt64();
      break;
    case PhysicalType::kInt128:
      GetData<int128_t>()[index] = value.GetDecimal();
      break;
    case PhysicalType::kFloat:
      GetData<float>()[index] = value.GetFloat();
      break;
    case PhysicalType::kDouble:
      GetData<double>()[index] = value.GetDouble();
      break;
    case PhysicalType::kString:
    case PhysicalType::kFixedBytes:
      return SetString(index, value.GetString());
    case PhysicalType::kStruct:
      for (size_t c = 0; c < children_.size(); ++c) {
        FLOE_RETURN_NOT_OK(children_[c]->SetFlatValue(index, value.children()[c]));
      }
      break;
    case PhysicalType::kList: {
      const std::vector<Value>& elements = value.children();
      const int64_t start = list_size_;
      FLOE_RETURN_NOT_OK(SetListSize(start + static_cast<int64_t>(elements.size())));
      GetData<ListEntry>()[index] = {static_cast<uint32_t>(start),
                                     static_cast<uint32_t>(elements.size())};
      for (size_t e = 0; e < elements.size(); ++e) {
        FLOE_RETURN_NOT_OK(
            children_[0]->SetFlatValue(start + static_cast<int64_t>(e), elements[e]));
      }
      break;
    }
  }
  return Status::OK();
}

}  // namespace floe
