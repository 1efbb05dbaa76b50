// avsc_read.mjs: reads Avro object container files with avsc, a JavaScript Avro implementation
// independent of Floe and of Apache Avro, and prints one line of JSON per file, in the canonical
// form of avro_read.py (see there): Floe's tests compare the two.
//
//   node avsc_read.mjs <file.avro>...
//   -> {"path": ..., "ok": true, "codec": "null", "meta": {"key": "<hex>", ...}, "records": [...]}
//   -> {"path": ..., "ok": false, "error": "<message>"}
//
// Longs are read as BigInt (exact over 2^53) and printed as JSON integers; unions unwrapped;
// logical types ignored (avsc only applies the ones it is given). Codecs: avsc's own null and
// deflate.
import avro from 'avsc';

const longType = avro.types.LongType.__with({
  fromBuffer: (buf) => buf.readBigInt64LE(),
  toBuffer: (n) => {
    const buf = Buffer.alloc(8);
    buf.writeBigInt64LE(BigInt(n));
    return buf;
  },
  fromJSON: (v) => BigInt(v),
  toJSON: (n) => Number(n),
  isValid: (n) => typeof n === 'bigint',
  compare: (a, b) => (a === b ? 0 : a < b ? -1 : 1),
});

// BigInts become "\u0000long:<digits>" strings, unquoted after JSON.stringify (a string value
// cannot look the same once JSON-escaped unless it holds that NUL-prefixed text itself).
function Canonical(v) {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return `\u0000long:${v}`;
  if (typeof v === 'number') {
    if (Number.isNaN(v)) return 'NaN';
    if (v === Infinity) return 'Infinity';
    if (v === -Infinity) return '-Infinity';
    return v;
  }
  if (typeof v === 'boolean' || typeof v === 'string') return v;
  if (Buffer.isBuffer(v)) return { $bytes: v.toString('hex') };
  if (Array.isArray(v)) return v.map(Canonical);
  const out = {};
  for (const k of Object.keys(v)) out[k] = Canonical(v[k]);
  return out;
}

function Stringify(value) {
  return JSON.stringify(value).replace(/"\\u0000long:(-?\d+)"/g, '$1');
}

function Read(path) {
  return new Promise((resolve) => {
    const records = [];
    let codec = 'null';
    let meta = {};
    const decoder = avro.createFileDecoder(path, {
      parseHook: (schema) => avro.Type.forSchema(schema, { registry: { long: longType },
                                                           wrapUnions: false }),
    });
    decoder.on('metadata', (type, c, header) => {
      codec = c;
      for (const [k, v] of Object.entries(header.meta)) meta[k] = Buffer.from(v).toString('hex');
    });
    decoder.on('data', (r) => records.push(Canonical(r)));
    decoder.on('error', (e) => resolve({ path, ok: false, error: String(e && e.message) }));
    decoder.on('end', () => resolve({ path, ok: true, codec, meta, records }));
  });
}

for (const path of process.argv.slice(2)) {
  const out = await Read(path);
  process.stdout.write(Stringify(out) + '\n');
}
