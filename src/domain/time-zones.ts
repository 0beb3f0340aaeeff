/**
 * IANA zone names only (Area/Location, or UTC): abbreviations such as PST or CST are ambiguous and rejected,
 * as TD's toolbelt documents.
 */
export function isIanaTimeZone(name: string): boolean {
  if (name === 'UTC' || name === 'Etc/UTC') return true;
  if (!/^[A-Za-z]+(?:\/[A-Za-z0-9_+-]+)+$/.test(name)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
