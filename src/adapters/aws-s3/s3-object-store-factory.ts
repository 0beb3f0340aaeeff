import { createHash } from 'node:crypto';
import type { S3Client } from '@aws-sdk/client-s3';
import type { Logger } from '../../ports/logger.js';
import type { ObjectStore, ObjectStoreFactory } from '../../ports/object-store.js';
import { loadS3Sdk, sdkS3Api, type S3Sdk } from './s3-api.js';
import { resolveEndpoint, s3ClientConfig } from './s3-client-config.js';
import { assumeRoleProvider, staticCredentials, stsAssumeRole, type AssumeRole } from './s3-credentials.js';
import { S3ObjectStore } from './s3-object-store.js';
import { realSleep, type Sleep } from './s3-retry.js';
import { mergeSavedAuthentication, type ResolveAuthentication } from './saved-authentication.js';
import { parseS3Settings, roleArn, validateS3Auth, type S3Settings } from './s3-settings.js';

export interface S3ObjectStoreFactoryOptions {
  readonly logger: Logger;
  /** Resolves td_authentication_id to the saved authentication's settings. */
  readonly resolveAuthentication?: ResolveAuthentication;
  /** Back-off sleep; tests inject a fast one. */
  readonly sleep?: Sleep;
  /** STS call for assume_role; defaults to a real STS client at sts_endpoint/endpoint. */
  readonly assumeRole?: (settings: S3Settings) => AssumeRole;
}

interface CachedClient {
  readonly client: S3Client;
  refs: number;
}

/**
 * Opens S3 object stores for `in.type: s3_v2` (alias `s3`). Stores that share an endpoint and credentials share
 * one SDK client (connection pool); the client is destroyed when the last of them closes.
 */
export class S3ObjectStoreFactory implements ObjectStoreFactory {
  readonly types: readonly string[] = ['s3_v2', 's3'];
  private readonly clients = new Map<string, CachedClient>();

  constructor(private readonly options: S3ObjectStoreFactoryOptions) {}

  /** Validates the `in:` section (after merging a saved authentication) and opens a store. Throws CONFIG_INVALID. */
  async open(source: Readonly<Record<string, unknown>>): Promise<ObjectStore> {
    const merged = await mergeSavedAuthentication(source, this.options.resolveAuthentication);
    const settings = parseS3Settings(merged);
    validateS3Auth(settings);
    return this.openSettings(settings, await loadS3Sdk());
  }

  /** Opens a store from settings that passed validateS3Auth. */
  private openSettings(settings: S3Settings, sdk: S3Sdk): S3ObjectStore {
    const key = clientKey(settings);
    let cached = this.clients.get(key);
    if (!cached) {
      cached = { client: new sdk.S3Client(this.clientConfig(settings)), refs: 0 };
      this.clients.set(key, cached);
    }
    cached.refs++;
    const entry = cached;
    return new S3ObjectStore({
      api: sdkS3Api(entry.client, sdk),
      bucket: settings.bucket,
      retry: {
        maximumRetries: settings.maximum_retries,
        initialIntervalMillis: settings.initial_retry_interval_millis,
        maximumIntervalMillis: settings.maximum_retry_interval_millis,
      },
      sleep: this.options.sleep ?? realSleep,
      logger: this.options.logger,
      onClose: () => {
        if (--entry.refs > 0) return;
        entry.client.destroy();
        this.clients.delete(key);
      },
    });
  }

  private clientConfig(settings: S3Settings): ReturnType<typeof s3ClientConfig> {
    const endpoint = resolveEndpoint(settings, this.options.logger);
    if ((settings.auth_method ?? 'basic') !== 'assume_role') return s3ClientConfig(settings, endpoint, staticCredentials(settings));
    const assume = (this.options.assumeRole ?? stsAssumeRole)(settings);
    return s3ClientConfig(settings, endpoint, assumeRoleProvider(settings, assume));
  }
}

/** Everything that makes two clients different; secrets enter only through a one-way hash. */
function clientKey(s: S3Settings): string {
  const identity = [s.auth_method ?? 'basic', s.access_key_id, s.secret_access_key, s.session_token, s.auth_method === 'assume_role' ? roleArn(s) : '',
    s.external_id, s.duration_in_seconds, s.session_name, s.sts_endpoint];
  const shape = [s.endpoint, s.region, s.force_path_style, JSON.stringify(s.http_proxy ?? null), ...identity];
  return createHash('sha256').update(JSON.stringify(shape)).digest('hex');
}
