import { maxReleaseTables, type ReleaseProblem } from './release-lifecycle.ts';

/**
 * A release's tables are the table builder's permalinks (domain/tables/built-table.ts), whose tables never change
 * once made: an administrator pastes a permalink's address (`…/tables/permalink/<id>`) or its id, and orders them.
 */

/** The permalink id named by a pasted address or id, or null when the text names none. */
export function permalinkIdOf(text: string): string | null {
  const trimmed = text.trim();
  const fromAddress = /\/tables\/permalink\/([^/?#\s]+)\/?(?:[?#].*)?$/.exec(trimmed)?.[1];
  const id = fromAddress ?? trimmed;
  return /^[A-Za-z0-9_-]{1,100}$/.test(id) ? id : null;
}

/** Adding a table: one the release does not already hold, within the limit. */
export function addTableProblems(tables: readonly string[], id: string | null): ReleaseProblem[] {
  if (id === null) return [{ field: 'tables', message: 'Paste the address of a table from the table builder, or its permalink id' }];
  if (tables.includes(id)) return [{ field: 'tables', message: 'This table is already in the release' }];
  if (tables.length >= maxReleaseTables) return [{ field: 'tables', message: `A release holds at most ${maxReleaseTables} tables` }];
  return [];
}

/** The tables with the one at `index` (0-based) moved one place up or down; unchanged at either end or out of range. */
export function moveTable(tables: readonly string[], index: number, direction: 'up' | 'down'): string[] {
  const to = direction === 'up' ? index - 1 : index + 1;
  const moved = [...tables];
  if (!Number.isInteger(index) || index < 0 || index >= tables.length || to < 0 || to >= tables.length) return moved;
  [moved[index], moved[to]] = [moved[to]!, moved[index]!];
  return moved;
}

/** The tables without the one at `index` (0-based). */
export function removeTable(tables: readonly string[], index: number): string[] {
  return tables.filter((_, i) => i !== index);
}
