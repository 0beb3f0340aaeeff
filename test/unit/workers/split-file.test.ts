import { expect } from 'chai';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { LocalFsObjectStore } from '../../../src/adapters/local-fs/local-fs-object-store.js';
import { ImportFiles } from '../../../src/app/import-files.js';
import { ObjectStoreRegistry } from '../../../src/app/pipeline/object-store-registry.js';
import { findSplitPoint } from '../../../src/app/pipeline/split-plan.js';
import type { ImportConfig } from '../../../src/domain/model/import-config.js';
import { inMemoryServices } from '../../support/in-memory-services.js';
import { canonicalRows, csvConfig, generatedCsv } from './worker-fixtures.js';

// A large local CSV is parsed by two workers, split at a line break near the middle that quote parity puts
// outside quoted values. These tests check the split point itself, and that a split import equals the import on
// the main thread: rows, rejects with their line numbers, counters; also when stray quotes fool the parity.

/** Line number after `offset` as the tokenizer counts: LF, CR and CRLF each end a line. */
function lineAfter(bytes: Buffer, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 10) line++;
    else if (bytes[i] === 13 && bytes[i + 1] !== 10) line++;
  }
  return line;
}

function quotesBefore(bytes: Buffer, offset: number): number {
  let n = 0;
  for (let i = 0; i < offset; i++) if (bytes[i] === 34) n++;
  return n;
}

