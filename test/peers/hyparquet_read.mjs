// hyparquet_read.mjs: reads a Parquet file with hyparquet, a JavaScript Parquet reader independent
// of Floe and DuckDB, and prints what it found as one line of JSON, so Floe's writer tests can
// compare it with what they wrote.
//
//   node hyparquet_read.mjs <file.parquet>
//   -> {"rows": [[cell, ...], ...], "chunks": [{"row_group": 0, "column": 0, "offset_index": [[offset,
//       size, first_row], ...], "column_index": {...} | null}, ...]}
//
// Cells are text that keeps every value exact and its kind visible (C++ renders Floe's values the
// same way): null; integers as digits (BigInt for INT64); floats as JavaScript prints the Number
// (NaN, Infinity, -0 kept); strings JSON-quoted; BYTE_ARRAY / FIXED_LEN_BYTE_ARRAY without a string
// annotation as 0x + hex; dates "d:<days>"; timestamps "us:<micros>" / "ns:<nanos>"; UUIDs
// "u:<hex>"; lists [a,b]; structs and maps {"name":value} (maps keyed by their keys' text).
// Decimals are not rendered exactly (hyparquet converts them to Number) and are left to DuckDB.
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects, readColumnIndex,
         readOffsetIndex } from 'hyparquet';

const parsers = {
  timestampFromMilliseconds: (v) => `ms:${v}`,
  timestampFromMicroseconds: (v) => `us:${v}`,
  timestampFromNanoseconds: (v) => `ns:${v}`,
  dateFromDays: (v) => `d:${v}`,
  uuidFromBytes: (bytes) => bytes && `u:${Hex(bytes)}`,
};

function Hex(bytes) {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function Render(v) {
  if (v === null || v === undefined) return null;
  switch (typeof v) {
    case 'bigint':
      return v.toString();
    case 'number':
      return Object.is(v, -0) ? '-0' : String(v);
    case 'boolean':
      return v ? 'true' : 'false';
    case 'string':
      return JSON.stringify(v);
    default:
      break;
  }
  if (v instanceof Uint8Array) return `0x${Hex(v)}`;
  if (Array.isArray(v) || ArrayBuffer.isView(v)) {
    return `[${Array.from(v, (x) => Render(x) ?? 'null').join(',')}]`;
  }
  return `{${Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}:${Render(x) ?? 'null'}`).join(',')}}`;
}

async function Main() {
  const path = process.argv[2];
  const file = await asyncBufferFromFile(path);
  const metadata = await parquetMetadataAsync(file);
  const rows = await parquetReadObjects({ file, metadata, parsers, utf8: false });
  const names = metadata.schema.slice(1).length ? Object.keys(rows[0] ?? {}) : [];
  const out = { rows: rows.map((row) => Object.values(row).map(Render)), names, chunks: [] };

  // The leaf schema elements, in column order, for decoding column index bounds.
  const leaves = metadata.schema.filter((e) => e.num_children === undefined && e.type !== undefined);
  for (const [g, rowGroup] of metadata.row_groups.entries()) {
    for (const [c, chunk] of rowGroup.columns.entries()) {
      const entry = { row_group: g, column: c, offset_index: null, column_index: null };
      if (chunk.offset_index_offset !== undefined) {
        const start = Number(chunk.offset_index_offset);
        const bytes = await file.slice(start, start + chunk.offset_index_length);
        const index = readOffsetIndex({ view: new DataView(bytes), offset: 0 });
        entry.offset_index = index.page_locations.map((p) =>
          [Number(p.offset), p.compressed_page_size, Number(p.first_row_index)]);
      }
      if (chunk.column_index_offset !== undefined) {
        const start = Number(chunk.column_index_offset);
        const bytes = await file.slice(start, start + chunk.column_index_length);
        const index = readColumnIndex({ view: new DataView(bytes), offset: 0 }, leaves[c], parsers);
        entry.column_index = {
          null_pages: index.null_pages,
          boundary_order: index.boundary_order,
          null_counts: index.null_counts?.map(Number),
          min_values: index.min_values.map(Render),
          max_values: index.max_values.map(Render),
        };
      }
      out.chunks.push(entry);
    }
  }
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

Main().catch((error) => {
  process.stderr.write(`hyparquet_read.mjs: ${error?.stack ?? error}\n`);
  process.exit(1);
});
