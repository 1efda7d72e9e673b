/**
 * The database password the engineer typed, kept between runs with
 * Electron's safeStorage (Keychain on macOS, DPAPI on Windows, libsecret or
 * kwallet on Linux): `secrets.json` in the data folder holds only ciphertext,
 * base64, owner-only. Where safeStorage cannot encrypt, or on Linux falls
 * back to its `basic_text` backend (a fixed, public key: obfuscation, not
 * secrecy; Electron docs, safeStorage.getSelectedStorageBackend), secrets
 * stay in memory only and are asked again after a restart.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { memorySecretStore, type SecretStore } from '../src/services/checks/secret-store.js';

export const SECRETS_FILE = 'secrets.json';

/** What this needs of Electron's safeStorage (main process, after app ready). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  getSelectedStorageBackend?(): string;
}

export function canEncrypt(safeStorage: SafeStorageLike): boolean {
  if (!safeStorage.isEncryptionAvailable()) return false;
  return safeStorage.getSelectedStorageBackend?.() !== 'basic_text';
}

export function createSafeStorageSecretStore(dataDir: string, safeStorage: SafeStorageLike): SecretStore {
  if (!canEncrypt(safeStorage)) return memorySecretStore();
  const path = join(dataDir, SECRETS_FILE);

  const readAll = (): Record<string, string> => {
    try {
      const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
      return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, string>) : {};
    } catch {
      // Missing or unreadable: nothing stored; the next password typed rewrites it.
      return {};
    }
  };
  const writeAll = (all: Record<string, string>) => {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    const temp = `${path}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify(all, null, 2) + '\n', { mode: 0o600 });
    renameSync(temp, path);
  };

  return {
    async get(key) {
      const sealed = readAll()[key];
      if (typeof sealed !== 'string') return null;
      try {
        return safeStorage.decryptString(Buffer.from(sealed, 'base64'));
      } catch {
        // Sealed under another OS login or keyring: as good as absent.
        return null;
      }
    },
    async set(key, value) {
      writeAll({ ...readAll(), [key]: safeStorage.encryptString(value).toString('base64') });
    },
    async delete(key) {
      const { [key]: _gone, ...rest } = readAll();
      writeAll(rest);
    },
  };
}
