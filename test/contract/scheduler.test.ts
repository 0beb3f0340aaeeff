import { expect } from 'chai';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SecretBox } from '../../src/adapters/crypto/secret-box.js';
import { SqliteCatalog } from '../../src/adapters/sqlite/sqlite-catalog.js';
import { ManageSchedules } from '../../src/app/manage-schedules.js';
import { RunDueSchedules } from '../../src/app/run-due-schedules.js';
import type { Logger } from '../../src/ports/logger.js';
import { FakeImportFiles, ManualClock, loadConfig } from '../unit/schedules/fake-import-files.js';

const quiet: Logger = { debug() {}, info() {}, warn() {}, error() {} };
const KEY = Buffer.alloc(32, 9);

/** One daemon's view of the shared catalog: its own SQLite connection, import and scheduler. */
function daemonOn(path: string, clock: ManualClock, owner: string) {
  const catalog = SqliteCatalog.open(path, { secretBox: SecretBox.fromKey(KEY), clock });
  const importFiles = new FakeImportFiles(catalog.jobStore, clock);
  const deps = { scheduleStore: catalog.scheduleStore, stateStore: catalog.stateStore, jobStore: catalog.jobStore, clock, importFiles, logger: quiet, leaseMs: 86_400_000 };
  return { catalog, importFiles, scheduler: new RunDueSchedules({ ...deps, owner }), schedules: new ManageSchedules(deps) };
}

describe('scheduler on a shared SQLite catalog', () => {
  let dir: string;
  let path: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 's3-import-scheduler-'));
    path = join(dir, 'catalog.sqlite');
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('two daemons on two connections to one catalog run each due slot exactly once', async () => {
    const clock = new ManualClock('2024-01-01T00:30:00Z');
    const a = daemonOn(path, clock, 'daemon-a');
    const b = daemonOn(path, clock, 'daemon-b');
    try {
      await a.schedules.create({ name: 'hourly', cron: '@hourly', database: 'db', table: 't', config: loadConfig() });
      for (let hour = 1; hour <= 12; hour++) {
        clock.set(`2024-01-01T${String(hour).padStart(2, '0')}:00:01Z`);
        // Each import lasts a few ms so the two daemons overlap on the lease and the catalog.
        for (const d of [a, b]) {
          d.importFiles.hold();
          setTimeout(() => d.importFiles.release(), 15);
        }
        const order = hour % 2 === 0 ? [a, b] : [b, a];
        await Promise.all(order.map((d) => d.scheduler.runOnce()));
      }
      const history = await a.schedules.history('hourly', 100);
      expect(history).to.have.length(12);
      expect(history.every((job) => job.status === 'success')).to.equal(true);
      expect(new Set(history.map((job) => job.uniqueId)).size).to.equal(12);
      expect(a.importFiles.requests.length + b.importFiles.requests.length).to.equal(12);
    } finally {
      a.catalog.close();
      b.catalog.close();
    }
  });

  it('a daemon on another connection records a skip while the previous run is still going', async () => {
    const clock = new ManualClock('2024-01-01T00:30:00Z');
    const a = daemonOn(path, clock, 'daemon-a');
    const b = daemonOn(path, clock, 'daemon-b');
    try {
      await a.schedules.create({ name: 'hourly', cron: '@hourly', database: 'db', table: 't', config: loadConfig() });
      a.importFiles.hold();
      const long = a.scheduler.runOnce(clock.set('2024-01-01T01:00:00Z'));
      await a.importFiles.started(1);
      const skipped = await b.scheduler.runOnce(clock.set('2024-01-01T02:00:00Z'));
      expect(skipped.map((job) => job.status)).to.deep.equal(['skipped']);
      expect(b.importFiles.requests).to.have.length(0);
      a.importFiles.release();
      await long;
      expect((await b.schedules.history('hourly')).map((job) => job.status)).to.deep.equal(['skipped', 'success']);
    } finally {
      a.catalog.close();
      b.catalog.close();
    }
  });

  it('keeps inline secrets of a saved config encrypted in the catalog file, and gives them back to the run', async () => {
    const clock = new ManualClock('2024-01-01T00:30:00Z');
    const secret = 'wJalrXUtnFEMI-K7MDENG-bPxRfiCYEXAMPLEKEY';
    const first = daemonOn(path, clock, 'daemon-a');
    await first.schedules.create({ name: 'hourly', cron: '@hourly', database: 'db', table: 't', config: loadConfig(secret) });
    first.catalog.close();

    const files = (await readdir(dir)).filter((name) => name.startsWith('catalog.sqlite'));
    const bytes = Buffer.concat(await Promise.all(files.map((name) => readFile(join(dir, name)))));
    expect(bytes.includes(Buffer.from('AKIAEXAMPLE')), 'the schedule config is in the files read').to.equal(true);
    expect(bytes.includes(Buffer.from(secret)), 'the secret key must not be stored in clear').to.equal(false);

    const reopened = daemonOn(path, clock, 'daemon-b');
    try {
      expect(JSON.stringify(await reopened.schedules.show('hourly'))).not.to.contain(secret);
      await reopened.schedules.run('hourly');
      expect(reopened.importFiles.requests[0]!.config.in['secret_access_key']).to.equal(secret);
    } finally {
      reopened.catalog.close();
    }
  });
});
