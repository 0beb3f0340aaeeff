import { expect } from 'chai';
import { parseJsonPrecise } from '../../../src/domain/parsing/json-precise.js';
import { jsonOptions, parseAll } from './parse-helpers.js';

// JSON.parse rounds integers past 2^53 (1234567890123456789 -> 1234567890123456800): ids of that size (tweet ids,
// snowflakes, 64-bit hashes) are common in JSON logs. Embulk's Jackson reads them as exact longs; so do we.

const COLUMNS = jsonOptions({
  columns: [
    { name: 'id', type: 'long' },
    { name: 'id_text', type: 'string', element_at: '/id' },
    { name: 'nested', type: 'long', element_at: '/a/b/1' },
    { name: 'small', type: 'long' },
    { name: 'ratio', type: 'double' },
  ],
});

describe('JSON integers past 2^53', () => {
  it('JSONL and JSON: long and string columns keep every digit; other columns and small numbers are unchanged', async () => {
    const lines = [
      '{"id": 1234567890123456789, "a": {"b": [0, -9223372036854775808]}, "small": 7, "ratio": 12345678901234567890}',
      '{"id": 9007199254740993, "a": {"b": [1, 2]}, "small": -3, "ratio": 0.5}',
      '{"id": 42, "a": {"b": [1, 9223372036854775807]}, "small": 9007199254740991, "ratio": 1}',
    ].join('\n');
    const expected = [
      [1234567890123456789n, '1234567890123456789', -9223372036854775808n, 7, 12345678901234567000],
      [9007199254740993n, '9007199254740993', 2, -3, 0.5],
      [42, '42', 9223372036854775807n, 9007199254740991, 1],
    ];
    for (const type of ['jsonl', 'json'] as const) {
      for (const chunk of [0, 7]) {
        const { rows, rejects } = await parseAll({ ...COLUMNS, type }, lines, chunk);
        expect(rejects, `${type} ${chunk}`).to.deep.equal([]);
        expect(rows, `${type} ${chunk}`).to.deep.equal(expected);
      }
    }
  });

  it('inside arrays: flattened whole, streamed element by element, and under a root', async () => {
    const array = '[{"id": 1234567890123456789}, {"id": 5}, {"id": -1234567890123456789}]';
    const ids = [[1234567890123456789n], [5], [-1234567890123456789n]];
    const options = jsonOptions({ flatten_json_array: true, columns: [{ name: 'id', type: 'long' }] });
    expect((await parseAll(options, array, 0)).rows).to.deep.equal(ids);
    expect((await parseAll(options, array, 5)).rows).to.deep.equal(ids);
    expect((await parseAll({ ...options, root: '/Records' }, `{"Version": 1, "Records": ${array}}`, 3)).rows).to.deep.equal(ids);
    expect((await parseAll({ ...options, type: 'jsonl' }, array, 0)).rows).to.deep.equal(ids);
  });

  it('an integer past the int64 range is rejected for a long column, naming it; a string column keeps it', async () => {
    const text = '{"id": 92233720368547758070}';
    const asLong = await parseAll(jsonOptions({ type: 'jsonl', columns: [{ name: 'id', type: 'long' }] }), text, 0);
    expect(asLong.rows).to.deep.equal([]);
    expect(asLong.rejects[0]!.reason).to.contain("column 'id' (long)");
    const asString = await parseAll(jsonOptions({ type: 'jsonl', columns: [{ name: 'id', type: 'string' }] }), text, 0);
    expect(asString.rows).to.deep.equal([['92233720368547758070']]);
  });

  it('parseJsonPrecise builds what JSON.parse builds, but exact integers', () => {
    const text = ' {"a": [1, -2.5e3, "x\\"y\\u00e9", true, false, null, {}], "a": {"__proto__": 1}, "big": -18446744073709551616, "f": 1.0e2} ';
    const precise = parseJsonPrecise(text) as Record<string, unknown>;
    const plain = JSON.parse(text) as Record<string, unknown>;
    expect(precise['a']).to.deep.equal(plain['a']);
    expect(Object.getPrototypeOf(precise['a'])).to.equal(Object.prototype);
    expect(Object.keys(precise['a'] as object)).to.deep.equal(['__proto__']);
    expect(precise['big']).to.equal(-18446744073709551616n);
    expect(precise['f']).to.equal(100);
    expect(parseJsonPrecise('[[], [[]], ""]')).to.deep.equal([[], [[]], '']);
  });
});
