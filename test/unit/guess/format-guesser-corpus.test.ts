import { expect } from 'chai';
import { columnSummary, csv, guessCorpus } from './corpus-helpers.js';

describe('FormatGuesser on real files (../shared/corpus)', () => {
  it('birdstrikes.csv: comma, CRLF, header, ISO dates and integers', () => {
    const p = csv(guessCorpus('datasets/vega__vega-datasets/birdstrikes.csv'));
    expect(p).to.include({ delimiter: ',', newline: 'CRLF', skip_header_lines: 1, quote: '"', escape: '"', charset: 'UTF-8' });
    expect(columnSummary(p)).to.include.members(['Airport Name:string', 'Flight Date:timestamp(%Y-%m-%d)', 'Cost Total $:long', 'Speed IAS in knots:long']);
  });

  it('impeachment_polls.csv: US m/d/yyyy dates, quoted text with commas, yes flags', () => {
    const p = csv(guessCorpus('datasets/fivethirtyeight__data/impeachment_polls.csv'));
    expect(p.delimiter).to.equal(',');
    expect(p.columns).to.have.length(24);
    expect(columnSummary(p)).to.include.members(['Start:timestamp(%m/%d/%Y)', 'End:timestamp(%m/%d/%Y)', 'Text:string', 'Include?:boolean', 'SampleSize:long']);
  });

  it('avengers.csv: not UTF-8 (one Latin-1 byte), YES/NO booleans, doubled quotes, no final newline', () => {
    const r = guessCorpus('datasets/fivethirtyeight__data/avengers.csv');
    const p = csv(r);
    expect(p.charset).to.equal('windows-1252');
    expect(p.escape).to.equal('"');
    expect(columnSummary(p)).to.include.members(['Appearances:long', 'Current?:boolean', 'Year:long', 'Notes:string']);
    // The file is the whole sample and lacks a final newline: its last row still counts.
    expect(r.explain.join('\n')).to.include('173 sample rows typed');
  });

  it('pollster-ratings.tsv: tab delimiter, negative decimals', () => {
    const p = csv(guessCorpus('datasets/fivethirtyeight__data/pollster-ratings.tsv'));
    expect(p.delimiter).to.equal('\t');
    expect(columnSummary(p)).to.include.members(['ID:long', 'Simple Plus-Minus:double', '538 Grade:string']);
  });

  it('ks_1033_data.csv: US timestamps with hours', () => {
    const p = csv(guessCorpus('datasets/wireservice__csvkit/ks_1033_data.csv'));
    expect(columnSummary(p)).to.include.members(['ship_date:timestamp(%m/%d/%Y %H:%M:%S)', 'acquisition_cost:double', 'nsn:string', 'fips:long']);
  });

  it('event-notification (pipe, bare quotes inside unquoted fields): pipe and no quoting', () => {
    const p = csv(guessCorpus('datasets/wireservice__csvkit/event-notification-rpt-lastmonth.txt'));
    expect(p).to.include({ delimiter: '|', quote: null, escape: null, newline: 'CRLF', skip_header_lines: 1 });
    expect(columnSummary(p)).to.include('Event Dt:timestamp(%m/%d/%Y %H:%M:%S)');
  });

  it('gharchive_log.jsonl: JSON Lines with the single record column by default', () => {
    const r = guessCorpus('datasets/tstack__lnav/gharchive_log.jsonl');
    expect(r.parser).to.include({ type: 'jsonl', flatten_json_array: false, columns: null, charset: 'UTF-8' });
  });

  it('cloudtrail json.gz: one big JSON document -> json', () => {
    expect(guessCorpus('datasets/grafana__loki/cloudtrail-log-file.json.gz').parser.type).to.equal('json');
  });

  it('W3C IIS log: # directives are comments, names from #Fields:, space delimiter, - is NULL', () => {
    const p = csv(guessCorpus('w3c-extended/tstack__lnav/logfile_w3c_big.0'));
    expect(p).to.include({ delimiter: ' ', comment_line_marker: '#', null_string: '-', skip_header_lines: 0 });
    expect(columnSummary(p).slice(0, 3)).to.deep.equal(['date:timestamp(%Y-%m-%d)', 'time:string', 's-ip:string']);
    expect(columnSummary(p)).to.include.members(['sc-status:long', 'time-taken:long', 'cs(User-Agent):string']);
  });

  it('CloudFront access log (gzip): tab delimiter, 26 names from #Fields:', () => {
    const p = csv(guessCorpus('cloudfront/aws-samples__amazon-cloudfront-log-analysis/sample-cloudfront-access-logs.gz'));
    expect(p).to.include({ delimiter: '\t', comment_line_marker: '#', skip_header_lines: 0 });
    expect(p.columns).to.have.length(26);
    expect(columnSummary(p)).to.include.members(['x-edge-location:string', 'sc-bytes:long', 'time-taken:double', 'fle-encrypted-fields:string']);
  });

  it('Shift_JIS file that the charset detector misreads: MS932, header and ages', () => {
    const r = guessCorpus('japanese-sjis/duckdb__duckdb/shift_jis.csv');
    const p = csv(r);
    expect(p).to.include({ charset: 'MS932', newline: 'CRLF', skip_header_lines: 1 });
    expect(columnSummary(p)).to.deep.equal(['名前:string', '年齢:long']);
  });

  it('JMA weather download (Shift_JIS): preamble and stacked header rows skipped, dates and decimals', () => {
    const p = csv(guessCorpus('japanese-sjis/macocci7__PHP-Csv/weather_tokyo_2023nov_sjis.csv'));
    expect(p.charset).to.equal('MS932');
    expect(p.skip_header_lines).to.equal(5);
    expect(columnSummary(p).slice(0, 2)).to.deep.equal(['年月日:timestamp(%Y/%m/%d)', '平均気温(℃):double']);
    expect(p.columns[2]!.name).to.equal('平均気温(℃)_2');
  });

  it('a file with fewer than 4 rows fails with DATA_DECODE saying what to do', () => {
    expect(() => guessCorpus('w3c-extended/tstack__lnav/logfile_w3c.0'))
      .to.throw(/at least 4 rows and 2 columns.*has 1 row\(s\).*parser\.columns/)
      .with.property('code', 'DATA_DECODE');
  });
});

describe('guessed options round-trip through the load.yml parser schema', () => {
  for (const file of ['datasets/vega__vega-datasets/birdstrikes.csv', 'cloudfront/dpetzold__aws-log-parser/cloudfront-multiple.log', 'datasets/tstack__lnav/gharchive_log.jsonl']) {
    it(`${file}: the schema accepts the guess unchanged`, async () => {
      const { parserSchema } = await import('../../../src/app/config/parser-schema.js');
      const parser = guessCorpus(file).parser;
      expect(parserSchema.parse(JSON.parse(JSON.stringify(parser)))).to.deep.equal(parser);
    });
  }
});
