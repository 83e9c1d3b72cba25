// `npm start` where Electron cannot run: one line saying so, then the browser console on the same
// data folder. The binary is forced absent (ELECTRON_OVERRIDE_DIST_PATH → an empty folder) so the
// test means the same on a machine that does have Electron installed.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const FALLBACK_LINE = /^Electron is not available here \((.+)\); starting the browser console instead\.$/;

let child: ChildProcess | undefined;
const cleanups: string[] = [];

afterEach(async () => {
  if (child?.pid && child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((resolve) => child?.once('exit', resolve));
    process.kill(-child.pid, 'SIGTERM'); // the whole group: start.mjs and the console it spawned
    await exited;
  }
  child = undefined;
  for (const dir of cleanups.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Resolves with all output so far once `done(output)` is true; rejects on exit or timeout. */
function waitForOutput(proc: ChildProcess, done: (output: string) => boolean, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`timed out; output so far:\n${output}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (done(output)) {
        clearTimeout(timer);
        resolve(output);
      }
    };
    proc.stdout?.on('data', onData);
    proc.stderr?.on('data', onData);
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`start.mjs exited with ${code}; output:\n${output}`));
    });
  });
}

describe('npm start without Electron', () => {
  it('prints one fallback line and serves the browser console on the given data folder', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'orderhub-start-'));
    const noElectron = mkdtempSync(join(tmpdir(), 'orderhub-no-electron-'));
    cleanups.push(dataDir, noElectron);
    child = spawn(process.execPath, ['bin/start.mjs', '--port', '0', '--data', dataDir, '--demo', '--demo-orders', '50', '--no-flow'], {
      cwd: root,
      detached: true, // own process group, so afterEach can stop the console too
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: noElectron, ORDERHUB_DATA: '' },
    });

    const output = await waitForOutput(child, (out) => /http:\/\/127\.0\.0\.1:\d+/.test(out), 60_000);

    const fallbackLines = output.split('\n').filter((line) => line.startsWith('Electron is not available here'));
    expect(fallbackLines).toHaveLength(1);
    expect(fallbackLines[0]).toMatch(FALLBACK_LINE);
    expect(fallbackLines[0]).toContain('binary not installed');
    expect(output).toContain(dataDir);

    const url = /http:\/\/127\.0\.0\.1:\d+/.exec(output)?.[0];
    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(200);
  }, 90_000);
});
