import { expect } from 'chai';
import { isImportError, type ErrorCode } from '../domain/errors.js';
import type { ConfigDiff } from '../domain/model/source-options.js';
import type { StateStore } from '../ports/state-store.js';

/** What a catalog contract suite needs from an adapter: a fresh, empty store and a way to dispose of it. */
export interface CatalogFixture<T> {
  readonly store: T;
  cleanup(): Promise<void>;
}

/** Awaits `promise` and asserts it rejected with an ImportError of `code`; returns the error. */
export async function expectImportError(promise: Promise<unknown>, code: ErrorCode): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    expect(isImportError(error), `expected an ImportError ${code}, got ${String(error)}`).to.equal(true);
    if (isImportError(error)) expect(error.code).to.equal(code);
    return error as Error;
  }
  expect.fail(`expected an ImportError ${code}, but the call succeeded`);
}

const diff = (lastPath: string): ConfigDiff => ({ in: { last_path: lastPath }, out: {} });

/**
 * The behaviour every StateStore must show: versioned compare-and-set per source.
 * `describeStateStoreContract('my store', async () => ({ store, cleanup }))`.
 */
export function describeStateStoreContract(name: string, makeFixture: () => Promise<CatalogFixture<StateStore>>): void {
  describe(`StateStore contract: ${name}`, function () {
    let fx: CatalogFixture<StateStore>;
    beforeEach(async () => {
      fx = await makeFixture();
    });
    afterEach(async () => {
      await fx.cleanup();
    });

    it('has no state for a new source', async () => {
      expect(await fx.store.get('never-seen')).to.equal(undefined);
    });

    it('saves the first state with expected version 0 and returns version 1', async () => {
      const version = await fx.store.put('s1', diff('logs/a.csv'), 0);
      expect(version).to.equal(1);
      const state = await fx.store.get('s1');
      expect(state?.version).to.equal(1);
      expect(state?.configDiff).to.deep.equal(diff('logs/a.csv'));
      expect(state?.updatedAt).to.be.instanceOf(Date);
    });

    it('keeps last_modified_time and last_path together', async () => {
      const both: ConfigDiff = { in: { last_path: 'a/b.csv', last_modified_time: '2024-05-01T00:00:00.000Z' }, out: {} };
      await fx.store.put('s1', both, 0);
      expect((await fx.store.get('s1'))?.configDiff).to.deep.equal(both);
    });

    it('advances the version by one on each put with the current version', async () => {
      await fx.store.put('s1', diff('a'), 0);
      expect(await fx.store.put('s1', diff('b'), 1)).to.equal(2);
      expect(await fx.store.put('s1', diff('c'), 2)).to.equal(3);
      expect((await fx.store.get('s1'))?.configDiff).to.deep.equal(diff('c'));
    });

    it('rejects a stale expected version with STATE_CONFLICT and keeps the newer state', async () => {
      await fx.store.put('s1', diff('a'), 0);
      await fx.store.put('s1', diff('b'), 1);
      await expectImportError(fx.store.put('s1', diff('stale'), 1), 'STATE_CONFLICT');
      await expectImportError(fx.store.put('s1', diff('stale'), 0), 'STATE_CONFLICT');
      const state = await fx.store.get('s1');
      expect(state?.version).to.equal(2);
      expect(state?.configDiff).to.deep.equal(diff('b'));
    });

    it('rejects a version from the future for a source without state', async () => {
      await expectImportError(fx.store.put('s1', diff('a'), 3), 'STATE_CONFLICT');
      expect(await fx.store.get('s1')).to.equal(undefined);
    });

    it('lets exactly one of two racing writers with the same expected version win', async () => {
      await fx.store.put('s1', diff('base'), 0);
      const results = await Promise.allSettled([fx.store.put('s1', diff('left'), 1), fx.store.put('s1', diff('right'), 1)]);
      expect(results.filter((r) => r.status === 'fulfilled')).to.have.length(1);
      const failed = results.find((r) => r.status === 'rejected');
      expect(isImportError(failed?.reason) && failed.reason.code).to.equal('STATE_CONFLICT');
      expect((await fx.store.get('s1'))?.version).to.equal(2);
    });

    it('keeps sources apart', async () => {
      await fx.store.put('s1', diff('one'), 0);
      await fx.store.put('s2', diff('two'), 0);
      expect((await fx.store.get('s1'))?.configDiff).to.deep.equal(diff('one'));
      expect((await fx.store.get('s2'))?.configDiff).to.deep.equal(diff('two'));
    });

    it('forgets a deleted source, which then starts again from version 0', async () => {
      await fx.store.put('s1', diff('a'), 0);
      await fx.store.delete('s1');
      await fx.store.delete('s1');
      expect(await fx.store.get('s1')).to.equal(undefined);
      expect(await fx.store.put('s1', diff('again'), 0)).to.equal(1);
    });

    it('is not affected by changes to a returned or given object', async () => {
      const given = { in: { last_path: 'a' }, out: {} };
      await fx.store.put('s1', given, 0);
      given.in.last_path = 'mutated';
      const got = await fx.store.get('s1');
      (got?.configDiff.in as { last_path?: string }).last_path = 'mutated too';
      expect((await fx.store.get('s1'))?.configDiff).to.deep.equal(diff('a'));
    });
  });
}
