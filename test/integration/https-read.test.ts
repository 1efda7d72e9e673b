/**
 * The client's reads over HTTPS (Node's client; plain HTTP goes to the
 * socket reader, tested in src/services/hft/http-read.test.ts) against an
 * HTTPS server on loopback with a throwaway certificate, made here with
 * OpenSSL and trusted by the probe's process only.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TSX } from '../harness/process.js';

const PROBE = resolve(import.meta.dirname, '../harness/https-read-probe.ts');
let folder = '';
let seen: Record<string, any> = {};

beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), 'cockpit-https-'));
  const made = spawnSync('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1',
    '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1',
    '-keyout', join(folder, 'key.pem'), '-out', join(folder, 'cert.pem'),
  ], { encoding: 'utf8' });
  if (made.error || made.status !== 0) throw new Error(`openssl could not make a test certificate (Debian package openssl): ${made.error?.message ?? made.stderr}`);
  const probe = spawnSync(TSX, [PROBE, folder], { encoding: 'utf8', timeout: 30_000, env: { ...process.env, NODE_EXTRA_CA_CERTS: join(folder, 'cert.pem') } });
  if (probe.status !== 0) throw new Error(`the HTTPS probe failed: ${probe.stderr}`);
  seen = JSON.parse(probe.stdout.trim().split('\n').at(-1)!);
}, 40_000);

afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('HTTPS reads', () => {
  it('answers the status and the body, asking for JSON, on one kept-alive connection', () => {
    expect(seen.ok).toEqual({ status: 200, body: { ok: true, text: '{"status":"healthy"}' } });
    expect(seen.okAgain).toEqual(seen.ok);
    expect(seen.connectionsAfterTwo).toBe(1);
    expect(seen.requests[0]).toEqual({ path: '/ok', accept: 'application/json' });
    expect(seen.chunked).toEqual({ status: 200, body: { ok: true, text: '{"a":1}' } });
  });

  it('refuses a declared length past the cap and a body growing past it; an error status has its own, smaller cap', () => {
    expect(seen.declaredLarge).toMatchObject({ status: 200, body: { ok: false, reason: 'too_large' } });
    expect(seen.growing).toMatchObject({ status: 200, body: { ok: false, reason: 'too_large' } });
    expect(seen.error).toMatchObject({ status: 503, body: { ok: false, reason: 'too_large', message: 'body larger than 64 bytes' } });
  });

  it('refuses a body that is not UTF-8', () => {
    expect(seen.latin1).toMatchObject({ status: 200, body: { ok: false } });
    expect(seen.latin1.body.reason).not.toBe('too_large');
  });

  it('rejects on an abort with its reason', () => {
    expect(seen.aborted).toEqual({ rejected: 'deadline passed' });
  });

  it('asks again on a new connection when a kept-alive one is cut as it is reused', () => {
    expect(seen.thenCut).toEqual({ status: 200, body: { ok: true, text: '{}' } });
    expect(seen.afterCut).toEqual(seen.ok);
    expect(seen.newConnectionsForCut).toBe(1);
    expect(seen.requests.filter((r: { path: string }) => r.path === '/ok').length).toBe(4);
  });
});
