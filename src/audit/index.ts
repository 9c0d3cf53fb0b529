export * from './event.ts';
export { EventDraft, type DecisionNote, type DraftStart, type Outcome } from './event-draft.ts';
export { statementRef } from './statement-ref.ts';
export {
  EVENT_LOG_DEFAULTS,
  InvalidMarkerError,
  markerOf,
  openEventLog,
  openEventReader,
  SqliteEventLog,
  type EventLogOptions,
} from './sqlite-event-log.ts';
export { eventToJson } from './event-json.ts';
export { FILTER_PARAMS, FilterError, parseFilter, parseTime, type FilterParam } from './filter-params.ts';
