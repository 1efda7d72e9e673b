/**
 * Every export carries the audit chain's head, and that head verifies
 * against the log it came from.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Result } from '../contract/index.js';
import { chainHeadIn } from '../core/audit/chain-head.js';
import { keyFileChainKeys, CHAIN_KEY_FILE } from '../services/audit/chain-key.js';
import { verifyLogBytes } from '../services/audit/verify.js';
import { createMemorySettingsStore } from '../services/settings.js';
import { createFakeFeed } from '../../test/support/fake-feed.js';
import { FakeTime } from '../../test/support/hft-fakes.js';
import { AUDIT_LOG_FILE, createBackend, type Backend } from './backend.js';
import { withChainHeads } from './chain-head-exports.js';
import type { CallHandlers } from './dispatch.js';

let dataDir: string;
let backend: Backend;

beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'cockpit-chain-head-'));
  const time = new FakeTime();
  const settings = createMemorySettingsStore({ operatorName: 'ana', timeZone: 'UTC' });
  backend = await createBackend({ apiUrl: 'http://127.0.0.1:1', dataDir, hostKind: 'browser', clock: time, timers: time, settings, feed: createFakeFeed(), log: () => {} });
});
afterEach(async () => {
  await backend.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const textOf = (result: Result<unknown>) => {
  expect(result).toMatchObject({ ok: true });
  return (result as { value: { text: string } }).value.text;
};

describe('the chain head in exports', () => {
  it('is in the incident timeline and the handoff, and verifies against the log', async () => {
    await backend.handle('incidents.open', { title: 'Odd fills on okx', severity: 'SEV3' });
    const head = backend.audit.head();
    expect(head.seq).toBeGreaterThan(0);
    const timeline = textOf(await backend.handle('incidents.export', { incidentId: 'INC-1' }));
    expect(chainHeadIn(timeline)).toEqual(head);
    expect(timeline).toContain(`npm run audit:verify -- audit.log --head ${head.seq}:${head.hash}`);
    // The handoff export records its stamp on the log first: its head covers that record too.
    const handoff = textOf(await backend.handle('handoff.export', {}));
    const afterHandoff = backend.audit.head();
    expect(afterHandoff.seq).toBeGreaterThan(head.seq);
    expect(chainHeadIn(handoff)).toEqual(afterHandoff);

    const keys = await keyFileChainKeys(join(dataDir, CHAIN_KEY_FILE)).load();
    const log = readFileSync(join(dataDir, AUDIT_LOG_FILE));
    expect(verifyLogBytes(log, keys, head)).toMatchObject({ ok: true });
    expect(verifyLogBytes(log, keys, afterHandoff)).toMatchObject({ ok: true });
    expect(verifyLogBytes(log, keys, { ...head, hash: 'f'.repeat(64) })).toMatchObject({ ok: false });
  });

  it('is added to the pre-shift report export too, and to nothing else', async () => {
    const head = { seq: 7, hash: 'a'.repeat(64) };
    const handlers: Pick<CallHandlers, 'checks.export' | 'playbook.export'> = {
      'checks.export': () => ({ filename: 'preshift.md', mediaType: 'text/markdown', text: '# Pre-shift check\n' }),
      'playbook.export': () => ({ filename: 'playbook.json', mediaType: 'application/json', text: '{}' }),
    };
    const wrapped = withChainHeads(handlers, () => head);
    expect(chainHeadIn((await wrapped['checks.export']({})).text)).toEqual(head);
    expect((await wrapped['playbook.export']({})).text).toBe('{}');
  });
});
