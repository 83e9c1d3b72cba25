import { useState } from 'react';
import type { CoreError } from '../../core/contract/errors.js';
import type { OrderDetail, Receiver } from '../../core/contract/orders.js';
import { ErrorMessage } from '../common/ErrorMessage.js';
import { useI18n } from '../i18n/index.js';
import { send } from '../transport/index.js';

/** Masked by default; revealing calls the engine, which audits who looked and why. */
export function ReceiverSection({ detail, canReveal, onRevealed }: { detail: OrderDetail; canReveal: boolean; onRevealed(): void }) {
  const { t } = useI18n();
  const [revealed, setRevealed] = useState<Receiver | null>(null);
  const [error, setError] = useState<CoreError | null>(null);

  async function reveal() {
    const result = await send('orders/reveal', { id: detail.id });
    if ('error' in result) setError(result.error);
    else {
      setRevealed(result.data);
      onRevealed(); // the look is audited: show it on the timeline
    }
  }

  const name = revealed?.name ?? detail.receiverName;
  const phone = revealed?.phone ?? detail.receiverPhoneMasked;
  const address = revealed
    ? `${revealed.province} ${revealed.city} ${revealed.district} ${revealed.address}`
    : `${detail.receiverRegion} ${detail.receiverAddressMasked}`;
  return (
    <section className="drawer__section" aria-labelledby="receiver-heading" data-testid="drawer-receiver">
      <div className="section-head">
        <h3 id="receiver-heading">{t('drawer.receiver')}</h3>
        {canReveal && !revealed && (
          <button type="button" className="button button--small" onClick={() => void reveal()} data-testid="receiver-reveal">
            {t('drawer.reveal')}
          </button>
        )}
        {revealed && <span className="muted">{t('drawer.revealed')}</span>}
      </div>
      <dl className="kv">
        <dt>{t('drawer.receiverName')}</dt>
        <dd data-testid="receiver-name">{name}</dd>
        <dt>{t('drawer.receiverPhone')}</dt>
        <dd className="mono" data-testid="receiver-phone">{phone}</dd>
        <dt>{t('drawer.receiverAddress')}</dt>
        <dd data-testid="receiver-address">{address}</dd>
        {detail.buyerNick && (
          <>
            <dt>{t('drawer.buyer')}</dt>
            <dd>{detail.buyerNick}</dd>
          </>
        )}
      </dl>
      <ErrorMessage error={error} />
    </section>
  );
}
