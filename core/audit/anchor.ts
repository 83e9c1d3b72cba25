/**
 * The chain head kept outside the database: a row cut from the end of the log leaves a perfectly
 * valid shorter chain, so only a copy of the head held elsewhere can tell that rows are missing.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface AuditAnchor {
  count: number;
  headHash: string;
  at: number;
}

export const ANCHOR_FILE = 'audit-anchor.json';

export function anchorPath(dataDir: string): string {
  return join(dataDir, ANCHOR_FILE);
}

export function writeAnchor(file: string, anchor: AuditAnchor): void {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(anchor) + '\n', { mode: 0o600 });
  renameSync(tmp, file);
}

export function readAnchor(file: string): AuditAnchor | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  const parsed = JSON.parse(text) as Partial<AuditAnchor>;
  if (typeof parsed.count !== 'number' || typeof parsed.headHash !== 'string' || typeof parsed.at !== 'number') {
    throw new Error(`Audit anchor file is malformed: ${file}`);
  }
  return { count: parsed.count, headHash: parsed.headHash, at: parsed.at };
}
