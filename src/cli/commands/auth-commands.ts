import { ImportError } from '../../domain/errors.js';
import { redactSecrets } from '../../domain/redaction.js';
import type { CliCommand } from '../cli-command.js';
import { intOption, stringOption, usage } from '../cli-command.js';
import { keyValueLines, textTable } from '../output/text-table.js';

const METHODS = ['basic', 'session', 'assume_role'];

/** Flag -> setting key; secrets may also come from the AWS_* environment so they stay out of shell history. */
const FLAGS: readonly (readonly [string, string, string?])[] = [
  ['access-key-id', 'access_key_id', 'AWS_ACCESS_KEY_ID'],
  ['secret-access-key', 'secret_access_key', 'AWS_SECRET_ACCESS_KEY'],
  ['session-token', 'session_token', 'AWS_SESSION_TOKEN'],
  ['account-id', 'account_id'],
  ['role-name', 'role_name'],
  ['external-id', 'external_id'],
  ['endpoint', 'endpoint'],
  ['region', 'region'],
  ['sts-endpoint', 'sts_endpoint'],
];

export const authCreateCommand: CliCommand = {
  name: 'auth:create',
  summary: 'save an authentication; reuse it with td_authentication_id: NAME (or its id)',
  usage:
    's3-import auth:create NAME --method basic|session|assume_role [--access-key-id K --secret-access-key S [--session-token T]] [--account-id A --role-name R --external-id E --duration-seconds N] [--endpoint URL] [--region R]',
  example: 's3-import auth:create prod-s3 --method assume_role --account-id 123456789012 --role-name td-import --external-id "$EXTERNAL_ID"',
  options: {
    method: { type: 'string' },
    'duration-seconds': { type: 'string' },
    ...Object.fromEntries(FLAGS.map(([flag]) => [flag, { type: 'string' as const }])),
  },
  positionals: { min: 1, max: 1 },
  async run(ctx, [name], values) {
    const method = stringOption(values, 'method') ?? 'basic';
    if (!METHODS.includes(method)) {
      throw usage(method === 'anonymous' ? 'anonymous is not supported by s3_v2; use basic, session or assume_role' : `--method must be one of ${METHODS.join(', ')}`);
    }
    const settings: Record<string, unknown> = { auth_method: method };
    const wanted = method === 'assume_role' ? ['account_id', 'role_name', 'external_id', 'endpoint', 'region', 'sts_endpoint', 'access_key_id', 'secret_access_key', 'session_token'] : ['access_key_id', 'secret_access_key', 'endpoint', 'region', ...(method === 'session' ? ['session_token'] : [])];
    for (const [flag, key, envName] of FLAGS) {
      const value = stringOption(values, flag) ?? (envName && method !== 'assume_role' ? ctx.env[envName] : undefined);
      if (value === undefined) continue;
      if (!wanted.includes(key)) throw usage(`--${flag} is not used by --method ${method}; remove it`);
      settings[key] = value;
    }
    if (values['duration-seconds'] !== undefined) {
      if (method !== 'assume_role') throw usage('--duration-seconds is used by --method assume_role only');
      settings['duration_in_seconds'] = intOption(values, 'duration-seconds', 3600);
    }
    const required = method === 'assume_role' ? ['account_id', 'role_name'] : method === 'session' ? ['access_key_id', 'secret_access_key', 'session_token'] : ['access_key_id', 'secret_access_key'];
    for (const key of required) {
      if (settings[key] === undefined) throw usage(`--method ${method} needs --${key.replaceAll('_', '-')}`);
    }
    const app = await ctx.app();
    const id = app.services.ids.newId();
    await app.authentications.create({ id, name: name!, settings, createdAt: app.services.clock.now() });
    return { json: { id, name, method }, text: `Authentication '${name}' is saved with id ${id}. Use it with: td_authentication_id: ${name}` };
  },
};

export const authListCommand: CliCommand = {
  name: 'auth:list',
  summary: 'saved authentications (never their secrets)',
  usage: 's3-import auth:list',
  example: 's3-import auth:list',
  options: {},
  positionals: { min: 0, max: 0 },
  async run(ctx) {
    const auths = await (await ctx.app()).authentications.list();
    const rows = auths.map((a) => ({ id: a.id, name: a.name, method: String(a.settings['auth_method'] ?? 'basic'), created_at: a.createdAt.toISOString() }));
    return { json: rows, text: rows.length > 0 ? textTable(['id', 'name', 'method', 'created'], rows.map((r) => [r.id, r.name, r.method, r.created_at])) : '(no saved authentications)' };
  },
};

export const authShowCommand: CliCommand = {
  name: 'auth:show',
  summary: 'one saved authentication, secrets redacted',
  usage: 's3-import auth:show NAME',
  example: 's3-import auth:show prod-s3',
  options: {},
  positionals: { min: 1, max: 1 },
  async run(ctx, [name]) {
    const auth = await (await ctx.app()).authentications.get(name!);
    if (!auth) throw new ImportError('NOT_FOUND', `no saved authentication ${JSON.stringify(name)}; see \`s3-import auth:list\``);
    const settings = redactSecrets(auth.settings) as Record<string, unknown>;
    return {
      json: { id: auth.id, name: auth.name, settings, created_at: auth.createdAt.toISOString() },
      text: keyValueLines([['id', auth.id], ['name', auth.name], ...Object.entries(settings).map(([k, v]) => [k, String(v)] as const)]),
    };
  },
};

export const authDeleteCommand: CliCommand = {
  name: 'auth:delete',
  summary: 'delete a saved authentication',
  usage: 's3-import auth:delete NAME',
  example: 's3-import auth:delete prod-s3',
  options: {},
  positionals: { min: 1, max: 1 },
  async run(ctx, [name]) {
    const deleted = await (await ctx.app()).authentications.delete(name!);
    if (!deleted) throw new ImportError('NOT_FOUND', `no saved authentication ${JSON.stringify(name)}; see \`s3-import auth:list\``);
    return { json: { deleted: name }, text: `Authentication '${name}' is deleted.` };
  },
};
