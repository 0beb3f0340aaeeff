/**
 * Arranges IAM in a moto server before its IAM auth is switched on: an admin user with an access key and an
 * allow-all policy (used to arrange buckets and as assume_role's base keys) and a role to assume. Until auth is
 * on, moto routes by the Authorization header's service and does not check signatures, so plain form posts work.
 */
export interface MotoIdentities {
  readonly accountId: string;
  readonly admin: { accessKeyId: string; secretAccessKey: string };
  readonly roleName: string;
  /** A user with valid keys and no policy: every S3 call is AccessDenied. */
  readonly nobody: { accessKeyId: string; secretAccessKey: string };
}

const ALLOW_ALL = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] });
const TRUST_ALL = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }] });

async function iam(endpoint: string, params: Record<string, string>): Promise<string> {
  const res = await fetch(endpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: 'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20240101/us-east-1/iam/aws4_request, SignedHeaders=host, Signature=0',
    },
    body: new URLSearchParams({ ...params, Version: '2010-05-08' }).toString(),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`moto IAM ${params['Action']} failed: HTTP ${res.status} ${text.slice(0, 300)}`);
  return text;
}

function tag(xml: string, name: string): string {
  const m = new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml);
  if (!m) throw new Error(`moto answer lacks <${name}>`);
  return m[1]!;
}

export async function arrangeMotoIam(endpoint: string): Promise<MotoIdentities> {
  await iam(endpoint, { Action: 'CreateUser', UserName: 'importer-admin' });
  const key = await iam(endpoint, { Action: 'CreateAccessKey', UserName: 'importer-admin' });
  await iam(endpoint, { Action: 'PutUserPolicy', UserName: 'importer-admin', PolicyName: 'all', PolicyDocument: ALLOW_ALL });
  const role = await iam(endpoint, { Action: 'CreateRole', RoleName: 'importer', AssumeRolePolicyDocument: TRUST_ALL });
  await iam(endpoint, { Action: 'PutRolePolicy', RoleName: 'importer', PolicyName: 'all', PolicyDocument: ALLOW_ALL });
  await iam(endpoint, { Action: 'CreateUser', UserName: 'nobody' });
  const nobody = await iam(endpoint, { Action: 'CreateAccessKey', UserName: 'nobody' });
  const accountId = /arn:aws:iam::(\d{12}):role/.exec(tag(role, 'Arn'))?.[1] ?? '123456789012';
  return { accountId, admin: { accessKeyId: tag(key, 'AccessKeyId'), secretAccessKey: tag(key, 'SecretAccessKey') }, roleName: 'importer',
    nobody: { accessKeyId: tag(nobody, 'AccessKeyId'), secretAccessKey: tag(nobody, 'SecretAccessKey') } };
}

/** From now on every request must be signed by a known IAM identity (a wrong secret really fails). */
export async function enableMotoAuth(endpoint: string): Promise<void> {
  const res = await fetch(`${endpoint}/moto-api/reset-auth`, { method: 'POST', body: '0' });
  if (!res.ok) throw new Error(`moto reset-auth failed: HTTP ${res.status}`);
}
