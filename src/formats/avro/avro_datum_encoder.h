// EncodeDatum: writes an AvroDatum in Avro's binary encoding as a value of a given schema,
// checking that it is one.
//
// The datum's type must be the schema's, or one the specification promotes to it (int to
// long/float/double, long to float/double, float to double, string and bytes either way; a bytes
// datum of the right size for a fixed). A record datum has exactly the record's fields, in
// order; an enum index is within the symbols; a union takes the datum's branch() when that
// branch accepts the datum's type, else the first branch that does. Errors are InvalidArgument
// and name the path: "field 'data_file' > field 'record_count': a string cannot be written as
// long". On error the output holds a partial value: the caller drops it.
//
// Thread-safety: stateless.
#pragma once

#include "common/result.h"
#include "formats/avro/avro_datum.h"
#include "formats/avro/avro_encoder.h"
#include "formats/avro/avro_schema.h"

namespace floe::avro {

Status EncodeDatum(const AvroDatum& datum, const AvroNode& schema, AvroEncoder& encoder);

}  // namespace floe::avro
