/**
 * The error taxonomy. Every failure that reaches a user is an ImportError with a code from a closed set,
 * a fault side ('user' means: change your config, credentials or data; 'system' means: retry or report),
 * and a message that says what to change. Expected outcomes ("no new files") are statuses, not errors.
 */
export const ERROR_CODES = {
  CONFIG_INVALID: { fault: 'user', retryable: false, exit: 2 },
  USAGE: { fault: 'user', retryable: false, exit: 2 },
  TABLE_NOT_FOUND: { fault: 'user', retryable: false, exit: 2 },
  NOT_FOUND: { fault: 'user', retryable: false, exit: 2 },
  ALREADY_EXISTS: { fault: 'user', retryable: false, exit: 2 },
  NO_FILES: { fault: 'user', retryable: false, exit: 1 },
  STORAGE_NOT_FOUND: { fault: 'user', retryable: false, exit: 1 },
  STORAGE_ACCESS_DENIED: { fault: 'user', retryable: false, exit: 1 },
  STORAGE_CREDENTIALS: { fault: 'user', retryable: false, exit: 1 },
  STORAGE_TOKEN_EXPIRED: { fault: 'user', retryable: false, exit: 1 },
  STORAGE_GLACIER: { fault: 'user', retryable: false, exit: 1 },
  STORAGE_THROTTLED: { fault: 'system', retryable: true, exit: 1 },
  STORAGE_UNAVAILABLE: { fault: 'system', retryable: true, exit: 1 },
  STORAGE_IO: { fault: 'system', retryable: true, exit: 1 },
  DATA_DECODE: { fault: 'user', retryable: false, exit: 1 },
  DATA_INVALID_RECORD: { fault: 'user', retryable: false, exit: 1 },
  SCHEMA_CONFLICT: { fault: 'user', retryable: false, exit: 1 },
  STATE_CONFLICT: { fault: 'system', retryable: true, exit: 1 },
  TABLE_STORE: { fault: 'system', retryable: false, exit: 1 },
  CANCELLED: { fault: 'system', retryable: false, exit: 1 },
  INTERNAL: { fault: 'system', retryable: false, exit: 1 },
} as const satisfies Record<string, { fault: 'user' | 'system'; retryable: boolean; exit: 1 | 2 }>;

export type ErrorCode = keyof typeof ERROR_CODES;

const BRAND = Symbol.for('s3-import:ImportError');

export interface ImportErrorOptions {
  cause?: unknown;
  /** Structured, secret-free details (key, file, line, column...). */
  details?: Record<string, unknown>;
  retryable?: boolean;
}

export class ImportError extends Error {
  readonly [BRAND] = true;
  readonly code: ErrorCode;
  readonly details: Record<string, unknown>;
  readonly retryable: boolean;

  constructor(code: ErrorCode, message: string, options: ImportErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ImportError';
    this.code = code;
    this.details = options.details ?? {};
    this.retryable = options.retryable ?? ERROR_CODES[code].retryable;
  }

  get fault(): 'user' | 'system' {
    return ERROR_CODES[this.code].fault;
  }

  /** CLI exit code: 2 for usage/config errors (nothing was read or written), 1 for a failed job. */
  get exitCode(): 1 | 2 {
    return ERROR_CODES[this.code].exit;
  }
}

/** Brand check that survives duplicated package copies (instanceof does not). */
export function isImportError(value: unknown): value is ImportError {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
}

export function configError(key: string, message: string, cause?: unknown): ImportError {
  return new ImportError('CONFIG_INVALID', `${key}: ${message}`, { details: { key }, cause });
}

/** An ImportError as it crosses a thread boundary (the class and its brand do not survive structured clone). */
export interface SerializedError {
  readonly code: ErrorCode;
  readonly message: string;
  readonly details: Record<string, unknown>;
  readonly retryable: boolean;
}

/** `origin` prefixes the message of an error that is not an ImportError (e.g. 'parse worker'). */
export function serializeError(error: unknown, origin: string): SerializedError {
  if (isImportError(error)) return { code: error.code, message: error.message, details: cloneableDetails(error.details), retryable: error.retryable };
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'INTERNAL', message: `${origin}: ${message}`, details: {}, retryable: false };
}

export function rebuildError(error: SerializedError): ImportError {
  const code = error.code in ERROR_CODES ? error.code : 'INTERNAL';
  return new ImportError(code, error.message, { details: error.details, retryable: error.retryable });
}

function cloneableDetails(details: Record<string, unknown>): Record<string, unknown> {
  try {
    return structuredClone(details);
  } catch {
    return {};
  }
}
