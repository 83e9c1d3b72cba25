/**
 * The sandbox platforms' shop authorisation: one-time codes handed out by a simulated authorise page
 * (the sandbox seller always grants), access tokens that expire on the simulator's clock, refresh
 * tokens that rotate (the old one stops working once used). Each simulator wraps this in its own
 * wire format and error answers; nothing here knows core/.
 */
import { Rng } from './rng.js';

export interface OAuthKnobs {
  /** Access token lifetime, seconds. Default 86,400. */
  accessTtlS?: number;
  /** Refresh token lifetime, seconds. Default 30 days. */
  refreshTtlS?: number;
  /** How long an authorisation code may be exchanged, seconds. Default 600. */
  codeTtlS?: number;
}

export interface IssuedGrant {
  accessToken: string;
  refreshToken: string;
  accessExpiresAt: number;
  refreshExpiresAt: number;
  expiresInS: number;
  refreshExpiresInS: number;
}

interface Token {
  appKey: string;
  expiresAt: number;
}

export type TokenCheck = 'unknown' | 'expired' | 'ok';

export class OAuthBook {
  private readonly codes = new Map<string, Token>();
  private readonly access = new Map<string, Token>();
  private readonly refresh = new Map<string, Token>();
  private readonly rng: Rng;
  private issued = 0;
  /** Grants handed out, refreshes served and refused: what tests assert against. */
  readonly stats = { codes: 0, exchanged: 0, refreshed: 0, refused: 0 };

  constructor(
    private readonly prefix: string,
    seed: number,
    private readonly now: () => number,
    private readonly knobs: OAuthKnobs = {},
  ) {
    this.rng = new Rng(seed ^ 0x0a07);
  }

  private token(kind: string): string {
    return `${this.prefix}${kind}${(++this.issued).toString(36)}${this.rng.digits(12)}`;
  }

  /** The authorise page: a one-time code for `appKey`, to be sent back to the redirect URI with `state`. */
  grantCode(appKey: string): string {
    const code = this.token('code');
    this.codes.set(code, { appKey, expiresAt: this.now() + (this.knobs.codeTtlS ?? 600) * 1000 });
    this.stats.codes++;
    return code;
  }

  private issue(appKey: string): IssuedGrant {
    const now = this.now();
    const expiresInS = this.knobs.accessTtlS ?? 86_400;
    const refreshExpiresInS = this.knobs.refreshTtlS ?? 30 * 86_400;
    const grant: IssuedGrant = {
      accessToken: this.token('at'),
      refreshToken: this.token('rt'),
      accessExpiresAt: now + expiresInS * 1000,
      refreshExpiresAt: now + refreshExpiresInS * 1000,
      expiresInS,
      refreshExpiresInS,
    };
    this.access.set(grant.accessToken, { appKey, expiresAt: grant.accessExpiresAt });
    this.refresh.set(grant.refreshToken, { appKey, expiresAt: grant.refreshExpiresAt });
    return grant;
  }

  /** Code → tokens; a code works once, for its own app, before it expires. */
  exchange(appKey: string, code: string): IssuedGrant | null {
    const entry = this.codes.get(code);
    this.codes.delete(code);
    if (!entry || entry.appKey !== appKey || entry.expiresAt <= this.now()) {
      this.stats.refused++;
      return null;
    }
    this.stats.exchanged++;
    return this.issue(appKey);
  }

  /** Refresh token → new tokens; the refresh token is used up (rotation). */
  renew(appKey: string, refreshToken: string): IssuedGrant | null {
    const entry = this.refresh.get(refreshToken);
    this.refresh.delete(refreshToken);
    if (!entry || entry.appKey !== appKey || entry.expiresAt <= this.now()) {
      this.stats.refused++;
      return null;
    }
    this.stats.refreshed++;
    return this.issue(appKey);
  }

  /** Whether `token` is an access token this book issued to `appKey`, and still valid. */
  check(appKey: string, token: string): TokenCheck {
    const entry = this.access.get(token);
    if (!entry || entry.appKey !== appKey) return 'unknown';
    return entry.expiresAt <= this.now() ? 'expired' : 'ok';
  }

  /** Test knob: every access token issued so far expires now (the platform cut them short). */
  expireAccessTokens(): void {
    const now = this.now();
    for (const entry of this.access.values()) entry.expiresAt = Math.min(entry.expiresAt, now);
  }

  /** Test knob: the platform revokes every refresh token (the seller cancelled the grant). */
  revokeRefreshTokens(): void {
    this.refresh.clear();
  }
}

/** The authorise page's answer: 302 to the redirect URI with `code` and `state` (OAuth 2 code flow). */
export function authoriseRedirect(book: OAuthBook, query: URLSearchParams, appKeyParam: string, knownApp: (appKey: string) => boolean): { status: number; location?: string; body: string } {
  const appKey = query.get(appKeyParam) ?? '';
  const redirect = query.get('redirect_uri') ?? '';
  if (!knownApp(appKey)) return { status: 400, body: `unknown ${appKeyParam}` };
  let target: URL;
  try {
    target = new URL(redirect);
  } catch {
    return { status: 400, body: 'redirect_uri is not a URL' };
  }
  target.searchParams.set('code', book.grantCode(appKey));
  const state = query.get('state');
  if (state !== null) target.searchParams.set('state', state);
  return { status: 302, location: target.toString(), body: '' };
}
