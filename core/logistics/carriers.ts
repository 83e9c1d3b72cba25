/**
 * The engine's one carrier vocabulary (architecture.md "Data"; issue 4) and each partner's own code
 * for it. Logistics, OCR and platform write-back all speak these codes; partner codes are translated
 * at the adapter edge only.
 *
 * Partner codes: Kuaidi100 `com` (protocols.md §5.4 — lower-case pinyin codes, e.g. `yuantong`,
 * `shunfeng` are [V] from the SDK; the others are the aggregator's published list [S]); Kdniao
 * `ShipperCode` (§5.5, `YTO` is [V] from its sample; others [S]); platform company codes (§11.3,
 * §11.6, §11.9) differ per shop contract and are looked up from the platforms' company lists at
 * run time — the defaults here are only the common values [U]. Every table is overridable through
 * `partners.carrierCodes` (see `withCarrierOverrides`), so a wrong [S]/[U] value is a setting, not a
 * release.
 */

export const CORE_CARRIERS = [
  'SF', 'ZTO', 'YTO', 'STO', 'YUNDA', 'JD', 'EMS', 'JTEXPRESS', 'BEST', 'DBL', 'CAINIAO',
] as const;

/** Extendable: a deployment may add carriers through configuration, so the type is an open string. */
export type CarrierCode = (typeof CORE_CARRIERS)[number] | (string & {});

export interface CarrierInfo {
  code: CarrierCode;
  nameZh: string;
  nameEn: string;
  /** Names printed on labels and used in platform payloads, for OCR and free-text matching. */
  aliases: readonly string[];
  /** Partner codes. `null` = the partner does not carry this carrier (or we do not know its code). */
  kuaidi100: string | null;
  kdniao: string | null;
  taobao: string | null;
  douyin: string | null;
  /** SF and ZTO queries need the receiver's (or sender's) phone tail (protocols.md §5.1, §5.2, §5.4). */
  needsPhoneTail: boolean;
}

export const CARRIERS: readonly CarrierInfo[] = [
  { code: 'SF', nameZh: '顺丰速运', nameEn: 'SF Express', aliases: ['顺丰', '顺丰速运', 'SF Express', 'SF'], kuaidi100: 'shunfeng', kdniao: 'SF', taobao: 'SF', douyin: 'shunfeng', needsPhoneTail: true },
  { code: 'ZTO', nameZh: '中通快递', nameEn: 'ZTO Express', aliases: ['中通', '中通快递', 'ZTO'], kuaidi100: 'zhongtong', kdniao: 'ZTO', taobao: 'ZTO', douyin: 'zhongtong', needsPhoneTail: true },
  { code: 'YTO', nameZh: '圆通速递', nameEn: 'YTO Express', aliases: ['圆通', '圆通速递', '圆通快递', 'YTO'], kuaidi100: 'yuantong', kdniao: 'YTO', taobao: 'YTO', douyin: 'yuantong', needsPhoneTail: false },
  { code: 'STO', nameZh: '申通快递', nameEn: 'STO Express', aliases: ['申通', '申通快递', 'STO'], kuaidi100: 'shentong', kdniao: 'STO', taobao: 'STO', douyin: 'shentong', needsPhoneTail: false },
  { code: 'YUNDA', nameZh: '韵达快递', nameEn: 'Yunda Express', aliases: ['韵达', '韵达快递', '韵达速递', 'YUNDA'], kuaidi100: 'yunda', kdniao: 'YD', taobao: 'YUNDA', douyin: 'yunda', needsPhoneTail: false },
  { code: 'JD', nameZh: '京东快递', nameEn: 'JD Logistics', aliases: ['京东', '京东快递', '京东物流', 'JD'], kuaidi100: 'jd', kdniao: 'JD', taobao: 'JD', douyin: 'jd', needsPhoneTail: true },
  { code: 'EMS', nameZh: 'EMS', nameEn: 'China Post EMS', aliases: ['EMS', '中国邮政', '邮政EMS', '中国邮政速递物流'], kuaidi100: 'ems', kdniao: 'EMS', taobao: 'EMS', douyin: 'ems', needsPhoneTail: false },
  { code: 'JTEXPRESS', nameZh: '极兔速递', nameEn: 'J&T Express', aliases: ['极兔', '极兔速递', 'J&T', 'J&T Express', 'JT'], kuaidi100: 'jtexpress', kdniao: 'JTSD', taobao: 'HTKY', douyin: 'jtexpress', needsPhoneTail: false },
  { code: 'BEST', nameZh: '百世快递', nameEn: 'BEST Express', aliases: ['百世', '百世快递', '百世汇通', 'BEST'], kuaidi100: 'huitongkuaidi', kdniao: 'HTKY', taobao: 'HTKY', douyin: 'huitongkuaidi', needsPhoneTail: false },
  { code: 'DBL', nameZh: '德邦快递', nameEn: 'Deppon Express', aliases: ['德邦', '德邦快递', '德邦物流', 'Deppon', 'DBL'], kuaidi100: 'debangkuaidi', kdniao: 'DBL', taobao: 'DBKD', douyin: 'debangkuaidi', needsPhoneTail: false },
  { code: 'CAINIAO', nameZh: '菜鸟速递', nameEn: 'Cainiao', aliases: ['菜鸟', '菜鸟速递', '菜鸟直送', 'CAINIAO'], kuaidi100: 'cainiao', kdniao: 'CNSD', taobao: 'CN7000001000869', douyin: 'cainiao', needsPhoneTail: false },
];

