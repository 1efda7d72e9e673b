/**
 * Writes src/contract/hft-api.schema.json, the on-disk JSON Schema copy of
 * the trading system's API (shared/hft-api.md), from the zod schemas in
 * src/contract/hft.ts. Run `npx tsx scripts/gen-api-schema.ts` after
 * changing those schemas; src/contract/hft-api-schema.test.ts fails until
 * the committed file matches. `--stdout` prints it instead.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import {
  ApiError, Health, KillswitchActivation, Positions, ReasonBody, RiskSummary, Status, StrategyCommandResult, Strategies,
} from '../src/contract/hft.js';

export const SCHEMA_PATH = fileURLToPath(new URL('../src/contract/hft-api.schema.json', import.meta.url));

/** One definition per response and request body, named for what it carries. */
const RESPONSES = {
  HealthResponse: Health,
  StatusResponse: Status,
  PositionsResponse: Positions,
  StrategiesResponse: Strategies,
  RiskSummaryResponse: RiskSummary,
  KillswitchActivation,
  StrategyCommandResult,
  ApiError,
} as const;
const REQUESTS = { ReasonBody } as const;

/** Which definition each endpoint answers (and reads), as shared/hft-api.md lists them. */
const ENDPOINTS: Record<string, { request?: keyof typeof REQUESTS; responses: Record<string, keyof typeof RESPONSES> }> = {
  'GET /api/v1/health': { responses: { '200': 'HealthResponse' } },
  'GET /api/v1/status': { responses: { '200': 'StatusResponse' } },
  'GET /api/v1/positions': { responses: { '200': 'PositionsResponse' } },
  'GET /api/v1/strategies': { responses: { '200': 'StrategiesResponse' } },
  'GET /api/v1/risk/summary': { responses: { '200': 'RiskSummaryResponse' } },
  'POST /api/v1/killswitch': { request: 'ReasonBody', responses: { '200': 'KillswitchActivation', '400': 'ApiError', '401': 'ApiError' } },
  'POST /api/v1/strategies/{strategy_id}/stop': {
    request: 'ReasonBody',
    responses: { '200': 'StrategyCommandResult', '401': 'ApiError', '404': 'ApiError' },
  },
  'POST /api/v1/strategies/{strategy_id}/start': {
    responses: { '200': 'StrategyCommandResult', '401': 'ApiError', '404': 'ApiError', '409': 'ApiError' },
  },
};

/**
 * Generated from the input side of each schema: what a validating reader
 * accepts. The zod objects strip unknown fields rather than refuse them, so
 * the copy allows extra properties too (the output side would forbid them).
 */
function definition(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input' });
  return rest;
}

export function apiJsonSchema(): Record<string, unknown> {
  const $defs: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries({ ...RESPONSES, ...REQUESTS })) $defs[name] = definition(schema);
  const ref = (name: string) => ({ $ref: `#/$defs/${name}` });
  const endpoints = Object.fromEntries(
    Object.entries(ENDPOINTS).map(([route, e]) => [
      route,
      {
        ...(e.request ? { request: ref(e.request) } : {}),
        responses: Object.fromEntries(Object.entries(e.responses).map(([code, name]) => [code, ref(name)])),
      },
    ]),
  );
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'hft-api.schema.json',
    title: 'HFT trading system management API',
    description: 'Generated from src/contract/hft.ts by scripts/gen-api-schema.ts; do not edit by hand.',
    'x-endpoints': endpoints,
    $defs,
  };
}

/** The file's exact text: stable key order, two-space indent, trailing newline. */
export function apiJsonSchemaText(): string {
  return `${JSON.stringify(apiJsonSchema(), null, 2)}\n`;
}

/** `--stdout` prints instead of writing, so a test can compare without touching the file. */
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (process.argv.includes('--stdout')) process.stdout.write(apiJsonSchemaText());
  else {
    writeFileSync(SCHEMA_PATH, apiJsonSchemaText());
    process.stdout.write(`wrote ${SCHEMA_PATH}\n`);
  }
}
