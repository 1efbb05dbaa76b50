#!/usr/bin/python3
# avro_read.py: reads Avro object container files with Apache Avro's Python library (Debian's
# python3-avro, importable under /usr/bin/python3 only), a reader independent of Floe, and prints
# one line of JSON per file, so Floe's tests can compare what Floe reads or writes.
#
#   /usr/bin/python3 avro_read.py <file.avro>...
#   -> {"path": ..., "ok": true, "codec": "deflate", "meta": {"key": "<hex of the value>", ...},
#       "records": [...]}
#   -> {"path": ..., "ok": false, "error": "<exception>: <message>"}
#
# Records are in a canonical JSON form that Floe's test helper (test/util/avro_canonical.h)
# produces from datums too: null, booleans, integers as JSON integers, floats as JSON numbers
# (NaN and infinities as the strings "NaN", "Infinity", "-Infinity"), strings as strings, bytes
# and fixed as {"$bytes": "<hex>"}, enums as their symbol, arrays as arrays, maps and records as
# objects, union values as the value of the branch taken. Logical types are ignored (the schema's
# "logicalType" attributes are dropped before reading), so values stay in their underlying type.
import json
import math
import sys
import warnings

import avro.datafile
import avro.io
import avro.schema


def strip_logical_types(node):
    if isinstance(node, dict):
        return {k: strip_logical_types(v) for k, v in node.items() if k != "logicalType"}
    if isinstance(node, list):
        return [strip_logical_types(v) for v in node]
    return node


def canonical(value):
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if math.isnan(value):
            return "NaN"
        if math.isinf(value):
            return "Infinity" if value > 0 else "-Infinity"
        return value
    if isinstance(value, (bytes, bytearray)):
        return {"$bytes": bytes(value).hex()}
    if isinstance(value, list):
        return [canonical(v) for v in value]
    if isinstance(value, dict):
        return {k: canonical(v) for k, v in value.items()}
    raise TypeError(f"unexpected value {value!r} of type {type(value).__name__}")


def read(path):
    with open(path, "rb") as f:
        reader = avro.datafile.DataFileReader(f, avro.io.DatumReader())
        schema = avro.schema.parse(json.dumps(strip_logical_types(json.loads(reader.schema))))
        reader.datum_reader.writers_schema = schema
        reader.datum_reader.readers_schema = schema
        records = [canonical(r) for r in reader]
        codec = reader.get_meta("avro.codec")
        return {
            "path": path,
            "ok": True,
            "codec": codec.decode() if codec else "null",
            "meta": {k: v.hex() for k, v in reader.meta.items()},
            "records": records,
        }


def main():
    warnings.simplefilter("ignore")
    for path in sys.argv[1:]:
        try:
            out = read(path)
        except Exception as e:  # every failure is an answer, not a crash of the peer
            out = {"path": path, "ok": False, "error": f"{type(e).__name__}: {e}"}
        sys.stdout.write(json.dumps(out, allow_nan=False) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
