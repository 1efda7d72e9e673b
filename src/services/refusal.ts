/**
 * Why a service refused a request, with the contract's error code. The
 * dispatcher (src/host/dispatch.ts) answers a refusal with its code as it
 * is, so a service names the code once and no host translates it. Each
 * service keeps its own subclass, narrowing the codes it may use.
 */
import type { ErrorCode } from '../contract/result.js';

export class Refusal<C extends ErrorCode = ErrorCode> extends Error {
  constructor(
    readonly code: C,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}
