#include "iceberg/encrypted_key.h"

namespace floe::iceberg {

Result<EncryptedKey> EncryptedKeyFromJson(const Json& json) {
  if (!json.is_object()) {
    return Status::InvalidArgument("an encryption key must be an object, got {}",
                                   JsonTypeName(json));
  }
  EncryptedKey key;
  auto key_id = GetString(json, "key-id");
  if (!key_id.has_value()) return key_id.error().WithContext("encryption key");
  key.key_id = std::move(key_id).value();
  auto read = [&]() -> Status {
    FLOE_ASSIGN_OR_RETURN(key.encrypted_key_metadata, GetString(json, "encrypted-key-metadata"));
    FLOE_ASSIGN_OR_RETURN(key.encrypted_by_id, GetOptionalString(json, "encrypted-by-id"));
    FLOE_ASSIGN_OR_RETURN(key.properties, GetOptionalStringMap(json, "properties"));
    return Status::OK();
  };
  Status st = read();
  if (!st.ok()) return st.WithContext("encryption key '{}'", key.key_id);
  return key;
}

Json EncryptedKeyToJson(const EncryptedKey& key) {
  Json out = Json::object();
  out["key-id"] = key.key_id;
  out["encrypted-key-metadata"] = key.encrypted_key_metadata;
  if (key.encrypted_by_id.has_value()) out["encrypted-by-id"] = *key.encrypted_by_id;
  if (!key.properties.empty()) out["properties"] = key.properties;
  return out;
}

}  // namespace floe::iceberg
