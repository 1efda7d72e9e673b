/** The killswitch and strategy stops: the hold guard, arming tokens, read-back proof, selections. */
export * from './hold-guard.js';
export * from './tokens.js';
export * from './host-commands.js';
export * from './verify.js';
export * from './select.js';
export * from './outcome.js';
