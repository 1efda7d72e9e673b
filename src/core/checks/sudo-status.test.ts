import { describe, expect, it } from 'vitest';
import { classifySudoStatus, sudoStatusOutcome } from './sudo-status.js';

// stderr captured on this machine: `runuser -u nobody -- sudo -n systemctl status x` (sudo 1.9, Debian 12).
const SUDO_NEEDS_PASSWORD = { code: 1, stdout: '', stderr: 'sudo: a password is required\n' };
// Captured here too: a container without systemd (`systemctl status hft_system`, exit 1).
const NO_SYSTEMD = {
  code: 1,
  stdout: '',
  stderr: 'System has not been booted with systemd as init system (PID 1). Can\'t operate.\nFailed to connect to bus: Host is down\n',
};
// systemd 252 (Debian 12) output formats, as printed by `systemctl status`.
const NOT_FOUND = { code: 4, stdout: '', stderr: 'Unit hft_system.service could not be found.\n' };
const RUNNING = {
  code: 0,
  stdout: [
    '● hft_system.service - HFT trading system',
    '     Loaded: loaded (/etc/systemd/system/hft_system.service; enabled; preset: enabled)',
    '     Active: active (running) since Tue 2026-11-24 06:00:01 UTC; 2h 2min ago',
    '   Main PID: 1234 (hft_system)',
  ].join('\n'),
  stderr: '',
};
const INACTIVE = {
  code: 3,
  stdout: [
    '○ hft_system.service - HFT trading system',
    '     Loaded: loaded (/etc/systemd/system/hft_system.service; disabled; preset: enabled)',
    '     Active: inactive (dead)',
  ].join('\n'),
  stderr: '',
};
const FAILED = {
  code: 3,
  stdout: [
    '× hft_system.service - HFT trading system',
    '     Loaded: loaded (/etc/systemd/system/hft_system.service; enabled; preset: enabled)',
    '     Active: failed (Result: exit-code) since Tue 2026-11-24 07:58:12 UTC; 4min ago',
  ].join('\n'),
  stderr: '',
};
const RESTARTING = {
  code: 3,
  stdout: '● hft_system.service - HFT\n     Active: activating (auto-restart) (Result: exit-code) since Tue 2026-11-24 07:59:00 UTC; 2s ago\n',
  stderr: '',
};

describe('classifySudoStatus', () => {
  it('tells each outcome apart', () => {
    expect(classifySudoStatus(RUNNING)).toEqual({ verdict: 'running', active: 'active (running) since Tue 2026-11-24 06:00:01 UTC; 2h 2min ago' });
    expect(classifySudoStatus(SUDO_NEEDS_PASSWORD).verdict).toBe('needs_password');
    expect(classifySudoStatus(NOT_FOUND).verdict).toBe('unit_not_found');
    expect(classifySudoStatus(INACTIVE)).toEqual({ verdict: 'not_running', active: 'inactive (dead)' });
    expect(classifySudoStatus(FAILED).verdict).toBe('not_running');
    expect(classifySudoStatus(RESTARTING).verdict).toBe('not_running');
    expect(classifySudoStatus(NO_SYSTEMD).verdict).toBe('unknown');
    expect(classifySudoStatus({ code: 1, stdout: '', stderr: 'bob is not in the sudoers file.\n' }).verdict).toBe('not_permitted');
  });

  it('treats a password prompt as the verdict even if a unit line follows', () => {
    expect(classifySudoStatus({ code: 1, stdout: '', stderr: 'sudo: a password is required\nUnit x could not be found.' }).verdict).toBe('needs_password');
  });
});

describe('sudoStatusOutcome', () => {
  it('passes only when sudo works and the service runs', () => {
    const ok = sudoStatusOutcome(RUNNING, 'hft-prod-01');
    expect(ok.state).toBe('passed');
    expect(ok.message).toMatch(/^Passwordless sudo works on hft-prod-01; hft_system is active \(running\)/);
  });

  it('words each failure for the engineer and keeps the raw output', () => {
    const pw = sudoStatusOutcome(SUDO_NEEDS_PASSWORD, 'hft-prod-01');
    expect(pw).toMatchObject({ state: 'failed', message: 'hft-prod-01: sudo needs a password' });
    expect(pw.hint).toMatch(/NOPASSWD/);
    expect(pw.rawError).toBe('exit 1\nsudo: a password is required');

    expect(sudoStatusOutcome(NOT_FOUND, 'h').message).toBe('h: The hft_system unit is not installed on this host');
    expect(sudoStatusOutcome(FAILED, 'h').message).toMatch(/^h: hft_system is not running \(failed \(Result: exit-code\)/);
    expect(sudoStatusOutcome({ code: 3, stdout: '', stderr: '' }, 'h').message).toBe('h: hft_system is not running (inactive)');
    expect(sudoStatusOutcome(NO_SYSTEMD, 'h').message).toBe('h: systemd is not running on this host');
  });
});
