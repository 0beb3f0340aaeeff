import { expect } from 'chai';
import { loadImportConfig } from '../../../src/app/config/load-config.js';
import { isImportError, type ImportError } from '../../../src/domain/errors.js';

const base = `
in:
  type: file
  path_prefix: data/
  parser:
    type: csv
    columns:
      - {name: id, type: long}
`;

function errorOf(text: string): ImportError {
  try {
    loadImportConfig(text, 'load.yml');
  } catch (error) {
    if (isImportError(error)) return error;
    throw error;
  }
  throw new Error('expected a config error');
}

describe('load config', () => {
  it('applies the reference defaults', () => {
    const config = loadImportConfig(base, 'load.yml');
    expect(config.in.parser).to.include({ type: 'csv', delimiter: ',', quote: '"', escape: '\\', skip_header_lines: 0, newline: 'CRLF', charset: 'UTF-8' });
    expect(config.in.incremental).to.equal(true);
    expect(config.in.incremental_strategy).to.equal('name');
    expect(config.out).to.deep.equal({ mode: 'append', time_column: null, default_timezone: 'UTC' });
    expect(config.exec.max_threads).to.equal(16);
  });

  it('accepts s3 as an alias of s3_v2 and tsv as csv with a tab delimiter', () => {
    const config = loadImportConfig(base.replace('type: file', 'type: s3\n  bucket: b\n  access_key_id: A\n  secret_access_key: S').replace('type: csv', 'type: tsv'), 'load.yml');
    expect(config.in.type).to.equal('s3_v2');
    expect(config.in.parser).to.include({ type: 'csv', delimiter: '\t' });
  });

  it("treats TD's escape: '' as no escape character", () => {
    const config = loadImportConfig(base.replace('type: csv', "type: csv\n    escape: ''"), 'load.yml');
    expect(config.in.parser).to.include({ escape: null });
  });

  it('malformed YAML: one line naming the file, line and column', () => {
    const e = errorOf('in:\n  type: file\n   path_prefix: [oops\n');
    expect(e.code).to.equal('CONFIG_INVALID');
    expect(e.exitCode).to.equal(2);
    expect(e.message).to.match(/^load\.yml: line \d+, column \d+: malformed YAML/);
    expect(e.message).to.not.contain('\n');
  });

  it('a missing required key is named with its path', () => {
    const e = errorOf(base.replace('  path_prefix: data/\n', ''));
    expect(e.message).to.contain('in.path_prefix');
    expect(e.message).to.contain('set path_prefix');
  });

  it('a missing parser column list is named', () => {
    const e = errorOf('in:\n  type: file\n  path_prefix: d/\n  parser:\n    type: csv\n');
    expect(e.message).to.contain('in.parser.columns');
    expect(e.message).to.contain('is required');
  });

  it('an unknown key is reported with its path and a suggestion', () => {
    const e = errorOf(base.replace('path_prefix: data/', 'path_prefix: data/\n  path_match_patern: x'));
    expect(e.message).to.contain("in.path_match_patern: unknown key; did you mean 'path_match_pattern'?");
    const nested = errorOf(base.replace('type: csv', 'type: csv\n    delimeter: ";"'));
    expect(nested.message).to.contain("in.parser.delimeter: unknown key; did you mean 'delimiter'?");
    const top = errorOf(base + 'outt: {}\n');
    expect(top.message).to.contain('outt: unknown key');
  });

  it('a wrong type names the key and the expected type', () => {
    const e = errorOf(base.replace('type: long', 'type: integer'));
    expect(e.message).to.contain('in.parser.columns[0].type');
    expect(e.message).to.contain('boolean, long, double, string, timestamp, json');
  });

  it('rejects a malformed last_modified_time with the expected shape', () => {
    const e = errorOf(base.replace('path_prefix: data/', 'path_prefix: data/\n  use_modified_time: true\n  last_modified_time: "2019-06-03 10:30"'));
    expect(e.message).to.contain('in.last_modified_time');
    expect(e.message).to.contain('2019-06-03T10:30:19.806Z');
  });

  it('rejects time zone abbreviations in out.default_timezone', () => {
    const e = errorOf(base + 'out:\n  default_timezone: PST\n');
    expect(e.message).to.contain('out.default_timezone');
    expect(e.message).to.contain('Asia/Tokyo');
  });

  it('rejects an unknown in.type with the supported ones', () => {
    const e = errorOf(base.replace('type: file', 'type: ftp'));
    expect(e.message).to.equal("in.type: 'ftp' is not supported; use s3_v2 (alias s3) or file");
  });
});
