/**
 * The pre-shift check and the shift's rhythm, as one part of the backend:
 * `createChecksPart` builds both on the terminal host's profiles and SSH
 * connector and answers the `checks.*` and `shift.*` calls.
 */
import type { HostProfile } from '../../contract/terminal.js';
import { memorySecretStore, type SecretStore } from '../../services/checks/secret-store.js';
import type { SshConnector } from '../../services/ssh/index.js';
import { createChecksHost, type ChecksHandlers, type ChecksHost, type ChecksHostOptions } from './checks-host.js';
import { createShiftHost, type ShiftHandlers, type ShiftHost, type ShiftHostOptions } from './shift-host.js';
import { sshForChecks } from './ssh-for-checks.js';

export { ACCESS_REPORT_FILE, createChecksHost, type ChecksHost, type ChecksHostOptions } from './checks-host.js';
export { createShiftHost, SHIFT_TICKS_FILE, type ShiftHost } from './shift-host.js';
export { PASSWORD_ASK_TIMEOUT_MS } from './password-asks.js';
export { sshForChecks } from './ssh-for-checks.js';

export interface ChecksPartOptions extends Omit<ChecksHostOptions, 'ssh' | 'profiles' | 'secretStore'> {
  profiles: { list(): Promise<HostProfile[]> };
  connector: Pick<SshConnector, 'exec' | 'forwardLocal'>;
  /**
   * Where a typed database password is kept. Electron passes the OS secret
   * store (main/); without one the password lives in this process's memory
   * only, and is asked again after a restart.
   */
  secretStore?: SecretStore;
  /** Where the routine ticks are recorded. */
  audit: ShiftHostOptions['audit'];
  /** The incident history: the debriefs after SEV1s. */
  incidents: ShiftHostOptions['incidents'];
}

export interface ChecksPart {
  handlers: ChecksHandlers & ShiftHandlers;
  checks: ChecksHost;
  shift: ShiftHost;
  close(): Promise<void>;
}

export function createChecksPart(opts: ChecksPartOptions): ChecksPart {
  const { connector, secretStore, ...rest } = opts;
  const checks = createChecksHost({ ...rest, ssh: sshForChecks(connector), secretStore: secretStore ?? memorySecretStore() });
  const shift = createShiftHost(opts);
  return {
    handlers: { ...checks.handlers, ...shift.handlers },
    checks,
    shift,
    async close() {
      shift.close();
      await checks.close();
    },
  };
}
