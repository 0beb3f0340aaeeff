import { DuckDBInstance, DuckDBTimestampTZValue, DuckDBTimestampValue, DuckDBTypeId } from '@duckdb/node-api';
import type { DuckDBAppender, DuckDBConnection } from '@duckdb/node-api';
import { expect } from 'chai';
import { DuckDbChunkWriter } from '../../src/adapters/duckdb/duckdb-chunk-writer.js';
import { isImportError } from '../../src/domain/errors.js';
import { packBatch, unpackedBatch } from '../../src/domain/model/packed-batch.js';
import type { Column, RecordBatch, Value } from '../../src/domain/model/record-batch.js';

// The chunk writer lays values out in DuckDB's memory format itself (int64 halves, inlined duckdb_string_t,
// validity bits). These tests load the same cells through it and through DuckDB's own row-wise appender
// (each value converted by DuckDB's C API) and require the two tables to be identical, cell for cell.

const COLUMNS: Column[] = [
  { name: 'i', type: 'long' }, { name: 'l', type: 'long' }, { name: 'd', type: 'double' }, { name: 's', type: 'string' },
  { name: 'b', type: 'boolean' }, { name: 't', type: 'timestamp' }, { name: 'j', type: 'json' }, { name: 'naive', type: 'timestamp' },
];
const DDL = '(i BIGINT, l BIGINT, d DOUBLE, s VARCHAR, b BOOLEAN, t TIMESTAMPTZ, j JSON, naive TIMESTAMP)';

const STRINGS = [
  '', 'a', 'exactly12chr', 'thirteen_char', 'éééééé' /* 12 bytes */, 'ééééééé' /* 14 bytes */, '😀😀😀' /* 12 bytes */,
  '😀😀😀😀', 'ascii then ü', 'line\nbreak', 'x'.repeat(5000), '"quoted", with comma', 'żółw', '\u007f',
];
const LONGS: (number | bigint)[] = [
  0, 1, -1, 4294967295, 4294967296, -4294967296, -4294967297, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER,
  9223372036854775807n, -9223372036854775808n, 9007199254740993n, 123456789012,
];
const MILLIS = [
  0, 1, -1, 999, -999, 1_700_000_000_123, -62_135_596_800_000 /* 0001-01-01 */, 253_402_300_799_999 /* 9999-12-31 */,
  4_294_967_296, -4_294_967_297, 8_640_000_000_000, -8_640_000_000_000,
];
const DOUBLES = [0, -0, 1.5, -1e308, 5e-324, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 0.1 + 0.2];
const JSONS: Value[] = [{ a: 1, b: [true, null, 'x'] }, [], 'text', 12.5, { k: 'é'.repeat(20) }, false];

/** Deterministic rows with NULLs at every bit boundary of the validity words (31/32, 63/64) and at random. */
function rows(count: number, seed: number): Value[][] {
  let s = seed;
  const rand = (n: number): number => ((s = (s * 1103515245 + 12345) & 0x7fffffff) % n);
  const out: Value[][] = [];
  for (let r = 0; r < count; r++) {
    const edge = [31, 32, 63, 64, 2047, 2048].includes(r % 4096);
    const nul = (k: number): boolean => edge || rand(9) === k;
    out.push([
      nul(0) ? null : r,
      nul(1) ? null : LONGS[rand(LONGS.length)]!,
      nul(2) ? null : DOUBLES[rand(DOUBLES.length)]!,
      nul(3) ? null : `${STRINGS[rand(STRINGS.length)]!}${rand(3) === 0 ? String(r) : ''}`,
      nul(4) ? null : rand(2) === 0,
      nul(5) ? null : new Date(MILLIS[rand(MILLIS.length)]! + rand(1000)),
      nul(6) ? null : JSONS[rand(JSONS.length)]!,
      nul(7) ? null : new Date(MILLIS[rand(MILLIS.length)]!),
    ]);
  }
  return out;
}

function columnar(data: Value[][]): RecordBatch {
  return { columns: COLUMNS, vectors: COLUMNS.map((_, c) => data.map((row) => row[c]!)), length: data.length };
}

