import { ImportError } from '../../domain/errors.js';
import type { AuthenticationStore, SavedAuthentication } from '../../ports/authentication-store.js';

/** AuthenticationStore in process memory (nothing is written anywhere, so nothing is encrypted). */
export class InMemoryAuthenticationStore implements AuthenticationStore {
  private readonly byId = new Map<string, SavedAuthentication>();

  async create(auth: SavedAuthentication): Promise<void> {
    for (const saved of this.byId.values()) {
      if (saved.id === auth.id) throw authenticationExists('id', auth.id);
      if (saved.name === auth.name) throw authenticationExists('name', auth.name);
    }
    this.byId.set(auth.id, structuredClone(auth));
  }

  async get(idOrName: string): Promise<SavedAuthentication | undefined> {
    const found = this.find(idOrName);
    return found && structuredClone(found);
  }

  async list(): Promise<SavedAuthentication[]> {
    return [...this.byId.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)).map((a) => structuredClone(a));
  }

  async delete(idOrName: string): Promise<boolean> {
    const found = this.find(idOrName);
    return found ? this.byId.delete(found.id) : false;
  }

  // An id match wins over a name match, so an id always reaches the authentication it was issued for.
  private find(idOrName: string): SavedAuthentication | undefined {
    return this.byId.get(idOrName) ?? [...this.byId.values()].find((a) => a.name === idOrName);
  }
}

/** The ALREADY_EXISTS error both catalog adapters throw for a duplicate authentication. */
export function authenticationExists(what: 'id' | 'name', value: string): ImportError {
  return new ImportError('ALREADY_EXISTS', `a saved authentication with ${what} ${JSON.stringify(value)} already exists; choose another ${what} or delete the old one first`, {
    details: { [what]: value },
  });
}
