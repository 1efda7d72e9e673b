/**
 * `npm run audit:verify -- FILE [--key-file PATH] [--head SEQ:HASH]`:
 * checks an audit log and prints the first problem, or "ok" with its head.
 * The key file defaults to `audit-chain.key` beside the log (the browser
 * host's); the desktop app's key lives in the OS secret store, so its
 * records are checked link by link only. `--head` takes the chain head an
 * export carries. Exit 0 when the log verifies, 1 when it does not, 2 on
 * bad arguments or an unreadable file.
 */
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { ChainHead, ChainKeys } from '../services/audit/chain.js';
import { CHAIN_KEY_FILE, keyOf, readKeyFile } from '../services/audit/chain-key.js';
import { verifyLogBytes } from '../services/audit/verify.js';

const USAGE = 'usage: npm run audit:verify -- FILE [--key-file PATH] [--head SEQ:HASH]';

function fail(message: string, code: number): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

const args = process.argv.slice(2);
let file: string | undefined;
let keyFile: string | undefined;
let head: ChainHead | undefined;
for (let i = 0; i < args.length; i++) {
  const arg = args[i]!;
  if (arg === '--key-file') keyFile = args[++i] ?? fail(USAGE, 2);
  else if (arg === '--head') {
    const m = /^(\d+):([0-9a-f]{64})$/.exec(args[++i] ?? '');
    if (!m) fail(`--head takes SEQ:HASH (the chain head an export carries)\n${USAGE}`, 2);
    head = { seq: Number(m[1]), hash: m[2]! };
  } else if (arg.startsWith('-') || file !== undefined) fail(USAGE, 2);
  else file = arg;
}
if (!file) fail(USAGE, 2);

const bytes = await readFile(file).catch((e: Error) => fail(`cannot read ${file}: ${e.message}`, 2));
const keyPath = keyFile ?? join(dirname(file), CHAIN_KEY_FILE);
const secret = await readKeyFile(keyPath).catch((e: Error) => fail(e.message, 2));
if (keyFile && !secret) fail(`cannot read the key file ${keyPath}`, 2);
const keys: ChainKeys | undefined = secret ? { signing: keyOf(secret), known: [] } : undefined;
const verdict = verifyLogBytes(bytes, keys, head);
if (verdict.ok) process.stdout.write(`${file}: ${verdict.message}\n`);
else fail(`${file}: ${verdict.message}`, 1);
