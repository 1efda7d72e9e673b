import { describe, expect, it } from 'vitest';
import { CALL_NAMES, calls, isCallName, resultOf, ok, fail, AppInfo } from './index.js';

describe('contract', () => {
  it('lists every call with a request and a response schema', () => {
    for (const name of CALL_NAMES) {
      expect(calls[name].request.safeParse).toBeTypeOf('function');
      expect(calls[name].response.safeParse).toBeTypeOf('function');
    }
  });

  it('recognises only its own call names', () => {
    expect(isCallName('app.info')).toBe(true);
    expect(isCallName('toString')).toBe(false);
    expect(isCallName('__proto__')).toBe(false);
    expect(isCallName(42)).toBe(false);
  });

  it('rejects extra fields on empty requests', () => {
    expect(calls['app.info'].request.safeParse({}).success).toBe(true);
    expect(calls['app.info'].request.safeParse({ x: 1 }).success).toBe(false);
  });

  it('round-trips results through their schema', () => {
    const schema = resultOf(AppInfo);
    expect(schema.safeParse(fail('internal', 'boom')).success).toBe(true);
    expect(schema.safeParse(ok({ nope: true })).success).toBe(false);
  });
});
