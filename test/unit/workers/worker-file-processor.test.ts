import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { NodeContentCodec } from '../../../src/adapters/codecs/node-content-codec.js';
import { nodeCryptoHash } from '../../../src/adapters/node-crypto-hash.js';
import type { FileProcessor } from '../../../src/app/pipeline/file-processor.js';
import { InThreadFileProcessor } from '../../../src/app/pipeline/in-thread-file-processor.js';
import { planPipeline } from '../../../src/app/pipeline/pipeline-plan.js';
import { WorkerFileProcessor } from '../../../src/app/pipeline/worker-file-processor.js';
import { ImportError, isImportError } from '../../../src/domain/errors.js';
import type { RecordBatch } from '../../../src/domain/model/record-batch.js';
import type { RejectedRecord } from '../../../src/domain/model/rejected-record.js';
import { csvConfig, generatedCsv } from './worker-fixtures.js';

const config = csvConfig(2);
const uploadTime = new Date('2024-06-01T00:00:00Z');
const file = (key: string, size = 1) => ({ key, size, lastModified: uploadTime });
const text = { decoders: null, charset: 'UTF-8' } as const;

function workers(options: { chunkCredits?: number; batchCredits?: number } = {}): WorkerFileProcessor {
  return new WorkerFileProcessor({ workers: 2, config, timeColumn: null, uploadTime, ...text, ...options });
}

async function* chunked(bytes: Uint8Array, size = 64 * 1024, seen?: { pulled: number; closed: boolean }): AsyncIterable<Uint8Array> {
  try {
    for (let at = 0; at < bytes.length; at += size) {
      if (seen) seen.pulled++;
      yield bytes.subarray(at, at + size);
    }
  } finally {
    if (seen) seen.closed = true;
  }
}

async function collect(processor: FileProcessor, bytes: Uint8Array, key: string, signal = new AbortController().signal) {
  const batches: RecordBatch[] = [];
  const rejects: RejectedRecord[] = [];
  const counters = { invalidBytes: 0 };
  // Plain batches: a worker's batch also carries its packed buffers (how it crossed the thread), which is not content.
  for await (const batch of processor.process(chunked(bytes), file(key), { signal, counters, onReject: (r) => rejects.push(r) })) {
    batches.push({ columns: batch.columns, vectors: batch.vectors, length: batch.length });
  }
  return { batches, rejects, invalidBytes: counters.invalidBytes };
}

async function failure(run: Promise<unknown>): Promise<ImportError> {
  try {
    await run;
  } catch (error) {
    if (isImportError(error)) return error;
    throw error;
  }
  throw new Error('expected a failure');
}

/** Waits until `read()` stops changing (the pipeline stalled on its credits). */
async function settled(read: () => number): Promise<number> {
  let last = -1;
  while (read() !== last) {
    last = read();
    await new Promise((r) => setTimeout(r, 150));
  }
  return last;
}

