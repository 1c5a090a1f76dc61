/** The few error classes every face maps in one place (web: 400/404, CLI: exit codes). */

export class NotFoundError extends Error {
  override name = 'NotFoundError';
}

export class BadRequestError extends Error {
  override name = 'BadRequestError';
}

/** Where in a file a problem lies: 1-based line as an editor shows it, and the column's header name. */
export type FileIssue = Readonly<{ file: string; line: number | null; column: string | null; message: string }>;

/**
 * A cell's text as an error message quotes it: at most 40 characters (a huge field is not echoed whole) and with
 * control characters written as escapes, so a message cannot break a terminal or a log line.
 */
export function quoted(value: string): string {
  const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
  return `"${escapeControls(shown)}"${value.length > 40 ? ` (${value.length} characters)` : ''}`;
}

/** Control characters (C0, DEL, C1) written as \uXXXX: newlines and terminal escapes in a name or cell stay on one line and inert. */
export function escapeControls(text: string): string {
  return [...text].map((c) => (isControl(c) ? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}` : c)).join('');
}

export function isControl(c: string): boolean {
  const code = c.charCodeAt(0);
  return code < 0x20 || (code >= 0x7f && code <= 0x9f);
}

export function describeIssue(issue: FileIssue): string {
  const where = [issue.file, issue.line === null ? null : `line ${issue.line}`, issue.column === null ? null : `column ${issue.column}`]
    .filter((part) => part !== null)
    .join(', ');
  return escapeControls(`${where}: ${issue.message}`);
}

/** A file was refused: nothing from it (or from the files imported with it) was written. */
export class ImportRejectedError extends Error {
  override name = 'ImportRejectedError';
  readonly issues: readonly FileIssue[];
  constructor(issues: readonly FileIssue[]) {
    const shown = issues.slice(0, 20).map(describeIssue);
    const more = issues.length > 20 ? [`… and ${issues.length - 20} more`] : [];
    super(`Import refused, nothing was written:\n${[...shown, ...more].map((l) => `  ${l}`).join('\n')}`);
    this.issues = issues;
  }
}

/** The person asking may not do this: not signed in, or without a role that reaches it. */
export class ForbiddenError extends Error {
  override name = 'ForbiddenError';
}
