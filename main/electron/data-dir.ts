/**
 * The one rule for where Order Hub keeps its data, shared by the desktop host (Electron main) and
 * `bin/start.mjs` (which falls back to the browser console). Both must open the same folder, so the
 * rule lives here, without an electron import, and mirrors Electron's own `app.getPath('userData')`
 * for an app named APP_NAME (Electron: appData = %APPDATA% on Windows, ~/Library/Application Support
 * on macOS, $XDG_CONFIG_HOME or ~/.config elsewhere; userData = appData/<app name>).
 */
import { join, resolve } from 'node:path';

export const APP_NAME = 'Order Hub';

/** Environment variable that overrides the data folder for every host. */
export const DATA_DIR_ENV = 'ORDERHUB_DATA';

export interface DataDirInputs {
  env: Record<string, string | undefined>;
  platform: NodeJS.Platform;
  homeDir: string;
}

/** The platform's per-user application-data folder, as Electron computes it. */
export function platformAppDataDir({ env, platform, homeDir }: DataDirInputs): string {
  if (platform === 'win32') return env.APPDATA || join(homeDir, 'AppData', 'Roaming');
  if (platform === 'darwin') return join(homeDir, 'Library', 'Application Support');
  return env.XDG_CONFIG_HOME || join(homeDir, '.config');
}

/**
 * Data folder: an explicit `--data DIR` wins, then ORDERHUB_DATA, then the platform userData path.
 * Relative explicit paths are resolved against `cwd` so both hosts agree on them.
 */
export function resolveDataDir(inputs: DataDirInputs & { explicit?: string; cwd?: string }): string {
  const chosen = inputs.explicit || inputs.env[DATA_DIR_ENV];
  if (chosen) return resolve(inputs.cwd ?? process.cwd(), chosen);
  return join(platformAppDataDir(inputs), APP_NAME);
}
