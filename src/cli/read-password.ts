import { createInterface } from 'node:readline';

/**
 * A password for a CLI command, never from its arguments (they show in `ps` and shell history) and never logged: with
 * --password-stdin, the first line of standard input (for scripts); otherwise a prompt on the terminal that does not echo.
 */
export async function readPassword(fromStdin: boolean, prompt = 'Password: '): Promise<string> {
  if (fromStdin) return firstLine(process.stdin);
  if (!process.stdin.isTTY) throw new Error('no terminal to ask for the password on: pipe it in with --password-stdin');
  const first = await askHidden(prompt);
  const again = await askHidden('The same password again: ');
  if (first !== again) throw new Error('the two passwords differ: nothing was changed');
  return first;
}

async function firstLine(input: NodeJS.ReadableStream): Promise<string> {
  const lines = createInterface({ input, crlfDelay: Infinity });
  for await (const line of lines) {
    lines.close();
    return line;
  }
  throw new Error('standard input was empty: give the password on its first line');
}

function askHidden(prompt: string): Promise<string> {
  return new Promise((resolve) => {
    const output = process.stderr;
    const rl = createInterface({ input: process.stdin, output, terminal: true });
    // Echo nothing of what is typed: only the prompt is written.
    (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (s: string) => {
      if (s.startsWith(prompt)) output.write(prompt);
    };
    rl.question(prompt, (answer) => {
      rl.close();
      output.write('\n');
      resolve(answer);
    });
  });
}
