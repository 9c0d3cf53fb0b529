/**
 * Model patterns are Java regular expressions that must match the whole value (`String.matches`).
 * They compile as JavaScript `u` regexes once a few escapes Java tolerates (`\:`) are unescaped.
 */
const NEEDLESS_ESCAPE = /\\([^A-Za-z0-9\\^$.*+?()[\]{}|/-])/g;

export function compilePattern(javaPattern: string): RegExp {
  return new RegExp(`^(?:${javaPattern.replace(NEEDLESS_ESCAPE, '$1')})$`, 'u');
}
