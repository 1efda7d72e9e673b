/**
 * `npm run audit:verify -- FILE` as an engineer runs it on a copy of a data
 * folder: "ok" with the chain head for a good log, else the first problem
 * and exit 1: a record edited, a torn end, a history that no longer matches
 * the chain head an export carries.
 */
import { execFile } from 'node:child_process';
import { appendFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openAuditLog, recordHash, type ChainHead } from '../../src/services/audit-log.js';
import { CHAIN_KEY_FILE, keyFileChainKeys } from '../../src/services/audit/chain-key.js';
import { ROOT } from '../harness/process.js';

const TSX = resolve(ROOT, 'node_modules/.bin/tsx');
const CLI = resolve(ROOT, 'src/host/audit-verify.ts');

async function verify(args: string[]): Promise<{ code: number; out: string; err: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(TSX, [CLI, ...args], { cwd: ROOT, timeout: 20_000 });
    return { code: 0, out: stdout, err: stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout, err: e.stderr };
  }
}

let dir: string;
let path: string;
let head: ChainHead;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'audit-verify-'));
  path = join(dir, 'audit.log');
  const log = await openAuditLog(path, { keys: await keyFileChainKeys(join(dir, CHAIN_KEY_FILE)).load() });
  for (const type of ['incident.raised', 'incident.acknowledged', 'killswitch.intent']) await log.append({ type, actor: 'ana' });
  head = log.head();
  await log.close();
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('npm run audit:verify', () => {
  it('says ok with the head, checking the keys with the key file beside the log', async () => {
    const { code, out } = await verify([path, '--head', `${head.seq}:${head.hash}`]);
    expect(code).toBe(0);
    expect(out).toBe(`${path}: ok: 3 records, head seq 3 hash ${head.hash}\n`);
  });

  it('prints the first problem: an edited record, a torn end, a head that no longer matches', async () => {
    const good = await readFile(path, 'utf8');
    await writeFile(path, good.replace('"type":"incident.acknowledged"', '"type":"incident.acknowledgeD"'));
    expect(await verify([path])).toMatchObject({ code: 1, err: `${path}: line 2 (seq 2): hash does not match the record (chain key)\n` });

    await writeFile(path, good);
    await appendFile(path, '{"seq":4,"at');
    expect(await verify([path])).toMatchObject({ code: 1, err: `${path}: after record 3 (byte ${Buffer.byteLength(good)}): 12 bytes that are not a complete record (a torn or damaged end)\n` });

    // Rewritten and re-hashed by someone without the key: only the export's head shows it.
    const rewritten = good
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
      .reduce<{ lines: string[]; prev: string }>(
        (acc, r) => {
          const body = { ...r, actor: 'mallory', prevHash: acc.prev, keyId: undefined, hash: undefined };
          const hash = recordHash(body);
          return { lines: [...acc.lines, JSON.stringify({ ...body, hash })], prev: hash };
        },
        { lines: [], prev: '0'.repeat(64) },
      );
    await writeFile(path, `${rewritten.lines.join('\n')}\n`);
    await rm(join(dir, CHAIN_KEY_FILE));
    expect((await verify([path])).code).toBe(0);
    expect(await verify([path, '--head', `${head.seq}:${head.hash}`])).toMatchObject({
      code: 1,
      err: `${path}: record 3 does not match the export's chain head: the history up to it was rewritten\n`,
    });
  });

  it('refuses bad arguments with the usage', async () => {
    expect(await verify([])).toMatchObject({ code: 2, err: expect.stringContaining('usage: npm run audit:verify -- FILE') });
    expect(await verify([join(dir, 'nope.log')])).toMatchObject({ code: 2, err: expect.stringContaining('cannot read') });
  });
});
