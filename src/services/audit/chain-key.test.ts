import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { memorySecretStore } from '../checks/secret-store.js';
import { CHAIN_KEY_SECRET, keyFileChainKeys, secretStoreChainKeys } from './chain-key.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'chain-key-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('the audit chain key', () => {
  it('is made once in an owner-only key file, and the same key is read back', async () => {
    const path = join(dir, 'audit-chain.key');
    const first = await keyFileChainKeys(path).load();
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(first.signing.secret).toHaveLength(32);
    expect((await readFile(path, 'utf8')).trim()).toBe(first.signing.secret.toString('hex'));
    const again = await keyFileChainKeys(path).load();
    expect(again.signing).toEqual(first.signing);
    // The id names the key without giving it away.
    expect(first.signing.id).toMatch(/^[0-9a-f]{16}$/);
    expect(first.signing.secret.toString('hex')).not.toContain(first.signing.id);
  });

  it('refuses a key file that holds something else, rather than starting a new key over it', async () => {
    const path = join(dir, 'audit-chain.key');
    await writeFile(path, 'not a key\n');
    await expect(keyFileChainKeys(path).load()).rejects.toThrow(/does not hold an audit chain key/);
    expect(await readFile(path, 'utf8')).toBe('not a key\n');
  });

  it('keeps the desktop key in the secret store and checks the browser host key file beside it', async () => {
    const store = memorySecretStore();
    const keyFile = join(dir, 'audit-chain.key');
    const browser = await keyFileChainKeys(keyFile).load();
    const desktop = await secretStoreChainKeys(store, keyFile).load();
    expect(await store.get(CHAIN_KEY_SECRET)).toBe(desktop.signing.secret.toString('hex'));
    expect(desktop.signing.id).not.toBe(browser.signing.id);
    expect(desktop.known).toEqual([browser.signing]);
    expect((await secretStoreChainKeys(store, keyFile).load()).signing).toEqual(desktop.signing);
  });
});
