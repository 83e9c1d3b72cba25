/**
 * Shop authorisation (OAuth 2 code flow) where the platform offers it. `channels/authorise` builds the
 * platform's authorise URL with a one-time `state` bound to the shop; the seller grants the app; the
 * platform sends `code` + `state` to the redirect URI — which a desktop app cannot receive, so the
 * operator may paste the code (or the whole redirected URL) instead, and the browser-console host may
 * also receive it at GET /hooks/oauth/<channel>. Either way `exchangeCode` checks the state (unknown,
 * used or expired → refused), swaps the code for tokens with a real signed platform call, and stores
 * them in the secrets module in one audited write.
 */
import type { ShopCredentialsInput } from '../contract/channels.js';
import type { Actor } from '../contract/actors.js';
import { fail } from '../kernel/errors.js';
import type { ChannelService } from './service.js';
export { AuthStates, STATE_TTL_MS } from './auth-states.js';
import { applyGrant, storeCredentials } from './tokens.js';
import { describePlatformFailure } from './types.js';

export async function authoriseUrl(service: ChannelService, actor: Actor, source: string, shopId: string, redirectUri: string | undefined) {
  const shop = service.shop(shopId);
  if (!shop) throw fail.notFound(`No shop ${shopId}.`);
  const auth = service.connector(shop.channel)?.auth;
  if (!auth) throw fail.validation(`${shop.channel} shops are not authorised through the platform.`, { shopId: 'no authorisation' });
  const redirect = redirectUri ?? service.deps.partners.oauthRedirectUri;
  if (!redirect) throw fail.validation('Give the redirect URI registered with the platform app.', { redirectUri: 'required' });
  try {
    new URL(redirect);
  } catch {
    throw fail.validation('The redirect URI is not a URL.', { redirectUri: 'not a URL' });
  }
  const { appKey } = service.credentials(shop.id);
  const { state, expiresAt } = await service.authStates.issue(actor, source, shop.id, shop.channel, redirect);
  const base = service.deps.partners.authoriseUrls?.[shop.channel];
  const url = auth.authoriseUrl({ appKey, redirectUri: redirect, state, ...(base ? { baseUrl: base } : {}) });
  return { url, state, redirectUri: redirect, expiresAt };
}

/** The operator may paste the bare code or the whole URL the platform redirected to. */
export function readPastedCode(code: string, state: string): { code: string; state: string } {
  const text = code.trim();
  if (/^https?:\/\//i.test(text)) {
    const url = new URL(text);
    return { code: url.searchParams.get('code') ?? '', state: url.searchParams.get('state') ?? state };
  }
  return { code: text, state };
}

export async function exchangeCode(service: ChannelService, actor: Actor, source: string, args: { shopId?: string; state: string; code: string }): Promise<string> {
  const pasted = readPastedCode(args.code, args.state);
  if (!pasted.code) throw fail.validation('The authorisation code is empty.', { code: 'required' });
  const pending = await service.authStates.take(actor, source, pasted.state);
  if (!pending || (args.shopId !== undefined && pending.shopId !== args.shopId)) {
    throw fail.validation('This authorisation link is unknown, already used or expired; start the authorisation again.', { state: 'invalid' });
  }
  const shop = service.shop(pending.shopId);
  const auth = shop && service.connector(shop.channel)?.auth;
  if (!shop || !auth) throw fail.notFound(`No shop ${pending.shopId}.`);
  const before = service.credentials(shop.id);
  let next: ShopCredentialsInput;
  try {
    next = applyGrant(before, await auth.exchangeCode(service.context(shop.id, shop.channel, before), pasted.code));
  } catch (err) {
    const failure = describePlatformFailure(err);
    throw fail.validation(`The platform refused the code: ${failure.message}`, { code: failure.code, ...(failure.raw ? { raw: failure.raw } : {}) });
  }
  await service.deps.mutations.run(actor, source, (w) => storeCredentials(w, service.deps.secrets, shop.id, before, next, 'authorise', 'Shop authorised: code exchanged for tokens.'));
  return shop.id;
}

/** "Refresh now": a real refresh call; a failure leaves the stored tokens as they were. */
export async function refreshNow(service: ChannelService, shopId: string): Promise<void> {
  const shop = service.shop(shopId);
  if (!shop) throw fail.notFound(`No shop ${shopId}.`);
  const auth = service.connector(shop.channel)?.auth;
  if (!auth) throw fail.validation(`${shop.channel} shops have no token to refresh.`, { shopId: 'no authorisation' });
  const context = service.storedContext(shop);
  try {
    await service.tokens.refresh(context, shop.channel, auth, 'manual', context.credentials.accessToken);
  } catch (err) {
    const failure = describePlatformFailure(err);
    throw fail.validation(failure.message, { code: failure.code, ...(failure.raw ? { raw: failure.raw } : {}) });
  }
}
