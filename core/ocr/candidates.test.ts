/** Candidate extraction and ranking with the distractors a label carries; no OCR engine needed. */
import { describe, expect, it } from 'vitest';
import { chooseWaybill, rankCandidates } from './candidates.js';
import { nameFromReceiverLine, phoneTailIn } from './receiver.js';
import { barcodeSightings, repairWaybillToken, textSightings } from './sightings.js';
import type { OcrLine } from './tesseract-pool.js';
import { detectCarrier } from '../logistics/waybill-patterns.js';

const fits = (no: string) => detectCarrier(no).guesses.length > 0;

/** A printed line as tesseract returns it: words left to right at a given glyph height. */
function line(y: number, height: number, ...words: string[]): OcrLine {
  let x = 20;
  const ws = words.map((text) => {
    const w = { text, confidence: 90, box: { x, y, width: text.length * height * 0.55, height } };
    x += w.box.width + height * 0.5;
    return w;
  });
  return { text: words.join(' '), confidence: 90, box: { x: 20, y, width: x - 20, height }, words: ws };
}

const barcode = (text: string, length: number, format: 'Code128' | 'QRCode' = 'Code128') => ({ text, format, length, box: { x: 0, y: 0, width: length, height: 40 } });

describe('waybill tokens', () => {
  it.each([
    ['SF 2530 3400 1247 2', 'SF2530340012472', 0],
    ['5F2530340012472', 'SF2530340012472', 1], // S read as 5 in the prefix
    ['YT7253453S30884', 'YT7253453530884', 1], // S for 5 among digits
    ['JDVB 5941 3830 475', 'JDVB59413830475', 0],
    ['OPK836867081013', 'DPK836867081013', 1],
    ['EA123456789CN', 'EA123456789CN', 0],
  ])('%s → %s (%i repairs)', (raw, no, repairs) => {
    expect(repairWaybillToken(raw)).toEqual({ waybillNo: no, repairs });
  });

  it('refuses words that are not numbers', () => {
    expect(repairWaybillToken('HEATER II58S AE221')).toBeNull();
    expect(repairWaybillToken('2025-10-14')).toBeNull();
  });
});

