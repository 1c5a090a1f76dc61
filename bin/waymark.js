#!/usr/bin/env node
// Runs the TypeScript CLI in this process through tsx's loader (Node 20 cannot strip types itself). One process, no
// wrapper: a signal sent to `waymark` reaches the command itself, which rolls back (src/cli/open-services.ts). tsx and
// the sources are found from this file, so `waymark` works from any folder.
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';
register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) });
await import(new URL('../src/cli/main.ts', import.meta.url).href);
