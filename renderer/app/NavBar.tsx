import { useI18n } from '../i18n/index.js';
import type { WorkspaceEntry, WorkspaceId } from './workspaces.js';

interface NavBarProps {
  entries: WorkspaceEntry[];
  active: WorkspaceId;
  onSelect(id: WorkspaceId): void;
}

/** Plain buttons in a nav landmark: reachable with Tab, activated with Enter/Space. */
export function NavBar({ entries, active, onSelect }: NavBarProps) {
  const { t } = useI18n();
  return (
    <nav className="nav" aria-label={t('nav.label')} data-testid="nav">
      <ul>
        {entries.map((entry, index) => {
          const shortcut = index < 9 ? t('nav.shortcut', { n: index + 1 }) : '';
          return (
            <li key={entry.id}>
              <button
                type="button"
                className={`nav__item${entry.id === active ? ' nav__item--active' : ''}`}
                aria-current={entry.id === active ? 'page' : undefined}
                aria-disabled={entry.comingSoon ? true : undefined}
                aria-keyshortcuts={shortcut || undefined}
                disabled={entry.comingSoon}
                data-testid={`nav-${entry.id}`}
                title={entry.comingSoon ? t('common.comingSoon') : shortcut}
                onClick={() => onSelect(entry.id)}
              >
                <span className="nav__label">{t(entry.label)}</span>
                {entry.comingSoon && <span className="nav__soon">{t('common.comingSoon')}</span>}
              </button>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
