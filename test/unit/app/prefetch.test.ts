import { expect } from 'chai';
import { Prefetch } from '../../../src/app/pipeline/prefetch.js';

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** A source of `count` chunks of `size` bytes that records how far it was read and whether it was released. */
function source(count: number, size: number, failAt?: number): { iterable: AsyncIterable<Uint8Array>; pulled: () => number; released: () => boolean } {
  let pulled = 0;
  let released = false;
  const iterable = (async function* () {
    try {
      for (let i = 0; i < count; i++) {
        await turn();
        if (i === failAt) throw new Error('the read broke');
        pulled++;
        yield new Uint8Array(size).fill(i);
      }
    } finally {
      released = true;
    }
  })();
  return { iterable, pulled: () => pulled, released: () => released };
}

describe('Prefetch (read-ahead while the file before is parsed)', () => {
  it('reads ahead up to its byte limit before anyone consumes, then waits', async () => {
    const s = source(100, 1000);
    const ahead = new Prefetch(s.iterable, 10_000);
    for (let i = 0; i < 50; i++) await turn();
    expect(s.pulled()).to.equal(10);
    await ahead.close();
    expect(s.released()).to.equal(true);
  });

  it('hands over every byte in order, reading on as the consumer takes them', async () => {
    const s = source(30, 100);
    const ahead = new Prefetch(s.iterable, 500);
    const seen: number[] = [];
    for await (const chunk of ahead) seen.push(chunk[0]!);
    expect(seen).to.deep.equal(Array.from({ length: 30 }, (_, i) => i));
  });

  it('a read error reaches the consumer after the chunks before it', async () => {
    const s = source(10, 100, 4);
    const ahead = new Prefetch(s.iterable, 10_000);
    const seen: number[] = [];
    let error: unknown;
    try {
      for await (const chunk of ahead) seen.push(chunk[0]!);
    } catch (e) {
      error = e;
    }
    expect(seen).to.deep.equal([0, 1, 2, 3]);
    expect((error as Error).message).to.equal('the read broke');
  });

  it('a consumer that stops early releases the source', async () => {
    const s = source(100, 100);
    const ahead = new Prefetch(s.iterable, 1000);
    for await (const chunk of ahead) if (chunk[0] === 2) break;
    expect(s.released()).to.equal(true);
    const pulled = s.pulled();
    for (let i = 0; i < 20; i++) await turn();
    expect(s.pulled()).to.equal(pulled);
  });
});
