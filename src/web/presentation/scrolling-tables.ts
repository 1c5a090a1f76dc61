/**
 * Every GOV.UK table on a page scrolls within its own container (issue 19.8: from 320 px wide, no page scrolls sideways
 * outside a table). A table not already in a `waymark-table-scroll` container is put in one: focusable, so a keyboard
 * user can scroll it, and a named region (its caption, else "Table"), as axe asks of a focusable scrolling region.
 * Waymark's pages never nest one table in another, so a table runs from its opening tag to the next `</table>`.
 */
export function withScrollingTables(html: string): string {
  return html.replace(/<table\b([^>]*)>([\s\S]*?)<\/table>/g, (whole: string, attributes: string, inner: string, offset: number) => {
    if (!/class="[^"]*\bgovuk-table\b/.test(attributes)) return whole;
    if (/<div\b[^>]*\bclass="[^"]*\bwaymark-table-scroll\b[^"]*"[^>]*>\s*$/.test(html.slice(Math.max(0, offset - 400), offset))) return whole;
    const caption = /<caption\b[^>]*>([\s\S]*?)<\/caption>/.exec(inner)?.[1] ?? '';
    const name =
      caption
        .replace(/<[^>]*>/g, ' ')
        .replace(/\s+/g, ' ')
        .trim() || 'Table';
    // The caption is already escaped HTML text; only a double quote needs escaping in the attribute.
    return `<div class="waymark-table-scroll" tabindex="0" role="region" aria-label="${name.replace(/"/g, '&quot;')}">${whole}</div>`;
  });
}
