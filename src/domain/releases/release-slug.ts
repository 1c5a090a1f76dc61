/**
 * A release's permalink (`/releases/<slug>`), made from its title and its publication day when it is approved, and
 * never changed after it is published: "kent-education-performance-2014-15-2026-12-04". A slug another release holds
 * takes the next free "-2", "-3".
 */

/** Lower-case words of letters and digits joined by hyphens, accents dropped, at most 80 characters ("release" if none). */
export function slugOf(title: string): string {
  const words = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  const cut = words.slice(0, 80).replace(/-+$/, '');
  return cut === '' ? 'release' : cut;
}

/** The slug of a release titled so and published on a day ('YYYY-MM-DD', in England), not one of those taken. */
export function releaseSlug(title: string, publishDate: string, taken: readonly string[]): string {
  const base = `${slugOf(title)}-${publishDate}`;
  if (!taken.includes(base)) return base;
  for (let n = 2; ; n++) if (!taken.includes(`${base}-${n}`)) return `${base}-${n}`;
}

/** Whether text is a slug a release could have (what `/releases/<slug>` accepts before it looks). */
export function isReleaseSlug(text: string): boolean {
  return text.length <= 120 && /^[a-z0-9]+(-[a-z0-9]+)*$/.test(text);
}
