import { expect } from 'chai';
import { packBatch, unpackedBatch } from '../../../src/domain/model/packed-batch.js';
import type { Column, RecordBatch, Value } from '../../../src/domain/model/record-batch.js';
import { TimeColumnPolicy } from '../../../src/domain/time-column-policy.js';

// A packed batch (what the CSV parser makes) gets its `time` column packed too, without decoding the batch: it
// must hold what the same batch as JS vectors gets.

const UPLOAD = new Date('2026-11-26T12:34:56.789Z');
const policy = new TimeColumnPolicy();

const TIMES: (Date | null)[] = [
  new Date(0), new Date(-1), new Date(-999), new Date(-1000), new Date(-1001), new Date(1_700_000_000_999), null,
  new Date(-62_135_596_800_000), new Date(253_402_300_799_999), new Date(8_000_000_000_000_000), new Date(-8_000_000_000_000_000),
];
const LONGS: (number | bigint | null)[] = [0, -1, 1_700_000_000, null, 9223372036854775807n, -9223372036854775808n, 42, 7, 8, 9, 10];

function batchOf(columns: Column[], vectors: Value[][]): RecordBatch {
  return { columns, vectors, length: vectors[0]!.length };
}

function bothWays(columns: Column[], vectors: Value[][], option: string | null): [RecordBatch, RecordBatch] {
  const plan = policy.plan(columns, option);
  const plain = policy.apply(plan, batchOf(columns, vectors), UPLOAD);
  const packed = policy.apply(plan, unpackedBatch(packBatch(batchOf(columns, vectors)), true), UPLOAD);
  return [plain, packed];
}

describe('the time column of a packed batch', () => {
  const cases: [string, Column[], Value[][], string | null][] = [
    ['from a timestamp column, pre-1970 and far-future instants and NULL included', [{ name: 'at', type: 'timestamp' }, { name: 's', type: 'string' }], [TIMES, TIMES.map((_, i) => `row ${i}`)], null],
    ['from a long column', [{ name: 's', type: 'string' }, { name: 'n', type: 'long' }], [LONGS.map(String), LONGS], null],
    ['from a timestamp column named time', [{ name: 'time', type: 'timestamp' }], [TIMES], null],
    ['from a long column named time', [{ name: 'time', type: 'long' }], [LONGS], null],
    ['the upload time when there is no long or timestamp column', [{ name: 's', type: 'string' }], [TIMES.map(String)], null],
    ['from the column chosen with --time-column, beside one named time', [{ name: 'time', type: 'string' }, { name: 'at', type: 'timestamp' }], [TIMES.map(String), TIMES], 'at'],
  ];
  for (const [name, columns, vectors, option] of cases) {
    it(`is what the JS vectors get: ${name}`, () => {
      const [plain, packed] = bothWays(columns, vectors, option);
      expect(packed.packed, 'stays packed').to.not.equal(undefined);
      expect(packed.packedTransferable).to.equal(true);
      expect(packed.columns).to.deep.equal(plain.columns);
      expect(packed.vectors).to.deep.equal(plain.vectors);
    });
  }

  it('a batch that is not packed keeps its vectors', () => {
    const columns: Column[] = [{ name: 'at', type: 'timestamp' }];
    const plan = policy.plan(columns, null);
    const out = policy.apply(plan, batchOf(columns, [TIMES]), UPLOAD);
    expect(out.packed).to.equal(undefined);
    expect(out.vectors[1]).to.deep.equal(TIMES.map((t) => (t === null ? null : Math.floor(t.getTime() / 1000))));
  });
});
