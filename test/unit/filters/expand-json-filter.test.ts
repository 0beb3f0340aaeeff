import { expect } from 'chai';
import { isImportError } from '../../../src/domain/errors.js';
import { batchFromRows } from '../../../src/domain/model/record-batch.js';
import { chain, col, expectConfigError, filterRows, run } from './batch-helpers.js';

const input = [col('id', 'long'), col('payload', 'json'), col('tail')];
const doc = { user: { id: '42', name: 'Ann' }, items: [{ name: 'pen', tags: ['a'] }], ts: '2024-03-01', ok: true };

describe('expand_json filter', () => {
  it('inserts typed columns where the json column was, reading JSONPath names', () => {
    const out = filterRows(
      [
        {
          type: 'expand_json',
          json_column_name: 'payload',
          expanded_columns: [
            { name: 'user.id', type: 'long' },
            { name: 'items[0].name', type: 'string' },
            { name: 'items[0]', type: 'string' },
            { name: 'ts', type: 'timestamp', format: '%Y-%m-%d', timezone: 'Asia/Tokyo' },
            { name: 'ok', type: 'boolean' },
            { name: 'missing.deep', type: 'double' },
          ],
        },
      ],
      input,
      [[1, doc, 't']],
    );
    expect(out.columns).to.deep.equal(['id:long', 'user.id:long', 'items[0].name:string', 'items[0]:string', 'ts:timestamp', 'ok:boolean', 'missing.deep:double', 'tail:string']);
    expect(out.rows).to.deep.equal([[1, 42, 'pen', '{"name":"pen","tags":["a"]}', new Date('2024-02-29T15:00:00Z'), true, null, 't']]);
  });

  it('reads a string column holding JSON text and keeps the json column when asked', () => {
    const out = filterRows(
      [{ type: 'expand_json', json_column_name: 'raw', keep_expanding_json_column: true, expanded_columns: [{ name: 'a', type: 'json' }] }],
      [col('raw')],
      [['{"a":{"b":[1,2]}}'], [null]],
    );
    expect(out.columns).to.deep.equal(['raw:string', 'a:json']);
    expect(out.rows).to.deep.equal([
      ['{"a":{"b":[1,2]}}', { b: [1, 2] }],
      [null, null],
    ]);
  });

  it('converts text with the parser rules: Embulk booleans, 64-bit longs, NULL for what does not convert', () => {
    const out = filterRows(
      [{ type: 'expand_json', json_column_name: 'j', expanded_columns: [{ name: 'b', type: 'boolean' }, { name: 'n', type: 'long' }, { name: 'd', type: 'double' }] }],
      [col('j', 'json')],
      [[{ b: 'yes', n: '9007199254740993', d: '1e3' }], [{ b: 'off', n: 1.5, d: 'x' }], [{ b: 'maybe', n: '99999999999999999999', d: 2 }]],
    );
    expect(out.rows).to.deep.equal([
      [true, 9007199254740993n, 1000],
      [false, null, null],
      [null, null, 2],
    ]);
  });

  it('honours root and quoted keys', () => {
    const out = filterRows(
      [{ type: 'expand_json', json_column_name: 'payload', root: '$.user.', expanded_columns: [{ name: 'name', type: 'string' }] }],
      input,
      [[1, doc, 't']],
    );
    expect(out.rows).to.deep.equal([[1, 'Ann', 't']]);
    const quoted = filterRows([{ type: 'expand_json', json_column_name: 'j', expanded_columns: [{ name: "['a.b']", type: 'long' }] }], [col('j', 'json')], [[{ 'a.b': 5 }]]);
    expect(quoted.rows).to.deep.equal([[5]]);
  });

  it('loads NULL for text that is not JSON or values of the wrong type, or fails with stop_on_invalid_record', () => {
    const spec = { type: 'expand_json', json_column_name: 'raw', expanded_columns: [{ name: 'n', type: 'long' }] };
    expect(filterRows([spec], [col('raw')], [['{"n": "x"}'], ['not json'], ['{"n": 3}']]).rows).to.deep.equal([[null], [null], [3]]);
    const strict = chain([{ ...spec, stop_on_invalid_record: true }], [col('raw')]);
    try {
      run(strict, batchFromRows([col('raw')], [['not json']]));
      expect.fail('expected an error');
    } catch (error) {
      expect(isImportError(error) && error.code).to.equal('DATA_INVALID_RECORD');
      expect((error as Error).message).to.match(/"not json" is not JSON.*stop_on_invalid_record/);
    }
  });

  it('rejects an unknown json column, a non-json column, an unsupported path and a name clash', () => {
    expectConfigError(() => chain([{ type: 'expand_json', json_column_name: 'pay', expanded_columns: [] }], input), 'filters[0].json_column_name', /'pay' does not exist/);
    expectConfigError(() => chain([{ type: 'expand_json', json_column_name: 'id', expanded_columns: [] }], input), 'filters[0].json_column_name', /is long/);
    expectConfigError(() => chain([{ type: 'expand_json', json_column_name: 'payload', expanded_columns: [{ name: 'a.*', type: 'string' }] }], input), 'filters[0].expanded_columns[0].name', /wildcards/);
    expectConfigError(() => chain([{ type: 'expand_json', json_column_name: 'payload', expanded_columns: [{ name: 'tail', type: 'string' }] }], input), 'filters[0].expanded_columns', /two columns named 'tail'/);
  });
});
