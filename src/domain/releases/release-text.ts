/**
 * A release's words are plain text (no HTML from users, so nothing an administrator types can run or restyle the page):
 * paragraphs are separated by a blank line, footnotes written one a line. These split them for the page.
 */

/** The paragraphs of a text: blocks separated by one or more blank lines, each with its line breaks as spaces. */
export function paragraphsOf(text: string): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((p) => p.replace(/\s*\n\s*/g, ' ').trim())
    .filter((p) => p !== '');
}

/** The footnotes of a text: each non-blank line, trimmed. */
export function footnotesOf(text: string): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
}
