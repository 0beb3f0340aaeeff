import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { isImportError } from '../../../src/domain/errors.js';
import { NodeContentCodec } from '../../../src/adapters/codecs/node-content-codec.js';
import { Utf8Decoder } from '../../../src/adapters/codecs/charset-decoders.js';
import { chunks, collectText } from './fixture-text.js';

const codec = new NodeContentCodec();
const SJIS = '../shared/corpus/japanese-sjis/';

async function decode(bytes: Uint8Array, charset: string, chunkSize = 65536): Promise<{ text: string; invalid: number }> {
  let invalid = 0;
  const text = await collectText(
    codec.decodeText(chunks(bytes, chunkSize), { charset, key: 'k', onInvalidBytes: (count) => (invalid += count) }),
  );
  return { text, invalid };
}

describe('charset decoding', function () {
  it('strips a UTF-8 BOM and keeps characters split across chunks whole', async function () {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('名前,年齢\n山田,30\n')]);
    expect(await decode(bytes, 'UTF-8', 1)).to.deep.equal({ text: '名前,年齢\n山田,30\n', invalid: 0 });
  });

  it('replaces invalid UTF-8 by U+FFFD and counts them, but not a literal U+FFFD', async function () {
    // a, invalid FF, b, literal U+FFFD (EF BF BD), then a cut 2-byte sequence at the end
    const bytes = Buffer.from([0x61, 0xff, 0x62, 0xef, 0xbf, 0xbd, 0x63, 0xc3]);
    for (const size of [1, 2, 3, 100]) {
      expect(await decode(bytes, 'UTF-8', size)).to.deep.equal({ text: 'a\uFFFDb\uFFFDc\uFFFD', invalid: 2 });
    }
  });

  it('decodes UTF-8 exactly as TextDecoder does over the whole input, however the bytes are chunked (random differential)', function () {
    // Valid 1-4 byte characters, a literal U+FFFD, a BOM, and invalid or cut sequences of every kind.
    const pieces = [[0x41], [0x0a], [0xc3, 0xa9], [0xe2, 0x82, 0xac], [0xf0, 0x9f, 0x98, 0x80], [0xef, 0xbf, 0xbd], [0xef, 0xbb, 0xbf],
      [0x80], [0xbf], [0xc0], [0xc1, 0x81], [0xe0, 0x80], [0xe0, 0xa0], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xf5], [0xff],
      [0xf0, 0x90], [0xf0, 0x90, 0x80], [0xe2, 0x82], [0xc3]];
    let seed = 7;
    const next = (n: number): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    for (let round = 0; round < 20_000; round++) {
      const bytes = Buffer.from(Array.from({ length: next(12) }, () => pieces[next(pieces.length)]!).flat());
      const expected = new TextDecoder('utf-8').decode(bytes);
      const literals = bytes.toString('latin1').split('\u00ef\u00bf\u00bd').length - 1;
      const decoder = new Utf8Decoder();
      let text = '';
      for (let at = 0; at < bytes.length;) {
        const size = 1 + next(4);
        text += decoder.write(bytes.subarray(at, at + size));
        at += size;
      }
      text += decoder.end();
      expect(text, bytes.toString('hex')).to.equal(expected);
      expect(decoder.invalid, bytes.toString('hex')).to.equal(expected.split('\uFFFD').length - 1 - literals);
    }
  });

  it('decodes Shift_JIS, MS932 and windows-31j corpus files', async function () {
    const sjis = readFileSync(`${SJIS}macocci7__PHP-Csv/weather_tokyo_2023nov_sjis.csv`);
    // Node's ICU decoder (WHATWG shift_jis, which is Windows-31J) is an independent oracle.
    const expected = new TextDecoder('shift_jis').decode(sjis);
    expect(expected).to.contain('ダウンロードした時刻');
    for (const charset of ['Shift_JIS', 'MS932', 'windows-31j', 'cp932']) {
      const { text, invalid } = await decode(sjis, charset, 100);
      expect(text, charset).to.equal(expected);
      expect(invalid).to.equal(0);
    }
    const small = await decode(readFileSync(`${SJIS}macocci7__PHP-Csv/test_sjis.csv`), 'MS932');
    expect(small.text).to.equal(readFileSync(`${SJIS}macocci7__PHP-Csv/test_utf8.csv`, 'utf8'));
  });

  it('decodes EUC-JP', async function () {
    const { text, invalid } = await decode(readFileSync(`${SJIS}apache__derby/jap_EUC_JP.dat`), 'EUC-JP', 7);
    expect(text).to.contain('イベントアラームが有効です。');
    expect(invalid).to.equal(0);
  });

  it('decodes ISO-8859-1 and windows-1252 (which differ at 0x80-0x9F)', async function () {
    const latin1 = await decode(readFileSync('../shared/corpus/duckdb-csv/encodings/latin1.csv'), 'ISO-8859-1');
    expect(latin1.text).to.contain('José Álvarez').and.contain('Müller');
    expect((await decode(Buffer.from([0x80, 0x41]), 'windows-1252')).text).to.equal('€A');
    expect((await decode(Buffer.from([0x80, 0x41]), 'ISO-8859-1')).text).to.equal('\u0080A');
  });

  it('detects UTF-16LE from its BOM even when UTF-8 (the default) is configured', async function () {
    const utf16 = readFileSync(`${SJIS}duckdb__duckdb/utf16.csv`);
    for (const charset of ['UTF-8', 'UTF-16LE', 'UTF-16']) {
      const { text } = await decode(utf16, charset, 3);
      expect(text.startsWith('name,age\r\nJosé Álvarez,30'), charset).to.equal(true);
    }
  });

  it('reads the corpus invalid_utf8.csv as the UTF-16LE its BOM announces', async function () {
    const { text } = await decode(readFileSync('../shared/corpus/duckdb-csv/invalid_utf8.csv'), 'UTF-8');
    expect(text).to.equal('bla\nbla\n\uFFFD');
  });

  it('reports how many bytes were invalid when a Shift_JIS file is read as UTF-8', async function () {
    const { text, invalid } = await decode(readFileSync(`${SJIS}duckdb__duckdb/shift_jis.csv`), 'UTF-8', 5);
    expect(invalid).to.be.greaterThan(3);
    expect(text.split('\uFFFD').length - 1).to.equal(invalid);
  });

  it('decodes UTF-16BE with and without a BOM', async function () {
    const body = Buffer.from('a,b\n', 'utf16le').swap16();
    expect((await decode(Buffer.concat([Buffer.from([0xfe, 0xff]), body]), 'UTF-16BE')).text).to.equal('a,b\n');
    expect((await decode(body, 'UTF-16BE', 1)).text).to.equal('a,b\n');
  });

  it('rejects an unknown charset with CONFIG_INVALID that says what to use', async function () {
    let caught: unknown = null;
    try {
      await decode(Buffer.from('x'), 'UTF-9');
    } catch (error) {
      caught = error;
    }
    expect(isImportError(caught) && caught.code).to.equal('CONFIG_INVALID');
    expect((caught as Error).message).to.contain('UTF-9').and.contain('Shift_JIS');
  });

  it('counts replacements in legacy charsets', async function () {
    // 0x81 0x20 is a Shift_JIS lead byte followed by an invalid trail byte
    const { text, invalid } = await decode(Buffer.from([0x41, 0x81, 0x20, 0x42]), 'Shift_JIS');
    expect(invalid).to.be.greaterThan(0);
    expect(text).to.contain('\uFFFD').and.match(/^A.*B$/);
  });
});
