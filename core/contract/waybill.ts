/** Waybill re-push by photo (issue 5): read a label, check the number, attach, track, write back. */

export type ReadingSource = 'barcode' | 'text' | 'manual';

export interface WaybillCandidateInfo {
  waybillNo: string;
  carrier: string | null;
  confidence: number;
  source: ReadingSource;
}

export interface LabelRegion {
  kind: 'barcode' | 'waybill-text' | 'carrier-name' | 'receiver' | 'address' | 'other';
  /** In the uploaded image's own pixel coordinates (after EXIF orientation). */
  box: { x: number; y: number; width: number; height: number };
  text: string;
}

export interface LabelReading {
  /** Hand back to `waybill/confirm`; the photo is kept as evidence only when the agent confirms. */
  photoId: string;
  imageWidth: number;
  imageHeight: number;
  waybillNo: string | null;
  carrier: string | null;
  confidence: number;
  source: ReadingSource | null;
  candidates: WaybillCandidateInfo[];
  receiver: { nameFragment: string | null; phoneTail: string | null };
  regions: LabelRegion[];
  ms: number;
}

export type WaybillConfirmation = 'overridePattern' | 'confirmSharedParcel' | 'acknowledgeReceiverMismatch';

export interface WaybillCheckResult {
  waybillNo: string;
  carrier: string;
  /** Carriers whose patterns the number fits, best first. */
  carrierGuesses: Array<{ carrier: string; confidence: number }>;
  patternWarning: string | null;
  /** Orders the number is already attached to. */
  attachedTo: Array<{ orderId: number; platformOrderId: string; channel: string; sameReceiver: boolean }>;
  receiver: {
    label: { surname: string | null; phoneTail: string | null };
    order: { surname: string | null; phoneTail: string | null };
    warning: string | null;
  };
  /** What the platform already has for this order; decides ship vs correction. */
  platformWaybills: string[];
  writeBack: 'ship' | 'correct' | 'already' | 'none';
  /** Confirmations the agent must give before `waybill/confirm` goes ahead. */
  needs: WaybillConfirmation[];
  /** Set when nothing may be written (the number ships another receiver's order). */
  blocked: string | null;
}

export interface RepushStep {
  step: 'attach' | 'track' | 'write-back';
  status: 'done' | 'failed' | 'skipped';
  message: string;
  /** The platform's or carrier's own answer, when there was one. */
  raw: string | null;
}

export interface RepushResult {
  orderId: number;
  waybillNo: string;
  carrier: string;
  parcelId: number;
  steps: RepushStep[];
  trackingState: string | null;
}

export interface OrderMatch {
  id: number;
  platformOrderId: string;
  channel: string;
  status: string;
  receiverName: string;
  phoneTail: string;
  createdAt: number;
  waybillNos: string;
}

export interface WaybillHandlers {
  'waybill/read': { args: { imageBase64: string; fileName?: string; orderId?: number }; result: LabelReading };
  'waybill/check': {
    args: { orderId: number; waybillNo: string; carrier?: string; labelReceiver?: { nameFragment?: string | null; phoneTail?: string | null } };
    result: WaybillCheckResult;
  };
  'waybill/confirm': {
    args: {
      orderId: number;
      waybillNo: string;
      carrier: string;
      photoId?: string;
      source?: ReadingSource;
      labelReceiver?: { nameFragment?: string | null; phoneTail?: string | null };
      confirmations?: WaybillConfirmation[];
    };
    result: RepushResult;
  };
  'waybill/retryWriteBack': { args: { orderId: number; waybillNo: string }; result: RepushStep };
  'waybill/detach': { args: { orderId: number; waybillNo: string; reason: string }; result: { ok: true } };
  'waybill/findOrders': { args: { surname?: string; phoneTail?: string; limit?: number }; result: OrderMatch[] };
}
