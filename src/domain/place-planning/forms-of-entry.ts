import { placesPerFormOfEntry } from './place-planning.ts';

/** Float noise allowed below a whole number before rounding up (570 ÷ 0.95 is 600.0000000000001 in binary floating point). */
const noise = 1e-9;

/**
 * The whole places to add at the point of entry so that at least `minSurplusPercent` of the places stay spare:
 * the smallest whole n ≥ 0 with (entryPlaces + n − forecastEntry) ÷ (entryPlaces + n) ≥ min ÷ 100, that is
 * n = max(0, ⌈forecastEntry ÷ (1 − min ÷ 100) − entryPlaces⌉).
 */
export function entryPlacesNeeded(forecastEntry: number, entryPlaces: number, minSurplusPercent: number): number {
  if (!(minSurplusPercent >= 0 && minSurplusPercent < 100)) throw new Error(`a minimum surplus must be at least 0% and under 100%: ${minSurplusPercent}`);
  const placesWanted = forecastEntry / (1 - minSurplusPercent / 100);
  return Math.max(0, Math.ceil(placesWanted - entryPlaces - noise));
}

/** Whole forms of entry (1 FE = 30 places a year group) that provide `placesNeeded` places, rounded up. */
export function formsOfEntryNeeded(placesNeeded: number): number {
  return Math.max(0, Math.ceil(formsOfEntry(placesNeeded) - noise));
}

/** Forms of entry a number of places a year group makes, unrounded: 60 places are 2 FE, 45 are 1.5 FE. */
export function formsOfEntry(places: number): number {
  return places / placesPerFormOfEntry;
}
