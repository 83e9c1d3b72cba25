/**
 * Which better-sqlite3 native addon the engine should load. Electron's Node ABI differs from the
 * system Node's (process.versions.modules: 115 for Node 20, 150 for Electron 45), so the desktop
 * host cannot load node_modules' build, which must stay a Node build for `npm test` and the
 * browser console. `npm run rebuild:electron` writes a separate Electron-ABI build to
 * native/electron-<abi>/better_sqlite3.node, and this module finds it. No electron import: tested in Node.
 */
import { join } from 'node:path';

export const REBUILD_COMMAND = 'npm run rebuild:electron';

export type BindingChoice = { path: string } | { path: undefined } | { error: string };

export interface BindingQuery {
  runtime: 'electron' | 'node';
  /** NODE_MODULE_VERSION of the running runtime (process.versions.modules). */
  abi: string | undefined;
  /** Folder holding native/ (the project root in development, resources/ when packaged). */
  projectRoot: string;
  exists: (path: string) => boolean;
}

/** Where the Electron-ABI build for `abi` lives; the rebuild script writes exactly here. */
export function electronBindingPath(projectRoot: string, abi: string): string {
  return join(projectRoot, 'native', `electron-${abi}`, 'better_sqlite3.node');
}

export function chooseNativeBinding(query: BindingQuery): BindingChoice {
  // Plain Node (browser console, CLI, tests) uses the build npm installed in node_modules.
  if (query.runtime === 'node') return { path: undefined };
  if (!query.abi || !/^\d+$/.test(query.abi)) {
    return { error: `Cannot tell the Electron ABI (process.versions.modules is "${query.abi ?? ''}"), so no better-sqlite3 build can be chosen.` };
  }
  const path = electronBindingPath(query.projectRoot, query.abi);
  if (query.exists(path)) return { path };
  return {
    error:
      `No Electron build of better-sqlite3 for ABI ${query.abi} (expected ${path}). ` +
      `Run \`${REBUILD_COMMAND}\` once (it needs network access to download the Electron headers).`,
  };
}
