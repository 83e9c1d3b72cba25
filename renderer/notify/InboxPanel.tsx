import { useCallback, useEffect, useState } from 'react';
import type { CoreError } from '../../core/contract/errors.js';
import type { InboxMessage } from '../../core/contract/notify.js';
import { ErrorMessage } from '../common/ErrorMessage.js';
import { formatShanghai } from '../format/time.js';
import { useI18n } from '../i18n/index.js';
import { on, send } from '../transport/index.js';

/** The operator's own in-app messages (addressed to them or to their role); read state is per operator. */
export function InboxPanel({ onUnread }: { onUnread(count: number): void }) {
  const { t } = useI18n();
  const [rows, setRows] = useState<InboxMessage[]>([]);
  const [unread, setUnread] = useState(0);
  const [error, setError] = useState<CoreError | null>(null);

  const reload = useCallback(async () => {
    const result = await send('notify/inbox', {});
    if ('error' in result) return setError(result.error);
    setError(null);
    setRows(result.data.rows);
    setUnread(result.data.unread);
    onUnread(result.data.unread);
  }, [onUnread]);

  useEffect(() => {
    void reload();
    return on('notify/inbox', () => void reload());
  }, [reload]);

  async function markRead(args: { ids?: number[]; all?: boolean }) {
    const result = await send('notify/markRead', args);
    if ('error' in result) return setError(result.error);
    void reload();
  }

  return (
    <div data-testid="notify-inbox">
      <div className="toolbar">
        <span className="toolbar__total" data-testid="notify-inbox-unread">{t('notify.inbox.unread', { count: unread })}</span>
        <span className="toolbar__spacer" />
        {unread > 0 && <button type="button" className="button" onClick={() => void markRead({ all: true })} data-testid="notify-inbox-read-all">{t('notify.inbox.markAllRead')}</button>}
      </div>
      <ErrorMessage error={error} testId="notify-inbox-error" />
      {rows.length === 0 && <p className="muted notify__empty">{t('notify.inbox.empty')}</p>}
      {rows.map((m) => (
        <article key={m.id} className={`notify-inbox__item${m.readAt ? '' : ' is-unread'}`} data-testid={`inbox-${m.id}`}>
          <span className="notify-inbox__title">{m.title}</span>
          <span className="muted shops__time">{formatShanghai(m.createdAt)}</span>
          {m.readAt ? (
            <span className="muted"> · {t('notify.inbox.read')}</span>
          ) : (
            <button type="button" className="button button--small" onClick={() => void markRead({ ids: [m.id] })} data-testid={`inbox-read-${m.id}`}>{t('notify.inbox.markRead')}</button>
          )}
          <p className="notify-inbox__body">{m.body}</p>
        </article>
      ))}
    </div>
  );
}
