import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FileIssue } from '../../domain/errors.ts';
import type { LaitArea, LaitValueRecord } from '../../domain/indicators/lait.ts';

/**
 * LAIT's screened values held as columns (issue 20.5): measure, year and area as indexes into the names first met, the
 * value, its published decimals and its line, 19 bytes a value where a record object took a kilobyte or more. Values
 * are kept a block at a time: once a block is full it is written to a temporary file (made unreadable to others and
 * unlinked as soon as it is open, so it goes when its descriptor closes) and read back block by block, so that what a
 * long table holds in memory does not grow with the file: a block, the names, and the keys one sorted run holds when
 * repeats are looked for.
 */
export class LaitColumns {
  private readonly measures: string[] = [];
  private readonly years: string[] = [];
  private readonly las: string[] = [];
  private readonly ids = { measure: new Map<string, number>(), year: new Map<string, number>(), la: new Map<string, number>() };
  private readonly blockRows: number;
  private readonly runKeys: number;
  /** The block being filled; the full blocks before it are in `spool`. */
  private readonly block: Block;
  private spool: Spool | null = null;
  length = 0;

  /** `blockRows` values a block and `runKeys` keys a sorted run: the memory a long table is read in. */
  constructor(size: { blockRows?: number; runKeys?: number } = {}) {
    this.blockRows = size.blockRows ?? 65_536;
    this.runKeys = size.runKeys ?? 1 << 20;
    this.block = new Block(this.blockRows);
  }

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
    const i = this.length++ % this.blockRows;
    const b = this.block;
    b.measure[i] = measure;
    b.year[i] = year;
    b.la[i] = la;
    b.value[i] = r.value ?? Number.NaN;
    b.decimals[i] = r.publishedDecimals ?? -1;
    b.line[i] = r.line;
    if (i + 1 === this.blockRows) {
      this.spool ??= Spool.open(this);
      this.spool.write((this.length / this.blockRows - 1) * b.bytes, b.arrays());
    }
    return null;
  }

  /**
   * Two values for one measure, year and area: an issue on the later line naming the first. Keys are sorted in runs
   * (a run past the first is written to a temporary file) and the runs merged, so that no map of every key is held;
   * the values of a key found twice are then looked for in file order.
   */
  duplicates(file: string): FileIssue[] {
    const key = (b: Block, i: number) => (b.measure[i]! * 65_536 + b.year[i]!) * 65_536 + b.la[i]!;
    const repeated = repeatedKeys(this.blocks(), key, this.runKeys);
    if (repeated.size === 0) return [];
    const first = new Map<number, number>();
    const issues: FileIssue[] = [];
    for (const [b, n] of this.blocks())
      for (let i = 0; i < n; i++) {
        const k = key(b, i);
        if (!repeated.has(k)) continue;
        const seen = first.get(k);
        if (seen === undefined) first.set(k, b.line[i]!);
        else {
          const named = `${this.measures[b.measure[i]!]} ${this.years[b.year[i]!]} ${this.las[b.la[i]!]}`;
          issues.push({ file, line: b.line[i]!, column: 'Years', message: `duplicate value for measure, year and area ${named} (first on line ${seen})` });
        }
      }
    return issues.sort((a, b) => a.line! - b.line!);
  }

  /**
   * The values as records, in file order, `size` at a time (an area's name and region as the file first wrote them).
   */
  *chunks(areas: ReadonlyMap<string, LaitArea>, size = 20_000): Generator<LaitValueRecord[]> {
    let chunk: LaitValueRecord[] = [];
    for (const [b, n] of this.blocks())
      for (let i = 0; i < n; i++) {
        const laNumber = this.las[b.la[i]!]!;
        const area = areas.get(laNumber);
        chunk.push({
          line: b.line[i]!,
          shortDesc: this.measures[b.measure[i]!]!,
          yearsLabel: this.years[b.year[i]!]!,
          laNumber,
          areaName: area?.name ?? '',
          region: area?.region ?? null,
          value: Number.isNaN(b.value[i]!) ? null : b.value[i]!,
          publishedDecimals: b.decimals[i] === -1 ? null : b.decimals[i]!,
        });
        if (chunk.length === size) {
          yield chunk;
          chunk = [];
        }
      }
    if (chunk.length > 0) yield chunk;
  }

  /** Each block with the values it holds: those written out read back one at a time into one block, then the last. */
  private *blocks(): Generator<readonly [Block, number]> {
    const full = Math.floor(this.length / this.blockRows);
    if (full > 0) {
      const read = new Block(this.blockRows);
      for (let n = 0; n < full; n++) {
        this.spool!.read(n * read.bytes, read.arrays());
        yield [read, this.blockRows];
      }
    }
    const last = this.length % this.blockRows;
    if (last > 0) yield [this.block, last];
  }
}

