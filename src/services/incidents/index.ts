/** The incident desk: alert rules on every poll, incidents and their clocks, persisted on the audit log. */
export { openIncidentsService, IncidentsRefusal, type IncidentsService, type IncidentsServiceOptions, type IncidentsNotice } from './service.js';
export { systemTimeZone, systemUserName } from './operator.js';
export { RECENT_RESOLVED_MS } from './view.js';
export { MAX_WAIT_MS } from './wake-timer.js';
