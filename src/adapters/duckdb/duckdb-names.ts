import { ImportError } from '../../domain/errors.js';

const NAME = /^[a-z0-9_]{1,128}$/;
const RESERVED = new Set(['information_schema', 'pg_catalog', 'temp', 'system']);

/**
 * Database and table names follow TD's rule (lowercase letters, digits, underscores), so a name means the
 * same thing here and in TD, and DuckDB's case-insensitive identifiers cannot make two names collide.
 * Throws CONFIG_INVALID naming the offending name.
 */
export function validateName(kind: 'database' | 'table', name: string): void {
  if (!NAME.test(name)) {
    throw new ImportError('CONFIG_INVALID', `${kind} name ${JSON.stringify(name)} is invalid: use 1-128 lowercase letters, digits and underscores, e.g. "web_logs"`, { details: { [kind]: name } });
  }
  if (kind === 'database' && RESERVED.has(name)) {
    throw new ImportError('CONFIG_INVALID', `database name "${name}" is reserved by DuckDB: choose another name`, { details: { database: name } });
  }
}
