import type { CoreError } from '../../core/contract/errors.js';
import { useI18n } from '../i18n/index.js';
import { describeError } from './errors.js';

export function ErrorMessage({ error, testId }: { error: CoreError | string | null; testId?: string }) {
  const { t } = useI18n();
  if (!error) return null;
  const text = typeof error === 'string' ? error : describeError(t, error);
  return (
    <div className="message message--error" role="alert" data-testid={testId ?? 'error-message'}>
      {text}
    </div>
  );
}

export function Notice({ text, testId }: { text: string | null; testId?: string }) {
  if (!text) return null;
  return (
    <div className="message message--ok" role="status" data-testid={testId ?? 'notice'}>
      {text}
    </div>
  );
}
