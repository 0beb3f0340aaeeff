import { expect } from 'chai';
import type { RecordBatch } from '../../../src/domain/model/record-batch.js';
import { batchRows } from '../../../src/domain/model/record-batch.js';
import { createParser } from '../../../src/domain/parsing/create-parser.js';
import { jsonOptions, parseAll } from './parse-helpers.js';

/**
 * JSON with flatten_json_array and no root: a file that is one top-level array is read element by element, so
 * its size is not bounded by memory (before, the whole array was one string: 181 MB of JSON peaked at 934 MB).
 */

function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ELEMENTS = [
  '{"a":1}', '{"s":"with ] and [ and , inside"}', '{"q":"esc \\" quote \\\\"}', '{"n":{"deep":[1,[2,{"x":3}]]}}',
  '{ "spaced" : true }', '{"u":"日本 🙂"}', '{}', '42', '"text"', 'null', '[1,2]', '{"a":1,\n"b":2}',
];

const flatten = jsonOptions({ flatten_json_array: true });

describe('JSON top-level array streaming (flatten_json_array)', () => {
  it('gives the same records as parsing the array whole, on 200 random arrays in any chunking', async () => {
    const next = rng(3);
    for (let n = 0; n < 200; n++) {
      const count = Math.floor(next() * 30);
      const elements = Array.from({ length: count }, () => ELEMENTS[Math.floor(next() * ELEMENTS.length)]!);
      const separator = [',', ', ', ',\n', '\n,\n  '][Math.floor(next() * 4)]!;
      const text = `${next() < 0.3 ? '\n  ' : ''}[${next() < 0.5 ? '\n' : ''}${elements.join(separator)}${next() < 0.5 ? '\n' : ''}]${next() < 0.5 ? '\n' : ''}`;
      const chunk = [0, 1, 2, 7, 64][Math.floor(next() * 5)]!;
      const { rows, rejects } = await parseAll(flatten, text, chunk);
      // The reference: JSON.parse of the whole array, each element a record when it is an object.
      const whole = JSON.parse(text) as unknown[];
      const objects = whole.filter((e) => e !== null && typeof e === 'object' && !Array.isArray(e));
      expect(rows, text).to.deep.equal(objects.map((o) => [o]));
      expect(rejects.length, text).to.equal(whole.length - objects.length);
      for (const reject of rejects) expect(reject.reason).to.contain('a record must be a JSON object');
    }
  });

  it('numbers each record and each reject by the line its element starts on', async () => {
    const text = '[\n  {"a": 1},\n  {"a":\n    2},\n  7,\n  {"a": 3}\n]\n';
    const { rows, rejects } = await parseAll(flatten, text, 3);
    expect(rows).to.deep.equal([[{ a: 1 }], [{ a: 2 }], [{ a: 3 }]]);
    expect(rejects.map((r) => [r.line, r.raw])).to.deep.equal([[5, '7']]);
  });

  it('keeps the elements before a structural error, rejects it, and skips the rest of that array', async () => {
    const cases: [string, unknown[], string][] = [
      ['[{"a":1} {"a":2}, {"a":3}]\n{"b":1}', [{ a: 1 }, { b: 1 }], 'a comma is missing between array elements'],
      ['[{"a":1},,{"a":2}]', [{ a: 1 }], 'a comma where an array element should be'],
      ['[{"a":1},]', [{ a: 1 }], 'a comma before the closing bracket'],
      ['[{"a":1}, {"a":2}', [{ a: 1 }, { a: 2 }], 'unterminated JSON array'],
      ['[{"a":1}, {"a":tru}, {"a":3}]', [{ a: 1 }, { a: 3 }], 'invalid JSON'],
      ['[{"a":1}, {"a":"x"}}, {"a":3}]', [{ a: 1 }, { a: 'x' }], "unexpected '}'"],
    ];
    for (const [text, records, reason] of cases) {
      for (const chunk of [0, 1, 4]) {
        const { rows, rejects } = await parseAll(flatten, text, chunk);
        expect(rows, text).to.deep.equal(records.map((r) => [r]));
        expect(rejects.length, text).to.equal(1);
        expect(rejects[0]!.reason, text).to.contain(reason);
      }
    }
  });

  it('yields records while the array is still arriving (it is never held whole)', async () => {
    const elements = 20_000;
    let fed = 0;
    async function* chunks(): AsyncIterable<string> {
      yield '[';
      for (let i = 0; i < elements; i++) {
        fed++;
        yield `${i === 0 ? '' : ','}{"id":${i},"name":"n${i}"}`;
      }
      yield ']';
    }
    const parser = createParser(flatten);
    let firstBatchAt = -1;
    let total = 0;
    for await (const batch of parser.parse(chunks(), { file: 'big.json', onReject: () => undefined, batchSize: 1000 }) as AsyncIterable<RecordBatch>) {
      if (firstBatchAt < 0) firstBatchAt = fed;
      total += batchRows(batch).length;
    }
    expect(total).to.equal(elements);
    expect(firstBatchAt, 'elements fed when the first batch came out').to.be.below(elements / 10);
  });

  it('with a root pointer the array is still selected from the whole value (not streamed)', async () => {
    const options = jsonOptions({ flatten_json_array: true, root: '/items' });
    const { rows } = await parseAll(options, '{"items":[{"a":1},{"a":2}]}', 3);
    expect(rows).to.deep.equal([[{ a: 1 }], [{ a: 2 }]]);
  });
});
