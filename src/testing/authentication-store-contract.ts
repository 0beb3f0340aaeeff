import { expect } from 'chai';
import type { AuthenticationStore, SavedAuthentication } from '../ports/authentication-store.js';
import { expectImportError, type CatalogFixture } from './state-store-contract.js';

/** A saved assume_role authentication with every secret key set. */
export function sampleAuthentication(overrides: Partial<SavedAuthentication> = {}): SavedAuthentication {
  return {
    id: 'auth-1',
    name: 'prod-s3',
    settings: {
      auth_method: 'session',
      access_key_id: 'AKIAEXAMPLE',
      secret_access_key: 'wJalrXUtnFEMI-auth-secret',
      session_token: 'FwoGZXIvYXdz-auth-token',
      external_id: 'ext-auth-id',
      duration_in_seconds: 3600,
      endpoint: null,
    },
    createdAt: new Date('2024-05-01T00:00:00.000Z'),
    ...overrides,
  };
}

/** The behaviour every AuthenticationStore must show: lookup by id or name, unique names, secrets round-trip. */
export function describeAuthenticationStoreContract(name: string, makeFixture: () => Promise<CatalogFixture<AuthenticationStore>>): void {
  describe(`AuthenticationStore contract: ${name}`, function () {
    let fx: CatalogFixture<AuthenticationStore>;
    beforeEach(async () => {
      fx = await makeFixture();
    });
    afterEach(async () => {
      await fx.cleanup();
    });

    it('returns a saved authentication, secrets included, by id and by name', async () => {
      await fx.store.create(sampleAuthentication());
      expect(await fx.store.get('auth-1')).to.deep.equal(sampleAuthentication());
      expect(await fx.store.get('prod-s3')).to.deep.equal(sampleAuthentication());
      expect(await fx.store.get('nope')).to.equal(undefined);
    });

    it('refuses a taken name or id', async () => {
      await fx.store.create(sampleAuthentication());
      await expectImportError(fx.store.create(sampleAuthentication({ id: 'auth-2' })), 'ALREADY_EXISTS');
      await expectImportError(fx.store.create(sampleAuthentication({ name: 'other' })), 'ALREADY_EXISTS');
      expect(await fx.store.list()).to.have.length(1);
    });

    it('prefers an id over another authentication named like that id', async () => {
      await fx.store.create(sampleAuthentication({ id: 'a1', name: 'first' }));
      await fx.store.create(sampleAuthentication({ id: 'a2', name: 'a1' }));
      expect((await fx.store.get('a1'))?.name).to.equal('first');
    });

    it('lists authentications by name', async () => {
      await fx.store.create(sampleAuthentication({ id: 'x', name: 'zeta' }));
      await fx.store.create(sampleAuthentication({ id: 'y', name: 'alpha' }));
      expect((await fx.store.list()).map((a) => a.name)).to.deep.equal(['alpha', 'zeta']);
    });

    it('deletes by id or by name and says whether something was deleted', async () => {
      await fx.store.create(sampleAuthentication({ id: 'x', name: 'one' }));
      await fx.store.create(sampleAuthentication({ id: 'y', name: 'two' }));
      expect(await fx.store.delete('x')).to.equal(true);
      expect(await fx.store.delete('two')).to.equal(true);
      expect(await fx.store.delete('two')).to.equal(false);
      expect(await fx.store.list()).to.deep.equal([]);
    });

    it('keeps secrets nested inside settings', async () => {
      const nested = sampleAuthentication({ settings: { auth_method: 'basic', http_proxy: { host: 'p', password: 'pp-nested' }, secret_access_key: 's' } });
      await fx.store.create(nested);
      expect(await fx.store.get('auth-1')).to.deep.equal(nested);
    });
  });
}
