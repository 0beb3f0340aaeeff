import { expect } from 'chai';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { getPriority, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ThreadedTableStore } from '../../../src/adapters/duckdb/warehouse-thread.js';
import { HELPER_THREAD_NICE } from '../../../src/adapters/thread-priority.js';
import { WorkerFileProcessor } from '../../../src/app/pipeline/worker-file-processor.js';
import { csvConfig, generatedCsv } from './worker-fixtures.js';

/** The nice value of every thread of this process (Linux: field 19 of /proc/self/task/<tid>/stat). */
function threadNices(): number[] {
  return readdirSync('/proc/self/task').map((tid) => {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    // The command name may hold spaces and parentheses: fields are counted after its closing parenthesis.
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
  });
}

describe('helper threads run below the main thread (nice +5, Linux)', function () {
  this.timeout(30_000);
  if (process.platform !== 'linux') {
    it(`is Linux-only: on ${process.platform} a thread cannot change its own priority without changing the process's, so helper threads keep the main thread's`, () => {
      expect(process.platform).to.not.equal('linux');
    });
    return;
  }

  it('parse workers run at the main thread\'s nice + 5 while they parse; the main thread keeps its own', async () => {
    const main = getPriority(0);
    const uploadTime = new Date('2024-06-01T00:00:00Z');
    const processor = new WorkerFileProcessor({ workers: 2, config: csvConfig(2), timeColumn: null, uploadTime, decoders: null, charset: 'UTF-8' });
    const bytes = new TextEncoder().encode(generatedCsv(20_000, 1));
    let seen: number[] = [];
    try {
      const counters = { invalidBytes: 0 };
      async function* source(): AsyncIterable<Uint8Array> {
        yield bytes;
      }
      for await (const batch of processor.process(source(), { key: 'a.csv', size: bytes.length, lastModified: uploadTime }, { signal: new AbortController().signal, counters, onReject: () => undefined })) {
        // A worker is alive and parsing while its batches arrive.
        if (seen.length === 0 && batch.length > 0) seen = threadNices();
      }
    } finally {
      await processor.close();
    }
    expect(getPriority(0)).to.equal(main);
    expect(seen.filter((nice) => nice === Math.min(19, main + HELPER_THREAD_NICE)).length, `thread nices: ${seen.join(',')}`).to.be.at.least(1);
  });

  it('the warehouse thread runs at the main thread\'s nice + 5; the main thread keeps its own', async () => {
    const main = getPriority(0);
    const before = threadNices().filter((nice) => nice === Math.min(19, main + HELPER_THREAD_NICE)).length;
    const dir = mkdtempSync(join(tmpdir(), 'thread-priority-'));
    try {
      const store = await ThreadedTableStore.open(join(dir, 'warehouse.duckdb'));
      try {
        await store.listDatabases();
        const lowered = threadNices().filter((nice) => nice === Math.min(19, main + HELPER_THREAD_NICE)).length;
        expect(lowered, `thread nices: ${threadNices().join(',')}`).to.be.greaterThan(before);
      } finally {
        await store.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(getPriority(0)).to.equal(main);
  });
});
