import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createMemoryLogger } from './log';
import {
  createSecretStore,
  type SafeStoragePort,
  SecretStorageUnavailableError,
  type SecretStoreOptions,
} from './secrets';

/** A stand-in for safeStorage: reversible, and visibly not the plain text. */
function fakeSafeStorage(backend = 'gnome_libsecret', available = true): SafeStoragePort {
  return {
    isEncryptionAvailable: () => available,
    encryptString: (plain) => Buffer.from(`sealed:${[...plain].reverse().join('')}`),
    decryptString: (data) => [...data.toString().replace(/^sealed:/, '')].reverse().join(''),
    getSelectedStorageBackend: () => backend,
  };
}

function setup(overrides: Partial<SecretStoreOptions> = {}) {
  const file = join(mkdtempSync(join(tmpdir(), 'desk-secrets-')), 'secrets.json');
  const log = createMemoryLogger();
  let accepted = false;
  const options = (more: Partial<SecretStoreOptions> = {}): SecretStoreOptions => ({
    file,
    platform: 'linux',
    safeStorage: fakeSafeStorage(),
    isBasicTextAccepted: () => accepted,
    log,
    now: () => new Date('2026-03-02T09:30:00.000Z'),
    ...overrides,
    ...more,
  });
  return { file, log, options, store: createSecretStore(options()), accept: () => (accepted = true) };
}

describe('secrets', () => {
  it('stores, reads and deletes a password, keeping only ciphertext on disk', () => {
    const { store, file } = setup();
    expect(store.status()).toEqual({
      available: true,
      backend: 'gnome_libsecret',
      basicTextAccepted: false,
      reason: null,
    });
    store.set('imap.password', 'correct horse');
    expect(store.get('imap.password')).toBe('correct horse');
    expect(readFileSync(file, 'utf8')).not.toContain('correct horse');
    expect(store.delete('imap.password')).toBe(true);
    expect(store.delete('imap.password')).toBe(false);
    expect(store.get('imap.password')).toBeNull();
  });

  it("refuses Linux's basic_text backend until the person accepts it", () => {
    const { store, accept } = setup({ safeStorage: fakeSafeStorage('basic_text') });
    const refused = store.status();
    expect(refused).toMatchObject({ available: false, backend: 'basic_text', basicTextAccepted: false });
    expect(refused.reason).toContain('No system keyring');
    expect(() => store.set('imap.password', 'pw')).toThrow(SecretStorageUnavailableError);
    expect(() => store.get('imap.password')).not.toThrow();

    accept();
    expect(store.status()).toMatchObject({ available: true, backend: 'basic_text', basicTextAccepted: true });
    store.set('imap.password', 'pw');
    expect(store.get('imap.password')).toBe('pw');
  });

  it('uses Keychain and DPAPI without asking on macOS and Windows', () => {
    expect(setup({ platform: 'darwin' }).store.status()).toMatchObject({
      available: true,
      backend: 'keychain',
    });
    expect(setup({ platform: 'win32' }).store.status()).toMatchObject({ available: true, backend: 'dpapi' });
  });

  it('is unavailable when the operating system cannot encrypt', () => {
    const { store } = setup({ safeStorage: fakeSafeStorage('gnome_libsecret', false) });
    expect(store.status()).toMatchObject({ available: false, backend: 'gnome_libsecret' });
    expect(() => store.set('sync.token', 't')).toThrow(/not available/);
  });

  it('in plain Node refuses secrets unless plain-file storage was explicitly allowed', () => {
    const refused = setup({ safeStorage: undefined });
    expect(refused.store.status()).toMatchObject({ available: false, backend: 'none' });
    expect(() => refused.store.set('sync.token', 't')).toThrow(SecretStorageUnavailableError);

    const allowed = setup({ safeStorage: undefined, allowPlainFile: true });
    expect(allowed.store.status()).toMatchObject({ available: true, backend: 'plain_file' });
    expect(allowed.store.status().reason).toContain('unencrypted');
    allowed.store.set('sync.token', 'tok');
    expect(allowed.store.get('sync.token')).toBe('tok');
  });

  it('does not hand back a secret written by another backend, and says why in the log', () => {
    const { options, log } = setup({ safeStorage: undefined, allowPlainFile: true });
    createSecretStore(options()).set('smtp.password', 'pw');
    const keyring = createSecretStore(options({ safeStorage: fakeSafeStorage(), allowPlainFile: false }));
    expect(keyring.get('smtp.password')).toBeNull();
    expect(log.lines.join('\n')).toContain('stored with plain_file and cannot be read with gnome_libsecret');
  });

  it('moves an unreadable secrets file aside and starts empty', () => {
    const { store, file, log } = setup();
    writeFileSync(file, 'not json');
    expect(store.get('imap.password')).toBeNull();
    expect(readFileSync(`${file}.corrupt-2026-03-02T09-30-00.000Z`, 'utf8')).toBe('not json');
    expect(log.lines[0]).toContain('must be entered again');
  });
});
