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

export function pageRequest(input: PageInput): PageRequest {
  // The model already bounds MaxItems to 1..1000; clamp anyway so a direct caller cannot ask for more.
  const maxItems = Math.min(Math.max(input.MaxItems ?? DEFAULT_MAX_ITEMS, 1), MAX_MAX_ITEMS);
  return input.Marker === undefined ? { maxItems } : { marker: input.Marker, maxItems };
}

export function pageOutput(page: Page<unknown>): PageOutput {
  return page.marker === undefined ? { IsTruncated: false } : { IsTruncated: true, Marker: page.marker };
}

/**
 * Pages a short list held in memory (a user's access keys, its tags): the marker is the index of
 * the next item as text. A marker that is not such an index restarts at the beginning.
 */
export function pageInMemory<T>(items: readonly T[], request: PageRequest): Page<T> {
  const parsed = request.marker === undefined ? 0 : Number.parseInt(request.marker, 10);
  const start = Number.isInteger(parsed) && parsed >= 0 ? parsed : 0;
  const end = start + request.maxItems;
  const slice = items.slice(start, end);
  return end < items.length ? { items: slice, marker: String(end) } : { items: slice };
}
