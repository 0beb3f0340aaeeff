// Preloaded (NODE_OPTIONS=--import) into a CLI child process by a test: at exit, prints how many CommonJS modules
// of the AWS SDK and of DuckDB were loaded (both are CommonJS, so they appear in the module cache).
import { createRequire } from 'node:module';
import process from 'node:process';

const cache = createRequire(import.meta.url).cache;
process.on('exit', () => {
  const keys = Object.keys(cache);
  const count = (part) => keys.filter((k) => k.includes(part)).length;
  process.stderr.write(`LOADED-MODULES aws-sdk=${count('/@aws-sdk/')} duckdb=${count('/@duckdb/')}\n`);
});
