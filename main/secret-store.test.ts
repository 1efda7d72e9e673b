import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSafeStorageSecretStore, SECRETS_FILE, type SafeStorageLike } from './secret-store.js';

/** A stand-in for safeStorage that really transforms the text (XOR), so plain text on disk would show. */
function fakeSafeStorage(backend = 'gnome_libsecret', available = true): SafeStorageLike {
  const xor = (b: Buffer) => Buffer.from(b.map((x) => x ^ 0x5a));
  return {
    isEncryptionAvailable: () => available,
    encryptString: (s) => xor(Buffer.from(`sealed:${s}`)),
    decryptString: (b) => {
      const text = xor(b).toString();
      if (!text.startsWith('sealed:')) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return text.slice('sealed:'.length);
    },
    getSelectedStorageBackend: () => backend,
  };
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cockpit-secrets-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the safeStorage secret store', () => {
  it('keeps only ciphertext on disk, owner-only, and reads it back in a new store', async () => {
    const store = createSafeStorageSecretStore(dir, fakeSafeStorage());
    await store.set('postgres://hft_user@hft-prod-01:5432/hft_db', 'hunter2-db');
    const file = join(dir, SECRETS_FILE);
    expect(readFileSync(file, 'utf8')).not.toContain('hunter2-db');
    expect(statSync(file).mode & 0o077).toBe(0);
    const again = createSafeStorageSecretStore(dir, fakeSafeStorage());
    expect(await again.get('postgres://hft_user@hft-prod-01:5432/hft_db')).toBe('hunter2-db');
    await again.delete('postgres://hft_user@hft-prod-01:5432/hft_db');
    expect(await createSafeStorageSecretStore(dir, fakeSafeStorage()).get('postgres://hft_user@hft-prod-01:5432/hft_db')).toBeNull();
  });

  it('treats a value it cannot decrypt as absent', async () => {
    await createSafeStorageSecretStore(dir, fakeSafeStorage()).set('k', 'v');
    const other: SafeStorageLike = { ...fakeSafeStorage(), decryptString: () => { throw new Error('wrong key'); } };
    expect(await createSafeStorageSecretStore(dir, other).get('k')).toBeNull();
  });

  it('writes nothing when safeStorage cannot encrypt or only obfuscates (basic_text)', async () => {
    for (const storage of [fakeSafeStorage('gnome_libsecret', false), fakeSafeStorage('basic_text')]) {
      const store = createSafeStorageSecretStore(dir, storage);
      await store.set('k', 'plain');
      expect(await store.get('k')).toBe('plain');
      expect(() => statSync(join(dir, SECRETS_FILE))).toThrow();
    }
  });
});
