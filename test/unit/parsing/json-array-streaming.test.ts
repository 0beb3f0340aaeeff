import { expect } from 'chai';
import type { JsonParserOptions } from '../../../src/domain/model/parser-options.js';
import type { RecordBatch } from '../../../src/domain/model/record-batch.js';
import type { RejectedRecord } from '../../../src/domain/model/rejected-record.js';
import { batchRows } from '../../../src/domain/model/record-batch.js';
import { createParser } from '../../../src/domain/parsing/create-parser.js';
import { jsonOptions, parseAll, rng } from './parse-helpers.js';

/**
 * JSON with flatten_json_array and no root: a file that is one top-level array is read element by element, so
 * its size is not bounded by memory (before, the whole array was one string: 181 MB of JSON peaked at 934 MB).
 */


const ELEMENTS = [
  '{"a":1}', '{"s":"with ] and [ and , inside"}', '{"q":"esc \\" quote \\\\"}', '{"n":{"deep":[1,[2,{"x":3}]]}}',
  '{ "spaced" : true }', '{"u":"日本 🙂"}', '{}', '42', '"text"', 'null', '[1,2]', '{"a":1,\n"b":2}',
];

const flatten = jsonOptions({ flatten_json_array: true });

const ELEMENTS_ARRIVING = 20_000;

/**
 * Feeds `head`, then ELEMENTS_ARRIVING objects joined by `separator` one chunk each, then `tail`, and reports how
 * many elements had been fed when the first batch came out.
 */
async function parseArriving(options: JsonParserOptions, head: string, separator: string, tail: string): Promise<{ firstBatchAt: number; total: number; rejects: RejectedRecord[] }> {
  let fed = 0;
  async function* chunks(): AsyncIterable<string> {
    yield head;
    for (let i = 0; i < ELEMENTS_ARRIVING; i++) {
      fed++;
      yield `${i === 0 ? '' : separator}{"id":${i},"name":"n${i}"}`;
    }
    yield tail;
  }
  const rejects: RejectedRecord[] = [];
  let firstBatchAt = -1;
  let total = 0;
  for await (const batch of createParser(options).parse(chunks(), { file: 'big.json', onReject: (r) => rejects.push(r), batchSize: 1000 }) as AsyncIterable<RecordBatch>) {
    if (firstBatchAt < 0) firstBatchAt = fed;
    total += batchRows(batch).length;
  }
  return { firstBatchAt, total, rejects };
}

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
    const { firstBatchAt, total } = await parseArriving(flatten, '[', ',', ']');
    expect(total).to.equal(ELEMENTS_ARRIVING);
    expect(firstBatchAt, 'elements fed when the first batch came out').to.be.below(ELEMENTS_ARRIVING / 10);
  });

  it('with a root pointer that holds an array index, the whole value is read (the index is followed there)', async () => {
    const options = jsonOptions({ flatten_json_array: true, root: '/items/1' });
    const { rows } = await parseAll(options, '{"items":[[{"a":0}],[{"a":1},{"a":2}]]}', 3);
    expect(rows).to.deep.equal([[{ a: 1 }], [{ a: 2 }]]);
  });
});

