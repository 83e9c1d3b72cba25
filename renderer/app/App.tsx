import { useCallback, useEffect, useMemo, useState } from 'react';
import type { OperatorInfo } from '../../core/contract/api.js';
import { useI18n } from '../i18n/index.js';
import { SessionContext, sessionFor } from '../session/SessionContext.js';
import { logout, onUnauthenticated, send } from '../transport/index.js';
import { ChangePasswordPage } from './ChangePasswordPage.js';
import { LoginPage } from './LoginPage.js';
import { Shell } from './Shell.js';

type Stage = { kind: 'checking' } | { kind: 'signedOut' } | { kind: 'signedIn'; operator: OperatorInfo };

/** Who is at the desk decides the page: login, forced password change, or the console itself. */
export function App() {
  const { t } = useI18n();
  const [stage, setStage] = useState<Stage>({ kind: 'checking' });

  const loadOperator = useCallback(async () => {
    const me = await send('auth/me', {});
    setStage('data' in me ? { kind: 'signedIn', operator: me.data } : { kind: 'signedOut' });
  }, []);

  useEffect(() => {
    void loadOperator();
    return onUnauthenticated(() => setStage({ kind: 'signedOut' }));
  }, [loadOperator]);

  const signOut = useCallback(async () => {
    await logout();
    setStage({ kind: 'signedOut' });
  }, []);

  const session = useMemo(
    () => (stage.kind === 'signedIn' ? sessionFor(stage.operator, signOut) : null),
    [stage, signOut],
  );

  if (stage.kind === 'checking') {
    return <div className="splash" aria-busy="true">{t('common.loading')}</div>;
  }
  if (stage.kind === 'signedOut' || !session) {
    return <LoginPage onSignedIn={() => void loadOperator()} />;
  }
  return (
    <SessionContext.Provider value={session}>
      {session.operator.mustChangePassword ? <ChangePasswordPage onChanged={() => void loadOperator()} /> : <Shell />}
    </SessionContext.Provider>
  );
}
