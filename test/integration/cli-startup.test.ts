import path from 'node:path';
import { expect } from 'chai';
import { REPO_ROOT, runCli } from '../support/cli.js';

/**
 * The AWS SDK and DuckDB load when a job needs them, not at startup: a command that touches neither (help, job
 * history) starts ~150 ms sooner and ~25 MB smaller, and a local-file import never loads the AWS SDK.
 */
const PRELOAD = path.join(REPO_ROOT, 'test/support/report-loaded-modules.mjs');

function loaded(stderr: string): { aws: number; duckdb: number } {
  const match = /LOADED-MODULES aws-sdk=(\d+) duckdb=(\d+)/.exec(stderr);
  if (match === null) throw new Error(`no module report in stderr: ${stderr.slice(-300)}`);
  return { aws: Number(match[1]), duckdb: Number(match[2]) };
}

describe('CLI startup loads heavy modules only when used', () => {
  const env = { NODE_OPTIONS: `--import ${PRELOAD}` };

  it('help loads neither the AWS SDK nor DuckDB', async () => {
    const result = await runCli(['--help'], { env });
    expect(result.code).to.equal(0);
    expect(loaded(result.stderr)).to.deep.equal({ aws: 0, duckdb: 0 });
  });

  it('a local-file import loads DuckDB but not the AWS SDK', async () => {
    const result = await runCli(['--format', 'json', 'issue', 'examples/load.yml', '--database', 'demo', '--table', 'events', '--auto-create-table'], { env });
    expect(result.code, result.stderr).to.equal(0);
    const modules = loaded(result.stderr);
    expect(modules.duckdb, 'DuckDB modules').to.be.above(0);
    expect(modules.aws, 'AWS SDK modules').to.equal(0);
  });
});
