/**
 * The on-disk JSON Schema copy of the trading system's API must match the
 * zod schemas it is generated from: regenerate it with
 * `npx tsx scripts/gen-api-schema.ts` when this fails.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ENDPOINTS, KillswitchActivation, ReasonBody } from './hft.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const FILE = fileURLToPath(new URL('./hft-api.schema.json', import.meta.url));

interface ObjectDef {
  type: string;
  properties: Record<string, unknown>;
  required: string[];
}

describe('hft-api.schema.json', () => {
  const committed = readFileSync(FILE, 'utf8');
  const doc = JSON.parse(committed) as { $defs: Record<string, ObjectDef>; 'x-endpoints': Record<string, unknown> };

  it('is what the generator writes from the current zod schemas', async () => {
    // The generator lives outside src/contract (it writes files); run it as the script it is.
    const { stdout } = await promisify(execFile)(
      `${ROOT}node_modules/.bin/tsx`,
      [`${ROOT}scripts/gen-api-schema.ts`, '--stdout'],
      { cwd: ROOT, timeout: 20_000, maxBuffer: 4 * 1024 * 1024 },
    );
    expect(committed, 'out of date: run npx tsx scripts/gen-api-schema.ts').toBe(stdout);
  });

  it('has a definition per endpoint response and request body, with every field required', () => {
    const byEndpoint = {
      health: 'HealthResponse', status: 'StatusResponse', positions: 'PositionsResponse',
      strategies: 'StrategiesResponse', risk: 'RiskSummaryResponse',
    } as const;
    for (const [endpoint, def] of Object.entries(byEndpoint)) {
      const shape = Object.keys(ENDPOINTS[endpoint as keyof typeof byEndpoint].schema.shape);
      expect(doc.$defs[def]!.type, def).toBe('object');
      expect(doc.$defs[def]!.required.sort(), def).toEqual(shape.sort());
    }
    expect(doc.$defs.KillswitchActivation!.required.sort()).toEqual(Object.keys(KillswitchActivation.shape).sort());
    expect(doc.$defs.ReasonBody!.required).toEqual(Object.keys(ReasonBody.shape));
    expect(Object.keys(doc['x-endpoints'])).toContain('POST /api/v1/killswitch');
  });
});
