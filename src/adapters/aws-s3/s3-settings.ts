import { z } from 'zod';
import { configError } from '../../domain/errors.js';

const UNSUPPORTED_METHODS = ['anonymous', 'env', 'instance', 'profile', 'properties', 'default'];
const ANONYMOUS_MESSAGE = 'anonymous is not supported by s3_v2; use basic, session or assume_role';

/** The auth_method values s3_v2 accepts; `basic` is the default. */
export const AUTH_METHODS = ['basic', 'session', 'assume_role'] as const;
export type AuthMethod = (typeof AUTH_METHODS)[number];

const authMethodSchema = z.string().superRefine((value, ctx) => {
  if ((AUTH_METHODS as readonly string[]).includes(value)) return;
  const message = value === 'anonymous'
    ? ANONYMOUS_MESSAGE
    : UNSUPPORTED_METHODS.includes(value)
      ? `'${value}' (an Embulk credential source) is not supported by s3_v2; use basic, session or assume_role`
      : `'${value}' is not an auth method; use basic, session or assume_role`;
  ctx.addIssue({ code: 'custom', message });
});

const httpProxySchema = z.strictObject({
  host: z.string().min(1),
  port: z.number().int().min(1).max(65535).optional(),
  https: z.boolean().default(true),
  user: z.string().optional(),
  password: z.string().optional(),
});

/**
 * Connection keys of `in.type: s3_v2` (alias `s3`), merged by the config loader with the selection and parser keys.
 * Auth keys carry no defaults here so that validateS3Auth can reject keys the chosen method does not use.
 */
export const s3ConnectionFields = {
  type: z.enum(['s3_v2', 's3']),
  bucket: z.string().min(1, 'set the bucket name'),
  endpoint: z.string().min(1).optional(),
  region: z.string().min(1).optional(),
  auth_method: authMethodSchema.optional(),
  access_key_id: z.string().min(1).optional(),
  secret_access_key: z.string().min(1).optional(),
  session_token: z.string().min(1).optional(),
  account_id: z.union([z.string().regex(/^\d{12}$/, 'must be a 12-digit AWS account id'), z.number().int()]).optional(),
  role_name: z.string().min(1).optional(),
  external_id: z.string().min(1).optional(),
  duration_in_seconds: z.number().int().min(900, 'must be 900..43200 seconds').max(43200, 'must be 900..43200 seconds').optional(),
  arn_partition: z.enum(['aws', 'aws-cn', 'aws-us-gov', 'aws-iso', 'aws-iso-b']).optional(),
  session_name: z.string().regex(/^[\w+=,.@-]{2,64}$/, 'must be 2..64 characters of letters, digits and +=,.@_-').optional(),
  td_authentication_id: z.union([z.string().min(1), z.number().int()]).optional(),
  http_proxy: httpProxySchema.nullable().optional(),
  maximum_retries: z.number().int().min(0).default(7),
  initial_retry_interval_millis: z.number().int().min(0).default(2000),
  maximum_retry_interval_millis: z.number().int().min(0).default(480000),
  sts_endpoint: z.string().min(1).optional(),
  force_path_style: z.boolean().optional(),
};

const s3SettingsSchema = z.object(s3ConnectionFields);

/** The validated connection settings (unknown `in:` keys stripped). */
export type S3Settings = z.infer<typeof s3SettingsSchema>;
export type HttpProxySettings = z.infer<typeof httpProxySchema>;

/** Keys a saved authentication (td_authentication_id) may supply. */
export const AUTH_KEYS = [
  'auth_method', 'access_key_id', 'secret_access_key', 'session_token', 'account_id', 'role_name',
  'external_id', 'duration_in_seconds', 'arn_partition', 'session_name', 'sts_endpoint',
] as const;

/** Parses the connection keys of a raw `in:` section; errors name the key under `in.`. */
export function parseS3Settings(source: Readonly<Record<string, unknown>>): S3Settings {
  const result = s3SettingsSchema.safeParse({ ...source, type: source['type'] ?? 's3_v2' });
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const key = `in.${issue.path.map(String).join('.')}`;
  const required = issue.code === 'invalid_type' && issue.input === undefined;
  throw configError(key, required ? `is required (${issue.expected})` : issue.message.replace(/^Invalid input: /, ''));
}

const METHOD_KEYS: Record<AuthMethod, { required: readonly string[]; optional: readonly string[] }> = {
  basic: { required: ['access_key_id', 'secret_access_key'], optional: [] },
  session: { required: ['access_key_id', 'secret_access_key', 'session_token'], optional: [] },
  assume_role: {
    required: ['account_id', 'role_name'],
    optional: ['external_id', 'duration_in_seconds', 'arn_partition', 'session_name', 'sts_endpoint', 'access_key_id', 'secret_access_key', 'session_token'],
  },
};

/**
 * Cross-field auth rules, applied after a saved authentication was merged: required keys per auth_method,
 * keys the method does not use are rejected by name, anonymous is refused. Throws CONFIG_INVALID (exit 2).
 */
export function validateS3Auth(settings: Readonly<Partial<S3Settings>>): void {
  const method = settings.auth_method ?? 'basic';
  if (!(AUTH_METHODS as readonly string[]).includes(method)) {
    throw configError('in.auth_method', method === 'anonymous' ? ANONYMOUS_MESSAGE : `'${method}' is not supported; use basic, session or assume_role`);
  }
  const rules = METHOD_KEYS[method as AuthMethod];
  const values = settings as Readonly<Record<string, unknown>>;
  for (const key of rules.required) {
    if (values[key] === undefined) {
      throw configError(`in.${key}`, `is required when auth_method is ${method}${settings.auth_method ? '' : ' (the default)'}`);
    }
  }
  for (const key of AUTH_KEYS) {
    if (key === 'auth_method' || values[key] === undefined) continue;
    if (!rules.required.includes(key) && !rules.optional.includes(key)) {
      throw configError(`in.${key}`, `is not used by auth_method ${method}; remove it${suggestMethod(key)}`);
    }
  }
  if (method === 'assume_role') validateBaseKeys(values);
}

function suggestMethod(key: string): string {
  if (key === 'session_token') return ' or set auth_method: session';
  return ['access_key_id', 'secret_access_key'].includes(key) ? '' : ' or set auth_method: assume_role';
}

/** assume_role may name base keys for the STS call; a half-given pair is a mistake, not a fallback to the default chain. */
function validateBaseKeys(values: Readonly<Record<string, unknown>>): void {
  const hasId = values['access_key_id'] !== undefined;
  const hasSecret = values['secret_access_key'] !== undefined;
  if (hasId !== hasSecret) {
    const missing = hasId ? 'secret_access_key' : 'access_key_id';
    throw configError(`in.${missing}`, 'assume_role base credentials need both access_key_id and secret_access_key; set it or remove the other to use the default credential chain');
  }
  if (values['session_token'] !== undefined && !hasId) {
    throw configError('in.session_token', 'needs access_key_id and secret_access_key beside it; remove it to use the default credential chain');
  }
}

/** `arn:{partition}:iam::{account_id}:role/{role_name}` */
export function roleArn(settings: Pick<S3Settings, 'arn_partition' | 'account_id' | 'role_name'>): string {
  // YAML turns 012345678901 into a number and drops the leading zero; account ids are always 12 digits.
  const account = String(settings.account_id ?? '').padStart(12, '0');
  return `arn:${settings.arn_partition ?? 'aws'}:iam::${account}:role/${settings.role_name ?? ''}`;
}
