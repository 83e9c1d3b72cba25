import { describe, expect, it } from 'vitest';
import { detectCarrier, fitsCarrier, normaliseWaybillNo, WAYBILL_PATTERNS, withPatternOverrides } from './waybill-patterns.js';

/** One number per pattern row that the row must match (the row's own carrier must be among the guesses). */
const SAMPLES: Record<string, string> = {
  'SF:^SF\\d{12,13}$': 'SF7444407228423',
  'SF:^\\d{12}$': '744440722842',
  'YTO:^YT\\d{13,14}$': 'YT5555508965056',
  'JTEXPRESS:^JT\\d{13}$': 'JT0001234567890',
  'JD:^JD[A-Z]{0,2}\\d{10,13}$': 'JDVA01234567890',
  'DBL:^DPK\\d{12}$': 'DPK123456789012',
  'EMS:^[A-Z]{2}\\d{9}CN$': 'EA123456789CN',
  'EMS:^(1[0-9]|98|50|51)\\d{11}$': '9812345678901',
  'ZTO:^(7[0-9]|5[0-9]|6[0-9]|2[0-9]|3[0-9])(\\d{10}|\\d{12})$': '73100196611386',
  'STO:^(77|88|66|55|99|33|26|22)(\\d{11}|\\d{13})$': '7712345678901',
  'YUNDA:^(43|46|31|32|34|35|10|12|19|44)\\d{11,13}$': '4312345678901',
  'BEST:^(5|6|7|A)\\d{11,13}$': 'A123456789012',
  'CAINIAO:^(CN|LP)\\d{12,16}$': 'LP00123456789012',
};

describe('waybill pattern table', () => {
  it('every row has a sample (a new row needs its test)', () => {
    expect(WAYBILL_PATTERNS.map((p) => `${p.carrier}:${p.pattern.source}`).sort()).toEqual(Object.keys(SAMPLES).sort());
  });

  it.each(WAYBILL_PATTERNS.map((p) => [p.carrier, p.pattern.source, p] as const))('%s %s matches its sample', (carrier, source, p) => {
    const sample = SAMPLES[`${carrier}:${source}`]!;
    expect(p.pattern.test(sample)).toBe(true);
    const check = detectCarrier(sample);
    expect(check.guesses.map((g) => g.carrier)).toContain(carrier);
    expect(check.warning).toBeNull();
    expect(fitsCarrier(sample, carrier)).toBe(true);
  });

  it('a unique strong match is certain; the protocol samples land on their carrier', () => {
    expect(detectCarrier('SF7444407228423').guesses).toEqual([{ carrier: 'SF', confidence: 0.98, source: expect.stringContaining('§5.1') }]);
    expect(detectCarrier('YT5555508965056').guesses[0]).toMatchObject({ carrier: 'YTO', confidence: 0.98 });
    expect(detectCarrier('73100196611386').guesses[0]!.carrier).toBe('ZTO');
  });

  it('a number several carriers could own is shared: each is less certain, the strongest first', () => {
    const check = detectCarrier('7712345678901'); // STO 77… (13 digits), BEST 7…
    const carriers = check.guesses.map((g) => g.carrier);
    expect(carriers).toEqual(expect.arrayContaining(['STO', 'BEST']));
    expect(check.guesses[0]!.carrier).toBe('STO');
    for (const g of check.guesses) expect(g.confidence).toBeLessThan(0.55);
    const sorted = [...check.guesses].sort((a, b) => b.confidence - a.confidence);
    expect(check.guesses).toEqual(sorted);
    expect(check.guesses.find((g) => g.carrier === 'BEST')!.confidence).toBeLessThan(check.guesses.find((g) => g.carrier === 'STO')!.confidence);
  });

  it('ZTO and STO share the 77… prefix; the length tells them apart (ZTO 12 or 14 digits, STO 13 or 15)', () => {
    const first = (no: string) => detectCarrier(no).guesses[0]!.carrier;
    expect(first('77123456789012')).toBe('ZTO');
    expect(first('771234567890')).toBe('ZTO');
    expect(first('7712345678901')).toBe('STO');
    expect(first('773012345678901')).toBe('STO');
    expect(detectCarrier('77123456789012').guesses.map((g) => g.carrier)).not.toContain('STO');
    expect(detectCarrier('7712345678901').guesses.map((g) => g.carrier)).not.toContain('ZTO');
  });

  it('labels and OCR output are normalised: spaces, dashes, full-width, lower case', () => {
    expect(normaliseWaybillNo(' sf 7444-4072_2842.3 ')).toBe('SF7444407228423');
    expect(normaliseWaybillNo('ＳＦ７４４４４０７２２８４２３')).toBe('SF7444407228423');
    expect(detectCarrier('sf 7444 4072 2842 3').guesses[0]!.carrier).toBe('SF');
  });

  it("JD's package suffix (-1-1-: package 1 of 1) is not part of the waybill number", () => {
    expect(normaliseWaybillNo('JDVA01234567890-1-1-')).toBe('JDVA01234567890');
    expect(normaliseWaybillNo('jdva 0123 4567 890-2-3')).toBe('JDVA01234567890');
    expect(detectCarrier('JDVA01234567890-1-1-')).toMatchObject({ waybillNo: 'JDVA01234567890', guesses: [{ carrier: 'JD' }] });
  });


  it('a misfit is a warning, never a rejection', () => {
    const odd = detectCarrier('XX12345678');
    expect(odd.guesses).toEqual([]);
    expect(odd.warning).toMatch(/fits no known carrier pattern/);
    expect(odd.waybillNo).toBe('XX12345678');
    expect(detectCarrier('123').warning).toMatch(/length 3/);
    expect(detectCarrier('A'.repeat(40)).warning).toMatch(/length 40/);
    expect(fitsCarrier('XX12345678', 'SF')).toBe(false);
  });

  it('configured patterns (e.g. Taobao reg_mail_no) come first and win', () => {
    const table = withPatternOverrides([{ carrier: 'ANE', pattern: '^AN\\d{10}$' }, { carrier: 'SF', pattern: '^XX\\d{8}$', weight: 0.99 }]);
    expect(detectCarrier('AN0123456789', table).guesses).toEqual([{ carrier: 'ANE', confidence: 0.9, source: 'configured' }]);
    expect(detectCarrier('XX12345678', table)).toMatchObject({ guesses: [{ carrier: 'SF', confidence: 0.99 }], warning: null });
    expect(fitsCarrier('XX12345678', 'SF', table)).toBe(true);
    // The best row per carrier counts, so a configured strong SF row beats the weak 12-digit one.
    expect(detectCarrier('SF7444407228423', table).guesses[0]!.confidence).toBe(0.98);
  });
});
