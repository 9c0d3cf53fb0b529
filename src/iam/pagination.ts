import { WardenError } from '../core/index.ts';
import type { Page, PageRequest } from '../store/port.ts';

/** IAM's Marker/MaxItems pagination (wire-protocol.md §5): default page 100, at most 1000. */

export const DEFAULT_MAX_ITEMS = 100;
export const MAX_MAX_ITEMS = 1000;

export interface PageInput {
  readonly Marker?: string;
  readonly MaxItems?: number;
}

/** What every paginated output carries: IsTruncated always (clients stop on anything else), Marker when true. */
export interface PageOutput {
  readonly IsTruncated: boolean;
  readonly Marker?: string;
}

/**
 * The marker a client sees wraps the store's cursor with the name of the list it belongs to, so a
 * marker from another list, a stale format or a garbled one is refused (as AWS does) instead of
 * silently cutting a listing short. `scope` names the list, e.g. `ListUsers`.
 */
export function pageRequest(input: PageInput, scope = 'list'): PageRequest {
  // The model already bounds MaxItems to 1..1000; clamp anyway so a direct caller cannot ask for more.
  const maxItems = Math.min(Math.max(input.MaxItems ?? DEFAULT_MAX_ITEMS, 1), MAX_MAX_ITEMS);
  return input.Marker === undefined ? { maxItems } : { marker: unwrapMarker(input.Marker, scope), maxItems };
}

export function pageOutput(page: Page<unknown>, scope = 'list'): PageOutput {
  return page.marker === undefined
    ? { IsTruncated: false }
    : { IsTruncated: true, Marker: wrapMarker(page.marker, scope) };
}

const MARKER_VERSION = 'w1';

function wrapMarker(cursor: string, scope: string): string {
  return Buffer.from(`${MARKER_VERSION}\n${scope}\n${cursor}`, 'utf8').toString('base64url');
}

function unwrapMarker(marker: string, scope: string): string {
  const [version, markerScope, ...cursor] = Buffer.from(marker, 'base64url').toString('utf8').split('\n');
  if (version !== MARKER_VERSION || markerScope !== scope || cursor.length === 0) {
    throw new WardenError('ValidationError', 'Invalid Marker.');
  }
  return cursor.join('\n');
}

/**
 * Pages a short list held in memory (a user's access keys, its tags): the cursor is the index of
 * the next item as text.
 */
export function pageInMemory<T>(items: readonly T[], request: PageRequest): Page<T> {
  const start = request.marker === undefined ? 0 : Number(request.marker);
  if (!Number.isSafeInteger(start) || start < 0) throw new WardenError('ValidationError', 'Invalid Marker.');
  const end = start + request.maxItems;
  const slice = items.slice(start, end);
  return end < items.length ? { items: slice, marker: String(end) } : { items: slice };
}
