/** Incidents: the lifecycle, the response clocks, the timeline and its Markdown export. */
export * from './model.js';
export * from './clocks.js';
export * from './apply.js';
export * from './markdown.js';
export * from './triage.js';
export * from './decision-tree.js';
export * from './financial.js';
export * from './status-update.js';
