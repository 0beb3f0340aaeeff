import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { detectCharset } from '../../../src/domain/guess/charset-detection.js';

const SJIS = '../shared/corpus/japanese-sjis/';

describe('detectCharset (guess)', function () {
  it('lets a byte order mark win', function () {
    expect(detectCharset(readFileSync(`${SJIS}duckdb__duckdb/utf16.csv`))).to.deep.equal({ charset: 'UTF-16LE', confidence: 100 });
    expect(detectCharset(Buffer.from([0xfe, 0xff, 0, 0x61]))).to.deep.equal({ charset: 'UTF-16BE', confidence: 100 });
    expect(detectCharset(Buffer.from([0xef, 0xbb, 0xbf, 0x61])).charset).to.equal('UTF-8');
  });

  it('writes Shift_JIS as MS932', function () {
    const detected = detectCharset(readFileSync(`${SJIS}macocci7__PHP-Csv/weather_tokyo_2023nov_sjis.csv`));
    expect(detected.charset).to.equal('MS932');
    expect(detected.confidence).to.be.at.least(50);
  });

  it('detects EUC-JP', function () {
    expect(detectCharset(readFileSync(`${SJIS}apache__derby/jap_EUC_JP.dat`)).charset).to.equal('EUC-JP');
  });

  it('answers UTF-8 for ASCII and for valid UTF-8, even cut inside a character', function () {
    expect(detectCharset(Buffer.from('id,name\n1,abc\n')).charset).to.equal('UTF-8');
    const utf8 = readFileSync(`${SJIS}macocci7__PHP-Csv/weather_tokyo_2023nov_utf8.csv`);
    expect(detectCharset(utf8).charset).to.equal('UTF-8');
    const lead = utf8.findIndex((b, i) => i > 200 && b >= 0xe0);
    expect(detectCharset(utf8.subarray(0, lead + 2)).charset).to.equal('UTF-8');
  });

  it('keeps a Latin-1 answer when the bytes are not valid UTF-8', function () {
    const detected = detectCharset(readFileSync('../shared/corpus/duckdb-csv/encodings/latin1.csv'));
    expect(detected.charset).to.match(/^(ISO-8859-1|windows-1252)$/);
  });
});
