import { useEffect, useState } from 'react';
import type { EngineHealth } from '../../core/contract/api.js';
import { useI18n } from '../i18n/index.js';
import { on, send } from '../transport/index.js';

/** Polled every 15 s and refreshed on `engine/health` pushes. */
const HEALTH_POLL_MS = 15_000;

export function StatusBar() {
  const { t, locale } = useI18n();
  const [health, setHealth] = useState<EngineHealth | null>(null);
  const [reachable, setReachable] = useState(true);

  useEffect(() => {
    let alive = true;
    async function refresh() {
      const result = await send('system/health', {});
      if (!alive) return;
      setReachable('data' in result);
      if ('data' in result) setHealth(result.data);
    }
    void refresh();
    const timer = window.setInterval(() => void refresh(), HEALTH_POLL_MS);
    const off = on('engine/health', (payload) => {
      setHealth(payload);
      setReachable(true);
    });
    return () => {
      alive = false;
      window.clearInterval(timer);
      off();
    };
  }, []);

  const number = (n: number) => n.toLocaleString(locale);
  const ok = reachable && health?.ok === true;
  const stateLabel = !health ? t('status.unknown') : ok ? t('status.ok') : t('status.notOk');
  return (
    <footer className="statusbar" role="status" aria-label={t('status.label')} data-testid="status-bar">
      <span className={`statusbar__dot ${ok ? 'is-ok' : 'is-bad'}`} aria-hidden="true" />
      <span data-testid="status-health">{stateLabel}</span>
      {health && (
        <>
          <span data-testid="status-orders">{t('status.orders', { count: number(health.orders) })}</span>
          <span data-testid="status-audit">{t('status.audit', { count: number(health.auditEvents) })}</span>
          <span data-testid="status-schema">{t('status.schema', { version: health.schemaVersion })}</span>
          {health.demo && <span className="badge badge--warn">{t('status.demo')}</span>}
        </>
      )}
    </footer>
  );
}
