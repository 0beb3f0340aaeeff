// One bench scenario in its own process, so VmHWM (peak RSS) belongs to that scenario alone.
// Usage (by bench/run.mjs): node bench/scenario.mjs '<json spec>'; prints one line `RESULT {...}`.
import process from 'node:process';
import console from 'node:console';
import { readFileSync } from 'node:fs';
import { SCENARIO_KINDS } from './lib/kinds.mjs';

function peakRssMb() {
  const status = readFileSync('/proc/self/status', 'utf8');
  const kb = /VmHWM:\s+(\d+)/.exec(status);
  // Outside Linux there is no /proc; maxRSS (kB on Linux, bytes elsewhere is not a concern here) is the fallback.
  return kb ? Number(kb[1]) / 1024 : process.resourceUsage().maxRSS / 1024;
}

const spec = JSON.parse(process.argv[2]);
const run = SCENARIO_KINDS[spec.kind];
if (!run) throw new Error(`unknown scenario kind ${spec.kind}`);
// Each kind times only its own work (not opening DuckDB or the catalog), and returns the seconds.
const { rows, bytes, seconds, note } = await run(spec);
const result = {
  name: spec.name, seconds: Number(seconds.toFixed(3)), rows, bytes,
  mb_per_s: Number((bytes / 1e6 / seconds).toFixed(1)), rows_per_s: Math.round(rows / seconds),
  peak_rss_mb: Math.round(peakRssMb()), ...(note ? { note } : {}),
};
console.log(`RESULT ${JSON.stringify(result)}`);
