import type { ParserOptions } from '../model/parser-options.js';
import { CsvRecordParser } from './csv-record-parser.js';
import { JsonRecordParser } from './json-record-parser.js';
import type { RecordParser } from './record-parser.js';

/**
 * The parser for resolved options: csv (TSV is csv with a tab delimiter) or json/jsonl.
 * Options are checked here, so a bad delimiter, pointer or timestamp format fails before any file is read.
 * @throws ImportError CONFIG_INVALID naming the offending key.
 */
export function createParser(options: ParserOptions): RecordParser {
  return options.type === 'csv' ? new CsvRecordParser(options) : new JsonRecordParser(options);
}
