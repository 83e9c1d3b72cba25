import { useState } from 'react';
import type { AuthoriseInfo, ShopHealth } from '../../core/contract/channels.js';
import type { CoreError } from '../../core/contract/errors.js';
import { ErrorMessage } from '../common/ErrorMessage.js';
import { formatShanghai } from '../format/time.js';
import { useI18n } from '../i18n/index.js';
import { send } from '../transport/index.js';

/** The browser console can receive the platform's redirect itself; the desktop app cannot. */
function defaultRedirect(channel: string): string {
  const origin = typeof location !== 'undefined' && /^https?:$/.test(location.protocol) ? location.origin : '';
  return origin ? `${origin}/hooks/oauth/${channel}` : '';
}

/**
 * Authorise a shop on its platform (OAuth code flow): a one-time link to the platform's page, then
 * the code the platform hands back — pasted here, since a desktop app receives no redirect — is
 * exchanged for tokens. "Refresh now" asks the platform for new tokens with the refresh token.
 */
export function AuthoriseSection({ shop, onChanged }: { shop: ShopHealth; onChanged(shop: ShopHealth, message: string): void }) {
  const { t } = useI18n();
  const [redirectUri, setRedirectUri] = useState(() => defaultRedirect(shop.channel));
  const [link, setLink] = useState<AuthoriseInfo | null>(null);
  const [code, setCode] = useState('');
  const [working, setWorking] = useState(false);
  const [error, setError] = useState<CoreError | null>(null);

  async function start() {
    setError(null);
    const result = await send('channels/authorise', { shopId: shop.id, ...(redirectUri.trim() ? { redirectUri: redirectUri.trim() } : {}) });
    if ('error' in result) return setError(result.error);
    setLink(result.data);
  }

  async function exchange() {
    if (!link) return;
    setWorking(true);
    setError(null);
    const result = await send('channels/exchangeCode', { shopId: shop.id, state: link.state, code });
    setWorking(false);
    if ('error' in result) return setError(result.error);
    setLink(null);
    setCode('');
    onChanged(result.data, t('channels.authorised', { name: shop.name }));
  }

  async function refresh() {
    setWorking(true);
    setError(null);
    const result = await send('channels/refreshToken', { shopId: shop.id });
    setWorking(false);
    if ('error' in result) return setError(result.error);
    onChanged(result.data, t('channels.tokenRefreshed', { name: shop.name }));
  }

  return (
    <fieldset className="authorise" data-testid="shop-authorise">
      <legend>{t('auth.title')}</legend>
      <p className="muted" data-testid="shop-token-summary" data-token={shop.token}>
        {t(`channels.token.${shop.token}`, { time: shop.tokenExpiresAt ? formatShanghai(shop.tokenExpiresAt) : '' })}
      </p>
      <p className="muted">{t('auth.hint')}</p>
      <label className="field">
        <span>{t('auth.redirectUri')}</span>
        <input value={redirectUri} onChange={(e) => setRedirectUri(e.target.value)} data-testid="shop-authorise-redirect" />
      </label>
      <div className="row">
        <button type="button" className="button" onClick={() => void start()} data-testid="shop-authorise-start">{t('auth.start')}</button>
        {shop.token !== 'unknown' && (
          <button type="button" className="button" disabled={working} onClick={() => void refresh()} data-testid="shop-refresh-token">{t('channels.refreshNow')}</button>
        )}
      </div>
      {link && (
        <>
          <p>
            <a href={link.url} target="_blank" rel="noreferrer" data-testid="shop-authorise-link">{t('auth.open')}</a>{' '}
            <small className="muted">{t('auth.linkExpires', { time: formatShanghai(link.expiresAt) })}</small>
          </p>
          <label className="field">
            <span>{t('auth.code')}</span>
            <input value={code} onChange={(e) => setCode(e.target.value)} autoComplete="off" data-testid="shop-authorise-code" />
          </label>
          <div className="row">
            <button type="button" className="button button--primary" disabled={working || !code.trim()} onClick={() => void exchange()} data-testid="shop-authorise-exchange">
              {working ? t('auth.exchanging') : t('auth.exchange')}
            </button>
          </div>
        </>
      )}
      <ErrorMessage error={error} testId="shop-authorise-error" />
    </fieldset>
  );
}
