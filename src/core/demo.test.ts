import { describe, expect, it } from 'vitest';
import { demoSimulatorLine } from './demo.js';

describe('the demo simulator line', () => {
  it('names the simulator and its control endpoint', () => {
    const line = demoSimulatorLine('http://127.0.0.1:40123');
    expect(line).toMatch(/^simulator \(DEMO\) at http:\/\/127\.0\.0\.1:40123: /);
    expect(line).toContain('POST http://127.0.0.1:40123/sim/v1/scenario');
  });
});
