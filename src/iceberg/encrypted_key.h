// EncryptedKey: a key of a v3 table's encryption (spec "Encryption Keys"),
// listed in table metadata's `encryption-keys` and referenced by snapshots'
// `key-id`; and its JSON form (REST's EncryptedKey).
//
// Floe does not encrypt or decrypt yet: the key metadata is kept as the
// base64 text it was written as, so the keys are written back unchanged.
//
// Thread-safety: plain values; share freely.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "common/result.h"
#include "iceberg/json_util.h"

namespace floe::iceberg {

struct EncryptedKey {
  std::string key_id;
  // Base64 text: the encrypted key and its metadata, as the KMS wrote it.
  std::string encrypted_key_metadata;
  // The key that encrypts (wraps) this one.
  std::optional<std::string> encrypted_by_id;
  std::map<std::string, std::string> properties;

  friend bool operator==(const EncryptedKey& a, const EncryptedKey& b) = default;
};

// {"key-id", "encrypted-key-metadata", "encrypted-by-id"?, "properties"?}
Result<EncryptedKey> EncryptedKeyFromJson(const Json& json);
Json EncryptedKeyToJson(const EncryptedKey& key);

}  // namespace floe::iceberg
