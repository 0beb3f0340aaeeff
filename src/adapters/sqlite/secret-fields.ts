import { mapSecrets } from '../../domain/redaction.js';
import { SecretBox } from '../crypto/secret-box.js';

/** JSON text of `value` where every secret (SECRET_KEYS, at any depth) is sealed; the value's type survives. */
export function sealedJson(value: unknown, box: SecretBox): string {
  return JSON.stringify(mapSecrets(value, (secret) => box.seal(JSON.stringify(secret))));
}

/** The inverse of sealedJson: parses and opens every sealed secret. */
export function openedJson(text: string, box: SecretBox): unknown {
  return mapSecrets(JSON.parse(text), (secret) => (SecretBox.isSealed(secret) ? JSON.parse(box.open(secret)) : secret));
}
