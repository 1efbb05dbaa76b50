// Renders a Floe Value as canonical cell text (canonical_value.h), so Floe's
// results compare with DuckDB's cell by cell.
//
// Thread-safety: stateless.
#pragma once

#include <optional>
#include <string>

#include "util/query_result.h"
#include "vector/data_chunk.h"
#include "vector/value.h"

namespace floe::test {

// nullopt for NULL.
QueryCell CanonicalCell(const Value& value);

// Appends the rows of `chunk` to `result` as canonical text.
void AppendCanonicalRows(const DataChunk& chunk, QueryResult& result);

}  // namespace floe::test
