/**
 * What each tracking partner signs with, as its adapter's config.ts reads it: the form the admin
 * fills in the Logistics workspace is drawn from this table, and the settings store checks saves
 * against it. Field names are the adapters' own (core/logistics/<partner>/config.ts).
 */
import type { PartnerFieldInfo, TrackingPartner } from '../contract/logistics-partners.js';
import { KUAIDI100_DEFAULT_BASE } from './kuaidi100/config.js';
import { DEFAULT_LOGISTICS_ENDPOINTS } from './partners-config.js';

export interface PartnerDescriptor {
  kind: 'aggregator' | 'courier';
  fields: PartnerFieldInfo[];
  defaultEndpoint: string | null;
  /** A courier API follows only its own carrier's parcels; empty = any carrier the partner knows. */
  serves: string[];
  /** A waybill for the connection test: the partner's own carrier, a number that will not exist. */
  probe: { carrier: string; waybillNo: string };
}

const f = (key: string, secret: boolean, required = true): PartnerFieldInfo => ({ key, secret, required });

export const PARTNER_DESCRIPTORS: Record<TrackingPartner, PartnerDescriptor> = {
  // protocols.md §5.4: customer + key sign queries; salt signs pushes (optional: without it, poll only).
  kuaidi100: { kind: 'aggregator', fields: [f('customer', false), f('key', true), f('salt', true, false)], defaultEndpoint: KUAIDI100_DEFAULT_BASE, serves: [], probe: { carrier: 'YTO', waybillNo: 'YT0000000000000' } },
  // protocols.md §5.5: EBusinessID + AppKey (DataSign over RequestData + AppKey).
  kdniao: { kind: 'aggregator', fields: [f('eBusinessId', false), f('appKey', true)], defaultEndpoint: DEFAULT_LOGISTICS_ENDPOINTS.kdniao ?? null, serves: [], probe: { carrier: 'YTO', waybillNo: 'YT0000000000000' } },
  // protocols.md §5.1: partnerID + checkWord (msgDigest); the push URL token is ours (sf/push.ts).
  sf: { kind: 'courier', fields: [f('partnerId', false), f('checkWord', true), f('pushToken', true, false)], defaultEndpoint: DEFAULT_LOGISTICS_ENDPOINTS.sf ?? null, serves: ['SF'], probe: { carrier: 'SF', waybillNo: 'SF0000000000000' } },
  // protocols.md §5.2: appKey + appSecret (x-datadigest).
  zto: { kind: 'courier', fields: [f('appKey', false), f('appSecret', true)], defaultEndpoint: DEFAULT_LOGISTICS_ENDPOINTS.zto ?? null, serves: ['ZTO'], probe: { carrier: 'ZTO', waybillNo: '730000000000' } },
  // protocols.md §5.3: LOP app key/secret + access token; 商家编码 travels with each query.
  jd: { kind: 'courier', fields: [f('appKey', false), f('appSecret', true), f('accessToken', true), f('customerCode', false)], defaultEndpoint: DEFAULT_LOGISTICS_ENDPOINTS.jd ?? null, serves: ['JD'], probe: { carrier: 'JD', waybillNo: 'JDVA00000000000' } },
};
