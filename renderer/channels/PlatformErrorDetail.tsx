import type { ChannelsHandlers } from '../../core/contract/api.js';
import type { CoreError } from '../../core/contract/errors.js';
import { describeError } from '../common/errors.js';
import { hasMessage, useI18n, type Translate } from '../i18n/index.js';

export interface PlatformErrorInfo {
  kind: string;
  message: string;
  raw: string | null;
}

export type TestOutcome = { result: ChannelsHandlers['channels/testConnection']['result'] } | { error: CoreError };

/** The label of a value from engine data ("syncKind.rescan"), or the value itself if this console does not know it yet. */
export function dataLabel(t: Translate, prefix: 'errorKind' | 'syncKind' | 'syncTrigger' | 'runStatus', value: string): string {
  const key = `${prefix}.${value}`;
  return hasMessage(key) ? t(key) : value;
}

/**
 * What went wrong talking to a platform: our classification (kind), our message, and the platform's
 * own words verbatim in monospace, because that is what the platform's support desk will ask for.
 */
export function PlatformErrorDetail({ error, testId }: { error: PlatformErrorInfo; testId?: string }) {
  const { t } = useI18n();
  return (
    <div className="platform-error" data-testid={testId}>
      <span className={`badge badge--danger error-kind error-kind--${error.kind}`} data-testid={testId && `${testId}-kind`}>
        {dataLabel(t, 'errorKind', error.kind)}
      </span>
      <span className="platform-error__message">{error.message}</span>
      {error.raw && (
        <div className="platform-error__raw">
          <span className="muted">{t('common.labelled', { label: t('channels.rawMessage') })}</span>
          <code className="mono" data-testid={testId && `${testId}-raw`}>{error.raw}</code>
        </div>
      )}
    </div>
  );
}

/** The answer of `channels/testConnection`: success detail, the platform's refusal, or an engine error. */
export function TestResult({ outcome }: { outcome: TestOutcome | null }) {
  const { t } = useI18n();
  if (!outcome) return null;
  if ('error' in outcome) {
    const described = describeError(t, outcome.error);
    // a ValidationError names its fields; the engine's sentence says what to do about them
    const sentence = described.includes(outcome.error.message) ? null : outcome.error.message;
    return (
      <div className="message message--error" role="alert" data-testid="shop-test-result" data-ok="false">
        <strong>{t('shopForm.testFailed')}</strong> · {described}
        {sentence && <span data-testid="shop-test-message"> · {sentence}</span>}
      </div>
    );
  }
  const { ok, detail, error } = outcome.result;
  return (
    <div className={`message ${ok ? 'message--ok' : 'message--error'}`} role={ok ? 'status' : 'alert'} data-testid="shop-test-result" data-ok={String(ok)}>
      <strong>{ok ? t('shopForm.testOk') : t('shopForm.testFailed')}</strong>
      {ok && detail && <> · <span data-testid="shop-test-detail">{detail}</span></>}
      {error && <PlatformErrorDetail error={error} testId="shop-test-error" />}
    </div>
  );
}
