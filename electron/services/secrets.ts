/**
 * Passwords and tokens (IMAP, SMTP, sync) encrypted with the operating system's secure storage (Electron's
 * safeStorage: Keychain, DPAPI, libsecret/KWallet) and kept in one JSON file of ciphertexts.
 *
 * Two rules keep a weak store from being used by accident:
 * - on Linux without a keyring Electron falls back to 'basic_text' (a hard-coded key): refused until the person
 *   accepts it in Settings;
 * - in plain Node (the browser host, tests) there is no safeStorage: secrets are refused unless the host was
 *   started with an explicit opt-in, and then stored unencrypted in a 0600 file ('plain_file'), said so in status.
 */
import { readFileSync, renameSync } from 'node:fs';
import { z } from 'zod';
import { SecretBackend, type SecretStatus } from '../../shared/ipc/schemas';
import { writeFileAtomic } from './atomic-file';
import type { Logger } from './log';

/** The part of Electron's `safeStorage` used here. */
export interface SafeStoragePort {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only; valid after the app is ready. */
  getSelectedStorageBackend?(): string;
}

export interface SecretStoreOptions {
  file: string;
  platform: NodeJS.Platform;
  /** Electron's safeStorage; absent in plain Node. */
  safeStorage?: SafeStoragePort;
  /** Plain Node only: store secrets unencrypted (mode 0600). Never on by default. */
  allowPlainFile?: boolean;
  isBasicTextAccepted: () => boolean;
  log: Logger;
  now?: () => Date;
}

export interface SecretStore {
  status(): SecretStatus;
  /** Null when nothing is stored under that name, or it was stored with another backend and cannot be read. */
  get(name: string): string | null;
  set(name: string, value: string): void;
  delete(name: string): boolean;
}

export class SecretStorageUnavailableError extends Error {
  override readonly name = 'SecretStorageUnavailableError';
}

const SecretsFile = z.object({
  version: z.literal(1),
  secrets: z.record(z.string(), z.object({ backend: SecretBackend, data: z.string() })),
});
type SecretsFile = z.infer<typeof SecretsFile>;

interface Cipher {
  seal(plain: string): string;
  open(sealed: string): string;
}

export function createSecretStore(options: SecretStoreOptions): SecretStore {
  const { file, log, now = () => new Date() } = options;

  const status = (): SecretStatus => describeBackend(options);
  const cipher = (): Cipher => {
    const current = status();
    if (!current.available)
      throw new SecretStorageUnavailableError(current.reason ?? 'Secure storage is unavailable.');
    const safeStorage = options.safeStorage;
    if (!safeStorage) {
      return {
        seal: (plain) => Buffer.from(plain, 'utf8').toString('base64'),
        open: (sealed) => Buffer.from(sealed, 'base64').toString('utf8'),
      };
    }
    return {
      seal: (plain) => safeStorage.encryptString(plain).toString('base64'),
      open: (sealed) => safeStorage.decryptString(Buffer.from(sealed, 'base64')),
    };
  };
  const save = (contents: SecretsFile) => writeFileAtomic(file, `${JSON.stringify(contents, null, 2)}\n`);

  return {
    status,
    get(name) {
      const entry = readSecretsFile(file, log, now).secrets[name];
      if (!entry) return null;
      const { backend } = status();
      const open = cipher().open;
      if (entry.backend !== backend) {
        log.warn(
          `Secret "${name}" was stored with ${entry.backend} and cannot be read with ${backend}; ask for it again.`,
        );
        return null;
      }
      try {
        return open(entry.data);
      } catch (error) {
        log.warn(`Secret "${name}" could not be decrypted (${String(error)}); ask for it again.`);
        return null;
      }
    },
    set(name, value) {
      const { seal } = cipher();
      const contents = readSecretsFile(file, log, now);
      contents.secrets[name] = { backend: status().backend, data: seal(value) };
      save(contents);
    },
    delete(name) {
      const contents = readSecretsFile(file, log, now);
      if (!Object.hasOwn(contents.secrets, name)) return false;
      delete contents.secrets[name];
      save(contents);
      return true;
    },
  };
}

export function describeBackend(options: SecretStoreOptions): SecretStatus {
  const { safeStorage, platform, isBasicTextAccepted } = options;
  const basicTextAccepted = isBasicTextAccepted();
  if (!safeStorage) {
    return options.allowPlainFile
      ? {
          available: true,
          backend: 'plain_file',
          basicTextAccepted,
          reason: `Secrets are stored unencrypted in ${options.file}: this host was started with plain-file secrets allowed.`,
        }
      : {
          available: false,
          backend: 'none',
          basicTextAccepted,
          reason: 'This process has no secure storage, and plain-file secrets were not explicitly allowed.',
        };
  }

  const backend = systemBackend(safeStorage, platform);
  if (!safeStorage.isEncryptionAvailable()) {
    return {
      available: false,
      backend,
      basicTextAccepted,
      reason: "The operating system's secure storage is not available.",
    };
  }
  if (backend === 'basic_text' && !basicTextAccepted) {
    return {
      available: false,
      backend,
      basicTextAccepted,
      reason:
        'No system keyring (GNOME Keyring or KWallet) was found. Passwords could only be stored with a fixed key ' +
        'that anyone able to read your files can undo; accept this in Settings to store them anyway.',
    };
  }
  return {
    available: true,
    backend,
    basicTextAccepted,
    reason:
      backend === 'basic_text'
        ? 'Passwords are stored with a fixed key (no system keyring was found); you accepted this in Settings.'
        : null,
  };
}

function systemBackend(safeStorage: SafeStoragePort, platform: NodeJS.Platform): SecretBackend {
  if (platform === 'darwin') return 'keychain';
  if (platform === 'win32') return 'dpapi';
  const reported = SecretBackend.safeParse(safeStorage.getSelectedStorageBackend?.());
  return reported.success ? reported.data : 'unknown';
}

function readSecretsFile(file: string, log: Logger, now: () => Date): SecretsFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT')
      return { version: 1, secrets: {} };
    throw error;
  }
  try {
    return SecretsFile.parse(JSON.parse(text));
  } catch (error) {
    const problem =
      error instanceof z.ZodError ? z.prettifyError(error).replaceAll('\n', ' ') : String(error);
    const backup = `${file}.corrupt-${now().toISOString().replaceAll(':', '-')}`;
    renameSync(file, backup);
    log.warn(
      `Secrets file ${file} was not valid (${problem}); moved it to ${backup}. Stored passwords must be entered again.`,
    );
    return { version: 1, secrets: {} };
  }
}
