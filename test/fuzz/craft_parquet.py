#!/usr/bin/env python3
"""Builds small, deliberately hostile Parquet files byte by byte, to turn a
suspicion from reading the reader into an input (then minimised and kept in
regressions/). Thrift compact protocol by hand: no dependencies.

    python3 test/fuzz/craft_parquet.py bss-flba-alloc OUT   # see CASES below
    python3 test/fuzz/craft_parquet.py --list
"""
import struct
import sys

# Compact protocol type ids.
I32, I64, BINARY, LIST, STRUCT = 5, 6, 8, 9, 12


def varint(n):
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def zigzag(n):
    return varint((n << 1) ^ (n >> 63))


class Struct:
    """Fields as (id, type, value): value is int, bytes/str, Struct, or
    (elem_type, [values]) for lists."""

    def __init__(self, *fields):
        self.fields = sorted(fields, key=lambda f: f[0])

    def encode(self):
        out = bytearray()
        last = 0
        for fid, ftype, value in self.fields:
            delta = fid - last
            if 0 < delta <= 15:
                out.append(delta << 4 | ftype)
            else:
                out.append(ftype)
                out += zigzag(fid)
            last = fid
            out += encode_value(ftype, value)
        out.append(0)
        return bytes(out)


def encode_value(ftype, value):
    if ftype in (I32, I64):
        return zigzag(value)
    if ftype == BINARY:
        data = value.encode() if isinstance(value, str) else value
        return varint(len(data)) + data
    if ftype == STRUCT:
        return value.encode()
    if ftype == LIST:
        etype, items = value
        head = bytes([len(items) << 4 | etype]) if len(items) < 15 else bytes([0xF0 | etype]) + varint(len(items))
        return head + b"".join(encode_value(etype, v) for v in items)
    raise ValueError(ftype)


def schema_element(name, type_=None, type_length=None, repetition=None, num_children=None):
    f = [(4, BINARY, name)]
    if type_ is not None:
        f.append((1, I32, type_))
    if type_length is not None:
        f.append((2, I32, type_length))
    if repetition is not None:
        f.append((3, I32, repetition))
    if num_children is not None:
        f.append((5, I32, num_children))
    return Struct(*f)


def page_header(page_type, uncompressed, compressed, data_page=None, dict_page=None, v2=None):
    f = [(1, I32, page_type), (2, I32, uncompressed), (3, I32, compressed)]
    if data_page is not None:
        f.append((5, STRUCT, data_page))
    if dict_page is not None:
        f.append((7, STRUCT, dict_page))
    if v2 is not None:
        f.append((8, STRUCT, v2))
    return Struct(*f).encode()


def data_page_v1(num_values, encoding, def_encoding=3, rep_encoding=3):
    return Struct((1, I32, num_values), (2, I32, encoding), (3, I32, def_encoding), (4, I32, rep_encoding))


def file_with_one_column(leaf, chunk, num_values, num_rows, encodings, codec=0):
    """PAR1, the chunk at offset 4, a footer with one row group of one column."""
    meta = Struct(
        (1, I32, leaf["type"]),
        (2, LIST, (I32, encodings)),
        (3, LIST, (BINARY, [leaf["name"]])),
        (4, I32, codec),
        (5, I64, num_values),
        (6, I64, len(chunk)),
        (7, I64, len(chunk)),
        (9, I64, 4),
    )
    column = Struct((2, I64, 0), (3, STRUCT, meta))
    row_group = Struct((1, LIST, (STRUCT, [column])), (2, I64, len(chunk)), (3, I64, num_rows))
    schema = [schema_element("schema", num_children=1),
              schema_element(leaf["name"], leaf["type"], leaf.get("type_length"), leaf.get("repetition", 0))]
    footer = Struct((1, I32, 1), (2, LIST, (STRUCT, schema)), (3, I64, num_rows),
                    (4, LIST, (STRUCT, [row_group]))).encode()
    return b"PAR1" + chunk + footer + struct.pack("<I", len(footer)) + b"PAR1"


# Thrift enum values.
FLBA, INT32, BYTE_ARRAY = 7, 1, 6
DATA_PAGE = 0
PLAIN, RLE, BYTE_STREAM_SPLIT = 0, 3, 9


def bss_flba_alloc():
    """A required FIXED_LEN_BYTE_ARRAY(4096) column whose one BYTE_STREAM_SPLIT
    data page claims 2^20 values and holds no bytes: 4 GiB asked of the
    allocator before the page size is compared with num_values * width."""
    n = 1 << 20
    chunk = page_header(DATA_PAGE, 0, 0, data_page=data_page_v1(n, BYTE_STREAM_SPLIT))
    leaf = {"name": "f", "type": FLBA, "type_length": 4096}
    return file_with_one_column(leaf, chunk, n, n, [BYTE_STREAM_SPLIT])


def plain_byte_array_alloc():
    """A required BYTE_ARRAY column whose one PLAIN data page claims 2^27
    values (kMaxLevelsPerPage) and holds no bytes: a vector of 2^27 16-byte
    ByteArrayRefs (2 GiB) is sized before the first length is read."""
    n = 1 << 27
    chunk = page_header(DATA_PAGE, 0, 0, data_page=data_page_v1(n, PLAIN))
    leaf = {"name": "s", "type": BYTE_ARRAY}
    return file_with_one_column(leaf, chunk, n, n, [PLAIN])


CASES = {"bss-flba-alloc": bss_flba_alloc, "plain-byte-array-alloc": plain_byte_array_alloc}

if __name__ == "__main__":
    if len(sys.argv) == 2 and sys.argv[1] == "--list":
        for name, fn in CASES.items():
            print(f"{name}: {' '.join(fn.__doc__.split())}")
        sys.exit(0)
    if len(sys.argv) != 3 or sys.argv[1] not in CASES:
        sys.exit(__doc__)
    with open(sys.argv[2], "wb") as f:
        f.write(CASES[sys.argv[1]]())
