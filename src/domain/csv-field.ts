/**
 * One CSV field as Waymark writes it: quoted where RFC 4180 needs it, and text that a spreadsheet would run as a
 * formula (starting =, +, -, @, tab or carriage return, e.g. a school named `=cmd|' /C calc'!A0`) prefixed with an
 * apostrophe, as OWASP's CSV injection guidance advises. Numbers, negative ones included, are left as numbers.
 * Quoting alone does not stop a spreadsheet running a formula: every CSV Waymark writes goes through here.
 */
export function csvField(text: string): string {
  const safe = looksLikeFormula(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * A field Waymark wrote, read back as the text it held: the apostrophe `csvField` put before a formula character is
 * taken off, so an export imports back unchanged. Any other text is left exactly as read.
 */
export function csvFieldText(field: string): string {
  return field.startsWith("'") && looksLikeFormula(field.slice(1)) ? field.slice(1) : field;
}

function looksLikeFormula(text: string): boolean {
  return !/^-?\d+(\.\d+)?$/.test(text) && /^[=+\-@\t\r]/.test(text);
}
