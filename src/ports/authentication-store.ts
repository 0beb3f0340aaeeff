/** A saved authentication (TD's td_authentication_id): connection keys of an `in:` section. */
export interface SavedAuthentication {
  readonly id: string;
  readonly name: string;
  /** auth_method, access_key_id, secret_access_key, session_token, account_id, role_name, external_id, ... */
  readonly settings: Record<string, unknown>;
  readonly createdAt: Date;
}

/** Saved authentications; secrets are encrypted at rest by the adapter. */
export interface AuthenticationStore {
  /** Throws ALREADY_EXISTS when the name is taken. */
  create(auth: SavedAuthentication): Promise<void>;
  /** By id or by name. */
  get(idOrName: string): Promise<SavedAuthentication | undefined>;
  list(): Promise<SavedAuthentication[]>;
  delete(idOrName: string): Promise<boolean>;
}
export const AuthenticationStore = Symbol.for('s3-import:AuthenticationStore');

/** Keys whose values are secrets: never printed, logged or stored in plaintext. */
export const SECRET_KEYS: ReadonlySet<string> = new Set([
  'secret_access_key',
  'session_token',
  'external_id',
  'password',
  'hmac_key',
]);
