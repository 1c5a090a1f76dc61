import type { Status, TargetEvaluation } from './evaluate.ts';

/**
 * A target the framework sets for named places of the LA rather than for the LA as a whole (Kent's target 47: youth
 * unemployment below England's in Thanet, Swale, Shepway, Gravesham and Dover) is read for the LA from each named
 * place's own evaluation: the target holds only where it holds in every one of them.
 *
 *   off track    any named place is off track (one failing place decides, as one failing rule does)
 *   no data      otherwise, any named place without a status: the LA's line cannot say the target holds
 *   met          every named place met
 *   not yet due  every named place not yet due
 *   on track     otherwise (every place met, on track or not yet due)
 *
 * The LA's line has no figure of its own (the places' figures are not added or averaged into one); its reason names
 * each place's status and why.
 */

export type NamedPlaceEvaluation = Readonly<{ name: string; evaluation: TargetEvaluation }>;

const words: Readonly<Record<Status, string>> = {
  met: 'met',
  on_track: 'on track',
  off_track: 'off track',
  not_yet_due: 'not yet due',
  no_data: 'no data',
};

export function statusAcrossPlaces(statuses: readonly Status[]): Status {
  if (statuses.length === 0) return 'no_data';
  if (statuses.includes('off_track')) return 'off_track';
  if (statuses.includes('no_data')) return 'no_data';
  if (statuses.every((s) => s === 'met')) return 'met';
  if (statuses.every((s) => s === 'not_yet_due')) return 'not_yet_due';
  return 'on_track';
}

export function evaluateAcrossPlaces(year: number, places: readonly NamedPlaceEvaluation[]): TargetEvaluation {
  const status = statusAcrossPlaces(places.map((p) => p.evaluation.status));
  const order: readonly Status[] = ['off_track', 'no_data', 'on_track', 'not_yet_due', 'met'];
  const byStatus = order
    .map((s) => ({ s, names: places.filter((p) => p.evaluation.status === s).map((p) => p.name) }))
    .filter((g) => g.names.length > 0)
    .map((g) => `${words[g.s]} in ${listed(g.names)}`);
  const each = places.map((p) => `${p.name}: ${p.evaluation.reason.replace(/\.$/, '')}`);
  const reason =
    places.length === 0
      ? 'Set for named places, none of which is held.'
      : `Judged in each of the ${places.length} places the target names: ${byStatus.join('; ')}. ${each.join('. ')}.`;
  return { year, status, reason, value: null, shown: null, rules: [], trajectory: null, trend: null, relativeOnly: null };
}

/** Names in a sentence: "Thanet, Swale and Dover". */
export function listed(names: readonly string[]): string {
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}
