// Avro test helpers: datums as canonical JSON, and the independent Avro readers Floe's files are
// checked against (python3-avro via test/peers/avro_read.py, avsc via test/peers/avsc_read.mjs).
//
// The canonical form (documented in avro_read.py) is what both peers print and what
// AvroCanonicalJson builds from a datum and its schema, so records compare as JSON values.
//
// Thread-safety: stateless functions.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/result.h"
#include "formats/avro/avro_datum.h"
#include "formats/avro/avro_schema.h"

namespace floe::test {

// A datum of `schema` in the peers' canonical JSON form.
nlohmann::json AvroCanonicalJson(const avro::AvroDatum& datum, const avro::AvroNode& schema);

// /usr/bin/python3 when it can `import avro` (Debian's python3-avro); NotFound saying why not.
Result<std::string> FindPythonAvro();

// One JSON object per file, as the peer printed it ({"path", "ok", "codec", "meta", "records"} or
// {"path", "ok": false, "error"}).
Result<std::vector<nlohmann::json>> ReadWithPythonAvro(const std::vector<std::string>& paths);
Result<std::vector<nlohmann::json>> ReadWithAvsc(const std::vector<std::string>& paths);

}  // namespace floe::test
