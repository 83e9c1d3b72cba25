/**
 * Each platform names carriers with its own company codes (protocols.md §11.3, §11.6, §11.9) and a
 * shop may only use the companies its contract allows, so the codes are read from the platform's own
 * list at run time and matched to our carrier by code first, then by the carrier's names. Lists are
 * kept per shop for a day: they change rarely, and the ship call must not pay for a second request.
 */
import { carrierInfo, type CarrierCode, type PartnerCodeField } from '../../logistics/carriers.js';

export interface PlatformCompany {
  /** What the ship call takes: Taobao/Douyin `code`, Pinduoduo `id` (as a string). */
  key: string;
  code: string;
  name: string;
  available: boolean;
}

const DAY_MS = 86_400_000;
const cache = new Map<string, { at: number; list: PlatformCompany[] }>();

export async function companiesOf(shopKey: string, now: number, load: () => Promise<PlatformCompany[]>): Promise<PlatformCompany[]> {
  const hit = cache.get(shopKey);
  if (hit && now - hit.at < DAY_MS) return hit.list;
  const list = await load();
  cache.set(shopKey, { at: now, list });
  return list;
}

/** Our carrier → the platform's company, or null when the list has nothing that matches. */
export function matchCompany(list: readonly PlatformCompany[], carrier: CarrierCode, field: PartnerCodeField | null): PlatformCompany | null {
  const info = carrierInfo(carrier);
  const usable = list.filter((c) => c.available);
  const wanted = [field && info?.[field], carrier].filter((x): x is string => typeof x === 'string').map((x) => x.toLowerCase());
  const byCode = usable.find((c) => wanted.includes(c.code.toLowerCase()));
  if (byCode) return byCode;
  const names = info ? [info.nameZh, ...info.aliases].filter((n) => /[\u4e00-\u9fff]/.test(n)) : [];
  // Longest name first: 「百世快递」 must not be taken for a company merely containing 「百世」's neighbour.
  names.sort((a, b) => b.length - a.length);
  for (const name of names) {
    const hit = usable.find((c) => c.name.includes(name) || name.includes(c.name));
    if (hit) return hit;
  }
  return null;
}
