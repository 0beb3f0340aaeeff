import type { STSClient } from '@aws-sdk/client-sts';
import { ImportError } from '../../domain/errors.js';
import { mapS3Error } from './s3-error-mapper.js';
import { roleArn, type S3Settings } from './s3-settings.js';

/** Credentials in the shape the AWS SDK accepts. */
export interface S3Credentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
  readonly expiration?: Date;
}
export type CredentialsProvider = () => Promise<S3Credentials>;

/** Refresh this long before expiry so a request signed just before the deadline still lands in time. */
export const REFRESH_MARGIN_MS = 5 * 60_000;

/** Static keys for basic/session (and assume_role's optional base keys); undefined means the SDK default chain. */
export function staticCredentials(settings: Partial<S3Settings>): S3Credentials | undefined {
  if (settings.access_key_id === undefined || settings.secret_access_key === undefined) return undefined;
  return {
    accessKeyId: settings.access_key_id,
    secretAccessKey: settings.secret_access_key,
    ...(settings.session_token === undefined ? {} : { sessionToken: settings.session_token }),
  };
}

/** Calls STS AssumeRole; injectable so the refresh logic is testable without STS. */
export type AssumeRole = (input: {
  RoleArn: string;
  RoleSessionName: string;
  ExternalId?: string;
  DurationSeconds: number;
}) => Promise<S3Credentials>;

/**
 * The STS client uses the same endpoint override as S3 (sts_endpoint, else endpoint) so moto/MinIO setups work.
 * @aws-sdk/client-sts is loaded on the first AssumeRole, not with this module.
 */
export function stsAssumeRole(settings: S3Settings): AssumeRole {
  const endpoint = settings.sts_endpoint ?? settings.endpoint;
  const base = staticCredentials(settings);
  let client: Promise<{ sts: STSClient; AssumeRoleCommand: typeof import('@aws-sdk/client-sts').AssumeRoleCommand }> | undefined;
  return async (input) => {
    client ??= import('@aws-sdk/client-sts').then(({ STSClient: Client, AssumeRoleCommand }) => ({
      sts: new Client({
        region: settings.region ?? 'us-east-1',
        ...(endpoint === undefined ? {} : { endpoint: withScheme(endpoint) }),
        ...(base === undefined ? {} : { credentials: base }),
      }),
      AssumeRoleCommand,
    }));
    const { sts, AssumeRoleCommand } = await client;
    const out = await sts.send(new AssumeRoleCommand(input));
    const c = out.Credentials;
    if (!c?.AccessKeyId || !c.SecretAccessKey) {
      throw new ImportError('STORAGE_CREDENTIALS', `STS AssumeRole for ${input.RoleArn} returned no credentials; check sts_endpoint`);
    }
    return {
      accessKeyId: c.AccessKeyId,
      secretAccessKey: c.SecretAccessKey,
      ...(c.SessionToken === undefined ? {} : { sessionToken: c.SessionToken }),
      ...(c.Expiration === undefined ? {} : { expiration: c.Expiration }),
    };
  };
}

/**
 * assume_role credentials that renew themselves: cached until REFRESH_MARGIN_MS before `expiration`,
 * concurrent callers share one STS call. `expiration` is passed on so the SDK's own cache refreshes too.
 */
export function assumeRoleProvider(settings: S3Settings, assume: AssumeRole, now: () => number = Date.now): CredentialsProvider {
  const arn = roleArn(settings);
  const input = {
    RoleArn: arn,
    RoleSessionName: settings.session_name ?? 's3-import',
    DurationSeconds: settings.duration_in_seconds ?? 3600,
    ...(settings.external_id === undefined ? {} : { ExternalId: settings.external_id }),
  };
  let cached: S3Credentials | undefined;
  let pending: Promise<S3Credentials> | undefined;
  return async () => {
    if (cached && (cached.expiration === undefined || cached.expiration.getTime() - now() > REFRESH_MARGIN_MS)) return cached;
    pending ??= assume(input)
      .then((creds) => (cached = creds))
      .catch((error: unknown) => {
        throw mapS3Error(error, { operation: 'assume_role', bucket: settings.bucket, roleArn: arn });
      })
      .finally(() => (pending = undefined));
    return pending;
  };
}

/** Embulk configs often give a bare host (`s3.ap-northeast-1.amazonaws.com`); the SDK needs a URL. */
export function withScheme(endpoint: string, https = true): string {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(endpoint) ? endpoint : `${https ? 'https' : 'http'}://${endpoint}`;
}
