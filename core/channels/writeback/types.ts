/**
 * Writing a waybill back to the sales platform (protocols.md §11): the ship call when the platform
 * has no waybill for the order, the correction call when it has a wrong one. Channels without a
 * write-back API (WeChat mini-program, POS) record that nothing was sent.
 */
import type { CarrierCode } from '../../logistics/carriers.js';

export type WriteBackMode = 'ship' | 'correct';

export interface WaybillWriteBack {
  platformOrderId: string;
  carrier: CarrierCode;
  waybillNo: string;
  mode: WriteBackMode;
}

export type WriteBackOutcome =
  /** The platform accepted the call. */
  | { status: 'sent'; call: string; companyCode: string; requestId: string | null; raw: string }
  /** The platform refused it for a business reason (already shipped, bad waybill, …); retrying will not help. */
  | { status: 'refused'; call: string; code: string; message: string; requestId: string | null; raw: string | null }
  /** The platform has no company matching our carrier for this shop: configure the code. */
  | { status: 'no-company'; call: string; message: string }
  /** The channel has no write-back API: nothing was sent. */
  | { status: 'not-supported'; message: string };