export type CarrierCodeOverrides = Partial<Record<string, Partial<Omit<CarrierInfo, 'code'>>>>;

/** The carrier table with configuration applied: overrides change a partner code or add a carrier. */
export function withCarrierOverrides(overrides: CarrierCodeOverrides = {}): CarrierInfo[] {
  const table = CARRIERS.map((c) => ({ ...c, ...(overrides[c.code] ?? {}) }));
  for (const [code, extra] of Object.entries(overrides)) {
    if (table.some((c) => c.code === code) || !extra) continue;
    table.push({
      code, nameZh: extra.nameZh ?? code, nameEn: extra.nameEn ?? code, aliases: extra.aliases ?? [code],
      kuaidi100: extra.kuaidi100 ?? null, kdniao: extra.kdniao ?? null, taobao: extra.taobao ?? null,
      douyin: extra.douyin ?? null, needsPhoneTail: extra.needsPhoneTail ?? false,
    });
  }
  return table;
}

export function carrierInfo(code: string, table: readonly CarrierInfo[] = CARRIERS): CarrierInfo | undefined {
  return table.find((c) => c.code === code);
}

export type PartnerCodeField = 'kuaidi100' | 'kdniao' | 'taobao' | 'douyin';

/** A partner's code back to ours; unknown partner codes come back `undefined` (recorded, never guessed). */
export function carrierFromPartnerCode(
  field: PartnerCodeField,
  partnerCode: string,
  table: readonly CarrierInfo[] = CARRIERS,
): CarrierCode | undefined {
  const wanted = partnerCode.trim().toLowerCase();
  return table.find((c) => c[field]?.toLowerCase() === wanted)?.code;
}

/**
 * Carrier names found in free text (a label's printed logo text, a platform's company name).
 * Longest alias first so 「百世汇通」 is not read as a shorter alias of another carrier.
 */
export function carriersNamedIn(text: string, table: readonly CarrierInfo[] = CARRIERS): CarrierCode[] {
  const hits: { code: CarrierCode; at: number; len: number }[] = [];
  const upper = text.toUpperCase();
  for (const c of table) {
    for (const alias of c.aliases) {
      // Two-letter Latin aliases (SF, JD, JT) only count as whole words, or every "JD…" number would match.
      const a = alias.toUpperCase();
      const at = /^[A-Z&]{1,3}$/.test(a) ? findWord(upper, a) : upper.indexOf(a);
      if (at >= 0) hits.push({ code: c.code, at, len: a.length });
    }
  }
  hits.sort((x, y) => y.len - x.len || x.at - y.at);
  const seen = new Set<string>();
  return hits.filter((h) => (seen.has(h.code) ? false : (seen.add(h.code), true))).map((h) => h.code);
}

function findWord(text: string, word: string): number {
  const re = new RegExp(`(^|[^A-Z0-9])${word.replace(/[&]/g, '\\&')}($|[^A-Z0-9])`);
  const m = re.exec(text);
  return m ? m.index + m[1]!.length : -1;
}
