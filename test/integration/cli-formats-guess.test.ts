import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { runCli } from '../support/cli.js';
import { CORPUS, columnSigs, corpusWorkspace, guess, issue, tail, workspace, type Rows } from '../fixtures/cli/cli-kit.js';

describe('CLI formats: guess -> preview -> issue on real files', function () {
  this.timeout(120_000);

  describe('content detection, not file names', () => {
    const ks = readFileSync(path.join(CORPUS, 'datasets/wireservice__csvkit/ks_1033_data.csv'));
    for (const [what, name, body, decoders] of [
      ['a gzip file named .csv', 'ks.csv', gzipSync(ks), [{ type: 'gzip' }]],
      ['a plain file named .gz', 'ks.csv.gz', ks, undefined],
    ] as const) {
      it(`${what}: guess detects it and the written load.yml issues unchanged`, async () => {
        const ws = workspace({ [name]: body });
        const g = await guess(ws);
        expect(g.result.code, g.result.stderr).to.equal(0);
        expect((g.config['in'] as Record<string, unknown>)['decoders']).to.deep.equal(decoders);
        expect(columnSigs(g.parser)).to.include.members(['fips:long', 'ship_date:timestamp(%m/%d/%Y %H:%M:%S)', 'acquisition_cost:double']);
        const { result, job } = await issue(ws.home, g.load, 'ks');
        expect(result.code, result.stdout + result.stderr).to.equal(0);
        expect(job).to.include({ status: 'success', files: 1, records: 1575, skipped_records: 0 });
      });
    }
  });

  interface Case {
    readonly what: string;
    readonly file: string;
    readonly parser: Record<string, unknown>;
    readonly columns: readonly string[];
    readonly records: number;
    /** A column and a value its first preview row must hold. */
    readonly first: readonly [string, unknown];
  }
  const cases: readonly Case[] = [
    {
      what: 'CSV, windows-1252, booleans', file: 'datasets/fivethirtyeight__data/avengers.csv',
      parser: { type: 'csv', delimiter: ',', charset: 'windows-1252', skip_header_lines: 1 },
      columns: ['Appearances:long', 'Current?:boolean', 'Year:long', 'Death1:boolean'], records: 173,
      first: ['Name/Alias', 'Henry Jonathan "Hank" Pym'],
    },
    {
      what: 'CSV, CRLF, ISO dates, a header with $', file: 'datasets/vega__vega-datasets/birdstrikes.csv',
      parser: { type: 'csv', delimiter: ',', newline: 'CRLF', skip_header_lines: 1 },
      columns: ['Flight Date:timestamp(%Y-%m-%d)', 'Cost Total $:long', 'Speed IAS in knots:long'], records: 10_000,
      first: ['Flight Date', '1990-01-08T00:00:00.000Z'],
    },
    {
      what: 'TSV with negative decimals', file: 'datasets/fivethirtyeight__data/pollster-ratings.tsv',
      parser: { type: 'csv', delimiter: '\t', skip_header_lines: 1 },
      columns: ['ID:long', 'Polls:long', 'Simple Plus-Minus:double'], records: 337,
      first: ['Pollster', 'Field Research Corporation (Field Poll)'],
    },
    {
      what: 'W3C extended log (IIS, # directives, repeated header blocks)', file: 'w3c-extended/tstack__lnav/logfile_w3c_big.0',
      parser: { type: 'csv', delimiter: ' ', comment_line_marker: '#', null_string: '-' },
      // the time-of-day field `time` cannot be the table's time column: guess names it time_
      columns: ['date:timestamp(%Y-%m-%d)', 'time_:string', 's-port:long', 'cs-method:string'], records: 210,
      first: ['cs-method', 'GET'],
    },
    {
      what: 'CloudFront access log (gzip, tab-separated, #Fields)', file: 'cloudfront/aws-samples__amazon-cloudfront-log-analysis/sample-cloudfront-access-logs.gz',
      parser: { type: 'csv', delimiter: '\t', comment_line_marker: '#' },
      columns: ['date:timestamp(%Y-%m-%d)', 'time_:string', 'x-edge-location:string', 'sc-bytes:long'], records: 66,
      first: ['x-edge-location', 'FRA53'],
    },
    {
      what: 'Shift_JIS CSV', file: 'japanese-sjis/duckdb__duckdb/shift_jis.csv',
      parser: { type: 'csv', charset: 'MS932', delimiter: ',', newline: 'CRLF', skip_header_lines: 1 },
      columns: ['名前:string', '年齢:long'], records: 20,
      first: ['名前', '名前'],
    },
    {
      what: 'JSON Lines (GH Archive events)', file: 'datasets/tstack__lnav/gharchive_log.jsonl',
      parser: { type: 'jsonl', charset: 'UTF-8', columns: null }, columns: [], records: 50,
      first: ['record', { id: '34502641367', type: 'MemberEvent' }],
    },
  ];

  describe('guess on the corpus: delimiter, header, types, timestamp formats; preview; issue', () => {
    for (const c of cases) {
      it(c.what, async () => {
        const ws = corpusWorkspace(c.file);
        const g = await guess(ws);
        expect(g.result.code, g.result.stderr).to.equal(0);
        expect(g.parser).to.include(c.parser);
        expect(columnSigs(g.parser)).to.include.members(c.columns);

        const preview = await runCli(['--format', 'json', 'preview', g.load, '-n', '3'], { home: ws.home });
        expect(preview.code, preview.stderr).to.equal(0);
        const body = preview.json as Rows;
        expect(Object.keys(body).sort()).to.deep.equal(['columns', 'rows', 'time_column']);
        expect(body.rows).to.have.length(3);
        const [name, value] = c.first;
        const at = body.columns.findIndex((col) => col.name === name);
        expect(at, `column ${name} in preview`).to.be.greaterThan(-1);
        if (typeof value === 'object') expect(body.rows[0]![at]).to.deep.include(value);
        else expect(body.rows[0]![at]).to.equal(value);

        const text = await runCli(['preview', g.load, '-n', '3'], { home: ws.home });
        expect(text.code, text.stderr).to.equal(0);
        expect(text.stdout).to.contain(`${name}:`);
        expect(text.stdout).to.contain(typeof value === 'object' ? '"type":"MemberEvent' : String(value));

        const { result, job } = await issue(ws.home, g.load, 'corpus');
        expect(result.code, result.stdout + result.stderr).to.equal(0);
        expect(job).to.include({ status: 'success', files: 1, records: c.records, skipped_records: 0 });
        expect(job.time_column).to.equal(body.time_column);
        expect((await tail(ws.home, 'corpus', 1)).rows).to.have.length(1);
      });
    }
  });
});
