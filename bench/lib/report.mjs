// The printed table and the headline ratios.
import console from 'node:console';

function find(results, name) {
  const r = results.find((x) => x.name === name);
  return r && !r.error ? r : undefined;
}

function ratio(a, b, key) {
  return a && b && b[key] > 0 ? Number((a[key] / b[key]).toFixed(2)) : null;
}

/**
 * import_vs_duckdb_native: our S3 (else local-folder) CSV import as the CLI runs it by default (the warehouse
 *   thread, see below) vs DuckDB's read_csv of the same file, rows/s. import_main_thread_vs_duckdb_native: the same
 *   import with DuckDB on the main thread (S3_IMPORT_WAREHOUSE=duckdb, the library's default; the headline before
 *   the CLI moved to the thread). import_file_vs_duckdb_native / import_file_main_thread_vs_duckdb_native: the
 *   same two from a local folder.
 * parse_vs_fast_csv: our typed parser vs fast-csv's string rows, rows/s.
 * two_workers_vs_one: the many-small-files import with 2 vs 1 (parse_workers, else max_threads), rows/s.
 * two_workers_vs_one_2mb_files: the same on 100 files of ~2 MB (parse-bound), local folder.
 * two_workers_vs_one_2mb_files_s3: the same 100 files from S3 (the main thread reads them and passes the bytes on).
 * import_2mb_files_2_workers_vs_duckdb_native: that 2-worker import vs DuckDB's read_csv of the same 100 files.
 * import_file_2_workers_vs_duckdb_native: the large CSV (local) split between 2 parse workers vs DuckDB native.
 * import_warehouse_thread_vs_duckdb_native: the import with the warehouse thread (S3_IMPORT_WAREHOUSE=duckdb-thread,
 *   the CLI's default for imports: the same as import_vs_duckdb_native, kept for older runs); warehouse_thread_vs_default:
 *   that over the main-thread import (S3, else local); warehouse_thread_vs_default_small_files: that on the many
 *   small files (local folder).
 */
export function ratios(results, withS3, workers) {
  const source = withS3 ? 's3' : 'file';
  const native = find(results, 'duckdb native: csv');
  return {
    import_vs_duckdb_native: ratio(find(results, `import ${source}: csv, warehouse thread`), native, 'rows_per_s'),
    import_main_thread_vs_duckdb_native: ratio(find(results, `import ${source}: csv`), native, 'rows_per_s'),
    import_file_vs_duckdb_native: ratio(find(results, 'import file: csv, warehouse thread'), native, 'rows_per_s'),
    import_file_main_thread_vs_duckdb_native: ratio(find(results, 'import file: csv'), native, 'rows_per_s'),
    parse_vs_fast_csv: ratio(find(results, 'parse: ours (8 typed cols)'), find(results, 'parse: fast-csv (strings)'), 'rows_per_s'),
    two_workers_vs_one: ratio(find(results, `import ${source}: small files, ${workers}=2`), find(results, `import ${source}: small files, ${workers}=1`), 'rows_per_s'),
    two_workers_vs_one_2mb_files: ratio(find(results, 'import file: 2 MB files, parse_workers=2'), find(results, 'import file: 2 MB files, parse_workers=1'), 'rows_per_s'),
    two_workers_vs_one_2mb_files_s3: ratio(find(results, 'import s3: 2 MB files, parse_workers=2'), find(results, 'import s3: 2 MB files, parse_workers=1'), 'rows_per_s'),
    import_2mb_files_2_workers_vs_duckdb_native: ratio(find(results, 'import file: 2 MB files, parse_workers=2'), find(results, 'duckdb native: 2 MB files'), 'rows_per_s'),
    import_file_2_workers_vs_duckdb_native: ratio(find(results, 'import file: csv, parse_workers=2 (split in two)'), native, 'rows_per_s'),
    import_warehouse_thread_vs_duckdb_native: ratio(find(results, `import ${source}: csv, warehouse thread`), native, 'rows_per_s'),
    warehouse_thread_vs_default: ratio(find(results, `import ${source}: csv, warehouse thread`), find(results, `import ${source}: csv`), 'rows_per_s'),
    warehouse_thread_vs_default_small_files: ratio(find(results, 'import file: small files, warehouse thread'), find(results, `import file: small files, ${workers}=1`) ?? find(results, 'import file: small files'), 'rows_per_s'),
    s3_read_vs_file_read: ratio(find(results, 'read raw: s3 csv'), find(results, 'read raw: file csv'), 'mb_per_s'),
  };
}

export function printTable(report) {
  const rows = [['scenario', 's', 'MB/s', 'rows/s', 'peak RSS MB', 'note']];
  for (const r of report.scenarios) {
    rows.push(r.error ? [r.name, 'FAILED', '', '', '', r.error.slice(0, 60)] : [r.name, r.seconds.toFixed(2), r.mb_per_s.toFixed(1), String(r.rows_per_s), String(r.peak_rss_mb), r.note ?? '']);
  }
  const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => row[c].length)));
  console.log('');
  for (const row of rows) console.log(row.map((cell, c) => (c === 0 || c === 5 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  '));
  console.log(`\nratios: ${JSON.stringify(report.ratios)}`);
  const m = report.machine;
  console.log(`machine: ${m.cpus} x ${m.model}, ${m.memGb} GB, node ${m.node}, 1-min load during run ${m.loadavg.join(' -> ')}`);
  console.log('MB/s counts bytes as stored (compressed bytes for .gz/.bz2); compare rows/s across formats.');
}
