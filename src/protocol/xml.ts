/** The little XML writing the Query protocol needs: escaped text inside elements. */

// Characters XML 1.0 cannot carry at all, and unpaired surrogates.
const NOT_XML =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point here
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const SPECIAL = /[&<>\r]/g;
// eslint-disable-next-line no-control-regex -- control characters are among those to handle
const NEEDS_WORK = /[&<>\u0000-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;
const ENTITY: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '\r': '&#13;' };

/** Escapes element text; CR is written as a reference so parsers do not fold it into LF. */
export function escapeText(text: string): string {
  // Most text (names, ARNs, ids) needs nothing: one scan instead of two replacements.
  if (!NEEDS_WORK.test(text)) return text;
  return text.replace(NOT_XML, '\uFFFD').replace(SPECIAL, (ch) => ENTITY[ch] ?? ch);
}

export function element(name: string, inner: string): string {
  return inner === '' ? `<${name}/>` : `<${name}>${inner}</${name}>`;
}

/** Drops unpaired surrogates, which encodeURIComponent refuses. */
export function wellFormed(text: string): string {
  return text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}
