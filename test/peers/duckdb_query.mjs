// duckdb_query.mjs: a DuckDB session that Floe's tests use as an oracle.
//
// Started by test/util/duckdb_oracle.cc as `node duckdb_query.mjs [--threads N]`. It opens one
// in-memory DuckDB database and ONE connection, and keeps both for the whole session, so the
// statements of a .test file share tables, settings and transactions.
//
// Protocol: JSON lines, one request in, one response out, in order.
//   startup  -> {"ok":true,"ready":true,"version":"v1.5.x"}        (written once, before any request)
//   {"sql":"..."}
//            -> {"ok":true,"names":[...],"types":[...],"rows":[[cell,...],...]}
//            |  {"ok":false,"error":"<DuckDB's message, e.g. 'Catalog Error: ...'>"}
//   end of stdin -> the connection is closed and the process exits 0.
// `sql` may hold several statements; the result is the last one's. `types` are DuckDB's type names
// (INTEGER, DECIMAL(10,2), VARCHAR[], ...). A cell is null for SQL NULL, else its canonical text:
//
//   BOOLEAN               true / false
//   integers, BIGNUM      decimal digits, exact at any width (HUGEINT, UBIGINT, ...)
//   DOUBLE / FLOAT        shortest text that reads back as the same double / 32-bit float, laid out
//                         like Python's repr(): fixed notation when the decimal exponent E is in
//                         [-4, 16) with at least one fractional digit (1.0, 0.0001, 1000000000000000.0),
//                         else d[.ddd]e±XX with at least two exponent digits (1e-05, 1.5e+16);
//                         nan, inf, -inf; -0.0 keeps its sign. (This is DuckDB's own text, except
//                         that every NaN is "nan".)
//   DECIMAL               exact, with all `scale` fractional digits (1.50, -0.05)
//   VARCHAR, ENUM         the string itself ("" stays "": the runner shows it as (empty))
//   BLOB                  printable ASCII as itself, other bytes and " ' \ as \xHH
//   DATE, TIME*, TIMESTAMP*, INTERVAL, UUID, BIT
//                         DuckDB's VARCHAR cast text; the session time zone is UTC, so TIMESTAMPTZ
//                         reads 2024-01-02 03:04:05+00
//   LIST / ARRAY          [e1, e2]        STRUCT  {'name': e}        MAP  {k=v, k2=v2}
//                         as DuckDB casts them to VARCHAR: a nested NULL is NULL; a nested scalar is
//                         quoted with '...' (escaping ' and \ with \) only when it is empty, is
//                         "null" in any case, starts or ends with white space, or holds one of
//                         " ' ( ) , : = [ ] { }; struct field names are always quoted.
//   UNION                 the text of the member it holds (never quoted when nested)
import readline from 'node:readline';

import { DuckDBInstance, DuckDBTypeId, version } from '@duckdb/node-api';

function ParseArgs(argv) {
  const args = { threads: 2 };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--threads' && i + 1 < argv.length) {
      args.threads = Number(argv[++i]);
    }
  }
  return args;
}

// Python-repr layout of a number given its shortest digits in exponential form ("1.25e+3").
function LayoutShortest(exponential) {
  let text = exponential;
  let sign = '';
  if (text.startsWith('-')) {
    sign = '-';
    text = text.slice(1);
  }
  const [mantissa, exponent_text] = text.split('e');
  const exponent = Number(exponent_text);
  const digits = mantissa.replace('.', '');
  if (exponent < -4 || exponent >= 16) {
    const fraction = digits.slice(1);
    const magnitude = String(Math.abs(exponent)).padStart(2, '0');
    return `${sign}${digits[0]}${fraction ? '.' + fraction : ''}e${exponent < 0 ? '-' : '+'}${magnitude}`;
  }
  if (exponent < 0) {
    return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
  }
  const whole = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
  const fraction = digits.slice(exponent + 1);
  return `${sign}${whole}.${fraction || '0'}`;
}

// Shortest exponential text that reads back as the same 32-bit float.
function ShortestFloat32(value) {
  for (let digits = 1; digits < 9; digits++) {
    const candidate = value.toExponential(digits - 1);
    if (Math.fround(Number(candidate)) === value) return candidate;
  }
  return value.toExponential(8);
}

function RenderFloat(value, is_float32) {
  if (Number.isNaN(value)) return 'nan';
  if (value === Infinity) return 'inf';
  if (value === -Infinity) return '-inf';
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  return LayoutShortest(is_float32 ? ShortestFloat32(value) : value.toExponential());
}