describe('JSON root streaming (flatten_json_array with a root of object keys)', () => {
  /** A random JSON value for the keys off the path: nested, with brackets, quotes and escapes inside strings. */
  function randomValue(next: () => number, depth = 0): unknown {
    const pick = next();
    if (depth > 2 || pick < 0.3) return [1, -2.5, 'x } ] , " \\ y', true, null, '{[', ''][Math.floor(next() * 7)];
    if (pick < 0.65) return Object.fromEntries(Array.from({ length: Math.floor(next() * 4) }, (_, i) => [`k${i}${next() < 0.2 ? '"}' : ''}`, randomValue(next, depth + 1)]));
    return Array.from({ length: Math.floor(next() * 4) }, () => randomValue(next, depth + 1));
  }

  /** The reference: JSON.parse of each top-level value, the root selected, the array flattened. */
  function reference(values: unknown[], path: string[]): { records: unknown[]; rejects: number } {
    const records: unknown[] = [];
    let rejects = 0;
    for (const value of values) {
      let selected: unknown = value;
      for (const key of path) selected = selected !== null && typeof selected === 'object' && !Array.isArray(selected) && Object.hasOwn(selected, key) ? (selected as Record<string, unknown>)[key] : undefined;
      if (selected === undefined) {
        rejects++;
        continue;
      }
      for (const record of Array.isArray(selected) ? selected : [selected]) {
        if (record !== null && typeof record === 'object' && !Array.isArray(record)) records.push(record);
        else rejects++;
      }
    }
    return { records, rejects };
  }

  it('gives the records and rejects of parsing each value whole, on 300 random documents in any chunking', async () => {
    const next = rng(17);
    let totalRecords = 0;
    let totalRejects = 0;
    for (let n = 0; n < 300; n++) {
      const path = next() < 0.5 ? ['Records'] : ['data', 'items'];
      const values = Array.from({ length: 1 + Math.floor(next() * 3) }, () => {
        const build = (level: number): Record<string, unknown> => {
          const entries: [string, unknown][] = Array.from({ length: Math.floor(next() * 3) }, (_, i) => [`other${i}`, randomValue(next)]);
          const roll = next();
          if (roll < 0.85) {
            const target = level === path.length - 1
              ? (roll < 0.75 ? Array.from({ length: Math.floor(next() * 6) }, () => (next() < 0.8 ? { id: Math.floor(next() * 100), s: 'a}"]' } : randomValue(next))) : randomValue(next))
              : build(level + 1);
            entries.splice(Math.floor(next() * (entries.length + 1)), 0, [path[level]!, target]);
          }
          return Object.fromEntries(entries);
        };
        return build(0);
      });
      const text = values.map((v) => JSON.stringify(v, null, next() < 0.5 ? 2 : undefined)).join(next() < 0.5 ? '\n' : ' ');
      const chunk = [0, 1, 3, 16, 64][Math.floor(next() * 5)]!;
      const { rows, rejects } = await parseAll(jsonOptions({ flatten_json_array: true, root: `/${path.join('/')}` }), text, chunk);
      const expected = reference(values, path);
      expect(rows, text).to.deep.equal(expected.records.map((r) => [r]));
      expect(rejects.length, text).to.equal(expected.rejects);
      totalRecords += rows.length;
      totalRejects += rejects.length;
    }
    // Both outcomes occur often: records found under the root, and values without it or with non-object elements.
    expect(totalRecords).to.be.above(500);
    expect(totalRejects).to.be.above(100);
  });

  it('streams the array of {"Records": [...]} (records come out while it arrives), each record with its own line', async () => {
    const head = '{"Version": "1", "Meta": {"x": [1, 2, {"y": "]}"}]},\n "Records": [\n';
    const { firstBatchAt, total, rejects } = await parseArriving(jsonOptions({ flatten_json_array: true, root: '/Records' }), head, ',\n', '\n], "After": {"z": "}"}}\n');
    expect(rejects).to.deep.equal([]);
    expect(total).to.equal(ELEMENTS_ARRIVING);
    expect(firstBatchAt, 'elements fed when the first batch came out').to.be.below(ELEMENTS_ARRIVING / 10);
    const { rows, rejects: lineRejects } = await parseAll(jsonOptions({ flatten_json_array: true, root: '/Records' }), '{"Records": [\n  {"a": 1},\n  5,\n  {"a": 2}\n]}\n{"Other": []}\n', 4);
    expect(rows).to.deep.equal([[{ a: 1 }], [{ a: 2 }]]);
    expect(lineRejects.map((r) => [r.line, r.reason])).to.deep.equal([[3, 'a record must be a JSON object, got a number'], [6, "root '/Records' is not in this value"]]);
  });

  it('a structural error before the root rejects the rest of that value; the next value is read', async () => {
    const text = '{"a" 1, "Records": [{"x": 1}]}\n{"Records": [{"x": 2}]}';
    for (const chunk of [0, 1, 5]) {
      const { rows, rejects } = await parseAll(jsonOptions({ flatten_json_array: true, root: '/Records' }), text, chunk);
      expect(rows).to.deep.equal([[{ x: 2 }]]);
      expect(rejects.map((r) => r.reason)).to.deep.equal(["a ':' was expected after an object key; the rest of this value was skipped"]);
    }
  });

  it('reads a key written with escapes as its text', async () => {
    const { rows } = await parseAll(jsonOptions({ flatten_json_array: true, root: '/Records' }), '{"Rec\\u006frds": [{"a": 1}]}', 2);
    expect(rows).to.deep.equal([[{ a: 1 }]]);
  });
});
