import { waymarkProgram } from './program.ts';

const program = waymarkProgram();

try {
  await program.parseAsync(process.argv);
} catch (error) {
  // Expected failures (a locked data directory, a non-empty database, bad configuration) end in one clear line.
  console.error(`waymark: ${(error as Error).message}`);
  process.exitCode = 1;
}