describe('splitting one large CSV between two parse workers', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'split-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function file(name: string, body: string | Buffer): { path: string; bytes: Buffer } {
    const path = join(dir, name);
    const bytes = Buffer.isBuffer(body) ? body : Buffer.from(body);
    writeFileSync(path, bytes);
    return { path, bytes };
  }

  describe('the split point', () => {
    it('is the first line break after the middle outside quoted values, with the line number the tokenizer gives', () => {
      // A quoted value with line breaks straddles the middle: the split must come after it.
      const head = 'id,text\n' + Array.from({ length: 500 }, (_, i) => `${i},plain ${i}`).join('\n') + '\n';
      const quoted = `999,"first line\n${'inside, still quoted\n'.repeat(200)}last line"\n`;
      const tail = Array.from({ length: 500 }, (_, i) => `${1000 + i},"ok ""quoted"" ${i}"`).join('\n') + '\n';
      const { path, bytes } = file('a.csv', head + quoted + tail);
      const point = findSplitPoint(path, bytes.length, '"')!;
      expect(point.offset).to.be.greaterThan(head.length + quoted.length - 1);
      expect(bytes[point.offset - 1]).to.equal(10);
      expect(quotesBefore(bytes, point.offset) % 2).to.equal(0);
      expect(point.line).to.equal(lineAfter(bytes, point.offset));
    });

    it('counts CRLF as one line break and bare CRs as line breaks of their own', () => {
      const body = Array.from({ length: 4000 }, (_, i) => (i % 50 === 0 ? `${i},bare\rcr` : `${i},row`)).join('\r\n') + '\r\n';
      const { path, bytes } = file('crlf.csv', body);
      const point = findSplitPoint(path, bytes.length, '"')!;
      expect(bytes[point.offset - 2]).to.equal(13);
      expect(point.line).to.equal(lineAfter(bytes, point.offset));
    });

    it('gives up on compressed content and when no line break follows the middle', () => {
      const gz = file('a.csv', gzipSync(generatedCsv(5000, 1)));
      expect(findSplitPoint(gz.path, gz.bytes.length, '"')).to.equal(undefined);
      const oneLine = file('b.csv', `a,b\n${'x'.repeat(100_000)}`);
      expect(findSplitPoint(oneLine.path, oneLine.bytes.length, '"')).to.equal(undefined);
      const unclosed = file('c.csv', `a,b\n1,"${'never closed\n'.repeat(10_000)}`);
      expect(findSplitPoint(unclosed.path, unclosed.bytes.length, '"')).to.equal(undefined);
    });
  });

  describe('an import that splits', () => {
    async function importFolder(config: ImportConfig, files: Record<string, string>, splitMinBytes?: number) {
      const root = join(dir, `root-${Math.random().toString(36).slice(2)}`);
      for (const [key, body] of Object.entries(files)) {
        mkdirSync(join(root, key, '..'), { recursive: true });
        writeFileSync(join(root, key), body);
      }
      const store = new LocalFsObjectStore(root);
      const s = inMemoryServices({ now: () => new Date('2024-06-01T12:00:00Z') });
      const services = { ...s, objectStores: new ObjectStoreRegistry([{ types: ['file'], open: async () => Object.assign(Object.create(store) as LocalFsObjectStore, { close: async () => {} }) }]) };
      const job = await new ImportFiles(services, splitMinBytes === undefined ? {} : { splitMinBytes }).run({ config, database: 'db', table: 't', autoCreateTable: true });
      const tail = await s.tables.tail({ database: 'db', table: 't' }, 1_000_000);
      const rejects = (await s.jobs.rejects(job.jobId, 1_000_000)).map((r) => `${r.file}:${r.line} ${r.reason}`).sort();
      const logs = s.logs.lines.map((l) => `${l.level} ${l.message}`);
      return { job: { status: job.status, records: job.records, skipped: job.skippedRecords, files: job.files, bytes: job.bytes }, rows: canonicalRows(tail.rows), rejects, logs };
    }

    it('loads the same rows and rejects (with the same line numbers) as the main thread', async function () {
      this.timeout(60_000);
      const files = { 'data/big.csv': generatedCsv(40_000, 3), 'data/other.csv': generatedCsv(500, 4) };
      const inThread = await importFolder(csvConfig(1), files);
      const split = await importFolder(csvConfig(2), files, 64 * 1024);
      expect(split.logs.some((l) => l.startsWith('debug data/big.csv: parsed in two parts'))).to.equal(true);
      expect(inThread.job.status).to.equal('success');
      expect(inThread.job.skipped).to.be.greaterThan(500);
      expect(inThread.rejects.some((r) => Number(/:(\d+) /.exec(r)![1]) > 30_000), 'rejects in the second half').to.equal(true);
      expect(split.job).to.deep.equal(inThread.job);
      expect(split.rejects).to.deep.equal(inThread.rejects);
      expect(split.rows).to.deep.equal(inThread.rows);
    });

    it('when stray quotes put the split point inside a quoted value, the job runs again unsplit with the same result', async function () {
      this.timeout(60_000);
      // `ab"c` in an unquoted field is data to the tokenizer but flips the quote parity the split point relies on.
      const lines = generatedCsv(40_000, 5).split('\n');
      lines[100] = '100100,ab"c,1.5,2024-01-01 00:00:00';
      const files = { 'data/big.csv': lines.join('\n') };
      const inThread = await importFolder(csvConfig(1), files);
      const split = await importFolder(csvConfig(2), files, 64 * 1024);
      expect(split.logs.some((l) => l.startsWith('warn') && l.includes('parsed again in one piece')), split.logs.filter((l) => !l.startsWith('debug')).join('\n')).to.equal(true);
      expect(split.job).to.deep.equal(inThread.job);
      expect(split.rejects).to.deep.equal(inThread.rejects);
      expect(split.rows).to.deep.equal(inThread.rows);
    });

    it('does not split below the size threshold, with one worker, or for stop_on_invalid_record', async function () {
      this.timeout(60_000);
      const files = { 'data/big.csv': generatedCsv(20_000, 6) };
      const splitLog = (logs: string[]) => logs.some((l) => l.includes('parsed in two parts'));
      expect(splitLog((await importFolder(csvConfig(2), files)).logs), 'default threshold 64 MiB').to.equal(false);
      expect(splitLog((await importFolder(csvConfig(0), files, 64 * 1024)).logs), 'main thread').to.equal(false);
      const strict = csvConfig(2, '');
      const strictConfig = { ...strict, in: { ...strict.in, parser: { ...strict.in.parser, stop_on_invalid_record: true } } } as ImportConfig;
      expect(splitLog((await importFolder(strictConfig, files, 64 * 1024)).logs), 'stop_on_invalid_record').to.equal(false);
    });
  });
});
