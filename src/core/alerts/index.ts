/** Alert rules: from poll snapshots to raise/update/cleared/event signals. */
export * from './snapshot.js';
export * from './conditions.js';
export * from './evaluate.js';
export * from './wording.js';
