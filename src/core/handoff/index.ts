/** The shift handoff note, built from the incidents and the engineer's few fields. */
export * from './note.js';
export * from './incident-facts.js';
export * from './shift-events.js';
export * from './signoff.js';
