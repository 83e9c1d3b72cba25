import { describe, expect, it } from 'vitest';
import { CARRIERS, carrierFromPartnerCode, carrierInfo, carriersNamedIn, CORE_CARRIERS, withCarrierOverrides } from './carriers.js';

describe('carrier vocabulary', () => {
  it('has one row per core carrier, each with a unique Kuaidi100 code', () => {
    expect(CARRIERS.map((c) => c.code)).toEqual([...CORE_CARRIERS]);
    const codes = CARRIERS.map((c) => c.kuaidi100);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it.each([
    ['kuaidi100', 'shunfeng', 'SF'],
    ['kuaidi100', 'yuantong', 'YTO'],
    ['kuaidi100', 'ZhongTong', 'ZTO'],
    ['kuaidi100', ' debangkuaidi ', 'DBL'],
    ['kdniao', 'YTO', 'YTO'],
    ['kdniao', 'yd', 'YUNDA'],
    ['taobao', 'DBKD', 'DBL'],
    ['douyin', 'jtexpress', 'JTEXPRESS'],
  ] as const)('%s code %s → %s', (field, code, carrier) => {
    expect(carrierFromPartnerCode(field, code)).toBe(carrier);
  });

  it('an unknown partner code comes back undefined, never a guess', () => {
    expect(carrierFromPartnerCode('kuaidi100', 'speedpost')).toBeUndefined();
    expect(carrierFromPartnerCode('kuaidi100', '')).toBeUndefined();
  });

  it('the SF, ZTO and JD queries need a phone tail; YTO does not', () => {
    expect(['SF', 'ZTO', 'JD'].map((c) => carrierInfo(c)?.needsPhoneTail)).toEqual([true, true, true]);
    expect(carrierInfo('YTO')?.needsPhoneTail).toBe(false);
  });

  it('overrides change a partner code and add a carrier without touching the defaults', () => {
    const table = withCarrierOverrides({ YTO: { kuaidi100: 'yuantongkuaiyun' }, ANE: { nameZh: '安能物流', kuaidi100: 'annengwuliu', aliases: ['安能'] } });
    expect(carrierFromPartnerCode('kuaidi100', 'yuantongkuaiyun', table)).toBe('YTO');
    expect(carrierFromPartnerCode('kuaidi100', 'yuantong', table)).toBeUndefined();
    expect(carrierFromPartnerCode('kuaidi100', 'annengwuliu', table)).toBe('ANE');
    expect(carrierInfo('ANE', table)).toMatchObject({ nameZh: '安能物流', kdniao: null, needsPhoneTail: false });
    expect(carrierFromPartnerCode('kuaidi100', 'yuantong')).toBe('YTO');
  });

  it('names in free text: the longest alias wins and two-letter Latin aliases only count as words', () => {
    expect(carriersNamedIn('百世汇通 单号 123')).toEqual(['BEST']);
    expect(carriersNamedIn('中国邮政速递物流 EMS')).toEqual(['EMS']);
    expect(carriersNamedIn('JDVA01234567890')).toEqual([]);
    expect(carriersNamedIn('发货: SF 顺丰速运')).toEqual(['SF']);
    expect(carriersNamedIn('圆通 and 中通')).toEqual(['YTO', 'ZTO']);
  });
});
