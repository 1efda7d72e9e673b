/** Escalation help: the call script for the next level and the contact directory. */
export * from './call-script.js';
export * from './directory.js';
