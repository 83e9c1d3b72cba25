import { useCallback, useEffect, useState } from 'react';
import type { CoreError } from '../../core/contract/errors.js';
import type { LabelReading, ReadingSource, RepushResult, RepushStep, WaybillCandidateInfo, WaybillCheckResult, WaybillConfirmation } from '../../core/contract/waybill.js';
import { useI18n } from '../i18n/index.js';
import { stateLabel } from '../logistics/format.js';
import { send } from '../transport/index.js';
import { CARRIER_CODES, carrierName } from './WaybillRepushCarriers.js';
import { CandidateList, engineMessage, ReceiverFragments, sameWaybill } from './WaybillRepushPhoto.js';

/**
 * Number and carrier (from the photo, corrected by the agent if needed), the engine's check with a
 * tick box per confirmation it asks for, then confirm: attach, query the carrier, write back.
 */
export function WaybillRepushConfirm({ orderId, reading, onChanged, onNumber }: { orderId: number; reading: LabelReading | null; onChanged(): void; onNumber?(waybillNo: string): void }) {
  const { t } = useI18n();
  const [waybillNo, setWaybillNo] = useState('');
  const [carrier, setCarrier] = useState('');
  const [source, setSource] = useState<ReadingSource>('manual');
  const [check, setCheck] = useState<WaybillCheckResult | null>(null);
  const [ticked, setTicked] = useState<WaybillConfirmation[]>([]);
  const [result, setResult] = useState<RepushResult | null>(null);
  const [busy, setBusy] = useState<'check' | 'confirm' | 'retry' | null>(null);
  const [error, setError] = useState<CoreError | null>(null);
  const labelReceiver = reading ? reading.receiver : undefined;

  const runCheck = useCallback(
    async (number: string, carrierCode: string) => {
      if (!number.trim()) return;
      setBusy('check');
      setError(null);
      const r = await send('waybill/check', { orderId, waybillNo: number, ...(carrierCode ? { carrier: carrierCode } : {}), ...(labelReceiver ? { labelReceiver } : {}) });
      setBusy(null);
      if ('error' in r) return setError(r.error);
      setCheck(r.data);
      setTicked([]);
      setCarrier(r.data.carrier);
      setWaybillNo(r.data.waybillNo);
    },
    [orderId, labelReceiver],
  );

  // The photo emphasises the box of the number currently chosen.
  useEffect(() => onNumber?.(waybillNo), [waybillNo, onNumber]);

  // A new reading (a new photo) starts over with what it read.
  useEffect(() => {
    setResult(null);
    setCheck(null);
    if (!reading) return;
    setWaybillNo(reading.waybillNo ?? '');
    setCarrier(reading.carrier ?? '');
    setSource(reading.source ?? 'manual');
    if (reading.waybillNo) void runCheck(reading.waybillNo, reading.carrier ?? '');
  }, [reading, runCheck]);

  function pick(c: WaybillCandidateInfo) {
    setWaybillNo(c.waybillNo);
    setCarrier(c.carrier ?? '');
    setSource(c.source);
    void runCheck(c.waybillNo, c.carrier ?? '');
  }

  function edit(number: string) {
    setWaybillNo(number);
    setSource(reading?.candidates.find((c) => sameWaybill(c.waybillNo, number))?.source ?? 'manual');
  }

  const stale = check !== null && (!sameWaybill(check.waybillNo, waybillNo) || check.carrier !== carrier);
  const missing = check ? check.needs.filter((n) => !ticked.includes(n)) : [];
  const canConfirm = check !== null && !stale && check.blocked === null && missing.length === 0 && busy === null;

  async function confirm() {
    if (!check) return;
    setBusy('confirm');
    setError(null);
    const r = await send('waybill/confirm', {
      orderId,
      waybillNo: check.waybillNo,
      carrier: check.carrier,
      source,
      ...(reading ? { photoId: reading.photoId } : {}),
      ...(labelReceiver ? { labelReceiver } : {}),
      confirmations: ticked,
    });
    setBusy(null);
    if ('error' in r) {
      setError(r.error);
      // The order changed under us (another parcel, another confirmation needed): show the fresh check.
      if (r.error.type === 'ValidationError' || r.error.type === 'Conflict') void runCheck(check.waybillNo, check.carrier);
      return;
    }
    setResult(r.data);
    onChanged();
  }

  async function retry() {
    if (!result) return;
    setBusy('retry');
    setError(null);
    const r = await send('waybill/retryWriteBack', { orderId, waybillNo: result.waybillNo });
    setBusy(null);
    if ('error' in r) return setError(r.error);
    setResult({ ...result, steps: result.steps.map((s) => (s.step === 'write-back' ? r.data : s)) });
    onChanged();
  }

  if (result) return <RepushSteps result={result} busy={busy === 'retry'} error={error} onRetry={() => void retry()} />;

  return (
    <div data-testid="waybill-confirm">
      {reading && !reading.waybillNo && (
        <p className="message message--warn" data-testid="waybill-no-number">
          {t('waybill.noNumber')}
        </p>
      )}
      {reading && <CandidateList candidates={reading.candidates} chosen={waybillNo} onPick={pick} />}
      <form
        className="waybill__fields"
        onSubmit={(e) => {
          e.preventDefault();
          void runCheck(waybillNo, carrier);
        }}
      >
        <label>
          {t('waybill.number')}
          <input className="mono" value={waybillNo} onChange={(e) => edit(e.target.value)} maxLength={64} data-testid="waybill-number" />
        </label>
        <label>
          {t('waybill.carrier')}
          <select value={carrier} onChange={(e) => setCarrier(e.target.value)} data-testid="waybill-carrier">
            <option value="">{t('waybill.chooseCarrier')}</option>
            {CARRIER_CODES.map((code) => (
              <option key={code} value={code}>
                {carrierName(t, code)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="button" disabled={busy !== null || !waybillNo.trim()} data-testid="waybill-check">
          {busy === 'check' ? t('waybill.checking') : t('waybill.check')}
        </button>
      </form>
      <ReceiverFragments
        label={check ? check.receiver.label : { surname: reading?.receiver.nameFragment ?? null, phoneTail: reading?.receiver.phoneTail ?? null }}
        order={check ? check.receiver.order : null}
      />
      {check && <CheckFindings check={check} stale={stale} ticked={ticked} onTick={setTicked} />}
      {error && (
        <div className="message message--error" role="alert" data-testid="waybill-error">
          {engineMessage(t, error)}
        </div>
      )}
      <div className="waybill__actions">
        <button type="button" className="button button--primary" disabled={!canConfirm} onClick={() => void confirm()} data-testid="waybill-confirm-button">
          {busy === 'confirm' ? t('waybill.confirming') : t('waybill.confirm')}
        </button>
      </div>
    </div>
  );
}

function CheckFindings({ check, stale, ticked, onTick }: { check: WaybillCheckResult; stale: boolean; ticked: WaybillConfirmation[]; onTick(next: WaybillConfirmation[]): void }) {
  const { t } = useI18n();
  if (stale) return <p className="message message--warn">{t('waybill.checkFirst')}</p>;
  const warnings = [
    check.patternWarning,
    check.attachedTo.length ? t('waybill.attachedTo', { orders: check.attachedTo.map((o) => o.platformOrderId).join(', ') }) : null,
    check.receiver.warning,
  ].filter((w): w is string => Boolean(w));
  return (
    <div data-testid="waybill-check-result" data-blocked={check.blocked ? 'true' : 'false'}>
      {check.blocked && (
        <div className="message message--error" role="alert" data-testid="waybill-blocked">
          {t('waybill.blocked', { reason: check.blocked })}
        </div>
      )}
      {warnings.map((w) => (
        <p key={w} className="message message--warn" data-testid="waybill-warning">
          {w}
        </p>
      ))}
      {!check.blocked && warnings.length === 0 && (
        <p className="message message--ok" data-testid="waybill-check-ok">
          {t('waybill.checkOk')}
        </p>
      )}
      {!check.blocked && check.needs.length > 0 && (
        <ul className="waybill__needs">
          {check.needs.map((need) => (
            <li key={need}>
              <label>
                <input
                  type="checkbox"
                  checked={ticked.includes(need)}
                  onChange={(e) => onTick(e.target.checked ? [...ticked, need] : ticked.filter((n) => n !== need))}
                  data-testid="waybill-need"
                  data-need={need}
                />
                {t(`waybill.need.${need}`)}
              </label>
            </li>
          ))}
        </ul>
      )}
      {!check.blocked && (
        <p className="muted" data-testid="waybill-write-back-mode" data-mode={check.writeBack}>
          {t(`waybill.writeBack.${check.writeBack}`, { existing: check.platformWaybills.join(', ') })}
        </p>
      )}
    </div>
  );
}

function RepushSteps({ result, busy, error, onRetry }: { result: RepushResult; busy: boolean; error: CoreError | null; onRetry(): void }) {
  const { t } = useI18n();
  const writeBackFailed = result.steps.some((s) => s.step === 'write-back' && s.status === 'failed');
  return (
    <div data-testid="waybill-result">
      <h4>
        {t('waybill.steps')} · <span className="mono">{result.waybillNo}</span> {result.carrier}
      </h4>
      <ol className="waybill__steps">
        {result.steps.map((s) => (
          <StepRow key={s.step} step={s} />
        ))}
      </ol>
      {result.trackingState && <p className="muted">{t('waybill.trackingState', { state: stateLabel(t, result.trackingState as Parameters<typeof stateLabel>[1]) })}</p>}
      {error && (
        <div className="message message--error" role="alert" data-testid="waybill-error">
          {engineMessage(t, error)}
        </div>
      )}
      {writeBackFailed && (
        <button type="button" className="button" disabled={busy} onClick={onRetry} data-testid="waybill-retry">
          {busy ? t('waybill.retrying') : t('waybill.retryWriteBack')}
        </button>
      )}
    </div>
  );
}

function StepRow({ step }: { step: RepushStep }) {
  const { t } = useI18n();
  return (
    <li className={`waybill__step waybill__step--${step.status}`} data-testid="waybill-step" data-step={step.step} data-status={step.status}>
      <strong>{t(`waybill.step.${step.step}`)}</strong> <span className={step.status === 'failed' ? 'badge badge--danger' : step.status === 'done' ? 'badge' : 'badge badge--muted'}>{t(`waybill.status.${step.status}`)}</span>
      <div data-testid="waybill-step-message">{step.message}</div>
      {step.raw && (
        <details>
          <summary>{t('waybill.raw')}</summary>
          <pre data-testid="waybill-step-raw">{step.raw}</pre>
        </details>
      )}
    </li>
  );
}
