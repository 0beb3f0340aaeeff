import { expect } from 'chai';
import { InMemoryObjectStore } from '../../../src/adapters/in-memory/in-memory-object-store.js';
import { isImportError } from '../../../src/domain/errors.js';
import { FileSelector, groupTasks, ledgerKey } from '../../../src/domain/file-selector.js';
import { IncrementalState } from '../../../src/domain/incremental-state.js';
import { compareKeys } from '../../../src/domain/key-order.js';
import { SELECTION_DEFAULTS } from '../../support/selection-defaults.js';

const defaults = SELECTION_DEFAULTS;

const fixedClock = (iso: string) => ({ now: () => new Date(iso) });

describe('FileSelector', () => {
  it("selects exactly the two -16 files of the seed's CloudFront example, then nothing, then only a new key", async () => {
    const store = new InMemoryObjectStore();
    for (const k of ['E231A697YXWD39.2017-04-23-15.a103fd5a.gz', 'E231A697YXWD39.2017-04-23-15.b2aede4a.gz', 'E231A697YXWD39.2017-04-23-16.594fa8e6.gz', 'E231A697YXWD39.2017-04-23-16.d12f42f9.gz']) {
      store.put(`logging/${k}`, 'x');
    }
    store.put('logging/readme.txt', 'not a log');
    const selector = new FileSelector(store, fixedClock('2024-01-01T00:00:00Z'));
    const options = { ...defaults, path_prefix: 'logging/', path_match_pattern: '.gz$', last_path: 'logging/E231A697YXWD39.2017-04-23-15.b2aede4a.gz' };
    const first = await selector.select(options);
    expect(first.files.map((f) => f.key)).to.deep.equal(['logging/E231A697YXWD39.2017-04-23-16.594fa8e6.gz', 'logging/E231A697YXWD39.2017-04-23-16.d12f42f9.gz']);
    const state = new IncrementalState();
    const diff = state.next(options, first);
    expect(diff).to.deep.equal({ in: { last_path: 'logging/E231A697YXWD39.2017-04-23-16.d12f42f9.gz' }, out: {} });

    const second = await selector.select(state.apply(options, diff));
    expect(second.files).to.have.length(0);
    expect(state.next(state.apply(options, diff), second)).to.deep.equal(diff);

    store.put('logging/E231A697YXWD39.2017-04-23-17.00000000.gz', 'new');
    const third = await selector.select(state.apply(options, diff));
    expect(third.files.map((f) => f.key)).to.deep.equal(['logging/E231A697YXWD39.2017-04-23-17.00000000.gz']);
  });

  it('an incremental run with nothing new makes one listing request', async () => {
    const store = new InMemoryObjectStore();
    for (let i = 0; i < 1000; i++) store.put(`k/${String(i).padStart(5, '0')}.csv`, 'x');
    const selection = await new FileSelector(store, fixedClock('2024-01-01T00:00:00Z')).select({ ...defaults, path_prefix: 'k/', last_path: 'k/00999.csv' });
    expect(selection.files).to.have.length(0);
    expect(store.listCalls).to.equal(1);
  });

  it('drops zero-byte objects and folder placeholders', async () => {
    const store = new InMemoryObjectStore();
    store.put('d/', '');
    store.put('d/empty.csv', '');
    store.put('d/full.csv', 'a');
    const s = await new FileSelector(store, fixedClock('2024-01-01T00:00:00Z')).select({ ...defaults, path_prefix: 'd/' });
    expect(s.files.map((f) => f.key)).to.deep.equal(['d/full.csv']);
  });

  it('compares keys in UTF-8 byte order, not UTF-16 order', () => {
    // U+FF5E (3 UTF-8 bytes, EF BD 9E) sorts before U+1F600 (4 bytes, F0 ...) in S3; UTF-16 order says the reverse.
    expect(compareKeys('\uFF5E', '\u{1F600}')).to.be.below(0);
    expect('\uFF5E' < '\u{1F600}').to.equal(false);
  });

  it('a Glacier object fails with the option name, or is skipped with a warning when set', async () => {
    const store = new InMemoryObjectStore();
    store.put('g/a.csv', 'a');
    store.put('g/b.csv', 'b', { storageClass: 'GLACIER' });
    store.put('g/c.csv', 'c', { storageClass: 'GLACIER_IR' });
    const selector = new FileSelector(store, fixedClock('2024-01-01T00:00:00Z'));
    let error: unknown;
    try {
      await selector.select({ ...defaults, path_prefix: 'g/' });
    } catch (e) {
      error = e;
    }
    expect(isImportError(error) && error.code).to.equal('STORAGE_GLACIER');
    expect(String((error as Error).message)).to.contain('skip_glacier_objects: true');
    const skipped = await selector.select({ ...defaults, path_prefix: 'g/', skip_glacier_objects: true });
    expect(skipped.files.map((f) => f.key)).to.deep.equal(['g/a.csv', 'g/c.csv']);
    expect(skipped.warnings.join('\n')).to.contain('g/b.csv');
    expect(skipped.lastMatchedKey).to.equal('g/c.csv');
  });

  it('time mode keeps [last_modified_time, listing start) and moves the window without gaps or overlaps', async () => {
    const store = new InMemoryObjectStore();
    store.put('t/old.csv', 'x', { lastModified: new Date('2024-01-01T00:00:00Z') });
    store.put('t/edge.csv', 'x', { lastModified: new Date('2024-01-02T00:00:00.000Z') });
    store.put('t/new.csv', 'x', { lastModified: new Date('2024-01-02T12:00:00Z') });
    const options = { ...defaults, path_prefix: 't/', use_modified_time: true, incremental_strategy: 'time' as const, last_modified_time: '2024-01-02T00:00:00.000Z' };
    const first = await new FileSelector(store, fixedClock('2024-01-03T00:00:00.000Z')).select(options);
    expect(first.files.map((f) => f.key)).to.deep.equal(['t/edge.csv', 't/new.csv']);
    const state = new IncrementalState();
    const diff = state.next(options, first);
    expect(diff.in.last_modified_time).to.equal('2024-01-03T00:00:00.000Z');
    store.put('t/later.csv', 'x', { lastModified: new Date('2024-01-03T00:00:00.000Z') });
    store.put('t/future.csv', 'x', { lastModified: new Date('2024-01-04T00:00:00.000Z') });
    const second = await new FileSelector(store, fixedClock('2024-01-04T00:00:00.000Z')).select(state.apply(options, diff));
    expect(second.files.map((f) => f.key)).to.deep.equal(['t/later.csv']);
  });

  it('min_object_age_seconds leaves objects still being written for the next run', async () => {
    const store = new InMemoryObjectStore();
    store.put('a/settled.csv', 'x', { lastModified: new Date('2024-01-01T00:00:00Z') });
    store.put('a/fresh.csv', 'x', { lastModified: new Date('2024-01-01T00:59:30Z') });
    const options = { ...defaults, path_prefix: 'a/', use_modified_time: true, incremental_strategy: 'time' as const, min_object_age_seconds: 60 };
    const s = await new FileSelector(store, fixedClock('2024-01-01T01:00:00Z')).select(options);
    expect(s.files.map((f) => f.key)).to.deep.equal(['a/settled.csv']);
    expect(new IncrementalState().next(options, s).in.last_modified_time).to.equal('2024-01-01T00:59:00.000Z');
  });

  it('a catastrophic-backtracking pattern against a long key returns promptly (linear-time engine)', async () => {
    const store = new InMemoryObjectStore();
    store.put('r/' + 'a'.repeat(20_000) + 'b', 'x');
    const s = await new FileSelector(store, fixedClock('2024-01-01T00:00:00Z')).select({ ...defaults, path_prefix: 'r/', path_match_pattern: '(a+)+$' });
    expect(s.files).to.have.length(0);
  });

  it('an invalid pattern is a config error naming the key', async () => {
    const store = new InMemoryObjectStore();
    store.put('r/x', 'x');
    let error: unknown;
    try {
      await new FileSelector(store, fixedClock('2024-01-01T00:00:00Z')).select({ ...defaults, path_prefix: 'r/', path_match_pattern: '(unclosed' });
    } catch (e) {
      error = e;
    }
    expect(isImportError(error) && error.exitCode).to.equal(2);
    expect((error as Error).message).to.contain('in.path_match_pattern');
  });

  it('path_match_pattern is a substring search', async () => {
    const store = new InMemoryObjectStore();
    store.put('p/data1/a.csv', 'x');
    store.put('p/data2/b.csv', 'x');
    store.put('p/archive/c.csv', 'x');
    const s = await new FileSelector(store, fixedClock('2024-01-01T00:00:00Z')).select({ ...defaults, path_prefix: 'p/', path_match_pattern: '/data1/|/data2/' });
    expect(s.files.map((f) => f.key)).to.deep.equal(['p/data1/a.csv', 'p/data2/b.csv']);
  });

  it('total_file_count_limit loads a bucket in batches', async () => {
    const store = new InMemoryObjectStore();
    for (const k of ['l/1', 'l/2', 'l/3']) store.put(k, 'x');
    const options = { ...defaults, path_prefix: 'l/', total_file_count_limit: 2 };
    const selector = new FileSelector(store, fixedClock('2024-01-01T00:00:00Z'));
    const state = new IncrementalState();
    const first = await selector.select(options);
    expect(first.files.map((f) => f.key)).to.deep.equal(['l/1', 'l/2']);
    const second = await selector.select(state.apply(options, state.next(options, first)));
    expect(second.files.map((f) => f.key)).to.deep.equal(['l/3']);
  });

  it('warns about a leading "/" and about path_prefix "/"', async () => {
    const store = new InMemoryObjectStore();
    const selector = new FileSelector(store, fixedClock('2024-01-01T00:00:00Z'));
    expect((await selector.select({ ...defaults, path_prefix: '/' })).warnings.join()).to.contain('path_prefix: ""');
    expect((await selector.select({ ...defaults, path_prefix: '/logs/' })).warnings.join()).to.contain('remove the leading "/"');
  });

  it('ledger mode selects a late key that sorts before last_path, and an overwritten file, exactly once', async () => {
    const store = new InMemoryObjectStore();
    store.put('j/b.csv', 'b');
    store.put('j/c.csv', 'c');
    const loaded = new Set<string>();
    const filter = async () => loaded;
    const options = { ...defaults, path_prefix: 'j/', incremental_strategy: 'ledger' as const, last_path: 'j/c.csv' };
    const selector = new FileSelector(store, fixedClock('2024-01-01T00:00:00Z'));
    const first = await selector.select(options, filter);
    expect(first.files.map((f) => f.key)).to.deep.equal(['j/b.csv', 'j/c.csv']);
    for (const f of first.files) loaded.add(ledgerKey(f));
    store.put('j/a.csv', 'late');
    store.put('j/c.csv', 'c, overwritten');
    const second = await selector.select(options, filter);
    expect(second.files.map((f) => f.key)).to.deep.equal(['j/a.csv', 'j/c.csv']);
    for (const f of second.files) loaded.add(ledgerKey(f));
    expect((await selector.select(options, filter)).files).to.have.length(0);
  });

  it('groups files into tasks by min_task_size', () => {
    const f = (key: string, size: number) => ({ key, size, lastModified: new Date() });
    expect(groupTasks([f('a', 10), f('b', 10), f('c', 30), f('d', 1)], 20).map((t) => t.map((x) => x.key))).to.deep.equal([['a', 'b'], ['c'], ['d']]);
    expect(groupTasks([f('a', 10), f('b', 10)], 0)).to.have.length(2);
  });
});
