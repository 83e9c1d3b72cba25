import type { ChannelsHandlers } from '../../core/contract/api.js';
import type { ConnectionTestOutcome } from '../common/useConnectionTest.js';
import { describeError } from '../common/errors.js';
import { hasMessage, useI18n, type Translate } from '../i18n/index.js';

export interface PlatformErrorInfo {
  kind: string;
  /** Stable failure code (core/contract/channels.ts FAILURE_CODES): said in the operator's language. */
  code?: string | null;
  message: string;
  raw: string | null;
}

/** The operator-language sentence for a failure code, or null when this console does not know the code. */
export function failureText(t: Translate, code: string | null | undefined): string | null {
  const key = `failure.${code ?? ''}`;
  return code && hasMessage(key) ? t(key) : null;
}

export type ConnectionTestResult = ChannelsHandlers['channels/testConnection']['result'];
export type TestOutcome = ConnectionTestOutcome<ConnectionTestResult>;

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
  const said = failureText(t, error.code);
  return (
    <div className="platform-error" data-testid={testId} data-code={error.code ?? undefined}>
      <span className={`badge badge--danger error-kind error-kind--${error.kind}`} data-testid={testId && `${testId}-kind`}>
        {dataLabel(t, 'errorKind', error.kind)}
      </span>
      {said && <strong className="platform-error__said" data-testid={testId && `${testId}-code`}>{said}</strong>}
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