const kNestedTypes = new Set([DuckDBTypeId.LIST, DuckDBTypeId.ARRAY, DuckDBTypeId.STRUCT, DuckDBTypeId.MAP]);
const kNeedsQuotes = /["'(),:=[\]{}]/;
const kSpace = /^[ \t\n\v\f\r]$/;

function QuoteNested(text, always) {
  const needs_quotes = always || text === '' || kSpace.test(text[0]) ||
      (text.length >= 2 && kSpace.test(text[text.length - 1])) || text.toLowerCase() === 'null' ||
      kNeedsQuotes.test(text);
  return needs_quotes ? `'${text.replace(/['\\]/g, '\\$&')}'` : text;
}

function RenderNested(value, type) {
  if (value === null || value === undefined) return 'NULL';
  const text = Render(value, type);
  // DuckDB quotes neither nested values nor a union's member inside a nested value.
  if (kNestedTypes.has(type.typeId) || type.typeId === DuckDBTypeId.UNION) return text;
  return QuoteNested(text, false);
}

// Canonical text of a non-null value of `type` (see the table at the top).
function Render(value, type) {
  switch (type.typeId) {
    case DuckDBTypeId.BOOLEAN:
      return value ? 'true' : 'false';
    case DuckDBTypeId.FLOAT:
      return RenderFloat(value, true);
    case DuckDBTypeId.DOUBLE:
      return RenderFloat(value, false);
    case DuckDBTypeId.BLOB:
      return RenderBlob(value.bytes);
    case DuckDBTypeId.DATE:
      if (!value.isFinite) return value.days > 0 ? 'infinity' : '-infinity';
      return FixYearZero(String(value));
    case DuckDBTypeId.TIMESTAMP:
    case DuckDBTypeId.TIMESTAMP_S:
    case DuckDBTypeId.TIMESTAMP_MS:
    case DuckDBTypeId.TIMESTAMP_NS:
    case DuckDBTypeId.TIMESTAMP_TZ:
      return FixYearZero(String(value));
    case DuckDBTypeId.LIST:
    case DuckDBTypeId.ARRAY:
      return `[${value.items.map((item) => RenderNested(item, type.valueType)).join(', ')}]`;
    case DuckDBTypeId.STRUCT:
      return `{${type.entryNames
          .map((name, i) => `${QuoteNested(name, true)}: ${RenderNested(value.entries[name], type.entryTypes[i])}`)
          .join(', ')}}`;
    case DuckDBTypeId.MAP:
      return `{${value.entries
          .map(({ key, value: item }) => `${RenderNested(key, type.keyType)}=${RenderNested(item, type.valueType)}`)
          .join(', ')}}`;
    case DuckDBTypeId.UNION:
      if (value.value === null || value.value === undefined) return 'NULL';
      return Render(value.value, type.memberTypeForTag(value.tag));
    default:
      return String(value);
  }
}

// @duckdb/node-api prints the year before 1 AD as "0000-..."; DuckDB prints "0001-... (BC)".
function FixYearZero(text) {
  if (!text.startsWith('0000-')) return text;
  return `0001-${text.slice(5, 10)} (BC)${text.slice(10)}`;
}

// DuckDB's BLOB text: printable ASCII as itself, other bytes and " ' \ as \xHH.
function RenderBlob(bytes) {
  let text = '';
  for (const byte of bytes) {
    const escape = byte <= 0x1f || byte >= 0x7f || byte === 0x22 || byte === 0x27 || byte === 0x5c;
    text += escape ? `\\x${byte.toString(16).toUpperCase().padStart(2, '0')}` : String.fromCharCode(byte);
  }
  return text;
}

function RenderCell(value, type) {
  return value === null || value === undefined ? null : Render(value, type);
}

function Write(message) {
  process.stdout.write(JSON.stringify(message) + '\n');
}

async function Main() {
  const args = ParseArgs(process.argv.slice(2));
  const instance = await DuckDBInstance.create(':memory:', { threads: String(args.threads) });
  const connection = await instance.connect();
  await connection.run("SET TimeZone = 'UTC'");
  Write({ ok: true, ready: true, version: version() });

  const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.trim() === '') continue;
    let request;
    try {
      request = JSON.parse(line);
    } catch (error) {
      Write({ ok: false, error: `duckdb_query.mjs: request is not JSON: ${error.message}` });
      continue;
    }
    if (typeof request?.sql !== 'string') {
      Write({ ok: false, error: 'duckdb_query.mjs: request lacks a string "sql"' });
      continue;
    }
    try {
      const reader = await connection.runAndReadAll(request.sql);
      const types = reader.columnTypes();
      const rows = reader.getRows().map((row) => row.map((cell, i) => RenderCell(cell, types[i])));
      Write({ ok: true, names: reader.columnNames(), types: types.map((type) => type.toString()), rows: rows });
    } catch (error) {
      Write({ ok: false, error: String(error?.message ?? error) });
    }
  }
  connection.closeSync();
  instance.closeSync();
}

Main().catch((error) => {
  process.stderr.write(`duckdb_query.mjs: ${error?.stack ?? error}\n`);
  process.exit(1);
});
