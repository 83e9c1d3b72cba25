#!/usr/bin/env node
// The `ops` CLI runs the TypeScript sources directly through tsx, so `npx ops …` works right after
// `npm ci` without a build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../main/node/cli.ts');
process.exitCode = await main(process.argv.slice(2));
