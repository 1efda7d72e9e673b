/** The killswitch and strategy stops, as the host composes them. */
export { createKillswitchArming, checkReason, MAX_REASON_CHARS, type FireRequest, type KillswitchArming, type KillswitchArmingOptions, type PreparedKillswitch } from './arming.js';
export { fireKillswitch, MAX_TOTAL_MS, READ_TIMEOUT_MS, SEND_DEADLINE_MS, VERIFY_WINDOW_MS, type AuditAppender, type FireKillswitchOptions, type KillswitchApi } from './fire.js';
export { stopStrategies, type StopApi, type StopStrategiesOptions } from './stop.js';
export { createSshApi, type HostCommandResult, type HostCommandRunner, type SshApi, type SshApiOptions } from './ssh-api.js';
export { sshCommandRunner } from './ssh-runner.js';
export { RETRY_PAUSES_MS } from './send.js';
