import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { SecretBox } from '../../src/adapters/crypto/secret-box.js';
import { SqliteCatalog } from '../../src/adapters/sqlite/sqlite-catalog.js';
import { sampleAuthentication } from '../../src/testing/authentication-store-contract.js';
import { sampleJob } from '../../src/testing/job-store-contract.js';
import { sampleSchedule } from '../../src/testing/schedule-store-contract.js';
import { expectImportError } from '../../src/testing/state-store-contract.js';

const run = promisify(execFile);
const KEY = Buffer.alloc(32, 9);
const CATALOG_MODULE = pathToFileURL(resolve('src/adapters/sqlite/sqlite-catalog.ts')).href;
const BOX_MODULE = pathToFileURL(resolve('src/adapters/crypto/secret-box.ts')).href;

/**
 * Runs `body` in a separate Node process with `catalog` opened on `file`, starting at `startAt` (epoch ms) so that
 * two children really overlap instead of one finishing while the other is still loading; returns its JSON output.
 */
async function inChildProcess(file: string, startAt: number, body: string, home?: string): Promise<unknown> {
  const open = home
    ? `SqliteCatalog.openHome(${JSON.stringify(home)}, {})`
    : `SqliteCatalog.open(${JSON.stringify(file)}, { secretBox: SecretBox.fromKey(Buffer.alloc(32, 9)) })`;
  const script = `
    const { SqliteCatalog } = await import(${JSON.stringify(CATALOG_MODULE)});
    const { SecretBox } = await import(${JSON.stringify(BOX_MODULE)});
    while (Date.now() < ${startAt}) await new Promise((r) => setTimeout(r, 2));
    const catalog = ${open};
    const result = await (async () => { ${body} })();
    catalog.close();
    process.stdout.write(JSON.stringify(result));`;
  const { stdout } = await run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { timeout: 60_000 });
  return JSON.parse(stdout);
}

