/** What access advisor tracks, and for how long. */

/** Services whose actions are tracked one by one (ACTION_LEVEL reports); others per service only. */
export const ACTION_TRACKED_SERVICES: ReadonlySet<string> = new Set(['iam', 'sts']);

/** AWS reports the last 400 days; older records are purged. */
export const TRACKING_PERIOD_MS = 400 * 24 * 3600 * 1000;
