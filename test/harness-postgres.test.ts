/** The PostgreSQL harness finds whichever major version Debian installed. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findPgBin } from './harness/postgres.js';

const roots: string[] = [];
function fakeRoot(versions: Record<string, boolean>): string {
  const root = mkdtempSync(join(tmpdir(), 'pg-root-'));
  roots.push(root);
  for (const [version, hasInitdb] of Object.entries(versions)) {
    mkdirSync(join(root, version, 'bin'), { recursive: true });
    if (hasInitdb) writeFileSync(join(root, version, 'bin', 'initdb'), '');
  }
  return root;
}
afterEach(() => roots.splice(0).forEach((r) => rmSync(r, { recursive: true, force: true })));

describe('findPgBin', () => {
  it('takes the newest major version that has initdb, numerically', () => {
    const root = fakeRoot({ '9': true, '13': true, '16': true, '17': false });
    expect(findPgBin(root, {})).toBe(join(root, '16', 'bin'));
  });

  it('takes PG_BIN when it is set', () => {
    expect(findPgBin(fakeRoot({ '15': true }), { PG_BIN: '/opt/pg/bin' })).toBe('/opt/pg/bin');
  });

  it('names the package when no server is installed', () => {
    expect(() => findPgBin(fakeRoot({ '15': false }), {})).toThrow(/postgresql package/);
  });
});
