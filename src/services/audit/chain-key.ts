/**
 * Where the audit chain's key comes from, behind one interface: the browser
 * host keeps it in an owner-only file in the data folder; the desktop app
 * keeps it in the OS secret store (main/ hands its store in), and reads the
 * file's key too, so records the browser host wrote on the same folder are
 * authenticated there as well. A host that does not hold a record's key
 * still checks its links (audit/chain.ts).
 *
 * The key is 32 random bytes, made on first use and never logged.
 */
import { randomBytes } from 'node:crypto';
import { chmod, open, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { SecretStore } from '../checks/secret-store.js';
import { chainKeyId, type ChainKey, type ChainKeys } from './chain.js';
import { OWNER_ONLY_FILE } from './files.js';

/** The browser host's key file, in the data folder. */
export const CHAIN_KEY_FILE = 'audit-chain.key';
/** The desktop app's entry in its secret store. */
export const CHAIN_KEY_SECRET = 'audit-chain-key';
/** Key length, bytes: SHA-256's block-size-safe 256 bits. */
const KEY_BYTES = 32;

export interface ChainKeySource {
  /** Where the key is kept, for messages ("the OS secret store", a file path). */
  readonly where: string;
  load(): Promise<ChainKeys>;
}

export const keyOf = (secret: Buffer): ChainKey => ({ id: chainKeyId(secret), secret });

function parseKey(text: string): Buffer | null {
  const hex = text.trim();
  return /^[0-9a-f]{64}$/.test(hex) ? Buffer.from(hex, 'hex') : null;
}

/** The key a key file holds, or null when there is none; an error when it holds something else. */
export async function readKeyFile(path: string): Promise<Buffer | null> {
  const text = await readFile(path, 'utf8').catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return null;
    throw e;
  });
  if (text === null) return null;
  const key = parseKey(text);
  if (!key) throw new Error(`${path} does not hold an audit chain key (64 hex digits); move it aside to start a new chain key`);
  await chmod(path, OWNER_ONLY_FILE);
  return key;
}

/** Reads the key file, or makes it (owner-only, fsync'd, folder fsync'd); two hosts racing to make it end up with the same key. */
async function keyFromFile(path: string): Promise<Buffer> {
  const existing = await readKeyFile(path);
  if (existing) return existing;
  const secret = randomBytes(KEY_BYTES);
  try {
    const file = await open(path, 'wx', OWNER_ONLY_FILE);
    try {
      await file.chmod(OWNER_ONLY_FILE);
      await file.writeFile(`${secret.toString('hex')}\n`);
      await file.sync();
    } finally {
      await file.close();
    }
    const folder = await open(dirname(path), 'r');
    await folder.sync().finally(() => folder.close());
    return secret;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    return (await readKeyFile(path))!;
  }
}

export function keyFileChainKeys(path: string): ChainKeySource {
  return {
    where: path,
    load: async () => ({ signing: keyOf(await keyFromFile(path)), known: [] }),
  };
}

/** The key sealed in the OS secret store; `keyFile` is the browser host's, checked when present, never made. */
export function secretStoreChainKeys(store: SecretStore, keyFile: string): ChainKeySource {
  return {
    where: 'the OS secret store',
    async load() {
      let secret = parseKey((await store.get(CHAIN_KEY_SECRET)) ?? '');
      if (!secret) {
        secret = randomBytes(KEY_BYTES);
        await store.set(CHAIN_KEY_SECRET, secret.toString('hex'));
      }
      const fromFile = await readKeyFile(keyFile).catch(() => null);
      return { signing: keyOf(secret), known: fromFile ? [keyOf(fromFile)] : [] };
    },
  };
}
