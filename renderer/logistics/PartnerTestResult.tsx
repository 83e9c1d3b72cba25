import type { ConnectionTestOutcome } from '../common/useConnectionTest.js';
import type { PartnerTestResult as Result } from '../../core/contract/logistics-partners.js';
import { ErrorMessage } from '../common/ErrorMessage.js';
import { useI18n, type Translate } from '../i18n/index.js';

export type PartnerTestOutcome = ConnectionTestOutcome<Result>;

function outcomeText(t: Translate, r: Result): string {
  switch (r.outcome) {
    case 'connected':
      return t('partners.outcome.connected', { message: r.message });
    case 'refused':
      return t('partners.outcome.refused', { code: r.partnerCode ?? '', message: r.message });
    case 'unreachable':
      return t('partners.outcome.unreachable', { message: r.message });
    default:
      return t('partners.outcome.error', { message: r.message });
  }
}

/** The answer of `logistics/testPartner`: the partner's own code and words verbatim, and how long it took. */
export function PartnerTestResult({ outcome }: { outcome: PartnerTestOutcome | null }) {
  const { t } = useI18n();
  if (!outcome) return null;
  if ('error' in outcome) return <ErrorMessage error={outcome.error} testId="partner-test-error" />;
  const r = outcome.result;
  return (
    <div className={`message ${r.ok ? 'message--ok' : 'message--error'}`} role={r.ok ? 'status' : 'alert'} data-testid="partner-test-result" data-outcome={r.outcome}>
      <strong data-testid="partner-test-text">{outcomeText(t, r)}</strong>
      <span className="muted"> · {t('partners.elapsed', { ms: r.elapsedMs })}</span>
      {r.events > 0 && <span className="muted"> · {t('partners.events', { count: r.events })}</span>}
    </div>
  );
}
