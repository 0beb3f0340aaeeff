// Which scenarios run, in what order, with what inputs. Sizes: --quick vs full.

/** Rows per data set; full mode's large CSV is ~200 MB (2.8M rows x 8 typed columns). */
export const SIZES = {
  quick: { largeRows: 200_000, mediumRows: 100_000, smallFiles: 200, smallRows: 200, mediumFiles: 20, mediumFileRows: 10_000 },
  full: { largeRows: 2_800_000, mediumRows: 500_000, smallFiles: 2_000, smallRows: 200, mediumFiles: 100, mediumFileRows: 28_000 },
};

const S3_KEYS = { csv: 'large/', gz: 'gz/', bz2: 'bz2/', jsonl: 'jsonl/', small: 'small/', mediumFiles: 'medium/' };

/**
 * The scenario specs. `files` is the manifest's file table; `s3` is {endpoint, bucket} or null (then only the
 * local-folder variants run); `workers` says how the two-workers comparison is driven.
 */
export function planScenarios(files, s3, workers) {
  const specs = [
    { name: 'read raw: file csv', kind: 'read-file', path: files.csv.path },
  ];
  if (s3) {
    specs.push(
      { name: 'read raw: s3 csv', kind: 'read-s3', s3, key: 'large/big.csv' },
      { name: 'read raw: s3 small files', kind: 'read-s3-prefix', s3, prefix: 'small/', concurrency: 1 },
      // The server's own ceiling: more GETs at once do not make moto (one Python process) answer faster.
      { name: 'read raw: s3 small files, 8 at a time', kind: 'read-s3-prefix', s3, prefix: 'small/', concurrency: 8 },
    );
  }
  specs.push(
    { name: 'parse: fast-csv (strings)', kind: 'parse-fast-csv', path: files.csv.path, bytes: files.csv.bytes },
    { name: 'parse: ours (8 typed cols)', kind: 'parse-ours', path: files.csv.path, bytes: files.csv.bytes },
    { name: 'duckdb native: csv', kind: 'duckdb-native', glob: files.csv.path, bytes: files.csv.bytes },
    { name: 'duckdb native: csv.gz', kind: 'duckdb-native', glob: files.gz.path, bytes: files.gz.bytes },
    { name: 'duckdb native: small files', kind: 'duckdb-native', glob: `${files.small.path}/*.csv`, bytes: files.small.bytes },
    { name: 'duckdb native: 2 MB files', kind: 'duckdb-native', glob: `${files.mediumFiles.path}/*.csv`, bytes: files.mediumFiles.bytes },
  );
  const sources = s3 ? ['s3', 'file'] : ['file'];
  for (const source of sources) {
    for (const [set, format] of [['csv', 'csv'], ['gz', 'csv'], ['bz2', 'csv'], ['jsonl', 'jsonl']]) {
      specs.push(importSpec(source, set, format, files, s3, {}));
    }
    for (const n of [1, 2]) {
      const exec = workers === 'parse_workers' ? { parse_workers: n } : { max_threads: n };
      specs.push({ ...importSpec(source, 'small', 'csv', files, s3, exec), name: `import ${source}: small files, ${workers}=${n}` });
    }
  }
  // Parse-bound shapes: files of ~2 MB (the large CSV cut in 100) from a local folder, where workers read the files
  // themselves, and from S3, where the main thread reads every object and passes its bytes to a worker; and the
  // large file parsed in two parts by two workers (parse_workers 2; the default keeps one file on the main thread).
  if (workers === 'parse_workers') {
    for (const n of [1, 2]) {
      specs.push({ name: `import file: 2 MB files, parse_workers=${n}`, kind: 'import', where: { type: 'file', prefix: `${files.mediumFiles.path}/` }, format: 'csv', exec: { parse_workers: n }, bytes: files.mediumFiles.bytes });
    }
    if (s3) {
      for (const n of [1, 2]) {
        specs.push({ name: `import s3: 2 MB files, parse_workers=${n}`, kind: 'import', where: { type: 's3', ...s3, prefix: S3_KEYS.mediumFiles }, format: 'csv', exec: { parse_workers: n }, bytes: files.mediumFiles.bytes });
      }
    }
    specs.push({ ...importSpec('file', 'csv', 'csv', files, s3, { parse_workers: 2 }), name: 'import file: csv, parse_workers=2 (split in two)' });
  }
  // The warehouse thread (S3_IMPORT_WAREHOUSE=duckdb-thread, the CLI's default for imports): DuckDB's appends on a
  // thread of their own. The scenarios without it run DuckDB on the main thread (the library's default).
  for (const source of sources) {
    specs.push({ ...importSpec(source, 'csv', 'csv', files, s3, {}), warehouse: 'duckdb-thread', name: `import ${source}: csv, warehouse thread` });
  }
  specs.push({ ...importSpec('file', 'small', 'csv', files, s3, {}), warehouse: 'duckdb-thread', name: 'import file: small files, warehouse thread' });
  return specs;
}

function importSpec(source, set, format, files, s3, exec) {
  const where = source === 's3'
    ? { type: 's3', ...s3, prefix: S3_KEYS[set] }
    : { type: 'file', prefix: set === 'small' ? `${files.small.path}/` : files[set].path };
  const label = { csv: 'csv', gz: 'csv.gz', bz2: 'csv.bz2', jsonl: 'jsonl', small: 'small files' }[set];
  return { name: `import ${source}: ${label}`, kind: 'import', where, format, exec, bytes: files[set].bytes };
}
