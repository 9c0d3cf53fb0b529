/** Times are stored as ISO-8601 UTC text with milliseconds: readable, and they sort as text. */
export const toSqlDate = (date: Date): string => date.toISOString();
export const fromSqlDate = (text: string): Date => new Date(text);

export const toSqlDateOrNull = (date: Date | undefined): string | null =>
  date === undefined ? null : toSqlDate(date);
