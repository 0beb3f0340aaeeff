import { configError } from '../../domain/errors.js';
import { AUTH_KEYS } from './s3-settings.js';

/** Looks up a saved authentication's settings by id or name (the app wires it to the AuthenticationStore). */
export type ResolveAuthentication = (idOrName: string) => Promise<Record<string, unknown> | undefined>;

const MERGEABLE: readonly string[] = [...AUTH_KEYS, 'endpoint', 'region'];

/**
 * Merges a saved authentication (td_authentication_id) into an `in:` section. Auth keys come from the saved
 * one only: the same key inline as well is an error rather than a silent override. endpoint/region inline win.
 */
export async function mergeSavedAuthentication(
  source: Readonly<Record<string, unknown>>,
  resolve: ResolveAuthentication | undefined,
): Promise<Record<string, unknown>> {
  const ref = source['td_authentication_id'];
  if (ref === undefined || ref === null) return { ...source };
  const id = String(ref);
  if (!resolve) {
    throw configError('in.td_authentication_id', 'saved authentications are not available here; put the auth keys (auth_method, access_key_id, ...) in the in: section instead');
  }
  const saved = await resolve(id);
  if (!saved) {
    throw configError('in.td_authentication_id', `no saved authentication '${id}'; list them with 's3-import auth list' or create one with 's3-import auth create'`);
  }
  const merged: Record<string, unknown> = { ...source };
  for (const [key, value] of Object.entries(saved)) {
    if (value === undefined || value === null || !MERGEABLE.includes(key)) continue;
    if ((AUTH_KEYS as readonly string[]).includes(key)) {
      if (source[key] !== undefined) {
        throw configError(`in.${key}`, `is also set by saved authentication '${id}'; remove it here or remove td_authentication_id`);
      }
      merged[key] = value;
    } else if (merged[key] === undefined) {
      merged[key] = value;
    }
  }
  return merged;
}
