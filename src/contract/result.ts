/**
 * Every answer that crosses the host boundary (IPC or WebSocket) is a Result:
 * thrown errors lose their shape on the way, a Result keeps it.
 */
import { z } from 'zod';

export const ErrorCode = z.enum([
  'invalid_request', // the payload failed its schema
  'unknown_call', // no such call in the contract
  'unauthorized', // wrong sender, token or origin
  'not_found',
  'conflict',
  'needs_confirmation', // the action waits for a yes: the message is the question to ask
  'unavailable', // the trading system or a service could not be reached
  'no_answer', // the call went out but its answer never came (the link dropped, the deadline passed): it may have been done
  'internal',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const CallError = z.object({ code: ErrorCode, message: z.string() });
export type CallError = z.infer<typeof CallError>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: CallError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: ErrorCode, message: string): Result<never> => ({
  ok: false,
  error: { code, message },
});

/** Schema of a Result carrying `value`, for validating answers on the receiving side. */
export const resultOf = <T extends z.ZodType>(value: T) =>
  z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), value }),
    z.object({ ok: z.literal(false), error: CallError }),
  ]);