/** One block of values, column by column. */
class Block {
  readonly measure: Uint16Array;
  readonly year: Uint16Array;
  readonly la: Uint16Array;
  readonly value: Float64Array;
  readonly decimals: Int8Array;
  readonly line: Uint32Array;
  readonly bytes: number;

  constructor(rows: number) {
    this.measure = new Uint16Array(rows);
    this.year = new Uint16Array(rows);
    this.la = new Uint16Array(rows);
    this.value = new Float64Array(rows);
    this.decimals = new Int8Array(rows);
    this.line = new Uint32Array(rows);
    this.bytes = this.arrays().reduce((sum, a) => sum + a.byteLength, 0);
  }

  arrays(): readonly NodeJS.TypedArray[] {
    return [this.measure, this.year, this.la, this.value, this.decimals, this.line];
  }
}

/**
 * The keys of every block that occur more than once: the keys sorted in runs of `runKeys`, and the runs merged (a
 * single run is read where it was sorted; more are written to a temporary file and read back a page at a time).
 */
function repeatedKeys(blocks: Iterable<readonly [Block, number]>, key: (b: Block, i: number) => number, runKeys: number): Set<number> {
  const repeated = new Set<number>();
  const run = new Float64Array(runKeys);
  let filled = 0;
  const written: { spool: Spool | null } = { spool: null };
  const runs: { at: number; length: number }[] = [];
  let end = 0;
  const flush = () => {
    const sorted = run.subarray(0, filled).sort();
    written.spool ??= Spool.open(runs);
    written.spool.write(end, [sorted]);
    runs.push({ at: end, length: filled });
    end += sorted.byteLength;
    filled = 0;
  };
  for (const [b, n] of blocks)
    for (let i = 0; i < n; i++) {
      if (filled === runKeys) flush();
      run[filled++] = key(b, i);
    }
  try {
    if (runs.length === 0) {
      const sorted = run.subarray(0, filled).sort();
      for (let i = 1; i < sorted.length; i++) if (sorted[i] === sorted[i - 1]) repeated.add(sorted[i]!);
      return repeated;
    }
    if (filled > 0) flush();
    const spooled = written.spool!;
    const page = Math.max(1, Math.floor(runKeys / runs.length));
    const heads = runs.map((r) => ({ at: r.at, left: r.length, keys: new Float64Array(Math.min(page, r.length)), i: 0, n: 0 }));
    const refill = (h: (typeof heads)[number]) => {
      h.n = Math.min(h.keys.length, h.left);
      spooled.read(h.at, [h.keys.subarray(0, h.n)]);
      h.at += h.n * 8;
      h.left -= h.n;
      h.i = 0;
    };
    heads.forEach(refill);
    let previous = Number.NaN;
    for (;;) {
      let least: (typeof heads)[number] | null = null;
      for (const h of heads) if (h.i < h.n && (least === null || h.keys[h.i]! < least.keys[least.i]!)) least = h;
      if (least === null) return repeated;
      const k = least.keys[least.i++]!;
      if (k === previous) repeated.add(k);
      previous = k;
      if (least.i === least.n && least.left > 0) refill(least);
    }
  } finally {
    written.spool?.close();
  }
}

/** A temporary file written and read at given places; closed when its owner is collected, if not before. */
class Spool {
  private static readonly closer = new FinalizationRegistry<number>((fd) => closeSync(fd));
  private readonly fd: number;

  private constructor(fd: number) {
    this.fd = fd;
  }

  static open(owner: object): Spool {
    const dir = mkdtempSync(join(tmpdir(), 'waymark-lait-'));
    try {
      const spool = new Spool(openSync(join(dir, 'values'), 'w+', 0o600));
      Spool.closer.register(owner, spool.fd, spool);
      return spool;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  write(at: number, arrays: readonly NodeJS.TypedArray[]): void {
    for (const a of arrays) {
      for (let done = 0; done < a.byteLength;) done += writeSync(this.fd, a, done, a.byteLength - done, at + done);
      at += a.byteLength;
    }
  }

  read(at: number, arrays: readonly NodeJS.TypedArray[]): void {
    for (const a of arrays) {
      for (let done = 0; done < a.byteLength;) {
        const n = readSync(this.fd, a, done, a.byteLength - done, at + done);
        if (n === 0) throw new Error('a LAIT spool file ended before its values: the temporary folder was changed while the file was read');
        done += n;
      }
      at += a.byteLength;
    }
  }

  close(): void {
    Spool.closer.unregister(this);
    closeSync(this.fd);
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
