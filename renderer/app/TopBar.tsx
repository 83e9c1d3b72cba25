import { useI18n } from '../i18n/index.js';
import { useSession } from '../session/SessionContext.js';
import { LanguageSwitch } from './LanguageSwitch.js';

export function TopBar() {
  const { t } = useI18n();
  const { operator, signOut } = useSession();
  return (
    <header className="topbar" data-testid="topbar">
      <div className="topbar__brand">
        <span className="brand-mark" aria-hidden="true">枢</span>
        <span className="topbar__name" data-testid="product-name">{t('app.name')}</span>
      </div>
      <div className="topbar__right">
        <span className="topbar__operator" title={t('topbar.operator')} data-testid="operator">
          <span data-testid="operator-name">{operator.displayName}</span>
          <span className="badge" data-testid="operator-role">{t(`role.${operator.role}`)}</span>
        </span>
        <LanguageSwitch />
        <button className="button button--ghost" type="button" data-testid="logout" onClick={() => void signOut()}>
          {t('topbar.logout')}
        </button>
      </div>
    </header>
  );
}
