import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { decompressSample } from '../../../src/adapters/codecs/sample.js';
import { NodeContentCodec } from '../../../src/adapters/codecs/node-content-codec.js';
import { lines } from './fixture-text.js';

const BZ2 = readFileSync('test/fixtures/codecs/lines.csv.bz2');
const TEXT = lines(8000);

describe('decompressSample (tolerant, for guess)', function () {
  it('returns the decodable prefix of a cut gzip sample instead of failing', async function () {
    const text = lines(100000);
    const head = gzipSync(text).subarray(0, 32 * 1024);
    const out = Buffer.from(await decompressSample(head, [{ type: 'gzip' }])).toString('utf8');
    expect(out.length).to.be.greaterThan(32 * 1024);
    expect(text.startsWith(out)).to.equal(true);
  });

  it('returns the complete bzip2 blocks of a sample cut in a later block', async function () {
    const out = Buffer.from(await decompressSample(BZ2.subarray(0, BZ2.length - 2000), null)).toString('utf8');
    expect(out.length).to.be.greaterThan(50000).and.lessThan(TEXT.length);
    expect(TEXT.startsWith(out)).to.equal(true);
  });

  it('returns nothing (without throwing) for a bzip2 sample shorter than its first block', async function () {
    expect((await decompressSample(BZ2.subarray(0, 1000), [{ type: 'bzip2' }])).length).to.equal(0);
  });

  it('keeps the prefix before damage in a corrupt gzip sample', async function () {
    const gz = Buffer.from(gzipSync(lines(100000)));
    gz.fill(0xff, 20000, 20100);
    const out = Buffer.from(await decompressSample(gz, null)).toString('utf8');
    expect(out.length).to.be.greaterThan(0);
    expect(lines(100000).startsWith(out)).to.equal(true);
  });

  it('returns plain content as it is and honours maxBytes', async function () {
    const plain = Buffer.from('a,b\n1,2\n');
    expect(Buffer.from(await decompressSample(plain, null)).toString()).to.equal('a,b\n1,2\n');
    expect((await decompressSample(gzipSync(lines(100000)), null, { maxBytes: 1000 })).length).to.equal(1000);
  });
});

describe('detectDecoders', function () {
  const codec = new NodeContentCodec();

  it('recognises gzip and bzip2 by magic bytes and plain text as none', function () {
    expect(codec.detectDecoders(gzipSync('x'))).to.deep.equal([{ type: 'gzip' }]);
    expect(codec.detectDecoders(BZ2.subarray(0, 64))).to.deep.equal([{ type: 'bzip2' }]);
    expect(codec.detectDecoders(Buffer.from('BZh9 is not bzip2\n'))).to.deep.equal([]);
    expect(codec.detectDecoders(Buffer.from('id,name\n'))).to.deep.equal([]);
  });

  it('looks inside a cut gzip head for a nested layer', function () {
    const nested = gzipSync(BZ2);
    expect(codec.detectDecoders(nested.subarray(0, 4096))).to.deep.equal([{ type: 'gzip' }, { type: 'bzip2' }]);
  });
});
