import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, runCli } from '../support/cli.js';
import { corpusWorkspace, guess } from '../fixtures/cli/cli-kit.js';

/** ESC (colour, erase line, cursor moves) or a carriage return that is not part of a pty's CRLF. */
const PROGRESS = new RegExp(`${String.fromCharCode(27)}|\\r(?!\\n)`);

/** Runs the CLI under a pseudo-terminal with util-linux `script`, so stderr is a TTY; returns what the terminal got. */
function underPty(args: readonly string[]): Promise<string> {
  const quote = (a: string): string => `'${a.replaceAll("'", "'\\''")}'`;
  const command = [process.execPath, '--import', 'tsx', path.join(REPO_ROOT, 'src/cli/run.ts'), ...args].map(quote).join(' ');
  return new Promise((resolve, reject) => {
    execFile('script', ['-qec', command, '/dev/null'], { cwd: REPO_ROOT, env: { ...process.env, FORCE_COLOR: '0' } }, (error, stdout) => (error ? reject(error) : resolve(stdout)));
  });
}

describe('CLI progress: no progress bar escape sequences unless stderr is a terminal and progress is wanted', function () {
  this.timeout(120_000);

  it('stderr not a TTY, or --no-progress on a TTY: no progress escape sequences; a TTY without it shows the bar', async () => {
    const ws = corpusWorkspace('datasets/vega__vega-datasets/birdstrikes.csv');
    const g = await guess(ws);
    expect(g.result.code, g.result.stderr).to.equal(0);
    const args = (home: string, ...flags: string[]): string[] => ['--home', home, ...flags, 'issue', g.load, '--database', 'p', '--table', 't', '--auto-create-table'];

    const piped = await runCli(args(ws.home).slice(2), { home: ws.home });
    expect(piped.code, piped.stderr).to.equal(0);
    expect(piped.stderr).not.to.match(PROGRESS);
    expect(piped.stdout).not.to.match(PROGRESS);

    if (!existsSync('/usr/bin/script') && !existsSync('/bin/script')) {
      console.log('      skipped the TTY half: util-linux `script` is not installed (it provides the pseudo-terminal)');
      return;
    }
    const quiet = await underPty(args(ws.home, '--no-progress'));
    expect(quiet).to.contain('success');
    expect(quiet).not.to.match(PROGRESS);
    // the control: on a terminal without --no-progress the bar is drawn, so the check above can fail
    expect(await underPty(args(ws.home))).to.match(PROGRESS);
  });
});
