/**
 * Pagination markers: the sort key of the last item of a page, base64url-encoded so the domain
 * treats it as opaque. Decoding is lenient on purpose: any string decodes to some key, and a keyset
 * query with a strange key just returns the items after it, never an error.
 */
export function encodeMarker(sortKey: string): string {
  return Buffer.from(sortKey, 'utf8').toString('base64url');
}

export function decodeMarker(marker: string | undefined): string {
  return marker === undefined ? '' : Buffer.from(marker, 'base64url').toString('utf8');
}

/**
 * Turns `maxItems + 1` fetched rows into a page: the extra row only says "there is more".
 * `sortKey` gives the keyset key of an item (e.g. its lower-cased name).
 */
export function toPage<T>(
  rows: readonly T[],
  maxItems: number,
  sortKey: (item: T) => string,
): { items: readonly T[]; marker?: string } {
  if (rows.length <= maxItems) return { items: rows };
  const items = rows.slice(0, maxItems);
  const last = items[items.length - 1];
  return last === undefined ? { items } : { items, marker: encodeMarker(sortKey(last)) };
}
