import type { S3ClientConfig } from '@aws-sdk/client-s3';
import type { Logger } from '../../ports/logger.js';
import { withScheme, type CredentialsProvider, type S3Credentials } from './s3-credentials.js';
import { proxyAgents } from './proxy-tunnel-agent.js';
import type { S3Settings } from './s3-settings.js';

const AWS_HOST = /(^|\.)amazonaws\.com(\.cn)?$/i;
/** s3.ap-northeast-1.amazonaws.com, s3-eu-west-1.amazonaws.com, bucket.s3.us-east-2.amazonaws.com */
const AWS_REGION_IN_HOST = /(?:^|\.)s3[.-](?:dualstack\.)?([a-z]{2}(?:-gov)?-[a-z]+-\d)\.amazonaws\.com(\.cn)?$/i;

export interface ResolvedEndpoint {
  readonly endpoint?: string;
  readonly region: string;
  readonly forcePathStyle: boolean;
  /** No endpoint or region given: start at us-east-1 and let the SDK follow the bucket's region. */
  readonly followRegionRedirects: boolean;
}

/** endpoint wins over region (embulk-input-s3); non-AWS endpoints use path-style addressing. */
export function resolveEndpoint(settings: S3Settings, logger: Logger): ResolvedEndpoint {
  if (settings.endpoint === undefined) {
    return { region: settings.region ?? 'us-east-1', forcePathStyle: settings.force_path_style ?? false, followRegionRedirects: settings.region === undefined };
  }
  const url = withScheme(settings.endpoint, settings.http_proxy?.https ?? true);
  const host = new URL(url).hostname;
  const fromHost = AWS_REGION_IN_HOST.exec(host)?.[1];
  if (settings.region !== undefined) {
    logger.warn('both endpoint and region are set: requests go to the endpoint; region is used only to sign them', { endpoint: url, region: settings.region });
  }
  return {
    endpoint: url,
    region: settings.region ?? fromHost ?? 'us-east-1',
    forcePathStyle: settings.force_path_style ?? !AWS_HOST.test(host),
    followRegionRedirects: false,
  };
}

/** SDK client settings. The SDK's own retries are off: the store retries with the configured back-off. */
export function s3ClientConfig(settings: S3Settings, endpoint: ResolvedEndpoint, credentials: S3Credentials | CredentialsProvider | undefined): S3ClientConfig {
  return {
    region: endpoint.region,
    ...(endpoint.endpoint === undefined ? {} : { endpoint: endpoint.endpoint }),
    forcePathStyle: endpoint.forcePathStyle,
    followRegionRedirects: endpoint.followRegionRedirects,
    ...(credentials === undefined ? {} : { credentials }),
    maxAttempts: 1,
    // S3-compatible servers (moto, older MinIO) reject the default aws-chunked checksums.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    ...(settings.http_proxy ? { requestHandler: proxyAgents(settings.http_proxy) } : {}),
  };
}
