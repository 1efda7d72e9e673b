/**
 * `npm run web` as an operator runs it: one line with the address, a
 * working page and socket behind it, a clean exit on SIGTERM, and a clear
 * refusal of bad flags.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { ROOT, startTs, type Started } from '../harness/process.js';

const READY = /cockpit \(browser host\) at (http:\/\/127\.0\.0\.1:(\d+))\/#token=([\w-]{43})\n/;
const dataDir = mkdtempSync(join(tmpdir(), 'cockpit-web-'));
let host: Started | undefined;

afterAll(async () => {
  await host?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('npm run web', () => {
  it('prints one line with the address and serves a socket behind it, then stops on SIGTERM', async () => {
    // Port 1 on loopback: nothing listens, the poller just records failures.
    host = await startTs('src/host/web.ts', ['--api', 'http://127.0.0.1:1', '--port', '0', '--data-dir', dataDir], READY);
    const [, origin, , token] = host.match;
    const ws = new WebSocket(`${origin!.replace('http', 'ws')}/ws?token=${token}`, { origin: origin! });
    const answer = await new Promise<any>((done, fail) => {
      ws.once('error', fail);
      ws.once('open', () => ws.send(JSON.stringify({ type: 'call', id: 1, name: 'app.info', request: {} })));
      ws.on('message', (data) => {
        const m = JSON.parse(String(data));
        if (m.type === 'result') done(m);
      });
    });
    expect(answer.result.value).toMatchObject({ hostKind: 'browser', demo: false, apiUrl: 'http://127.0.0.1:1', dataDir });
    const closed = new Promise<number>((done) => ws.once('close', (code) => done(code)));
    await host.stop();
    expect(host.proc.exitCode).toBe(0);
    expect(await closed).toBe(1001);
    expect(host.output().trim().split('\n').filter((l) => l.includes('cockpit (browser host) at'))).toHaveLength(1);
  });

  it('keeps the token across a crash and restart on the same data dir, so an open tab reconnects', async () => {
    const args = ['--api', 'http://127.0.0.1:1', '--port', '0', '--data-dir', dataDir];
    host = await startTs('src/host/web.ts', args, READY);
    const token = host.match[3];
    await host.kill();
    host = await startTs('src/host/web.ts', args, READY);
    expect(host.match[3]).toBe(token);
    await host.stop();
  });

  it('refuses bad flags with the reason and the usage', () => {
    const run = spawnSync(resolve(ROOT, 'node_modules/.bin/tsx'), [resolve(ROOT, 'src/host/web.ts'), '--poll-ms', '5'], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--poll-ms must be between 200 and 60000');
    expect(run.stderr).toContain('usage: cockpit');
  });
});
