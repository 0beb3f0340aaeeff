import { expect } from 'chai';
import { batchFromRows } from '../../../src/domain/model/record-batch.js';
import { chain, col, expectConfigError, filterRows, run, UPLOAD_TIME } from './batch-helpers.js';

describe('add_time filter', () => {
  it('appends the upload time as a timestamp column by default', () => {
    const out = filterRows([{ type: 'add_time', to_column: { name: 'time' }, from_value: { mode: 'upload_time' } }], [col('a')], [['x'], ['y']]);
    expect(out.columns).to.deep.equal(['a:string', 'time:timestamp']);
    expect(out.rows).to.deep.equal([
      ['x', UPLOAD_TIME],
      ['y', UPLOAD_TIME],
    ]);
  });

  it('moves an existing column of the target name aside to name_ (then name__)', () => {
    const input = [col('time'), col('time_', 'long'), col('created_at', 'timestamp')];
    const at = new Date('2024-01-02T03:04:05.678Z');
    const out = filterRows([{ type: 'add_time', to_column: { name: 'time', type: 'long' }, from_column: { name: 'created_at' } }], input, [['t', 1, at]]);
    expect(out.columns).to.deep.equal(['time__:string', 'time_:long', 'created_at:timestamp', 'time:long']);
    expect(out.rows).to.deep.equal([['t', 1, at, 1704164645]]);
  });

  it('reads long columns in unix_timestamp_unit and strings in timestamp_format; writes long in unit', () => {
    const input = [col('ms', 'long'), col('text')];
    const ms = filterRows([{ type: 'add_time', to_column: { name: 't', type: 'long', unit: 'nano' }, from_column: { name: 'ms', unix_timestamp_unit: 'milli' } }], input, [[1704164645678, 'x'], [null, 'y']]);
    expect(ms.rows.map((r) => r[2])).to.deep.equal([1704164645678000000n, null]);
    const text = filterRows(
      [{ type: 'add_time', to_column: { name: 't', type: 'long', unit: 'milli' }, from_column: { name: 'text', timestamp_format: '%d/%m/%Y %H:%M', timezone: 'Asia/Tokyo' } }],
      input,
      [[0, '02/01/2024 09:00'], [0, 'garbage']],
    );
    expect(text.rows.map((r) => r[2])).to.deep.equal([Date.UTC(2024, 0, 2, 0, 0), null]);
  });

  it('fixed_time parses value with the default format "%Y-%m-%d %H:%M:%S %z"; numbers are unix seconds', () => {
    const fixed = filterRows([{ type: 'add_time', to_column: { name: 't' }, from_value: { mode: 'fixed_time', value: '2016-01-01 00:00:00 +0900' } }], [col('a')], [['x']]);
    expect(fixed.rows).to.deep.equal([['x', new Date('2015-12-31T15:00:00Z')]]);
    const numeric = filterRows([{ type: 'add_time', to_column: { name: 't', type: 'long' }, from_value: { value: 1451606400 } }], [col('a')], [['x']]);
    expect(numeric.rows).to.deep.equal([['x', 1451606400]]);
  });

  it('incremental_time counts one second per record from "from" to "to" inclusive, then wraps, across batches', () => {
    const filters = chain([{ type: 'add_time', to_column: { name: 't', type: 'long' }, from_value: { mode: 'incremental_time', from: 100, to: 102 } }], [col('a')]);
    const first = run(filters, batchFromRows([col('a')], [['1'], ['2']]));
    const second = run(filters, batchFromRows([col('a')], [['3'], ['4'], ['5']]));
    expect([...first.vectors[1]!, ...second.vectors[1]!]).to.deep.equal([100, 101, 102, 100, 101]);
  });

  it('rejects both or neither source, a missing value, an unparsable value and an unreadable column type', () => {
    const input = [col('a'), col('flag', 'boolean')];
    expectConfigError(() => chain([{ type: 'add_time', to_column: { name: 't' } }], input), 'filters[0]', /exactly one of from_column .* or from_value/);
    expectConfigError(() => chain([{ type: 'add_time', to_column: { name: 't' }, from_value: { mode: 'fixed_time' } }], input), 'filters[0].from_value.value', /required/);
    expectConfigError(() => chain([{ type: 'add_time', to_column: { name: 't' }, from_value: { value: 'yesterday' } }], input), 'filters[0].from_value.value', /does not match timestamp_format/);
    expectConfigError(() => chain([{ type: 'add_time', to_column: { name: 't' }, from_column: { name: 'flag' } }], input), 'filters[0].from_column.name', /is boolean/);
    expectConfigError(() => chain([{ type: 'add_time', to_column: { name: 't' }, from_value: { mode: 'incremental_time', from: 5, to: 1 } }], input), 'filters[0].from_value.to', /before from/);
  });
});
