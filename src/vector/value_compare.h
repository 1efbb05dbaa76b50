// Ordering of primitive Values: the order in which statistics, page indexes
// and pruning predicates compare values.
//
//   boolean                         false < true
//   int8/16/32/64, date, time,      numerically
//   timestamp[tz][_ns]
//   float, double                   numerically; -0.0 equals +0.0; NaN is
//                                   incomparable
//   decimal                         numerically, also across precisions and
//                                   scales
//   string, binary, fixed, uuid     lexicographically as unsigned bytes (a
//                                   prefix sorts first)
//
// Anything else is incomparable: NULL, nested values, a NaN, and two values of
// different types (other than two decimals). Callers that compare an int
// literal with a long column, say, coerce one side first; this function never
// guesses a common type, because that is where pruning bugs hide (2^53 + 1 as
// a double equals 2^53).
//
// Thread-safety: stateless functions.
#pragma once

#include <optional>

#include "vector/value.h"

namespace floe {

// <0, 0 or >0 as a sorts before, with or after b; nullopt when incomparable.
std::optional<int> CompareValues(const Value& a, const Value& b);

// True for a non-NULL float or double NaN.
bool IsNaN(const Value& value);

}  // namespace floe
