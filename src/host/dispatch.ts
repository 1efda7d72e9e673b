/**
 * The one place a (name, payload) pair from a renderer becomes a validated
 * call. Both hosts (Electron IPC and the browser WebSocket) pass everything
 * through here, so the rules are the same whichever transport carried it:
 *
 *   unknown name          → unknown_call
 *   payload fails schema  → invalid_request, with the first issue
 *   handler throws        → its CallFailure or service Refusal code, or internal (message only, no stack)
 *   answer fails schema   → internal (the renderer never sees an off-contract value)
 *
 * A dispatcher never throws and always answers a Result.
 */
import { z } from 'zod';
import { Refusal } from '../services/refusal.js';
import {
  calls,
  fail,
  isCallName,
  ok,
  type CallName,
  type CallResponse,
  type Calls,
  type ErrorCode,
  type Result,
} from '../contract/index.js';

/**
 * Who made a call: the renderer it came from, named by the transport (the
 * browser host names each socket; Electron has its one window). Terminals
 * keep flow control per viewer with it.
 */
export interface Caller {
  viewerId: string;
}

/** The caller of a transport with one renderer (the Electron window). */
export const WINDOW_CALLER: Caller = { viewerId: 'window' };

export type CallHandlers = {
  [C in CallName]: (request: z.output<Calls[C]['request']>, caller?: Caller) => CallResponse<C> | Promise<CallResponse<C>>;
};

/** Thrown by a handler to answer with a specific error code (not_found, unavailable, ...). */
export class CallFailure extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'CallFailure';
  }
}

export type Dispatch = (name: unknown, request: unknown, caller?: Caller) => Promise<Result<unknown>>;

/** Longest call name echoed back in an error; names come from untrusted senders. */
const NAME_ECHO_MAX = 64;
/** Longest error message handed to a renderer, characters. */
const MESSAGE_MAX = 500;

export function createDispatch(handlers: CallHandlers): Dispatch {
  return async (name, request, caller = WINDOW_CALLER) => {
    try {
      if (!isCallName(name)) return fail('unknown_call', `no such call: ${describeName(name)}`);
      const schema = calls[name];
      const parsed = schema.request.safeParse(request);
      if (!parsed.success) return fail('invalid_request', `${name}: ${firstIssue(parsed.error)}`);
      const handler = handlers[name] as (request: unknown, caller: Caller) => unknown;
      const value = await handler(parsed.data, caller);
      const checked = schema.response.safeParse(value);
      if (!checked.success) return fail('internal', `${name} produced an answer off the contract: ${firstIssue(checked.error)}`);
      return ok(checked.data);
    } catch (error) {
      return failureOf(error);
    }
  };
}

export function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid';
  const path = issue.path.map((p) => String(p)).join('.');
  return clip(path ? `${path}: ${issue.message}` : issue.message);
}

function failureOf(error: unknown): Result<never> {
  if (error instanceof CallFailure || error instanceof Refusal) return fail(error.code, clip(error.message));
  if (error instanceof z.ZodError) return fail('invalid_request', firstIssue(error));
  if (error instanceof Error) return fail('internal', clip(error.message || error.name));
  return fail('internal', 'handler failed');
}

function describeName(name: unknown): string {
  if (typeof name !== 'string') return `(${name === null ? 'null' : typeof name})`;
  return JSON.stringify(name.length > NAME_ECHO_MAX ? `${name.slice(0, NAME_ECHO_MAX)}…` : name);
}

const clip = (message: string) => (message.length > MESSAGE_MAX ? `${message.slice(0, MESSAGE_MAX)}…` : message);
