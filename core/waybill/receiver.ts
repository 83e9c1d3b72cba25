/**
 * Comparing the receiver printed on a label with the order's. Platforms mask what they send
 * (张** / *三 / 138****5678), so only what both sides can show is compared: the surname (the first
 * character when it is not a mask) and the phone's last four digits. A mismatch is a warning for the
 * agent, never a refusal: labels get reprinted, parcels get merged.
 */
const MASK = /[*＊×xX]/;

export function surnameOf(name: string | null | undefined): string | null {
  const first = (name ?? '').trim().charAt(0);
  return first && !MASK.test(first) && /[\u4e00-\u9fff]/.test(first) ? first : null;
}

export function phoneTailOf(text: string | null | undefined): string | null {
  const digits = (text ?? '').replace(/\D/g, '');
  return digits.length >= 4 ? digits.slice(-4) : null;
}

export interface ReceiverComparison {
  label: { surname: string | null; phoneTail: string | null };
  order: { surname: string | null; phoneTail: string | null };
  warning: string | null;
}

export function compareReceiver(label: { nameFragment?: string | null; phoneTail?: string | null } | undefined, order: { name: string; phoneTail: string }): ReceiverComparison {
  const l = { surname: surnameOf(label?.nameFragment), phoneTail: phoneTailOf(label?.phoneTail) };
  const o = { surname: surnameOf(order.name), phoneTail: phoneTailOf(order.phoneTail) };
  const problems: string[] = [];
  if (l.surname && o.surname && l.surname !== o.surname) problems.push(`面单收件人姓「${l.surname}」，订单收件人姓「${o.surname}」 (surname ${l.surname} ≠ ${o.surname})`);
  if (l.phoneTail && o.phoneTail && l.phoneTail !== o.phoneTail) problems.push(`面单电话尾号 ${l.phoneTail}，订单为 ${o.phoneTail} (phone tail ${l.phoneTail} ≠ ${o.phoneTail})`);
  return { label: l, order: o, warning: problems.length ? problems.join('；') : null };
}
