import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ShopHealth, SyncRunInfo, UnknownStatusInfo } from '../../core/contract/channels.js';
import type { CoreError } from '../../core/contract/errors.js';
import { ErrorMessage, Notice } from '../common/ErrorMessage.js';
import { useI18n } from '../i18n/index.js';
import { useSession } from '../session/SessionContext.js';
import { on, send } from '../transport/index.js';
import { AddShopForm } from './AddShopForm.js';
import { CredentialsForm } from './CredentialsForm.js';
import { hookPath, isPushChannel } from './CredentialsFields.js';
import { failureText } from './PlatformErrorDetail.js';
import { MappingEditor } from './MappingEditor.js';
import { RunsPanel } from './RunsPanel.js';
import { ShopsTable, type ShopActions } from './ShopsTable.js';
import { UnknownStatuses } from './UnknownStatuses.js';
import { useChannels } from './useChannels.js';

/**
 * The shops this engine pulls orders from (or receives pushes for), how healthy each one's sync is,
 * its history, and the platform statuses nobody has mapped yet. Managing shops is admin only
 * (`channels.manage`); everyone with `channels.read` sees the health.
 */
export function ChannelsWorkspace() {
  const { t, locale } = useI18n();
  const session = useSession();
  const canManage = session.can('channels.manage');
  const { shops, unknownStatuses, error: loadError, version, reload } = useChannels();
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [busy, setBusy] = useState<ReadonlySet<string>>(new Set());
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<ShopHealth | null>(null);
  const [mapping, setMapping] = useState<ShopHealth | null>(null);
  const [error, setError] = useState<CoreError | string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const report = useCallback((message: string | null, failure: CoreError | string | null = null) => {
    setNotice(message);
    setError(failure);
  }, []);

  // notices are sentences in the language they were written in: a language switch clears them
  useEffect(() => report(null), [locale, report]);

  const markBusy = useCallback((shopId: string, on: boolean) => {
    setBusy((current) => {
      const next = new Set(current);
      if (on) next.add(shopId);
      else next.delete(shopId);
      return next;
    });
  }, []);

  const actions = useMemo<ShopActions>(
    () => ({
      select: (shop) => setSelectedId(shop.id),
      editCredentials: (shop) => setEditing(shop),
      sync: async (shop, kind) => {
        markBusy(shop.id, true);
        report(null);
        // answered at once with the run id; `channels/progress` shows it running, `channels/syncFinished` its end
        let off: () => void = () => undefined;
        let runId: number | null = null;
        const early: SyncRunInfo[] = [];
        const finished = (run: SyncRunInfo) => {
          off();
          markBusy(shop.id, false);
          if (run.status === 'ok') report(t('channels.syncOk', { name: shop.name, inserted: run.inserted, updated: run.updated }));
          else report(null, t('channels.syncFailed', { name: shop.name, reason: failureText(t, run.errorCode) ?? run.errorMessage ?? '' }));
          void reload();
        };
        off = on('channels/syncFinished', (run) => {
          if (runId === null) early.push(run);
          else if (run.id === runId) finished(run);
        });
        const result = await send('channels/syncNow', { shopId: shop.id, kind });
        if ('error' in result || result.data.status === 'skipped') {
          off();
          markBusy(shop.id, false);
          if ('error' in result) report(null, result.error);
          else if (result.data.status === 'skipped') report(t('channels.syncSkipped', { name: shop.name, reason: result.data.reason }));
          return void reload();
        }
        runId = result.data.runId;
        const done = early.find((r) => r.id === runId);
        if (done) return finished(done);
        report(t('channels.syncStarted', { name: shop.name, run: runId }));
        void reload();
      },
      toggle: async (shop) => {
        const result = await send('channels/updateShop', { shopId: shop.id, enabled: !shop.enabled });
        if ('error' in result) return report(null, result.error);
        report(t(result.data.enabled ? 'channels.enabled' : 'channels.disabled', { name: shop.name }));
        void reload();
      },
    }),
    [t, reload, report, markBusy],
  );

  async function acknowledge(status: UnknownStatusInfo) {
    const result = await send('channels/acknowledgeUnknownStatus', { channel: status.channel, status: status.status });
    if ('error' in result) return report(null, result.error);
    report(t('unknown.acknowledged', { status: status.status }));
    void reload();
  }

  function added(shop: ShopHealth) {
    setSelectedId(shop.id);
    report(
      isPushChannel(shop.channel)
        ? t('channels.pushShopAdded', { name: shop.name, path: hookPath(shop.channel) })
        : t('channels.shopAdded', { name: shop.name, days: shop.settings.backfillDays }),
    );
    void reload();
  }

  const selected = shops.find((s) => s.id === selectedId) ?? null;
  return (
    <section className="channels" aria-label={t('channels.title')} data-testid="channels-workspace">
      <div className="toolbar" role="toolbar" aria-label={t('channels.title')}>
        <h2 className="toolbar__title">{t('channels.shops')}</h2>
        <span className="toolbar__total" data-testid="channels-count">{t('channels.count', { count: shops.length.toLocaleString(locale) })}</span>
        <span className="toolbar__spacer" />
        <button type="button" className="button" onClick={() => void reload()} data-testid="channels-refresh">{t('channels.refresh')}</button>
        {canManage && (
          <button type="button" className="button button--primary" onClick={() => setAdding(true)} data-testid="channels-add">{t('channels.addShop')}</button>
        )}
      </div>
      <ErrorMessage error={error ?? loadError} testId="channels-error" />
      <Notice text={notice} testId="channels-notice" />
      <UnknownStatuses statuses={unknownStatuses} canManage={canManage} onAcknowledge={(u) => void acknowledge(u)} />
      {shops.length === 0 && version > 0 ? (
        <p className="muted channels__empty" data-testid="channels-empty">{canManage ? t('channels.emptyManage') : t('channels.empty')}</p>
      ) : (
        <ShopsTable shops={shops} selectedId={selectedId} busy={busy} canManage={canManage} actions={actions} />
      )}
      {selected && !isPushChannel(selected.channel) && (
        <div className="row">
          <button type="button" className="button" onClick={() => setMapping(selected)} data-testid={`shop-mapping-${selected.id}`}>{t('mapping.open')}</button>
        </div>
      )}
      <RunsPanel shop={selected} version={version} />
      {mapping && <MappingEditor shop={mapping} canManage={canManage} onClose={() => setMapping(null)} />}
      {adding && <AddShopForm onClose={() => setAdding(false)} onSaved={added} />}
      {editing && (
        <CredentialsForm
          shop={editing}
          onClose={() => setEditing(null)}
          onSaved={(shop) => {
            report(t('channels.credentialsSaved', { name: shop.name }));
            void reload();
          }}
          onAuthorised={(_shop, message) => {
            report(message);
            void reload();
          }}
        />
      )}
    </section>
  );
}
