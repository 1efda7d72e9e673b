/** The SSH service's public face, for the host that composes it. */
export type { AuditSink, SshAuditEntry } from './audit.js';
export { SshConnector, DEFAULT_TIMINGS, PINNED_CIPHERS, type ConnectorTimings, type SshConnectorOptions, type SshLease } from './connector.js';
export type { SshPrompts } from './credentials.js';
export { CredentialsNotGivenError, HostKeyRejectedError, SshTimeoutError } from './errors.js';
export { fingerprintOf, hostKeyOf, type HostKey } from './host-key.js';
export { HostKeyVerifier, type AskTrust, type HostKeyVerdict, type HostKeyVerifierOptions } from './host-key-verifier.js';
export type { LocalForward } from './local-forward.js';
export { PIN_FILE_NAME, PinStore, type HostKeyPin } from './pin-store.js';
export { HostProfile, HostRole, SshAuth, userAtHost, type HostProfileInput } from './profile.js';
export type { ExecResult } from './remote-exec.js';
export { importSshConfig, type SshConfigImport } from './ssh-config-import.js';
export { openSshShell, type SshShellOptions, type SshTerminalSession } from './ssh-shell.js';
