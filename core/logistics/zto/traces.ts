/** One ZTO trace item (push `data` or a query result row) → CarrierEvent (protocols.md §5.2). */
import { parseCarrierTime, str } from '../partner-http.js';
import { CarrierError, type CarrierEvent } from '../types.js';
import { mapZtoStatus } from './actions.js';
import type { ZtoOptions } from './config.js';

const first = (item: Record<string, unknown>, fields: readonly string[]): unknown => fields.map((f) => item[f]).find((v) => v !== undefined && v !== null && v !== '');

export function ztoTraceEvent(item: Record<string, unknown>, options: Pick<ZtoOptions, 'query' | 'statuses'>): CarrierEvent {
  const f = options.query;
  const time = first(item, f.time);
  const occurredAt = parseCarrierTime(time);
  if (occurredAt === null) throw new CarrierError('malformed', `ZTO trace: time ${JSON.stringify(time)} is neither "yyyy-MM-dd HH:mm:ss" nor epoch ms`, { raw: JSON.stringify(item).slice(0, 2000) });
  const { state, partnerStatus } = mapZtoStatus(first(item, f.status), options.statuses);
  return { occurredAt, partnerStatus, state, description: str(first(item, f.desc)), location: str(first(item, f.location)) || null };
}
