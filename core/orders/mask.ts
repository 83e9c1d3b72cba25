/** Masking for lists: platforms and PIPL expect receiver data shown only as much as the task needs. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\s+/g, '');
  if (digits.includes('*')) return digits; // already masked by the platform
  if (digits.length >= 7) return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
  return digits.length > 0 ? '****' : '';
}

export function phoneTail(phone: string): string {
  const m = /(\d{4})\D*$/.exec(phone);
  return m ? m[1]! : '';
}

export function maskAddress(address: string): string {
  if (!address) return '';
  return `${[...address].slice(0, 2).join('')}****`;
}
