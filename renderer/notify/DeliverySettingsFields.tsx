import type { NotifyHandlers, NotifySettings } from '../../core/contract/notify.js';
import { useI18n, type MessageKey } from '../i18n/index.js';

/**
 * The delivery settings as the operator types them: counts, seconds and minutes, HH:MM and
 * comma-separated error codes, all as text until saved; the engine keeps milliseconds and arrays.
 */
type NumberKey = Exclude<keyof NotifySettings, 'quietHours' | 'codes'>;
type CodeKey = keyof NotifySettings['codes'];
export type DraftKey = NumberKey | CodeKey | 'quietStart' | 'quietEnd';
export type Draft = Record<DraftKey, string>;
/** A field's problem: a message key for input the form refuses, 'engine' for one the engine refused. */
export type FieldProblems = Partial<Record<DraftKey, MessageKey | 'engine'>>;
export type SettingsPatch = NotifyHandlers['notify/setSettings']['args'];

/** Milliseconds per unit shown; null = a plain count. */
const UNIT_MS: Record<NumberKey, number | null> = {
  maxAttempts: null,
  baseDelayMs: 1_000,
  maxDelayMs: 1_000,
  robotPerMinute: null,
  dingtalkBlockMs: 60_000,
  wecomRateLimitPauseMs: 1_000,
  smsThrottleDelayMs: 60_000,
  maxRateLimited: null,
};
export const NUMBER_KEYS = Object.keys(UNIT_MS) as NumberKey[];
/** WeCom and DingTalk answer numeric errcodes (protocols.md §6), Aliyun SMS string Codes (§7). */
const NUMERIC_CODES: CodeKey[] = ['wecomRateLimit', 'wecomTransient', 'dingtalkRateLimit', 'dingtalkTransient'];
export const CODE_KEYS: CodeKey[] = [...NUMERIC_CODES, 'smsThrottle', 'smsTransient'];

const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$/;
const COUNT = /^\d+$/;
const AMOUNT = /^\d+(\.\d+)?$/;
const splitCodes = (text: string) => text.split(/[,，\s]+/).filter(Boolean);

export function toDraft(s: NotifySettings): Draft {
  const numbers = Object.fromEntries(NUMBER_KEYS.map((k) => [k, String(s[k] / (UNIT_MS[k] ?? 1))]));
  const codes = Object.fromEntries(CODE_KEYS.map((k) => [k, s.codes[k].join(', ')]));
  return { ...numbers, ...codes, quietStart: s.quietHours.start, quietEnd: s.quietHours.end } as Draft;
}

/**
 * The changes against what the engine last said, or why the form refuses them. Only changed values
 * are sent, so two supervisors editing different knobs do not undo each other's work.
 */
export function readDraft(draft: Draft, loaded: NotifySettings): { patch: SettingsPatch; problems: FieldProblems } {
  const problems: FieldProblems = {};
  const patch: SettingsPatch = {};
  for (const key of NUMBER_KEYS) {
    const text = draft[key].trim();
    const unit = UNIT_MS[key];
    if (unit === null ? !COUNT.test(text) || Number(text) < 1 : !AMOUNT.test(text)) {
      problems[key] = unit === null ? 'notify.settings.invalid.count' : 'notify.settings.invalid.duration';
      continue;
    }
    const value = Math.round(Number(text) * (unit ?? 1));
    if (value !== loaded[key]) patch[key] = value;
  }
  const codes: Partial<NotifySettings['codes']> = {};
  for (const key of CODE_KEYS) {
    const parts = splitCodes(draft[key]);
    const numeric = NUMERIC_CODES.includes(key);
    if (!parts.every((p) => (numeric ? /^-?\d+$/ : /^[\w.:-]+$/).test(p))) {
      problems[key] = numeric ? 'notify.settings.invalid.numberCodes' : 'notify.settings.invalid.textCodes';
      continue;
    }
    const list = numeric ? parts.map(Number) : parts;
    if (JSON.stringify(list) !== JSON.stringify(loaded.codes[key])) Object.assign(codes, { [key]: list });
  }
  if (Object.keys(codes).length > 0) patch.codes = codes;
  for (const key of ['quietStart', 'quietEnd'] as const) if (!CLOCK.test(draft[key])) problems[key] = 'notify.settings.invalid.time';
  if (!problems.quietStart && !problems.quietEnd && (draft.quietStart !== loaded.quietHours.start || draft.quietEnd !== loaded.quietHours.end)) {
    patch.quietHours = { ...loaded.quietHours, start: draft.quietStart, end: draft.quietEnd };
  }
  return { patch, problems };
}

/** The engine names the argument it refused ('maxDelayMs', 'codes.smsThrottle.0', 'quietHours.start'). */
export function engineProblems(details: Record<string, unknown> | undefined): FieldProblems {
  const problems: FieldProblems = {};
  for (const path of Object.keys(details ?? {})) {
    const [head, next] = path.split('.');
    const key = head === 'codes' ? next : head === 'quietHours' ? (next === 'end' ? 'quietEnd' : 'quietStart') : head;
    if (key && (NUMBER_KEYS as string[]).concat(CODE_KEYS, ['quietStart', 'quietEnd']).includes(key)) problems[key as DraftKey] = 'engine';
  }
  return problems;
}

interface SettingFieldProps {
  name: DraftKey;
  draft: Draft;
  problems: FieldProblems;
  onChange(name: DraftKey, value: string): void;
  help?: string;
}

/** One labelled input; numbers are counts or amounts of the unit in the label, codes free text. */
export function SettingField({ name, draft, problems, onChange, help }: SettingFieldProps) {
  const { t } = useI18n();
  const problem = problems[name];
  const isNumber = (NUMBER_KEYS as string[]).includes(name);
  const type = isNumber ? 'number' : name === 'quietStart' || name === 'quietEnd' ? 'time' : 'text';
  const step = isNumber ? (UNIT_MS[name as NumberKey] === null ? 1 : 'any') : undefined;
  return (
    <label className="field notify-settings__field">
      <span>{t(`notify.settings.field.${name}`)}</span>
      <input type={type} min={isNumber ? 0 : undefined} step={step} value={draft[name]} aria-invalid={problem ? true : undefined} onChange={(e) => onChange(name, e.target.value)} data-testid={`notify-setting-${name}`} />
      {help && <small className="muted">{help}</small>}
      {problem && problem !== 'engine' && <small className="notify-settings__problem" data-testid={`notify-setting-${name}-problem`}>{t(problem)}</small>}
    </label>
  );
}
