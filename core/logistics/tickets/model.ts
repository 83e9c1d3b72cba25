/**
 * Exception tickets: what kinds there are, which group owns them, and which status changes are
 * allowed (open → in progress / waiting for carrier → resolved; a resolved ticket can be reopened).
 */
import { TICKET_TRANSITIONS, type TicketGroup, type TicketStatus, type TicketType } from '../../contract/logistics-exceptions.js';
import type { Role } from '../../contract/roles.js';
import { fail } from '../../kernel/errors.js';

export const TICKET_TYPE_LABELS: Record<TicketType, string> = {
  stalled: '物流停滞',
  no_first_scan: '未揽收',
  lost: '丢件',
  damaged: '破损',
  refused: '拒收',
  delivery_failed: '派送失败',
  address: '地址问题',
  other: '其他',
};

export const TICKET_GROUP_LABELS: Record<TicketGroup, string> = {
  after_sales: '售后组',
  customer_service: '客服组',
  warehouse: '仓库',
  supervisor: '主管',
};

/** Whose console inbox hears about a group's new tickets. */
export const GROUP_INBOX_ROLE: Record<TicketGroup, Role> = {
  after_sales: 'cs',
  customer_service: 'cs',
  warehouse: 'warehouse',
  supervisor: 'supervisor',
};

export function ticketNumber(id: number): string {
  return `LX-${String(id).padStart(6, '0')}`;
}

export function checkTransition(from: TicketStatus, to: TicketStatus): void {
  if (from === to) throw fail.conflict(`The ticket is already ${to}.`, { status: to });
  if (!TICKET_TRANSITIONS[from].includes(to)) {
    throw fail.conflict(`A ticket cannot go from ${from} to ${to}; allowed: ${TICKET_TRANSITIONS[from].join(', ')}.`, { from, to, allowed: TICKET_TRANSITIONS[from] });
  }
}