/** The reference: DuckDB's row-wise appender, one C API call per cell. */
function appendRowWise(appender: DuckDBAppender, data: Value[][]): void {
  for (const row of data) {
    row.forEach((x, c) => {
      if (x === null) return appender.appendNull();
      switch (c) {
        case 0: case 1: return appender.appendBigInt(BigInt(x as number | bigint));
        case 2: return appender.appendDouble(x as number);
        case 3: return appender.appendVarchar(x as string);
        case 4: return appender.appendBoolean(x as boolean);
        case 5: return appender.appendTimestampTZ(new DuckDBTimestampTZValue(BigInt((x as Date).getTime()) * 1000n));
        case 6: return appender.appendVarchar(JSON.stringify(x));
        default: return appender.appendTimestamp(new DuckDBTimestampValue(BigInt((x as Date).getTime()) * 1000n));
      }
    });
    appender.endRow();
  }
}

async function count(conn: DuckDBConnection, sql: string): Promise<number> {
  return Number((await conn.runAndReadAll(sql)).getRows()[0]![0]);
}

/** Loads `data` into `reference` row by row and requires table `ours` to hold exactly the same rows. */
async function expectSameAsRowWise(conn: DuckDBConnection, data: Value[][]): Promise<void> {
  const reference = await conn.createAppender('reference');
  appendRowWise(reference, data);
  reference.closeSync();
  expect(await count(conn, 'SELECT count(*) FROM ours')).to.equal(data.length);
  expect(await count(conn, 'SELECT count(*) FROM (SELECT * FROM ours EXCEPT ALL SELECT * FROM reference)')).to.equal(0);
  expect(await count(conn, 'SELECT count(*) FROM (SELECT * FROM reference EXCEPT ALL SELECT * FROM ours)')).to.equal(0);
}

