import { describe, expect, it } from 'vitest';
import { explainFailure } from './explain.js';

describe('explainFailure', () => {
  it('names the refused port and points at the VPN for the database', () => {
    const e = explainFailure('database', 'connect ECONNREFUSED 10.0.4.12:5432');
    expect(e.message).toBe('Connection refused on 5432');
    expect(e.hint).toMatch(/VPN up/);
    expect(e.hint).toMatch(/PostgreSQL/);
  });

  it('reads the port of an IPv6 refusal', () => {
    expect(explainFailure('api_health', 'connect ECONNREFUSED ::1:8080').message).toBe('Connection refused on 8080');
  });

  it('sends unreachable hosts and network timeouts to the VPN', () => {
    for (const raw of ['connect ETIMEDOUT 10.0.0.1:22', 'connect EHOSTUNREACH 10.0.0.1:22', 'Timed out while waiting for handshake']) {
      const e = explainFailure('ssh', raw);
      expect(e.message).toBe('The host does not answer on the network');
      expect(e.hint).toMatch(/VPN/);
    }
  });

  it('points a public key refusal at the agent', () => {
    for (const raw of ['All configured authentication methods failed', 'root@host: Permission denied (publickey).']) {
      const e = explainFailure('ssh', raw);
      expect(e.message).toBe('Permission denied (publickey)');
      expect(e.hint).toMatch(/key loaded in the agent/);
    }
  });

  it('never lets a changed host key read like a network problem', () => {
    const e = explainFailure('ssh', 'host key changed for [127.0.0.1]:2222: expected SHA256:aaa, got SHA256:bbb (ECONNRESET)');
    expect(e.message).toMatch(/key changed/);
    expect(e.hint).toMatch(/Do not connect/);
  });

  it('tells the sudo failures apart', () => {
    expect(explainFailure('sudo', 'sudo: a password is required').message).toBe('sudo needs a password');
    expect(explainFailure('sudo', 'Unit hft_system.service could not be found.').message).toMatch(/not installed/);
    expect(explainFailure('sudo', 'Active: failed (Result: exit-code) since Tue').message).toBe(
      'hft_system is not running (failed (Result: exit-code) since Tue)',
    );
    expect(explainFailure('sudo', 'alice is not in the sudoers file.  This incident will be reported.').message).toMatch(/may not use sudo/);
  });

  it('explains PostgreSQL errors by SQLSTATE and text', () => {
    expect(explainFailure('database', '28P01: password authentication failed for user "hft_user"').message).toBe('Wrong password for hft_user');
    expect(explainFailure('database', '3D000: database "hft_db" does not exist').message).toBe('Database hft_db does not exist on this server');
    expect(explainFailure('database', '28000: role "nobody" does not exist').message).toBe('The database role nobody does not exist');
    expect(explainFailure('database', '57P03: the database system is starting up').message).toBe('The database is starting up');
  });

  it('keeps rules to their kind: a 401 is a refused key only for the write-key check', () => {
    expect(explainFailure('api_write_key', 'HTTP 401 {"error":"unauthorized"}').message).toBe('The write key was refused');
    expect(explainFailure('api_health', 'HTTP 401').message).toBe('The trading API answered HTTP 401');
  });

  it('says how long it waited on a timeout', () => {
    const e = explainFailure('database', 'timed out after 10000 ms');
    expect(e.message).toBe('No answer within 10 s');
    expect(e.hint).toMatch(/5432/);
  });

  it('falls back to the first line of an unknown error', () => {
    const e = explainFailure('api_health', '\nsomething odd\nsecond line', { target: 'http://x:8080' });
    expect(e.message).toBe('http://x:8080: something odd');
    expect(e.hint).toMatch(/raw error/);
  });

  it('reads the SSH service\'s own host key and deadline messages', () => {
    expect(explainFailure('ssh', 'Host key for 127.0.0.1:2222 has CHANGED: expected SHA256:a, got SHA256:b. Refusing to connect.').message).toMatch(/key changed/);
    expect(explainFailure('ssh', 'Host key for 127.0.0.1:2222 (SHA256:a) was not trusted.').message).toBe("The host's SSH key was not accepted");
    expect(explainFailure('ssh', 'Host key for 127.0.0.1:2222 (SHA256:a) is revoked in known_hosts. Refusing to connect.').message).toMatch(/revoked/);
    expect(explainFailure('sudo', '`sudo -n systemctl status hft_system` on prod did not finish within 10000 ms').message).toBe('No answer within 10 s');
    expect(explainFailure('ssh', 'No passphrase given for /home/a/.ssh/id_ed25519').message).toBe('No password or passphrase was given');
  });
});
