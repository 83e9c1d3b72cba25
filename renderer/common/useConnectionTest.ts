import { useState } from 'react';
import type { CoreError } from '../../core/contract/errors.js';

/** What a connection test answered: the engine's result, or its error. */
export type ConnectionTestOutcome<R> = { result: R } | { error: CoreError };

/**
 * Test before save (shops' credentials, carrier APIs): a form's values may be saved only after a
 * successful test of exactly those values. `key` names the values as they stand; `passed` turns
 * false again as soon as they change.
 */
export function useConnectionTest<R extends { ok: boolean }>(key: string) {
  const [testing, setTesting] = useState(false);
  const [outcome, setOutcome] = useState<ConnectionTestOutcome<R> | null>(null);
  const [testedKey, setTestedKey] = useState<string | null>(null);

  /** Runs one test; `counts: false` for a test of what is already stored (it unlocks no save). */
  async function run(call: () => Promise<{ data: R } | { error: CoreError }>, counts = true): Promise<void> {
    setTesting(true);
    setOutcome(null);
    const result = await call();
    setTesting(false);
    setOutcome('error' in result ? { error: result.error } : { result: result.data });
    if (counts) setTestedKey('data' in result && result.data.ok ? key : null);
  }

  return { testing, outcome, passed: testedKey === key, run, clear: () => setOutcome(null) };
}
