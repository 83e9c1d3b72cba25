/**
 * OCR test files take turns across vitest's worker processes: each runs tesseract workers that want
 * both of this machine's 2 cores, and two files at once would only make both slow. A directory is
 * created atomically as the lock; a lock left by a process that died is taken over.
 */
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const LOCK = join(tmpdir(), 'order-hub-ocr-tests.lock');

export async function holdOcrTurn(timeoutMs = 240_000): Promise<() => void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      mkdirSync(LOCK);
      writeFileSync(join(LOCK, 'pid'), String(process.pid));
      return () => rmSync(LOCK, { recursive: true, force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      if (holderIsGone()) rmSync(LOCK, { recursive: true, force: true });
      else if (Date.now() > until) throw new Error(`another OCR test held ${LOCK} for over ${timeoutMs / 1000} s`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

function holderIsGone(): boolean {
  let pid: number;
  try {
    pid = Number(readFileSync(join(LOCK, 'pid'), 'utf8'));
  } catch {
    // Being created right now — or its creator died before writing its pid.
    try {
      return Date.now() - statSync(LOCK).mtimeMs > 5000;
    } catch {
      return true;
    }
  }
  try {
    process.kill(pid, 0);
    return false;
  } catch {
    return true;
  }
}