describe('ranking with distractors', () => {
  it('the printed waybill beats order id, phone, sorting code and date on the same label', () => {
    const lines = [
      line(10, 20, 'SF', 'EXPRESS'),
      line(40, 60, '313-793-231'), // 三段码, printed largest
      line(200, 30, 'SF', '2530', '3400', '1247', '2'),
      line(260, 30, '[Fl', '34+', '17769576305'), // receiver phone
      line(330, 20, 'i785:', '6997021291007213276'), // order id
      line(360, 20, '打印时间', '2025-05-16', '21:25', '1.3kg'),
    ];
    const ranked = rankCandidates(textSightings(lines, fits), { labelText: lines.map((l) => l.text).join('\n') });
    expect(chooseWaybill(ranked)).toMatchObject({ waybillNo: 'SF2530340012472', carrier: 'SF', source: 'text' });
    expect(ranked.map((c) => c.waybillNo)).not.toContain('17769576305');
    expect(ranked.filter((c) => c.fitsPattern).map((c) => c.waybillNo)).toEqual(['SF2530340012472']);
  });

  it('a second barcode for the order id loses to the waybill barcode, and to the printed number when the waybill barcode is gone', () => {
    const reads = [barcode('SF1721693013585', 580), barcode('227532184313', 400), barcode('https://m.example.cn/o?id=227532184313', 110, 'QRCode')];
    const withMain = rankCandidates(barcodeSightings(reads), { labelText: 'SF EXPRESS' });
    expect(chooseWaybill(withMain)?.waybillNo).toBe('SF1721693013585');
    // The JD-style 12-digit order id fits SF's old 12-digit shape and ZTO's: the QR's id= marks it an order.
    const orderOnly = barcodeSightings(reads.slice(1));
    const printed = textSightings([line(200, 30, 'YT', '7253453530884')], fits).map((s) => ({ ...s, reading: 0.7 }));
    const ranked = rankCandidates([...orderOnly, ...printed], { labelText: 'YTO EXPRESS' });
    expect(chooseWaybill(ranked)).toMatchObject({ waybillNo: 'YT7253453530884', carrier: 'YTO' });
    expect(ranked.find((c) => c.waybillNo === '227532184313')!.features).toMatchObject({ context: 0.5, nameConflict: 0.6 });
  });

  it('barcode and text agreeing beat either alone; the carrier name on the label decides STO vs ZTO', () => {
    const sightings = [...barcodeSightings([barcode('7702158811234', 580)]), ...textSightings([line(200, 30, '7702', '1588', '11234')], fits)];
    const named = rankCandidates(sightings, { labelText: '申通快递\nSTO EXPRESS' })[0]!;
    expect(named).toMatchObject({ waybillNo: '7702158811234', carrier: 'STO', source: 'barcode+text' });
    const unnamed = rankCandidates(sightings, { labelText: '' })[0]!;
    expect(unnamed.carrier).toBe('STO'); // 13 digits: STO's length (ZTO's are 12 or 14), but less sure without the name
    expect(named.confidence).toBeGreaterThan(unnamed.confidence);
    const barcodeOnly = rankCandidates(sightings.filter((s) => s.source === 'barcode'), { labelText: 'STO' })[0]!;
    expect(named.confidence).toBeGreaterThan(barcodeOnly.confidence);
  });

  it('a print time run together into 12 digits loses to a ZTO number the pattern table rates no higher', () => {
    const lines = [line(200, 30, '7871', '8917', '9456', '34'), line(400, 30, '2025-03-01', '2018')];
    const ranked = rankCandidates(textSightings(lines, fits));
    expect(ranked.map((c) => c.waybillNo)).toEqual(['78718917945634', '202503012018']);
    expect(ranked[1]!.features.timestamp).toBe(0.5);
  });

  it('a garbled prefix is put back only for a carrier the label names', () => {
    const printed = line(200, 30, 'No', 'vr', '5988', '3189', '6446', '1');
    const onYto = [line(10, 20, 'YTO', 'EXPRESS'), printed];
    const ranked = rankCandidates(textSightings(onYto, fits), { labelText: 'YTO EXPRESS' });
    expect(chooseWaybill(ranked)).toMatchObject({ waybillNo: 'YT5988318964461', carrier: 'YTO' });
    // Without the carrier's name nothing is invented: the digits alone are all there is.
    const unnamed = rankCandidates(textSightings([printed], fits));
    expect(unnamed.map((c) => c.waybillNo)).toEqual(['5988318964461']);
  });

  it('a number that fits no carrier is offered with a warning but never chosen', () => {
    const ranked = rankCandidates(textSightings([line(200, 30, '9999', '8888', '7777', '6666', '55')], fits));
    expect(ranked[0]).toMatchObject({ waybillNo: '999988887777666655', fitsPattern: false });
    expect(ranked[0]!.warning).toMatch(/fits no known carrier pattern/);
    expect(chooseWaybill(ranked)).toBeNull();
  });
});

describe('receiver fragments', () => {
  it.each([
    ['[Fl 34+ 17769576305', '6305'],
    ['Ft 139****6768', '6768'],
    ['[#] #8 139"*++6043', '6043'],
    ['138++++1989', '1989'],
    ['订单号 2025-05-16', null],
    // a JD waybill number holds an 11-digit run starting 1[3-9]: not a phone
    ['No. JDVB16819290118', null],
    ['电话:13800001234', '1234'],
  ])('phone tail in %s', (text, tail) => expect(phoneTailIn(text)).toBe(tail));

  it.each([
    ['收 刘 女 士 139****6768', '刘女士', '刘'],
    ['四 胡 洋 138****5387', '胡洋', '胡'],
    ['收件人：张** 13800001234', '张**', '张'],
    ['139****6768', null, null],
  ])('name in %s', (text, nameFragment, surname) => expect(nameFromReceiverLine(text)).toEqual({ nameFragment, surname }));
});
