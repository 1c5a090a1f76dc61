import type { FileIssue } from '../../domain/errors.ts';
import type { LaitArea, LaitValueRecord } from '../../domain/indicators/lait.ts';

/**
 * LAIT's screened values held as columns (issue 20.5): measure, year and area as indexes into the names first met, the
 * value, its published decimals and its line, about 22 bytes a value where a record object took a kilobyte or more.
 * The long table's 641,070 values take 14 MB; its text and rows are let go once screened.
 */
export class LaitColumns {
  private readonly measures: string[] = [];
  private readonly years: string[] = [];
  private readonly las: string[] = [];
  private readonly ids = { measure: new Map<string, number>(), year: new Map<string, number>(), la: new Map<string, number>() };
  private measure = new Uint16Array(65_536);
  private year = new Uint16Array(65_536);
  private la = new Uint16Array(65_536);
  private value = new Float64Array(65_536);
  private decimals = new Int8Array(65_536);
  private line = new Uint32Array(65_536);
  length = 0;

  /**
   * Keep a value; or, where its measure, year or area would be a 65,537th name of its column (each is held in 16
   * bits), keep nothing and say which column (a file's issue: no LAIT file comes near, 1,300 measures at most).
   */
  add(r: LaitValueRecord): 'Short Desc' | 'Years' | 'LA Number' | null {
    const measure = idOf(this.ids.measure, this.measures, r.shortDesc);
    const year = idOf(this.ids.year, this.years, r.yearsLabel);
    const la = idOf(this.ids.la, this.las, r.laNumber);
    if (measure === null) return 'Short Desc';
    if (year === null) return 'Years';
    if (la === null) return 'LA Number';
    if (this.length === this.line.length) this.grow();
    const i = this.length++;
    this.measure[i] = measure;
    this.year[i] = year;
    this.la[i] = la;
    this.value[i] = r.value ?? Number.NaN;
    this.decimals[i] = r.publishedDecimals ?? -1;
    this.line[i] = r.line;
    return null;
  }

  /**
   * Two values for one measure, year and area: an issue on the later line naming the first. Keys are sorted, not held
   * in a map: 8 bytes a value.
   */
  duplicates(file: string): FileIssue[] {
    const key = (i: number) => (this.measure[i]! * 65_536 + this.year[i]!) * 65_536 + this.la[i]!;
    const keys = new Float64Array(this.length);
    for (let i = 0; i < this.length; i++) keys[i] = key(i);
    keys.sort();
    const repeated = new Set<number>();
    for (let i = 1; i < keys.length; i++) if (keys[i] === keys[i - 1]) repeated.add(keys[i]!);
    if (repeated.size === 0) return [];
    const first = new Map<number, number>();
    const issues: FileIssue[] = [];
    for (let i = 0; i < this.length; i++) {
      const k = key(i);
      if (!repeated.has(k)) continue;
      const seen = first.get(k);
      if (seen === undefined) first.set(k, this.line[i]!);
      else {
        const named = `${this.measures[this.measure[i]!]} ${this.years[this.year[i]!]} ${this.las[this.la[i]!]}`;
        issues.push({ file, line: this.line[i]!, column: 'Years', message: `duplicate value for measure, year and area ${named} (first on line ${seen})` });
      }
    }
    return issues.sort((a, b) => a.line! - b.line!);
  }

  /** The values as records, in file order, `size` at a time (an area's name and region as the file first wrote them). */
  *chunks(areas: ReadonlyMap<string, LaitArea>, size = 20_000): Generator<LaitValueRecord[]> {
    for (let start = 0; start < this.length; start += size) {
      const chunk: LaitValueRecord[] = [];
      for (let i = start; i < Math.min(start + size, this.length); i++) {
        const laNumber = this.las[this.la[i]!]!;
        const area = areas.get(laNumber);
        chunk.push({
          line: this.line[i]!,
          shortDesc: this.measures[this.measure[i]!]!,
          yearsLabel: this.years[this.year[i]!]!,
          laNumber,
          areaName: area?.name ?? '',
          region: area?.region ?? null,
          value: Number.isNaN(this.value[i]!) ? null : this.value[i]!,
          publishedDecimals: this.decimals[i] === -1 ? null : this.decimals[i]!,
        });
      }
      yield chunk;
    }
  }

  private grow(): void {
    const grown = <T extends Uint16Array | Float64Array | Int8Array | Uint32Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(a.length * 2);
      b.set(a);
      return b;
    };
    this.measure = grown(this.measure);
    this.year = grown(this.year);
    this.la = grown(this.la);
    this.value = grown(this.value);
    this.decimals = grown(this.decimals);
    this.line = grown(this.line);
  }
}

/** The 16-bit id of a column's name, given to it when first met; null when the column already holds 65,536 names. */
function idOf(ids: Map<string, number>, names: string[], name: string): number | null {
  let id = ids.get(name);
  if (id === undefined) {
    id = names.length;
    if (id === 65_536) return null;
    ids.set(name, id);
    names.push(name);
  }
  return id;
}
