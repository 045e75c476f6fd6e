/** The retention field as the API wants it: empty = keep forever (null), a whole number of days 1 to 3650, else undefined (invalid). */
export function parseRetention(value: string | number | null | undefined): number | null | undefined {
  const text = value === null || value === undefined ? '' : String(value).trim();
  if (text === '') return null;
  const days = Number(text);
  return Number.isInteger(days) && days >= 1 && days <= 3650 ? days : undefined;
}
