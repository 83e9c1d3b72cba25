/** The engine's carrier codes (core/logistics/carriers.ts); names come from the dictionaries. */
import { hasMessage, type Translate } from '../i18n/index.js';

export const CARRIER_CODES = ['SF', 'ZTO', 'YTO', 'STO', 'YUNDA', 'JD', 'EMS', 'JTEXPRESS', 'BEST', 'DBL', 'CAINIAO'] as const;

export function carrierName(t: Translate, code: string): string {
  const key = `waybill.carrier.${code}`;
  return hasMessage(key) ? `${t(key)} (${code})` : code;
}
