import { expect } from 'chai';
import { createFilters } from '../../../src/domain/filters/create-filters.js';
import type { RecordFilter } from '../../../src/domain/filters/record-filter.js';
import { isImportError } from '../../../src/domain/errors.js';
import type { FilterSpec } from '../../../src/domain/model/import-config.js';
import { batchFromRows, batchRows, type Column, type RecordBatch, type Value } from '../../../src/domain/model/record-batch.js';
import { nodeCryptoHash } from '../../../src/adapters/node-crypto-hash.js';

export const UPLOAD_TIME = new Date('2024-05-01T12:00:00Z');

export function chain(specs: readonly FilterSpec[], input: readonly Column[]): RecordFilter[] {
  return createFilters(specs, input, { uploadTime: UPLOAD_TIME, hash: nodeCryptoHash });
}

export function run(filters: readonly RecordFilter[], batch: RecordBatch): RecordBatch {
  return filters.reduce((b, f) => f.apply(b), batch);
}

/** Runs specs over rows and returns the output columns as "name:type" and the rows. */
export function filterRows(specs: readonly FilterSpec[], columns: readonly Column[], rows: readonly (readonly Value[])[]): { columns: string[]; rows: Value[][] } {
  const out = run(chain(specs, columns), batchFromRows(columns, rows));
  return { columns: out.columns.map((c) => `${c.name}:${c.type}`), rows: batchRows(out) };
}

/** Asserts that building the chain fails with a config error whose key and message match. */
export function expectConfigError(build: () => unknown, key: string, message: RegExp): void {
  try {
    build();
  } catch (error) {
    expect(isImportError(error), String(error)).to.equal(true);
    if (!isImportError(error)) return;
    expect(error.code).to.equal('CONFIG_INVALID');
    expect(error.details['key']).to.equal(key);
    expect(error.message).to.match(message);
    return;
  }
  expect.fail(`expected a config error at ${key}`);
}

export const col = (name: string, type: Column['type'] = 'string'): Column => ({ name, type });
