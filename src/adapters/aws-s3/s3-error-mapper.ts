import { ImportError, isImportError, type ErrorCode } from '../../domain/errors.js';

/** What the adapter was doing, so the message can name the IAM action and the object. */
export interface S3ErrorContext {
  readonly operation: 'list' | 'read' | 'stat' | 'assume_role';
  readonly bucket: string;
  readonly key?: string;
  /** The role ARN for assume_role (not a secret). */
  readonly roleArn?: string;
}

interface SdkErrorShape {
  name?: string;
  code?: string;
  Code?: string;
  $fault?: string;
  $metadata?: { httpStatusCode?: number };
}

const CREDENTIAL_ERRORS = new Set([
  'InvalidAccessKeyId', 'SignatureDoesNotMatch', 'InvalidClientTokenId', 'InvalidToken', 'UnrecognizedClientException',
  'IncompleteSignature', 'MissingAuthenticationToken', 'CredentialsProviderError',
]);
const EXPIRED_ERRORS = new Set(['ExpiredToken', 'ExpiredTokenException', 'TokenRefreshRequired', 'RequestExpired']);
const THROTTLE_ERRORS = new Set([
  'SlowDown', 'Throttling', 'ThrottlingException', 'RequestLimitExceeded', 'TooManyRequestsException',
  'RequestThrottled', 'RequestThrottledException', 'ProvisionedThroughputExceededException',
]);
const NETWORK_CODES = new Set([
  'ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNABORTED', 'EHOSTUNREACH',
  'ENETUNREACH', 'ERR_STREAM_PREMATURE_CLOSE', 'UND_ERR_SOCKET',
]);

function nameOf(error: SdkErrorShape): string {
  return error.Code ?? error.name ?? error.code ?? 'Error';
}

function where(ctx: S3ErrorContext): string {
  return ctx.key === undefined ? `bucket '${ctx.bucket}'` : `s3://${ctx.bucket}/${ctx.key}`;
}

function neededAction(ctx: S3ErrorContext): string {
  switch (ctx.operation) {
    case 'list':
      return `s3:ListBucket on arn:aws:s3:::${ctx.bucket}`;
    case 'assume_role':
      return `sts:AssumeRole on ${ctx.roleArn ?? 'the role'} (and the role's trust policy must allow the caller and the external_id)`;
    default:
      return `s3:GetObject on arn:aws:s3:::${ctx.bucket}/*`;
  }
}

/** True when the error is a transport failure (reset, refused, timeout) rather than an answer from S3. */
export function isNetworkError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as SdkErrorShape & { message?: string };
  if (e.code !== undefined && NETWORK_CODES.has(e.code)) return true;
  return e.name === 'TimeoutError' || e.name === 'RequestTimeout' || e.message === 'aborted' || e.message === 'socket hang up';
}

/**
 * Translates an SDK or transport error into an ImportError. Only the error's name and HTTP status are
 * used in the message: SDK messages and responses can echo request details, so they stay in `cause`.
 */
export function mapS3Error(error: unknown, ctx: S3ErrorContext): ImportError {
  if (isImportError(error)) return error;
  const e = (typeof error === 'object' && error !== null ? error : {}) as SdkErrorShape;
  const name = nameOf(e);
  const status = e.$metadata?.httpStatusCode;
  const details = { operation: ctx.operation, bucket: ctx.bucket, key: ctx.key, s3Error: name, httpStatus: status };
  const make = (code: ErrorCode, message: string, retryable?: boolean): ImportError =>
    new ImportError(code, message, { cause: error, details, ...(retryable === undefined ? {} : { retryable }) });

  if (name === 'AbortError') return make('CANCELLED', `reading ${where(ctx)} was cancelled`);
  if (name === 'NoSuchBucket') {
    return make('STORAGE_NOT_FOUND', `bucket '${ctx.bucket}' does not exist at this endpoint/region; check in.bucket, in.region and in.endpoint`);
  }
  if (name === 'NoSuchKey' || (name === 'NotFound' && ctx.key !== undefined)) {
    return make('STORAGE_NOT_FOUND', `${where(ctx)} does not exist (deleted since it was listed?); check in.path or re-run the import`);
  }
  if (name === 'PermanentRedirect' || name === 'AuthorizationHeaderMalformed') {
    return make('STORAGE_NOT_FOUND', `bucket '${ctx.bucket}' is in another region; set in.region to the bucket's region`);
  }
  if (name === 'PreconditionFailed' && ctx.operation === 'read') {
    return make('STORAGE_IO', `${where(ctx)} changed while it was being read (its ETag changed); re-run the import once uploads to it have finished`, false);
  }
  if (name === 'InvalidObjectState') {
    return make('STORAGE_GLACIER', `${where(ctx)} is archived (Glacier / Deep Archive) and cannot be read until restored; restore it, or set skip_glacier_objects: true to skip archived files`);
  }
  if (EXPIRED_ERRORS.has(name)) {
    return make('STORAGE_TOKEN_EXPIRED', `the session token expired while accessing ${where(ctx)}; supply a fresh session_token, or use auth_method: assume_role, which renews its credentials`);
  }
  if (CREDENTIAL_ERRORS.has(name)) {
    return make('STORAGE_CREDENTIALS', `the storage rejected the credentials (${name}) for ${where(ctx)}; check access_key_id and secret_access_key (and session_token), and that the endpoint/region is right`);
  }
  if (name === 'AccessDenied' || name === 'Forbidden' || name === 'AllAccessDisabled' || status === 403) {
    return make('STORAGE_ACCESS_DENIED', `access denied to ${ctx.operation === 'assume_role' ? (ctx.roleArn ?? 'the role') : where(ctx)}; grant ${neededAction(ctx)}`);
  }
  if (THROTTLE_ERRORS.has(name) || status === 429 || status === 503) {
    return make('STORAGE_THROTTLED', `the storage is throttling requests (${name}) for ${where(ctx)}; retries were exhausted: lower exec.max_threads or raise maximum_retries`);
  }
  if (status !== undefined && status >= 500) {
    return make('STORAGE_UNAVAILABLE', `the storage failed with HTTP ${status} (${name}) for ${where(ctx)}; retries were exhausted: try again later or raise maximum_retries`);
  }
  if (isNetworkError(error)) {
    return make('STORAGE_IO', `the connection failed (${e.code ?? name}) while accessing ${where(ctx)}; check the endpoint and network, or raise maximum_retries`);
  }
  if (name === 'NotFound' || status === 404) {
    return make('STORAGE_NOT_FOUND', `${where(ctx)} was not found; check in.bucket, in.region and in.endpoint`);
  }
  return make('STORAGE_IO', `the storage request for ${where(ctx)} failed (${name}${status ? `, HTTP ${status}` : ''}); check the endpoint and the bucket settings`, false);
}
