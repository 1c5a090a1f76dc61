import { randomBytes } from 'node:crypto';
import type { Principal } from '../../domain/access/decide-access.ts';
import type { CaseScope } from '../../domain/access/reach.ts';
import type { Action } from '../../domain/access/roles.ts';
import { pseudonymisedRow, type ExtractCell } from '../../domain/casework/pseudonymise.ts';
import { NotFoundError } from '../../domain/errors.ts';
import type { Store } from '../../store/store.ts';
import type { AuditTrail, AuditWho } from '../audit/audit-service.ts';
import type { CaseworkModule } from './casework-module.ts';

/** A pseudonymised extract: one row a case, the pseudonym and month of birth first, then the team's columns. */
export type PseudonymisedExtract = Readonly<{
  team: string;
  key: string;
  takenOn: string;
  columns: readonly string[];
  rows: readonly Readonly<Record<string, ExtractCell>>[];
}>;

/** Who asks: a signed-in reader, or the command line (the OS user who runs `waymark`, who holds the database itself). */
export type ExtractAsker = Principal | null | 'command-line';

const bytesOfKey = 32;

/**
 * Pseudonymised pupil-level extracts of each casework team's records for analysis (issue 15.7, ADR 0018). The LA's key
 * is made here the first time (crypto.randomBytes; the domain only hashes with it) and kept in the store; it is never
 * logged, audited or returned. Taking an extract is audited (who, team, rows); a reader who may not take it is
 * answered as if the team had no extract (a 404 that names nothing), the refusal audited.
 */
export function createCaseworkExtract(
  store: Store,
  trail: AuditTrail,
  modules: readonly CaseworkModule[],
  today: () => string,
  scopeFor: (principal: Principal | null, action: Action) => Promise<CaseScope>,
) {
  /** The scope reaches every case of the LA Waymark serves (the one whose districts are held). */
  const coversLa = async (tx: Store, scope: CaseScope) => {
    if (scope.kind === 'everywhere') return true;
    const la = (await tx.places.lasWithDistricts())[0];
    const place = la === undefined ? undefined : await tx.places.find('la', la);
    return place !== undefined && scope.placeIds.has(place.id);
  };

  /** May the asker take this team's extract: the command line; an LA-wide holder of the action; a team role granted on the LA. */
  const mayTake = async (tx: Store, asker: ExtractAsker, module: CaseworkModule) => {
    if (asker === 'command-line') return true;
    const extract = await scopeFor(asker, 'take-pseudonymised-extract');
    if (extract.kind === 'everywhere') return true;
    return extract.placeIds.size > 0 && (await coversLa(tx, extract)) && (await coversLa(tx, await scopeFor(asker, module.action)));
  };

  return {
    /** The teams (their keys) whose extract the asker may take: the casework page's download links. */
    async teamsFor(asker: ExtractAsker): Promise<{ key: string; team: string }[]> {
      const open: { key: string; team: string }[] = [];
      for (const m of modules) if (await mayTake(store, asker, m)) open.push({ key: m.key, team: m.team });
      return open;
    },

    /** Take one team's extract (`cme`, `sen`, `participation`, `inclusion`), audited. */
    async take(who: AuditWho, asker: ExtractAsker, teamKey: string): Promise<PseudonymisedExtract> {
      const module = modules.find((m) => m.key === teamKey);
      const taken = await store.transaction(async (tx) => {
        if (module === undefined || !(await mayTake(tx, asker, module))) {
          await trail.record(tx, who, { action: 'casework.extract-refused', subject: `extract:${teamKey.slice(0, 40)}` });
          return null;
        }
        const key = (await tx.pseudonymKey.current()) ?? (await tx.pseudonymKey.keep(new Uint8Array(randomBytes(bytesOfKey))));
        const { columns, cases } = await module.extract(tx);
        const made = cases.map((c) => pseudonymisedRow(key, c.child, c.cells));
        const rows = made.map((m) => m.row);
        await trail.record(tx, who, {
          action: 'casework.take-extract',
          subject: `extract:${module.key}`,
          detail: {
            team: module.key,
            rows: rows.length,
            pseudonymised: rows.filter((r) => r.pseudonym !== null).length,
            withheld: made.reduce((n, m) => n + m.withheld.length, 0),
          },
        });
        return { team: module.team, key: module.key, takenOn: today(), columns: ['pseudonym', 'birth_month', ...columns], rows };
      });
      if (taken === null) throw new NotFoundError('no such extract');
      return taken;
    },
  };
}
