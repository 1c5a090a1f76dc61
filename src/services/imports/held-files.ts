import { ImportRejectedError, type FileIssue } from '../../domain/errors.ts';
import { batchFormat, filesToRead, heldBatch, type ImportFile, type ReadPublishedFile } from '../../domain/import-file.ts';
import type { Store } from '../../store/store.ts';
import type { FileReport } from './import-counts.ts';

/** A file named for import and hashed (SHA-256 of its bytes, as the batch records it), not yet read. */
export type UnreadFile = Readonly<{ file: string; hash: string; read: () => ReturnType<ReadPublishedFile> }>;

/**
 * Which of one import's files the store already holds unchanged (domain/import-file.ts heldBatch, at the data version
 * the import's transaction began on), reported as held by their batches; the rest are read, and so is a held file
 * written after one that is read (filesToRead). Every problem of every file read refuses the import.
 */
export async function readUnlessHeld(
  tx: Store,
  files: readonly UnreadFile[],
  reader: string,
  version: bigint,
): Promise<{ toWrite: ImportFile[]; held: FileReport[] }> {
  const batches = await tx.register.batchesHolding(files.map((f) => f.hash));
  const holders = files.map((f) => heldBatch(f.hash, reader, version, batches));
  const read: (ImportFile | null)[] = files.map(() => null);
  const readEach = async (which: (i: number) => boolean) => {
    const issues: FileIssue[] = [];
    for (const [i, f] of files.entries()) {
      if (!which(i)) continue;
      const result = await f.read();
      if (result.ok) read[i] = result.file;
      else issues.push(...result.issues);
    }
    if (issues.length > 0) throw new ImportRejectedError(issues);
  };
  await readEach((i) => holders[i] === null);
  const lastImport = holders.some((b) => b !== null) ? await tx.register.batchesAtVersion(version) : [];
  const mustRead = filesToRead(
    files.map((_, i) => ({ format: holders[i]?.format ?? batchFormat(read[i]!), heldBy: holders[i]?.id ?? null })),
    lastImport,
  );
  await readEach((i) => holders[i] !== null && mustRead[i]!);
  const held = holders.flatMap((b, i): FileReport[] =>
    b === null || read[i] !== null
      ? []
      : [
          {
            file: files[i]!.file,
            format: b.format,
            batchId: b.id,
            rows: b.rowCount,
            inserted: 0,
            updated: 0,
            closed: 0,
            unchanged: b.rowCount,
            skipped: 0,
            notes: [
              `the same file as batch ${b.id} (${b.fileName}, imported ${b.importedAt.toISOString().slice(0, 10)}), and nothing has changed since: not read again`,
            ],
            unread: true,
          },
        ],
  );
  return { toWrite: read.filter((f): f is ImportFile => f !== null), held };
}
