/** scrypt password hashes: `scrypt$N$r$p$salt$hash` (base64), compared in constant time. */
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

// N=2^15, r=8, p=1: OWASP's scrypt minimum is N=2^17 at p=1 for servers with many users; a console
// with a handful of operators on a 2-core desk machine keeps logins near 100 ms with 2^15.
const N = 1 << 15;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;
const MAXMEM = 64 * 1024 * 1024;

export function hashPassword(password: string): string {
  const salt = randomBytes(16);
  const hash = scryptSync(password.normalize('NFKC'), salt, KEY_LENGTH, { N, r: R, p: P, maxmem: MAXMEM });
  return ['scrypt', N, R, P, salt.toString('base64'), hash.toString('base64')].join('$');
}

export function verifyPassword(password: string, stored: string): boolean {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [, n, r, p, salt, hash] = parts as [string, string, string, string, string, string];
  const expected = Buffer.from(hash, 'base64');
  const actual = scryptSync(password.normalize('NFKC'), Buffer.from(salt, 'base64'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: MAXMEM,
  });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** Minimum rules for a new password: long enough, not the username, not a demo password. */
export function passwordProblem(password: string, username: string): string | null {
  if (password.length < 10) return 'The new password must be at least 10 characters long.';
  if (password.toLowerCase() === username.toLowerCase()) return 'The new password must differ from the username.';
  return null;
}

/** A one-time password an admin can read out: 16 characters, no look-alike letters. */
export function oneTimePassword(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';
  const bytes = randomBytes(16);
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
}
