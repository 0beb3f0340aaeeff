import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isImportError } from '../../../src/domain/errors.js';
import { NodeContentCodec } from '../../../src/adapters/codecs/node-content-codec.js';
import { chunks, collect, lines } from './fixture-text.js';
import { settledChildren } from './processes.js';

const FIXTURE = readFileSync('test/fixtures/codecs/lines.csv.bz2');
const TEXT = lines(8000);

function installed(command: string): boolean {
  try {
    execFileSync(command, ['--help'], { stdio: 'ignore' });
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ENOENT';
  }
}

async function decodeError(codec: NodeContentCodec, bytes: Uint8Array): Promise<unknown> {
  try {
    await collect(codec.decompress(chunks(bytes, 4096), { decoders: [{ type: 'bzip2' }], key: 'logs/x.csv.bz2' }));
  } catch (error) {
    return error;
  }
  return null;
}

const variants: { name: string; command: string | null }[] = [
  { name: 'pure-JS fallback', command: null },
  ...['lbzip2', 'bzip2'].map((command) => ({ name: `${command} child process`, command })),
];

for (const { name, command } of variants) {
  describe(`bzip2 decoding: ${name}`, function () {
    before(function () {
      if (command !== null && !installed(command)) {
        console.log(`    skipped: ${command} is not on PATH (apt-get install -y lbzip2 bzip2)`);
        this.skip();
      }
    });
    const codec = (): NodeContentCodec => new NodeContentCodec({ bzip2Command: command });

    it('decodes a multi-block stream detected from its magic bytes', async function () {
      const out = await collect(codec().decompress(chunks(FIXTURE, 5000), { decoders: null, key: 'k' }));
      expect(out.toString('utf8')).to.equal(TEXT);
    });

    it('decodes concatenated streams (pbzip2-style) to the concatenated content', async function () {
      const out = await collect(codec().decompress(chunks(Buffer.concat([FIXTURE, FIXTURE])), { decoders: [{ type: 'bzip2' }], key: 'k' }));
      expect(out.toString('utf8')).to.equal(TEXT + TEXT);
    });

    it('fails a truncated stream with DATA_DECODE naming the key', async function () {
      const error = await decodeError(codec(), FIXTURE.subarray(0, FIXTURE.length - 100));
      expect(isImportError(error) && error.code).to.equal('DATA_DECODE');
      expect((error as Error).message).to.contain('logs/x.csv.bz2').and.contain('bzip2');
    });

    it('fails a corrupt block (CRC mismatch) with DATA_DECODE and the decoder diagnostic', async function () {
      const corrupt = Buffer.from(FIXTURE);
      corrupt[2000] = (corrupt[2000] ?? 0) ^ 0xff;
      const error = await decodeError(codec(), corrupt);
      expect(isImportError(error) && error.code).to.equal('DATA_DECODE');
      expect((error as Error).message).to.match(/logs\/x\.csv\.bz2.*\((.+)\)/);
    });

    it('stops reading the source and leaves no process behind when the consumer breaks out', async function () {
      let closed = false;
      async function* source(): AsyncGenerator<Uint8Array> {
        try {
          for (let i = 0; i < 50; i += 1) yield* chunks(FIXTURE, 8192);
        } finally {
          closed = true;
        }
      }
      for await (const chunk of codec().decompress(source(), { decoders: null, key: 'k' })) {
        expect(chunk.length).to.be.greaterThan(0);
        break;
      }
      expect(closed).to.equal(true);
      const left = await settledChildren(/bzip2/);
      if (left === null) console.log('    (no /proc here: child-process check not run)');
      else expect(left).to.deep.equal([]);
    });

    it('reports the source error, not a decode error, when the read fails midway', async function () {
      async function* failing(): AsyncGenerator<Uint8Array> {
        yield FIXTURE.subarray(0, 20000);
        throw new Error('connection reset');
      }
      let caught: unknown = null;
      try {
        await collect(codec().decompress(failing(), { decoders: null, key: 'k' }));
      } catch (error) {
        caught = error;
      }
      expect((caught as Error).message).to.equal('connection reset');
      const left = await settledChildren(/bzip2/);
      if (left !== null) expect(left).to.deep.equal([]);
    });
  });
}

describe('bzip2 fast-path selection', function () {
  it('falls back to pure JS when the configured program does not exist', async function () {
    const codec = new NodeContentCodec({ bzip2Command: '/nonexistent/lbzip2' });
    const out = await collect(codec.decompress(chunks(FIXTURE), { decoders: null, key: 'k' }));
    expect(out.toString('utf8')).to.equal(TEXT);
    expect(codec.bzip2Command).to.equal(null);
  });

  it('kills a decompressor that would not exit by itself once the consumer stops', async function () {
    if (process.platform !== 'linux') {
      console.log('    skipped: needs /bin/sh and /proc (Linux)');
      this.skip();
    }
    const dir = mkdtempSync(join(tmpdir(), 'codecs-'));
    const script = join(dir, 'stubborn-bzip2');
    // Echoes its input (so the consumer gets a first chunk), then lingers like a hung decompressor.
    writeFileSync(script, '#!/bin/sh\ncat\nexec sleep 30\n');
    chmodSync(script, 0o755);
    try {
      const codec = new NodeContentCodec({ bzip2Command: script });
      for await (const chunk of codec.decompress(chunks(FIXTURE), { decoders: [{ type: 'bzip2' }], key: 'k' })) {
        expect(chunk.length).to.be.greaterThan(0);
        break;
      }
      expect(await settledChildren(/stubborn|sleep/)).to.deep.equal([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('stops pulling the source while the consumer is not reading (stdin backpressure)', async function () {
    if (process.platform !== 'linux') {
      console.log('    skipped: needs /bin/sh (Linux)');
      this.skip();
    }
    const dir = mkdtempSync(join(tmpdir(), 'codecs-'));
    const script = join(dir, 'identity-bzip2');
    writeFileSync(script, '#!/bin/sh\nexec cat\n');
    chmodSync(script, 0o755);
    let pulled = 0;
    async function* endless(): AsyncGenerator<Uint8Array> {
      const block = Buffer.alloc(65536, 0x61);
      for (let i = 0; i < 4096; i += 1) {
        pulled += block.length;
        yield block;
      }
    }
    try {
      const codec = new NodeContentCodec({ bzip2Command: script });
      for await (const chunk of codec.decompress(endless(), { decoders: [{ type: 'bzip2' }], key: 'k' })) {
        expect(chunk.length).to.be.greaterThan(0);
        // Give an unbounded pump time to run away; with backpressure it stalls at the pipe buffers.
        await new Promise((resolve) => setTimeout(resolve, 300));
        break;
      }
      expect(pulled).to.be.lessThan(8 * 1024 * 1024);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('uses no program when the fast path is disabled', function () {
    expect(new NodeContentCodec({ bzip2Command: null }).bzip2Command).to.equal(null);
  });
});
