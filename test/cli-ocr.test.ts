/**
 * `ops ocr` as a person runs it: a real process over generated label photos, text and --json output,
 * and the exit code that tells unusable input from a photo on which nothing was read.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from './support/engine.js';
import { holdOcrTurn } from './support/ocr-serial.js';

const OPS = join(__dirname, '..', 'bin', 'ops.mjs');
const FIXTURES = join(__dirname, 'ocr-labels', 'fixtures');
const CLEAN = join(FIXTURES, 'label-7-000-SF-clean-intact.jpg');
const ABSENT = join(FIXTURES, 'label-7-024-DBL-jpeg-45-absent.jpg');

function ops(args: string[]) {
  const r = spawnSync(process.execPath, [OPS, ...args], { encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

let release: () => void = () => undefined;
beforeAll(async () => {
  release = await holdOcrTurn();
}, 300_000);
afterAll(() => release());

interface Entry {
  file: string;
  waybillNo: string | null;
  carrier: string | null;
  confidence: number;
  source: string | null;
  candidates: Array<{ waybillNo: string; carrier: string | null; confidence: number; source: string }>;
  error?: string;
}

describe('ops ocr', () => {
  it('prints each photo\'s waybill number, carrier, confidence, source and candidates as JSON; a blank photo is a result, not a failure', async () => {
    const dir = tempDir();
    const blank = join(dir, 'blank.png');
    writeFileSync(blank, await sharp({ create: { width: 400, height: 300, channels: 3, background: '#b49a72' } }).png().toBuffer());
    const r = ops(['ocr', CLEAN, ABSENT, blank, '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as Entry[];
    expect(out.map((e) => e.file)).toEqual([CLEAN, ABSENT, blank]);
    expect(out[0]).toMatchObject({ waybillNo: 'SF1716493362321', carrier: 'SF', source: 'barcode+text' });
    expect(out[0]!.candidates[0]).toEqual({ waybillNo: 'SF1716493362321', carrier: 'SF', confidence: out[0]!.confidence, source: 'barcode+text' });
    // The order id's barcode is read too, and ranked below.
    expect(out[0]!.candidates.length).toBeGreaterThan(1);
    expect(out[0]!.candidates[1]!.confidence).toBeLessThan(out[0]!.confidence);
    const truth = JSON.parse(readFileSync(join(FIXTURES, 'truth.json'), 'utf8')) as Record<string, { waybillNo: string }>;
    expect(out[1]).toMatchObject({ waybillNo: truth['label-7-024-DBL-jpeg-45-absent.jpg']!.waybillNo, carrier: 'DBL', source: 'text' });
    expect(out[2]).toMatchObject({ waybillNo: null, carrier: null, source: null, candidates: [] });
    expect(out[2]!.error).toMatch(/no label found/);
    expect(out[0]).not.toHaveProperty('error');
  });

  it('exits non-zero only for unusable input, still reading the good files, with plain-text output', async () => {
    const dir = tempDir();
    const notImage = join(dir, 'orders.csv');
    writeFileSync(notImage, 'order_id,waybill\n1,SF123\n');
    const truncated = join(dir, 'cut.jpg');
    const jpeg = await sharp(CLEAN).jpeg().toBuffer();
    writeFileSync(truncated, jpeg.subarray(0, jpeg.length >> 1));
    const r = ops(['ocr', notImage, CLEAN, truncated, join(dir, 'missing.jpg')]);
    expect(r.code).toBe(1);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/orders\.csv: no waybill number — .*not an image/);
    expect(r.stdout).toMatch(/label-7-000-SF-clean-intact\.jpg: SF1716493362321 {2}SF {2}confidence 0\.\d\d {2}\(barcode\+text\)/);
    expect(r.stdout).toMatch(/^ {2}1\. SF1716493362321 +SF +0\.\d{3} {2}barcode\+text$/m);
    expect(r.stdout).toMatch(/cut\.jpg: no waybill number — .*truncated/);
    expect(r.stdout).toMatch(/missing\.jpg: no waybill number — cannot read .*ENOENT/);
    expect(ops(['ocr']).code).toBe(2);
  });
});
