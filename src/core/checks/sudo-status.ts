/**
 * What `sudo -n systemctl status hft_system` said, from its exit code and
 * output. The exit codes are systemctl's (systemctl(1), "Exit status";
 * LSB for `status`): 0 the unit is active, 3 it is not (inactive, failed,
 * activating after a crash), 4 no such unit. sudo itself exits 1 and writes
 * "sudo: a password is required" on stderr when -n meets a policy that wants
 * a password; the command never runs then.
 */
import { explainFailure } from './explain.js';
import type { CheckOutcome } from './model.js';

export type SudoStatusVerdict =
  | 'running' // sudo let us in and hft_system is active
  | 'needs_password' // sudo -n refused: the sudoers entry is not NOPASSWD
  | 'not_permitted' // the user may not sudo at all
  | 'unit_not_found' // sudo worked; there is no hft_system unit
  | 'not_running' // sudo worked; the unit is inactive, failed, or restarting
  | 'unknown'; // anything else: the raw output tells

export interface CommandResult {
  /** Exit code; null when the command was killed by a signal. */
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface SudoStatus {
  verdict: SudoStatusVerdict;
  /** The unit's `Active:` line without the label, e.g. "failed (Result: exit-code) since ...". */
  active: string | null;
}

const SYSTEMCTL_NOT_ACTIVE = 3;
const SYSTEMCTL_NO_SUCH_UNIT = 4;

export function classifySudoStatus(result: CommandResult): SudoStatus {
  const all = `${result.stderr}\n${result.stdout}`;
  const activeLine = result.stdout.match(/^\s*Active:\s*(.+)$/m);
  const active = activeLine ? activeLine[1]!.trim() : null;
  const verdict = ((): SudoStatusVerdict => {
    if (/sudo: (?:a password is required|a terminal is required|\d+ incorrect password)/i.test(result.stderr)) return 'needs_password';
    if (/is not in the sudoers file|is not allowed to (?:run sudo|execute)/i.test(result.stderr)) return 'not_permitted';
    if (result.code === SYSTEMCTL_NO_SUCH_UNIT || /Unit [\w@.-]+ could not be found|Loaded: not-found/i.test(all)) return 'unit_not_found';
    if (result.code === 0) return 'running';
    if (result.code === SYSTEMCTL_NOT_ACTIVE) return 'not_running';
    return 'unknown';
  })();
  return { verdict, active };
}

/** The sudo check's outcome in the engineer's words. */
export function sudoStatusOutcome(result: CommandResult, host: string): CheckOutcome {
  const { verdict, active } = classifySudoStatus(result);
  const raw = [`exit ${result.code ?? 'killed by a signal'}`, result.stderr.trim(), result.stdout.trim()]
    .filter((s) => s !== '')
    .join('\n');
  if (verdict === 'running') {
    return {
      state: 'passed',
      message: `Passwordless sudo works on ${host}; hft_system is ${active ?? 'active'}`,
      hint: null,
      rawError: null,
    };
  }
  const explainable = verdict === 'not_running' ? `Active: ${active ?? 'inactive'}` : raw;
  const { message, hint } = explainFailure('sudo', verdict === 'unknown' ? raw : explainable, { target: host });
  return { state: 'failed', message: `${host}: ${message}`, hint, rawError: raw };
}
