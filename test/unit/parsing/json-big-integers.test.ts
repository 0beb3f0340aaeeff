import { expect } from 'chai';
import { parseJsonPrecise, stringifyJson } from '../../../src/domain/model/json-text.js';
import { packBatch, unpackedBatch } from '../../../src/domain/model/packed-batch.js';
import type { JsonValue } from '../../../src/domain/model/record-batch.js';
import { castJsonValue } from '../../../src/domain/filters/json-value-cast.js';
import { digestText } from '../../../src/domain/filters/digest-filter.js';
import { parseJson } from '../../../src/domain/parsing/value-converters.js';
import { displayValue } from '../../../src/cli/output/json-values.js';
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

describe('JSON integers past 2^53 inside json values', () => {
  it('stay exact in the record column and in json columns, and in their JSON text', async () => {
    const text = '{"id": 1234567890123456789, "tags": [1, 9007199254740993], "note": "12345678901234567890 in a string"}\n{"id": 1}';
    const whole = await parseAll(jsonOptions({ type: 'jsonl' }), text, 0);
    expect(whole.rows[0]![0]).to.deep.equal({ id: 1234567890123456789n, tags: [1, 9007199254740993n], note: '12345678901234567890 in a string' });
    expect(whole.rows[1]![0]).to.deep.equal({ id: 1 });
    expect(stringifyJson(whole.rows[0]![0] as JsonValue)).to.equal('{"id":1234567890123456789,"tags":[1,9007199254740993],"note":"12345678901234567890 in a string"}');
    const typed = await parseAll(jsonOptions({ type: 'jsonl', columns: [{ name: 'tags', type: 'json' }, { name: 'id', type: 'string' }] }), text, 0);
    expect(typed.rows[0]).to.deep.equal([[1, 9007199254740993n], '1234567890123456789']);
  });

  it('survive packing (the text DuckDB stores), a CSV json cell, expand_json, digest and display', () => {
    const value: JsonValue = { id: -1234567890123456789n, list: [9007199254740993n, 'x'] };
    const packed = packBatch({ columns: [{ name: 'j', type: 'json' }], vectors: [[value]], length: 1 });
    expect(unpackedBatch(structuredClone(packed)).vectors[0]![0]).to.deep.equal(value);
    expect(parseJson('{"id": 1234567890123456789}')).to.deep.equal({ id: 1234567890123456789n });
    expect(castJsonValue(1234567890123456789n, 'long')).to.equal(1234567890123456789n);
    expect(castJsonValue(value, 'string')).to.equal('{"id":-1234567890123456789,"list":[9007199254740993,"x"]}');
    expect(digestText(value)).to.equal('{"id":-1234567890123456789,"list":[9007199254740993,"x"]}');
    expect(displayValue(value)).to.equal('{"id":-1234567890123456789,"list":[9007199254740993,"x"]}');
    // Without bigints it is JSON.stringify; with them, the same text but digits (escapes, nesting, empty values).
    const mixed = { s: 'q"\u0000é', e: [], o: {}, n: null, b: true, f: 1.5, big: 5n, deep: [[{ x: 2n ** 70n }]] };
    expect(stringifyJson(mixed)).to.equal(JSON.stringify({ ...mixed, big: 0, deep: [[{ x: 0 }]] }).replace('"big":0', '"big":5').replace('"x":0', `"x":${2n ** 70n}`));
  });
});
