/**
 * One CSV field as Waymark writes it: quoted where RFC 4180 needs it, and text that a spreadsheet would run as a
 * formula (starting =, +, -, @, tab or carriage return, e.g. a school named `=cmd|' /C calc'!A0`) prefixed with an
 * apostrophe, as OWASP's CSV injection guidance advises. Numbers, negative ones included, are left as numbers.
 */
export function csvField(text: string): string {
  const isNumber = /^-?\d+(\.\d+)?$/.test(text);
  const safe = !isNumber && /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
