import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { isImportError } from '../../../src/domain/errors.js';
import { NodeContentCodec } from '../../../src/adapters/codecs/node-content-codec.js';
import { chunks, collect, lines } from './fixture-text.js';

const codec = new NodeContentCodec();
const CORPUS_GZ = '../shared/corpus/duckdb-csv/rabo-anon.csv.gz';

async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  return null;
}

describe('gzip decoding', function () {
  it('detects gzip from the content, not the key, and decodes a corpus file', async function () {
    const gz = readFileSync(CORPUS_GZ);
    const out = await collect(codec.decompress(chunks(gz, 1000), { decoders: null, key: 'no-extension' }));
    expect(out.length).to.be.greaterThan(gz.length);
    expect(out.toString('utf8').split('\n')[0]).to.contain(',');
    expect(out.toString('utf8')).not.to.contain('\uFFFD');
  });

  it('decodes multi-member gzip to the concatenated content', async function () {
    const gz = Buffer.concat([gzipSync('a,1\n'), gzipSync('b,2\n'), gzipSync('c,3\n')]);
    const out = await collect(codec.decompress(chunks(gz, 7), { decoders: [{ type: 'gzip' }], key: 'k.gz' }));
    expect(out.toString()).to.equal('a,1\nb,2\nc,3\n');
  });

  it('fails a truncated stream with DATA_DECODE naming the key', async function () {
    const gz = gzipSync(lines(20000));
    const error = await failure(collect(codec.decompress(chunks(gz.subarray(0, gz.length - 10)), { decoders: null, key: 'in/part-1.gz' })));
    expect(isImportError(error) && error.code).to.equal('DATA_DECODE');
    expect((error as Error).message).to.contain('"in/part-1.gz"').and.contain('gzip');
  });

  it('fails explicit gzip on plain content with DATA_DECODE', async function () {
    const error = await failure(collect(codec.decompress(chunks(Buffer.from('a,b\n1,2\n')), { decoders: [{ type: 'gzip' }], key: 'plain.csv' })));
    expect(isImportError(error) && error.code).to.equal('DATA_DECODE');
  });

  it('passes plain content through unchanged, and honours an explicit empty decoder list', async function () {
    const gz = gzipSync('x\n');
    expect((await collect(codec.decompress(chunks(Buffer.from('a,b\n')), { decoders: null, key: 'k' }))).toString()).to.equal('a,b\n');
    expect(await collect(codec.decompress(chunks(gz), { decoders: [], key: 'k' }))).to.deep.equal(gz);
  });

  it('decodes a zero-byte object to nothing under any decoder', async function () {
    for (const decoders of [null, [{ type: 'gzip' as const }], [{ type: 'bzip2' as const }]]) {
      expect((await collect(codec.decompress(chunks(new Uint8Array(0)), { decoders, key: 'k' }))).length).to.equal(0);
    }
  });

  it('follows nested layers when detecting (gzip inside gzip)', async function () {
    const nested = gzipSync(gzipSync('deep\n'));
    expect((await collect(codec.decompress(chunks(nested), { decoders: null, key: 'k' }))).toString()).to.equal('deep\n');
  });

  it('reports the source error as it is when the read fails midway', async function () {
    const gz = gzipSync(lines(50000));
    async function* failing(): AsyncGenerator<Uint8Array> {
      yield gz.subarray(0, 10000);
      throw new Error('connection reset');
    }
    const error = await failure(collect(codec.decompress(failing(), { decoders: null, key: 'k' })));
    expect((error as Error).message).to.equal('connection reset');
  });

  it('closes the source when the consumer stops early', async function () {
    let closed = false;
    const gz = gzipSync(lines(50000));
    async function* source(): AsyncGenerator<Uint8Array> {
      try {
        yield* chunks(gz, 1024);
      } finally {
        closed = true;
      }
    }
    for await (const chunk of codec.decompress(source(), { decoders: null, key: 'k' })) {
      expect(chunk.length).to.be.greaterThan(0);
      break;
    }
    expect(closed).to.equal(true);
  });
});
