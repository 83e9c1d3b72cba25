import type { NotificationState, NotifyChannel } from '../../core/contract/notify.js';
import type { MessageKey } from '../i18n/index.js';

export const stateLabel = (state: NotificationState): MessageKey => `notify.state.${state}`;
export const channelLabel = (channel: NotifyChannel): MessageKey => `notify.channel.${channel}`;

/** Badge colours shared with the Channels workspace's state badges. */
export const STATE_BADGE: Record<NotificationState, string> = { pending: 'syncing', sending: 'syncing', delivered: 'ok', dead: 'failing' };

/** "logistics.stalled.customer=SMS_123" lines ⇄ the target's templateCodes map. */
export function parseTemplateCodes(text: string): Record<string, string> | null {
  const codes: Record<string, string> = {};
  for (const line of text.split('\n').map((l) => l.trim()).filter(Boolean)) {
    const m = /^([a-zA-Z0-9.]+)\s*=\s*(\S+)$/.exec(line);
    if (!m) return null;
    codes[m[1]!] = m[2]!;
  }
  return codes;
}

export function formatTemplateCodes(codes: Record<string, string> | undefined): string {
  return Object.entries(codes ?? {}).map(([k, v]) => `${k}=${v}`).join('\n');
}
