/** What every delivery adapter is handed and what it answers: one send, classified. */
import type { NotifySettings, NotifyTargetCredentials, NotifyTargetSettings, TargetChannel } from '../../contract/notify.js';

export interface OutgoingMessage {
  /** Recorded before the send; Aliyun echoes it back as OutId (protocols.md §7). Robots take no key of ours. */
  idempotencyKey: string;
  template: string;
  title: string;
  text: string;
  markdown: string;
  smsParams: Record<string, string>;
  /** SMS phone number; null for robots. */
  recipient: string | null;
}

export interface DeliveryTarget {
  id: string;
  channel: TargetChannel;
  settings: NotifyTargetSettings;
  credentials: NotifyTargetCredentials;
}

export interface DeliveryEnv {
  now(): number;
  /** Unique per call: Aliyun's SignatureNonce. */
  nonce(): string;
  fetch: typeof fetch;
  timeoutMs: number;
  settings: NotifySettings;
}

/**
 * `transient`: try again with backoff; `rate-limit`: the partner throttled us (wait, not a failure);
 * `permanent`: the partner refused this message for good; `config`: our side is missing something.
 */
export type SendResult =
  | { kind: 'ok'; detail: string }
  | { kind: 'transient' | 'rate-limit' | 'permanent' | 'config'; code: string; message: string };

export interface DeliveryAdapter {
  channel: TargetChannel;
  send(message: OutgoingMessage, target: DeliveryTarget, env: DeliveryEnv): Promise<SendResult>;
}
