/**
 * Applies a port patch to a record: an absent or `undefined` field keeps the current value, `null`
 * removes an optional field, anything else replaces it.
 */
export function applyPatch<R extends object>(record: R, patch: { readonly [K in keyof R]?: unknown }): R {
  const result: Record<string, unknown> = { ...(record as Record<string, unknown>) };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else if (value !== undefined) result[key] = value;
  }
  return result as R;
}
