/** The few error classes every face maps in one place (web: 400/404, CLI: exit codes). */

export class NotFoundError extends Error {
  override name = 'NotFoundError';
}

export class BadRequestError extends Error {
  override name = 'BadRequestError';
}

/** Where in a file a problem lies: 1-based line as an editor shows it, and the column's header name. */
export type FileIssue = Readonly<{ file: string; line: number | null; column: string | null; message: string }>;

export function describeIssue(issue: FileIssue): string {
  const where = [issue.file, issue.line === null ? null : `line ${issue.line}`, issue.column === null ? null : `column ${issue.column}`]
    .filter((part) => part !== null)
    .join(', ');
  return `${where}: ${issue.message}`;
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
