// The library's public API. Hosts: createS3Import() for a ready importer, or the ContainerModules to wire your own.
export { createS3Import, createContainer, systemModule, objectStoreModule, warehouseModule, catalogModule, applicationModule, S3ImportToken, type S3ImportOptions, type Warehouse } from './app/container.js';
export { S3Import } from './app/s3-import.js';
export type { ImportRequest } from './app/import-files.js';
export type { PreviewRequest, PreviewResult } from './app/preview-import.js';
export type { GuessResult } from './app/guess-format.js';
export type { ScheduleView } from './app/manage-schedules.js';
export { loadImportConfig, validateImportConfig, parseConfigText } from './app/config/load-config.js';

export { ImportError, isImportError, ERROR_CODES, type ErrorCode } from './domain/errors.js';
export type { ImportConfig, FilterSpec } from './domain/model/import-config.js';
export type { Column, ColumnType, RecordBatch, Value, JsonValue } from './domain/model/record-batch.js';
export { stringifyJson, parseJsonExact } from './domain/model/json-text.js';
export type { ObjectInfo, ByteRange } from './domain/model/object-info.js';
export type { ConfigDiff, SelectionOptions, SourceOptions } from './domain/model/source-options.js';
export type { ImportMode, OutOptions, ExecOptions } from './domain/model/import-mode.js';
export type { ParserOptions, CsvParserOptions, JsonParserOptions, ColumnSpec, DecoderSpec } from './domain/model/parser-options.js';
export type { RejectedRecord } from './domain/model/rejected-record.js';

export { ObjectStore, ObjectStoreFactory, type ObjectStoreCapabilities, type ListOptions, type ReadOptions } from './ports/object-store.js';
export { TableStore, type TableLoad, type TableRef, type TableDescription, type LoadMode, type LoadReport, type TailResult, type TableStoreCapabilities } from './ports/table-store.js';
export { StateStore, LoadLedger, type StoredState, type LedgerEntry } from './ports/state-store.js';
export { JobStore, type JobRecord, type JobFile, type JobStatus } from './ports/job-store.js';
export { ScheduleStore, type Schedule } from './ports/schedule-store.js';
export { AuthenticationStore, type SavedAuthentication } from './ports/authentication-store.js';
export { Clock, IdGenerator } from './ports/clock.js';
export { Logger, ProgressReporter, type ProgressSnapshot } from './ports/logger.js';
export { ContentCodec } from './ports/content-codec.js';

export { LocalFsObjectStore } from './adapters/local-fs/local-fs-object-store.js';
export { InMemoryObjectStore } from './adapters/in-memory/in-memory-object-store.js';
export { InMemoryTableStore } from './adapters/in-memory/in-memory-table-store.js';
export { DuckDbTableStore } from './adapters/duckdb/duckdb-table-store.js';
export { ThreadedTableStore } from './adapters/duckdb/warehouse-thread.js';
export { S3ObjectStoreFactory } from './adapters/aws-s3/s3-object-store-factory.js';
export { S3ObjectStore } from './adapters/aws-s3/s3-object-store.js';
