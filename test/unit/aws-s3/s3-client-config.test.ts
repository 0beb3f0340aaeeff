import { expect } from 'chai';
import { resolveEndpoint } from '../../../src/adapters/aws-s3/s3-client-config.js';
import { parseS3Settings } from '../../../src/adapters/aws-s3/s3-settings.js';
import type { Logger } from '../../../src/ports/logger.js';

function resolve(source: Record<string, unknown>): { endpoint: ReturnType<typeof resolveEndpoint>; warnings: string[] } {
  const warnings: string[] = [];
  const logger: Logger = { debug() {}, info() {}, error() {}, warn: (m) => void warnings.push(m) };
  return { endpoint: resolveEndpoint(parseS3Settings({ bucket: 'b', ...source }), logger), warnings };
}

describe('S3 endpoint resolution', () => {
  it('endpoint wins over region and warns when both are set', () => {
    const { endpoint, warnings } = resolve({ endpoint: 'http://minio:9000', region: 'eu-west-1' });
    expect(endpoint).to.include({ endpoint: 'http://minio:9000', forcePathStyle: true });
    expect(warnings[0]).to.contain('both endpoint and region are set');
  });

  it('a bare AWS host gets https, its region, and virtual-host addressing', () => {
    const { endpoint, warnings } = resolve({ endpoint: 's3.ap-northeast-1.amazonaws.com' });
    expect(endpoint).to.include({ endpoint: 'https://s3.ap-northeast-1.amazonaws.com', region: 'ap-northeast-1', forcePathStyle: false });
    expect(warnings).to.deep.equal([]);
  });

  it('neither endpoint nor region: us-east-1 following the bucket region', () => {
    expect(resolve({}).endpoint).to.deep.equal({ region: 'us-east-1', forcePathStyle: false, followRegionRedirects: true });
  });
});
