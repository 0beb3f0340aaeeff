import { expect } from 'chai';
import { BufferPool, packBatch, PackedBatchBuilder, packedBuffers, packedMainBuffer, unpackedBatch, withLongStringsAsUtf8 } from '../../../src/domain/model/packed-batch.js';
import type { Column, RecordBatch, Value } from '../../../src/domain/model/record-batch.js';

const COLUMNS: Column[] = [
  { name: 'b', type: 'boolean' }, { name: 'l', type: 'long' }, { name: 'd', type: 'double' },
  { name: 's', type: 'string' }, { name: 't', type: 'timestamp' }, { name: 'j', type: 'json' },
];

function batch(rows: Value[][]): RecordBatch {
  return { columns: COLUMNS, vectors: COLUMNS.map((_, c) => rows.map((r) => r[c]!)), length: rows.length };
}

describe('packed batches (what a parse worker sends the main thread)', () => {
  it('unpack to the same cells for every type, NULLs, long and short strings and int64 edges', () => {
    const rows: Value[][] = [
      [true, 0, 0, '', new Date(0), { a: [1, null, 'x'] }],
      [false, -1, -0, 'exactly12chr', new Date(-1), []],
      [null, 9223372036854775807n, Number.NaN, 'thirteen_char', new Date(-62_135_596_800_000), 'text'],
      [true, -9223372036854775808n, Number.POSITIVE_INFINITY, 'éééééé', new Date(253_402_300_799_999), null],
      [false, Number.MAX_SAFE_INTEGER, 1.5e-300, 'ééééééé', null, 12.5],
      [null, Number.MIN_SAFE_INTEGER, null, null, new Date(1_700_000_000_123), { k: 'é'.repeat(30) }],
      [true, null, 2.5, '😀 and a longer tail', new Date(4_294_967_296_001), false],
    ];
    const packed = packBatch(batch(rows));
    const back = unpackedBatch(structuredClone(packed));
    expect(back.length).to.equal(rows.length);
    expect(back.vectors).to.deep.equal(batch(rows).vectors);
    expect(back.vectors[1]![1]).to.equal(-1);
    expect(typeof back.vectors[1]![2]).to.equal('bigint');
  });

  it('keeps strings of up to 12 UTF-8 bytes inline and lists the longer ones with their rows', () => {
    const packed = packBatch({ columns: [COLUMNS[3]!], vectors: [['short', 'a'.repeat(12), 'a'.repeat(13), 'éééééé', 'ééééééé', null]], length: 6 });
    const column = packed.packed[0]!;
    expect(column.long).to.deep.equal(['a'.repeat(13), 'ééééééé']);
    expect(Array.from(column.longRows!)).to.deep.equal([2, 4]);
    expect(column.validity![0]! & 0b100000).to.equal(0);
    const view = new DataView(column.data.buffer);
    expect(view.getUint32(4 * 16, true)).to.equal(14);
    expect(Buffer.from(column.data.subarray(16 + 4, 16 + 16)).toString('latin1')).to.equal('a'.repeat(12));
  });

  it('has no validity bitmap without NULLs and packs into one buffer (plus the rows of long strings)', () => {
    const packed = packBatch({ columns: [COLUMNS[1]!, COLUMNS[3]!], vectors: [[1, 2], ['x', 'y'.repeat(20)]], length: 2 });
    expect(packed.packed.map((c) => c.validity)).to.deep.equal([null, null]);
    expect(packedBuffers(packed)).to.have.length(2);
    expect(packed.packed[0]!.data.buffer).to.equal(packed.packed[1]!.data.buffer);
  });

  it('refuses a cell that breaks its column type, naming the column', () => {
    expect(() => packBatch({ columns: [COLUMNS[1]!], vectors: [['7']], length: 1 })).to.throw(TypeError, '"l"');
    expect(() => packBatch({ columns: [COLUMNS[1]!], vectors: [[2n ** 64n]], length: 1 })).to.throw(RangeError, 'int64');
    expect(() => packBatch({ columns: [COLUMNS[4]!], vectors: [[new Date(Number.NaN)]], length: 1 })).to.throw(TypeError, '"t"');
  });

  it('packs several batches one after the other into one (small files sent together): the same cells, in order', () => {
    const parts: Value[][][] = [
      [[true, 1, 1.5, 'first file', new Date(1000), { a: 1 }], [false, 2, null, 'x', null, null]],
      [[null, 3, 2.5, 'a string longer than twelve', new Date(2000), [1]]],
      [[true, null, -0.5, 'ééééééé', new Date(3000), 'j'], [false, 5, 4.5, null, new Date(4000), null], [true, 6, 5.5, 'y', new Date(5000), 7]],
    ];
    const builder = new PackedBatchBuilder(COLUMNS, 16);
    for (const rows of parts) builder.add(batch(rows));
    expect(builder.length).to.equal(6);
    const packed = builder.finish();
    const back = unpackedBatch(structuredClone(packed));
    expect(back.length).to.equal(6);
    expect(back.vectors).to.deep.equal(batch(parts.flat()).vectors);
    // A NULL after valid rows keeps those rows valid; long strings carry their row in the whole batch.
    expect(Array.from(packed.packed[3]!.longRows!)).to.deep.equal([2, 3]);
    expect(packed.packed[3]!.data.byteLength).to.equal(6 * 16);
  });

  it('refuses a batch that does not fit in the rows left', () => {
    const builder = new PackedBatchBuilder(COLUMNS, 3);
    builder.add(batch([[true, 1, 1, 'a', null, null], [true, 2, 2, 'b', null, null]]));
    expect(() => builder.add(batch([[true, 3, 3, 'c', null, null], [true, 4, 4, 'd', null, null]]))).to.throw(RangeError, 'does not fit');
  });

  it('long strings as UTF-8 (how they cross to the warehouse thread) unpack to the same strings, in one buffer', () => {
    const rows: Value[][] = [
      [true, 1, 1, 'a string longer than twelve', null, { k: 'é'.repeat(10) }],
      [false, 2, 2, 'short', null, null],
      [null, 3, 3, '😀 and a longer tail, ünïcödé', null, 'a json string longer than twelve'],
    ];
    const packed = packBatch(batch(rows));
    const utf8 = withLongStringsAsUtf8(packed);
    expect(utf8.packed.map((c) => c.long)).to.deep.equal([null, null, null, null, null, null]);
    expect(utf8.packed[3]!.longUtf8!.buffer).to.equal(utf8.packed[5]!.longUtf8!.buffer);
    expect(unpackedBatch(structuredClone(utf8)).vectors).to.deep.equal(batch(rows).vectors);
    const short = packBatch(batch([[true, 1, 1, 'short', null, null]]));
    expect(withLongStringsAsUtf8(short)).to.equal(short);
  });

  describe('written as UTF-8 from the start (a builder in utf8 mode: how parsers pack batches for another thread)', () => {
    const texts = ['a string longer than twelve', 'ééééééé', '日本語のテキスト', '😀 and a longer tail, ünïcödé', 'exactly12chr', 'x'.repeat(5000), 'short'];

    it('unpack to the same cells as JS strings would, the long ones in one buffer the batch owns', () => {
      const rows: Value[][] = texts.map((s, i) => [i % 2 === 0, i, i, s, null, i === 3 ? { k: 'é'.repeat(10) } : null]);
      const builder = new PackedBatchBuilder(COLUMNS, rows.length, undefined, true);
      builder.add(batch(rows));
      const packed = builder.finish();
      expect(packed.packed.map((c) => c.long)).to.deep.equal([null, null, null, null, null, null]);
      expect(packed.packed[3]!.longRows).to.deep.equal(Int32Array.from([0, 1, 2, 3, 5]));
      expect(packed.packed[3]!.longUtf8!.buffer).to.equal(packed.packed[5]!.longUtf8!.buffer);
      expect(Buffer.from(packed.packed[3]!.longUtf8!).toString()).to.equal([0, 1, 2, 3, 5].map((i) => texts[i]).join(''));
      // structuredClone: what crosses to a thread.
      expect(unpackedBatch(structuredClone(packed)).vectors).to.deep.equal(batch(rows).vectors);
    });

    it('a cell written from a span of text, then rolled back, leaves no bytes behind; the scratch is reused batch after batch', () => {
      const text = `||${texts.join('|')}||`;
      const spans: [number, number][] = [];
      let at = 2;
      for (const s of texts) {
        spans.push([at, at + s.length]);
        at += s.length + 1;
      }
      const columns: Column[] = [{ name: 's', type: 'string' }];
      // As the CSV parser's pool: a consumed batch's buffer comes back and packs the next batch.
      const pool = new BufferPool();
      let previous: ArrayBuffer | undefined;
      for (let round = 0; round < 3; round++) {
        const builder = new PackedBatchBuilder(columns, 16, (bytes) => pool.allocate(bytes), true);
        spans.forEach(([start, end], i) => {
          builder.column(0).setStringSpan(builder.length, text, start, end);
          if (i === 2 || i === 5) builder.rollbackRow();
          else builder.commitRow();
        });
        const kept = texts.filter((_, i) => i !== 2 && i !== 5);
        const packed = builder.finish();
        expect(unpackedBatch(packed).vectors[0], `round ${round}`).to.deep.equal(kept);
        expect(packed.packed[0]!.longUtf8!.byteLength).to.equal(kept.filter((s) => Buffer.byteLength(s) > 12).reduce((n, s) => n + Buffer.byteLength(s), 0));
        const main = packedMainBuffer(packed)!;
        if (previous !== undefined) expect(main, 'the recycled buffer').to.equal(previous);
        previous = main;
        pool.give(main);
      }
    });

    it('copies between the two forms: UTF-8 into JS strings and back, as a growing or gathering batch does', () => {
      const rows: Value[][] = texts.map((s, i) => [true, i, i, s, null, null]);
      const utf8 = new PackedBatchBuilder(COLUMNS, rows.length, undefined, true);
      utf8.add(batch(rows));
      const fromUtf8 = new PackedBatchBuilder(COLUMNS, 2 * rows.length);
      fromUtf8.add(batch(rows.slice(0, 1)));
      fromUtf8.add(unpackedBatch(utf8.finish()));
      const strings = fromUtf8.finish();
      expect(strings.packed[3]!.long).to.have.length(6);
      const back = new PackedBatchBuilder(COLUMNS, 3 * rows.length, undefined, true);
      back.add(unpackedBatch(strings));
      back.add(batch(rows));
      const twice = back.finish();
      expect(twice.packed[3]!.long).to.equal(null);
      // Its scratch went back to be reused: finishing the same batch again would lose its strings, so it throws.
      expect(() => back.finish()).to.throw('finished once');
      expect(unpackedBatch(twice).vectors).to.deep.equal(batch([rows[0]!, ...rows, ...rows]).vectors);
    });
  });
});
