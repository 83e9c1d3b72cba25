/**
 * The payload the mapping editor shows: the latest raw payload stored for an order of this shop
 * (else of any shop of the channel), else the channel's committed real fixture.
 */
import type { MappingSample } from '../../contract/mapping.js';
import { readRawPayload } from '../../audit/raw-payloads.js';
import { fail } from '../../kernel/errors.js';
import type { Db } from '../../store/db.js';
import { parseJsonLossless } from '../lossless-json.js';
import type { ShopRow } from '../sync/shops-repo.js';
import { FIXTURE_SAMPLES } from './fixture-samples.js';

export interface Sample extends MappingSample {
  /** The exact bytes the connector normalised (what preview and re-apply feed the normaliser). */
  raw: string;
}

const pretty = (raw: string) => JSON.stringify(parseJsonLossless(raw), null, 2);

function stored(db: Db, shop: ShopRow, rawPayloadId: number, platformOrderId: string, shopId: string): Sample | null {
  const payload = readRawPayload(db, rawPayloadId);
  if (!payload || !payload.contentType.includes('json')) return null;
  try {
    const text = pretty(payload.body);
    const where = shopId === shop.id ? '' : ` · ${shopId}`;
    return { origin: 'stored', label: `${platformOrderId}${where}`, text, raw: payload.body, rawPayloadId: payload.id, receivedAt: payload.receivedAt };
  } catch {
    return null; // not JSON after all: fall through to the next candidate
  }
}

function fixture(shop: ShopRow): Sample {
  const sample = FIXTURE_SAMPLES[shop.channel];
  if (!sample) throw fail.validation(`${shop.channel} has no field mapping.`, { channel: 'not mappable' });
  return { origin: 'fixture', label: sample.label, text: pretty(sample.text), raw: sample.text, rawPayloadId: null, receivedAt: null };
}

type Candidate = { raw_payload_id: number; platform_order_id: string; shop_id: string };

export function latestSample(db: Db, shop: ShopRow): Sample {
  const latest = (sql: string, ...params: unknown[]) => db.prepare(`SELECT raw_payload_id, platform_order_id, shop_id FROM orders WHERE ${sql} AND raw_payload_id IS NOT NULL ORDER BY raw_payload_id DESC LIMIT 1`).get(...params) as Candidate | undefined;
  for (const row of [latest('channel = ? AND shop_id = ?', shop.channel, shop.id), latest('channel = ?', shop.channel)]) {
    const sample = row && stored(db, shop, row.raw_payload_id, row.platform_order_id, row.shop_id);
    if (sample) return sample;
  }
  return fixture(shop);
}

/** The sample the editor is showing: a stored payload of this channel's orders, or (null) the fixture. */
export function sampleById(db: Db, shop: ShopRow, rawPayloadId: number | null | undefined): Sample {
  if (rawPayloadId === null || rawPayloadId === undefined) return fixture(shop);
  const row = db.prepare('SELECT raw_payload_id, platform_order_id, shop_id FROM orders WHERE raw_payload_id = ? AND channel = ?').get(rawPayloadId, shop.channel) as Candidate | undefined;
  const sample = row && stored(db, shop, row.raw_payload_id, row.platform_order_id, row.shop_id);
  if (!sample) throw fail.notFound(`Raw payload ${rawPayloadId} is not a stored ${shop.channel} order payload.`);
  return sample;
}