describe('SqliteCatalog', function () {
  let dir: string;
  let file: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 's3-import-catalog-'));
    file = join(dir, 'catalog.sqlite');
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('never writes a secret in plaintext to the catalog files, yet returns it to its reader', async () => {
    const catalog = SqliteCatalog.open(file, { secretBox: SecretBox.fromKey(KEY) });
    await catalog.authenticationStore.create(sampleAuthentication());
    await catalog.scheduleStore.create(sampleSchedule());
    const secrets = ['wJalrXUtnFEMI-auth-secret', 'FwoGZXIvYXdz-auth-token', 'ext-auth-id', 'wJalrXUtnFEMI-contract-secret', 'proxy-pass-contract', 'hmac-contract-key'];
    // Read the files while the connection is open (pages may still be in the WAL) and after close (checkpointed).
    for (const phase of ['open', 'closed']) {
      if (phase === 'closed') catalog.close();
      for (const name of await readdir(dir)) {
        const bytes = await readFile(join(dir, name));
        for (const secret of secrets) expect(bytes.includes(secret), `${secret} found in ${name} (${phase})`).to.equal(false);
      }
    }
    const reopened = SqliteCatalog.open(file, { secretBox: SecretBox.fromKey(KEY) });
    expect(await reopened.scheduleStore.get('daily')).to.deep.equal(sampleSchedule());
    expect((await reopened.authenticationStore.get('prod-s3'))?.settings['session_token']).to.equal('FwoGZXIvYXdz-auth-token');
    reopened.close();
  });

  it('says how to fix a master key that does not match the saved secrets', async () => {
    const catalog = SqliteCatalog.open(file, { secretBox: SecretBox.fromKey(KEY) });
    await catalog.authenticationStore.create(sampleAuthentication());
    catalog.close();
    const other = SqliteCatalog.open(file, { secretBox: SecretBox.fromKey(Buffer.alloc(32, 1)) });
    const error = await expectImportError(other.authenticationStore.get('prod-s3'), 'CONFIG_INVALID');
    expect(error.message).to.match(/different master key.*S3_IMPORT_MASTER_KEY/);
    other.close();
  });

  it('sees lease and state changes made through another connection to the same file', async () => {
    const a = SqliteCatalog.open(file, { secretBox: SecretBox.fromKey(KEY) });
    const b = SqliteCatalog.open(file, { secretBox: SecretBox.fromKey(KEY) });
    await a.scheduleStore.create(sampleSchedule());
    const now = new Date('2024-05-01T00:00:00Z');
    const until = new Date('2024-05-01T00:10:00Z');
    expect(await a.scheduleStore.acquireLease('daily', 'A', until, now)).to.equal(true);
    expect(await b.scheduleStore.acquireLease('daily', 'B', until, now)).to.equal(false);
    await a.scheduleStore.releaseLease('daily', 'A');
    expect(await b.scheduleStore.acquireLease('daily', 'B', until, now)).to.equal(true);
    await a.stateStore.put('daily', { in: { last_path: 'a' }, out: {} }, 0);
    await expectImportError(b.stateStore.put('daily', { in: { last_path: 'b' }, out: {} }, 0), 'STATE_CONFLICT');
    a.close();
    b.close();
  });

  it('gives each lease to exactly one of two scheduler processes racing for 100 schedules', async function () {
    this.timeout(120_000);
    const catalog = SqliteCatalog.open(file, { secretBox: SecretBox.fromKey(KEY) });
    const names = Array.from({ length: 100 }, (_, i) => `s${i}`);
    for (const name of names) await catalog.scheduleStore.create(sampleSchedule({ name }));
    const startAt = Date.now() + 4000;
    const race = (owner: string): Promise<unknown> =>
      inChildProcess(file, startAt, `const won = [];
        for (const name of ${JSON.stringify(names)}) {
          if (await catalog.scheduleStore.acquireLease(name, '${owner}', new Date(Date.now() + 60000), new Date())) won.push(name);
          await new Promise((r) => setTimeout(r, 1));
        }
        return won;`);
    const [p1, p2] = (await Promise.all([race('P1'), race('P2')])) as [string[], string[]];
    expect(p1.filter((n) => p2.includes(n)), 'schedules leased by both').to.deep.equal([]);
    expect([...p1, ...p2].sort()).to.deep.equal([...names].sort());
    expect(await catalog.scheduleStore.acquireLease('s0', 'P3', new Date(Date.now() + 60000), new Date())).to.equal(false);
    catalog.close();
  });

  it('loses no state update when two processes compare-and-set the same source', async function () {
    this.timeout(120_000);
    const startAt = Date.now() + 4000;
    // The pause between read and write widens the race window, so conflicts really happen.
    const writer = (): Promise<unknown> =>
      inChildProcess(file, startAt, `const versions = [];
        for (let i = 0; i < 100; i++) {
          const version = (await catalog.stateStore.get('src'))?.version ?? 0;
          await new Promise((r) => setTimeout(r, 1));
          try { versions.push(await catalog.stateStore.put('src', { in: { last_path: String(i) }, out: {} }, version)); }
          catch (e) { if (e.code !== 'STATE_CONFLICT') throw e; }
        }
        return versions;`);
    const [a, b] = (await Promise.all([writer(), writer()])) as [number[], number[]];
    const catalog = SqliteCatalog.open(file, { secretBox: SecretBox.fromKey(KEY) });
    const final = (await catalog.stateStore.get('src'))?.version ?? 0;
    // Every version from 1 to the final one was produced by exactly one successful put.
    expect([...a, ...b].sort((x, y) => x - y)).to.deep.equal(Array.from({ length: final }, (_, i) => i + 1));
    catalog.close();
  });

  it('counts rejected records beyond the per-job limit', async () => {
    const catalog = SqliteCatalog.open(file, { secretBox: SecretBox.fromKey(KEY) });
    await catalog.jobStore.create(sampleJob());
    const reject = { file: 'a.csv', line: 1, reason: 'bad', raw: 'x' };
    await catalog.jobStore.addRejects('job-1', Array.from({ length: 10_003 }, () => reject));
    expect(await catalog.jobStore.droppedRejects('job-1')).to.equal(3);
    catalog.close();
  });

  it('refuses a catalog written by a newer version, and a file that is not a catalog', async () => {
    const raw = new Database(file);
    raw.pragma('user_version = 99');
    raw.close();
    expect(() => SqliteCatalog.open(file, { secretBox: SecretBox.fromKey(KEY) })).to.throw(/newer s3-import.*upgrade/);
    const junk = join(dir, 'junk.sqlite');
    await writeFile(junk, 'this is not a database, just some text that is long enough to look like a header..........');
    expect(() => SqliteCatalog.open(junk, { secretBox: SecretBox.fromKey(KEY) })).to.throw(/not a readable s3-import catalog/);
  });

  it('opens the catalog and master key under the home folder, and keeps its data across reopen', async () => {
    const home = join(dir, 'home');
    const first = SqliteCatalog.openHome(home, {});
    await first.authenticationStore.create(sampleAuthentication());
    first.close();
    expect((await readdir(home)).sort()).to.include.members(['catalog.sqlite', 'master.key']);
    const second = SqliteCatalog.openHome(home, {});
    expect(await second.authenticationStore.get('auth-1')).to.deep.equal(sampleAuthentication());
    second.close();
  });

  it('lets two processes create a new home at once: one master key, one schema, both secrets readable', async function () {
    this.timeout(120_000);
    const home = join(dir, 'shared-home');
    const startAt = Date.now() + 4000;
    const save = (id: string): Promise<unknown> =>
      inChildProcess('', startAt, `await catalog.authenticationStore.create({ id: '${id}', name: '${id}', settings: { secret_access_key: 'secret-${id}' }, createdAt: new Date(0) }); return true;`, home);
    await Promise.all([save('p1'), save('p2')]);
    const catalog = SqliteCatalog.openHome(home, {});
    expect((await catalog.authenticationStore.list()).map((a) => a.settings['secret_access_key'])).to.deep.equal(['secret-p1', 'secret-p2']);
    catalog.close();
  });
});