describe('WorkerFileProcessor', () => {
  let processor: WorkerFileProcessor;
  beforeEach(() => {
    processor = workers({ chunkCredits: 2, batchCredits: 2 });
  });
  afterEach(() => processor.close());

  it('yields the same batches, in the same order, with the same rejects and invalid-byte count as in-thread', async () => {
    const inThread = new InThreadFileProcessor(new NodeContentCodec(), planPipeline(config, null, uploadTime, nodeCryptoHash), text);
    const body = Buffer.concat([Buffer.from(generatedCsv(20_000, 3)), Buffer.from([0xc3, 0x28]), Buffer.from(',x,1,2024-01-01 00:00:00\n')]);
    const expected = await collect(inThread, gzipSync(body), 'data/big.csv.gz');
    const actual = await collect(processor, gzipSync(body), 'data/big.csv.gz');
    expect(expected.batches.length).to.be.greaterThan(4);
    expect(expected.invalidBytes).to.equal(1);
    expect(actual).to.deep.equal(expected);
  });

  it('reads a local file itself (context.localPath): same batches, the byte count, and a missing file named by its key', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'worker-local-'));
    try {
      const body = gzipSync(Buffer.from(generatedCsv(30_000, 8)));
      writeFileSync(join(dir, 'big.csv.gz'), body);
      const expected = await collect(new InThreadFileProcessor(new NodeContentCodec(), planPipeline(config, null, uploadTime, nodeCryptoHash), text), body, 'data/big.csv.gz');
      const untouched = (): AsyncIterable<Uint8Array> => ({
        [Symbol.asyncIterator]: () => {
          throw new Error('the worker read the bytes from the main thread instead of the file');
        },
      });
      const counters = { invalidBytes: 0, bytes: 0 };
      const batches: RecordBatch[] = [];
      const context = { signal: new AbortController().signal, counters, onReject: () => {}, localPath: join(dir, 'big.csv.gz') };
      for await (const b of processor.process(untouched(), file('data/big.csv.gz'), context)) batches.push({ columns: b.columns, vectors: b.vectors, length: b.length });
      expect(batches.flatMap((b) => b.vectors[0])).to.deep.equal(expected.batches.flatMap((b) => b.vectors[0]));
      expect(batches.reduce((n, b) => n + b.length, 0)).to.be.greaterThan(25_000);
      expect(counters.bytes).to.equal(body.length);
      const missing = await failure((async () => {
        for await (const _ of processor.process(untouched(), file('data/gone.csv'), { ...context, localPath: join(dir, 'data/gone.csv') }));
      })());
      expect(missing.code).to.equal('STORAGE_NOT_FOUND');
      expect(missing.message).to.contain('data/gone.csv');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps memory bounded: a stalled consumer stops the reading after a few chunks', async () => {
    const seen = { pulled: 0, closed: false };
    const body = Buffer.from(generatedCsv(800_000, 4));
    const source = chunked(body, 16 * 1024, seen);
    const total = Math.ceil(body.length / (16 * 1024));
    const batches = processor.process(source, file('data/huge.csv'), { signal: new AbortController().signal, counters: { invalidBytes: 0 }, onReject: () => {} });
    const iterator = batches[Symbol.asyncIterator]();
    await iterator.next();
    const pulled = await settled(() => seen.pulled);
    // 2 slices of 256 KiB in flight (~32 chunks of 16 KiB) + 2 batches of 4096 rows buffered + the parser's current batch.
    expect(pulled, `${pulled} of ${total} chunks read`).to.be.lessThan(total / 4);
    await iterator.return?.();
    expect(seen.closed).to.equal(true);
  });

  it('an abort fails the file with the abort reason; the same pool then processes another file', async () => {
    const controller = new AbortController();
    const reason = new ImportError('CANCELLED', 'the job was cancelled');
    const run = (async () => {
      for await (const batch of processor.process(chunked(Buffer.from(generatedCsv(100_000, 5))), file('data/a.csv'), { signal: controller.signal, counters: { invalidBytes: 0 }, onReject: () => {} })) {
        if (batch.length > 0) controller.abort(reason);
      }
    })();
    expect(await failure(run)).to.equal(reason);
    const after = await collect(processor, Buffer.from('id,name,score,created_at\n1,a,1,2024-01-01 00:00:00\n'), 'data/b.csv');
    expect(after.batches.map((b) => b.length)).to.deep.equal([1]);
  });

  it('a read error reaches the caller as it is, and a corrupt gzip fails with DATA_DECODE naming the key', async () => {
    async function* broken(): AsyncIterable<Uint8Array> {
      yield Buffer.from('id,name,score,created_at\n');
      throw new ImportError('STORAGE_IO', 'data/x.csv: connection reset; retry the import');
    }
    const context = { signal: new AbortController().signal, counters: { invalidBytes: 0 }, onReject: () => {} };
    const readError = await failure((async () => {
      for await (const _ of processor.process(broken(), file('data/x.csv'), context));
    })());
    expect(readError.code).to.equal('STORAGE_IO');
    expect(readError.message).to.contain('connection reset');
    const corrupt = gzipSync(generatedCsv(5_000, 6)).subarray(0, 20_000);
    const decodeError = await failure(collect(processor, corrupt, 'data/bad.csv.gz'));
    expect(decodeError.code).to.equal('DATA_DECODE');
    expect(decodeError.message).to.contain('data/bad.csv.gz');
  });

  it('stop_on_invalid_record crosses the thread as DATA_INVALID_RECORD with the file and line', async () => {
    const strict = csvConfig(2, '').in.parser;
    const strictConfig = { ...config, in: { ...config.in, parser: { ...strict, stop_on_invalid_record: true } } };
    const strictProcessor = new WorkerFileProcessor({ workers: 1, config: strictConfig, timeColumn: null, uploadTime, ...text });
    try {
      const error = await failure(collect(strictProcessor, Buffer.from('id,name,score,created_at\n1,a,1,2024-01-01 00:00:00\nx,b,1,2024-01-01 00:00:00\n'), 'data/s.csv'));
      expect(error.code).to.equal('DATA_INVALID_RECORD');
      expect(error.message).to.contain('data/s.csv');
    } finally {
      await strictProcessor.close();
    }
  });
});
