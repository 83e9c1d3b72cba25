import type { MessageKey } from '../i18n/index.js';

/**
 * The timeline's field filter: each option's `field` is passed as-is to `audit/orderTimeline`
 * (undefined = every event). The engine reads 'amounts' (every *Fen field), 'receiver' (receiver.*)
 * and 'remarks' (*Remark) as groups; any other name matches the field and its sub-fields.
 */
export const TIMELINE_FIELD_OPTIONS: ReadonlyArray<{ id: string; label: MessageKey; field?: string }> = [
  { id: 'all', label: 'timelineField.all' },
  { id: 'amounts', label: 'timelineField.amounts', field: 'amounts' },
  { id: 'paidFen', label: 'timelineField.paidFen', field: 'paidFen' },
  { id: 'status', label: 'timelineField.status', field: 'status' },
  { id: 'remarks', label: 'timelineField.remarks', field: 'remarks' },
  { id: 'sellerRemark', label: 'timelineField.sellerRemark', field: 'sellerRemark' },
  { id: 'buyerRemark', label: 'timelineField.buyerRemark', field: 'buyerRemark' },
  { id: 'receiver', label: 'timelineField.receiver', field: 'receiver' },
  { id: 'tags', label: 'timelineField.tags', field: 'tags' },
  { id: 'shipments', label: 'timelineField.shipments', field: 'shipments' },
];
