/** The playbook: schema, the default, parsing and runbook templates. */
export * from './schema.js';
export * from './default.js';
export * from './parse.js';
export * from './runbook.js';
export * from './migrate.js';
