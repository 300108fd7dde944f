#!/usr/bin/env node
// art28 runs its TypeScript sources directly through tsx (decisions.md: "run with tsx"), so a clone needs no build
// step for the server or the CLI; only the web app is bundled (npm start builds it).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
await main(process.argv);
