export * from './record.js';
export * from './window.js';
