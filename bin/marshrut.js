#!/usr/bin/env node
// `npx marshrut …` without a build step: tsx compiles the TypeScript sources as they load.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv);
