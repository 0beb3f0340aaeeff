import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { LocalFsObjectStore } from '../../../src/adapters/local-fs/local-fs-object-store.js';

/**
 * Small files are read with blocking calls on the main thread (no stream round trips). A folder of them must still
 * let timers, signals and progress run: the store gives the event loop a turn while it works.
 */
describe('LocalFsObjectStore blocking reads of small files', () => {
  let root: string;
  before(async () => {
    root = await mkdtemp(path.join(tmpdir(), 's3-import-fs-turns-'));
    for (let i = 0; i < 50; i++) await writeFile(path.join(root, `f${String(i).padStart(3, '0')}.csv`), `id\n${i}\n`.repeat(100));
  });
  after(() => rm(root, { recursive: true, force: true }));

  it('a timer fires while a long run of small-file reads goes on', async () => {
    const store = new LocalFsObjectStore(root);
    const keys: string[] = [];
    for await (const info of store.list('')) keys.push(info.key);
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    try {
      const started = performance.now();
      let files = 0;
      // Only awaits on the store: without its turns, nothing but microtasks would run until the loop ends.
      while (performance.now() - started < 300) {
        for (const key of keys) {
          for await (const chunk of store.read(key)) expect(chunk.length).to.be.above(0);
          files++;
        }
      }
      expect(files).to.be.above(50);
      expect(ticks, 'timer callbacks during 300 ms of reads').to.be.at.least(5);
    } finally {
      clearInterval(timer);
    }
  });

  it('reads a file above the small-file size through a stream, whole and by range', async () => {
    const body = Buffer.from('0123456789'.repeat(300_000));
    await writeFile(path.join(root, 'big.bin'), body);
    const store = new LocalFsObjectStore(root, { smallReadBytes: 1024 });
    const chunks: Buffer[] = [];
    for await (const chunk of store.read('big.bin')) chunks.push(Buffer.from(chunk));
    expect(chunks.length, 'several stream chunks').to.be.above(10);
    // Chunks of 64 KiB: each decodes to one string, and larger strings land in V8's large-object space (peak RSS
    // +150 MB on a large CSV with 1 MiB chunks).
    expect(Math.max(...chunks.map((c) => c.length))).to.equal(64 * 1024);
    expect(Buffer.concat(chunks).equals(body)).to.equal(true);
    const part: Buffer[] = [];
    for await (const chunk of store.read('big.bin', { range: { start: 5, end: 2_000_004 } })) part.push(Buffer.from(chunk));
    expect(Buffer.concat(part).equals(body.subarray(5, 2_000_005))).to.equal(true);
  });
});