describe('DuckDB chunk writer (DuckDB memory layout written from JS)', function () {
  let instance: DuckDBInstance;
  let conn: DuckDBConnection;
  beforeEach(async function () {
    instance = await DuckDBInstance.create(':memory:');
    conn = await instance.connect();
    await conn.run(`CREATE TABLE ours ${DDL}; CREATE TABLE reference ${DDL}`);
  });
  afterEach(function () {
    conn.closeSync();
    instance.closeSync();
  });

  it('loads the same cells as DuckDB\'s row-wise appender: every type, NULLs at word edges, long and short strings', async function () {
    const data = rows(10_000, 7);
    const ours = await conn.createAppender('ours');
    const writer = new DuckDbChunkWriter(ours);
    // Batches of uneven sizes, so chunks end mid-batch and the reused packing buffer carries old bytes.
    for (let at = 0, size = 1; at < data.length; at += size, size = size * 3 + 1) writer.write(columnar(data.slice(at, at + size)), COLUMNS);
    ours.closeSync();
    await expectSameAsRowWise(conn, data);
    // Inlined strings must compare, hash and measure like DuckDB's own (zero padding, byte lengths).
    expect(await count(conn, 'SELECT count(*) FROM ours o JOIN reference r ON o.i = r.i WHERE o.s IS DISTINCT FROM r.s OR length(o.s) <> length(r.s) OR hash(o.s) <> hash(r.s)')).to.equal(0);
    expect(await count(conn, "SELECT count(*) FROM ours WHERE s = 'éééééé'")).to.equal(await count(conn, "SELECT count(*) FROM reference WHERE s = 'éééééé'"));
    expect(await count(conn, 'SELECT count(DISTINCT i) FROM ours WHERE i IS NOT NULL')).to.be.greaterThan(8000);
  });

  for (const form of ['packed', 'packed with a NULL-only column'] as const) {
    it(`loads a ${form} batch (a parse worker's form) exactly like the row-wise appender`, async function () {
      const data = rows(7_000, 11);
      if (form !== 'packed') for (const row of data) row[3] = null;
      const ours = await conn.createAppender('ours');
      const writer = new DuckDbChunkWriter(ours);
      for (let at = 0, size = 3000; at < data.length; at += size) {
        const { columns, length, packed } = unpackedBatch(packBatch(columnar(data.slice(at, at + size))));
        // The packed buffers alone must do: decoding `vectors` back would cost what packing saved.
        const batch = { columns, length, packed, get vectors(): Value[][] { throw new Error('the writer decoded the packed batch'); } };
        writer.write(batch, COLUMNS);
      }
      ours.closeSync();
      await expectSameAsRowWise(conn, data);
    });
  }

  it('keeps strings that contain NUL whole, short and long', async function () {
    const values = ['a\u0000b', `${'x'.repeat(20)}\u0000tail`];
    const appender = await conn.createAppender('ours');
    const batch: RecordBatch = { columns: [{ name: 's', type: 'string' }], vectors: [values], length: values.length };
    new DuckDbChunkWriter(appender).write(batch, COLUMNS);
    new DuckDbChunkWriter(appender).write(unpackedBatch(packBatch(batch)), COLUMNS);
    appender.closeSync();
    const result = (await conn.runAndReadAll('SELECT octet_length(s::BLOB) FROM ours ORDER BY 1')).getRows().map((r) => Number(r[0]));
    expect(result).to.deep.equal([3, 3, 25, 25]);
  });

  it('fills table columns the batch lacks with NULL', async function () {
    const appender = await conn.createAppender('ours');
    new DuckDbChunkWriter(appender).write({ columns: [{ name: 'I', type: 'long' }], vectors: [[1, 2, 3]], length: 3 }, COLUMNS);
    appender.closeSync();
    expect(await count(conn, 'SELECT count(*) FROM ours WHERE i IS NOT NULL AND l IS NULL AND s IS NULL AND t IS NULL AND b IS NULL')).to.equal(3);
  });

  it('writes into narrower column types of a table created by hand (INTEGER, FLOAT, TIMESTAMP_S, TIMESTAMP_MS)', async function () {
    await conn.run('CREATE TABLE narrow (n INTEGER, f FLOAT, ts TIMESTAMP_S, tm TIMESTAMP_MS)');
    const appender = await conn.createAppender('narrow');
    expect(appender.columnType(0).typeId).to.equal(DuckDBTypeId.INTEGER);
    const columns: Column[] = [{ name: 'n', type: 'long' }, { name: 'f', type: 'double' }, { name: 'ts', type: 'timestamp' }, { name: 'tm', type: 'timestamp' }];
    const when = new Date('2024-03-01T12:34:56.789Z');
    const writer = new DuckDbChunkWriter(appender);
    writer.write({ columns, vectors: [[42, null], [1.5, 2], [when, null], [when, when]], length: 2 }, columns);
    // Several chunks through the same (reset and reused) chunk: NULLs must not leak from one chunk to the next.
    const n = 5000;
    const ids = Array.from({ length: n }, (_, i) => (i % 3 === 0 ? null : 1000 + i));
    writer.write({ columns, vectors: [ids, ids.map((x) => (x === null ? 0.5 : null)), ids.map(() => when), ids.map(() => null)], length: n }, columns);
    appender.closeSync();
    const counts = (await conn.runAndReadAll('SELECT count(*), count(n), count(f), count(ts), count(tm) FROM narrow WHERE n >= 1000 OR n IS NULL')).getRows()[0]!.map(Number);
    expect(counts).to.deep.equal([n + 1, n - Math.ceil(n / 3), Math.ceil(n / 3) + 1, n, 1]);
    await conn.run('DELETE FROM narrow WHERE n >= 1000 OR f = 0.5');
    const got = (await conn.runAndReadAll("SELECT n, f, strftime(ts, '%Y-%m-%d %H:%M:%S'), epoch_ms(tm) FROM narrow ORDER BY n NULLS LAST")).getRows();
    expect(got.map((r) => r.map((x) => (typeof x === 'bigint' ? Number(x) : x)))).to.deep.equal([
      [42, 1.5, '2024-03-01 12:34:56', when.getTime()],
      [null, 2, null, when.getTime()],
    ]);
  });

  it('refuses a value that breaks the column type with TABLE_STORE, naming the type', async function () {
    const appender = await conn.createAppender('ours');
    const writer = new DuckDbChunkWriter(appender);
    for (const [column, value] of [[COLUMNS[0]!, 'seven'], [COLUMNS[5]!, new Date(Number.NaN)], [COLUMNS[2]!, true]] as const) {
      try {
        writer.write({ columns: [column], vectors: [[value]], length: 1 }, COLUMNS);
        expect.fail(`accepted ${String(value)} for ${column.type}`);
      } catch (error) {
        expect(isImportError(error) && error.code, String(error)).to.equal('TABLE_STORE');
        expect((error as Error).message).to.include(column.type);
      }
    }
    appender.closeSync();
    expect(await count(conn, 'SELECT count(*) FROM ours')).to.equal(0);
  });
});
