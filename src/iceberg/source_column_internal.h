// Shared by partition specs and sort orders: the checks on a transform's
// source column.
//
// Thread-safety: stateless.
#pragma once

#include <cstdint>

#include "common/status.h"
#include "iceberg/schema.h"
#include "iceberg/transform.h"

namespace floe::iceberg::internal {

// The column exists in `schema` (or is allowed to be missing), is a
// primitive inside structs only (not in a list or map), and `transform`
// accepts its type.
Status CheckTransformSource(const Schema& schema, int32_t source_id, const Transform& transform,
                            bool allow_missing);

}  // namespace floe::iceberg::internal
