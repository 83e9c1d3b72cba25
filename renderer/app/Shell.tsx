import { useCallback, useEffect, useMemo, useState } from 'react';
import { ChannelsWorkspace } from '../channels/ChannelsWorkspace.js';
import { LogisticsWorkspace } from '../logistics/LogisticsWorkspace.js';
import { NotifyWorkspace } from '../notify/NotifyWorkspace.js';
import { OrdersWorkspace } from '../orders/OrdersWorkspace.js';
import { SkuWorkspace } from '../sku/SkuWorkspace.js';
import { UsersWorkspace } from '../users/UsersWorkspace.js';
import { useSession } from '../session/SessionContext.js';
import { NavBar } from './NavBar.js';
import { StatusBar } from './StatusBar.js';
import { TopBar } from './TopBar.js';
import { visibleWorkspaces, type WorkspaceId } from './workspaces.js';

export function Shell() {
  const session = useSession();
  const entries = useMemo(() => visibleWorkspaces(session.can), [session]);
  const [active, setActive] = useState<WorkspaceId>('orders');

  const switchByIndex = useCallback(
    (index: number) => {
      const entry = entries[index];
      if (entry && !entry.comingSoon) setActive(entry.id);
    },
    [entries],
  );

  // Alt+1..9 switch workspaces from anywhere, including from inside the grid.
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (!event.altKey || event.ctrlKey || event.metaKey) return;
      const digit = /^Digit([1-9])$/.exec(event.code);
      if (!digit) return;
      event.preventDefault();
      switchByIndex(Number(digit[1]) - 1);
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [switchByIndex]);

  return (
    <div className="shell" data-testid="shell">
      <TopBar />
      <NavBar entries={entries} active={active} onSelect={setActive} />
      <main className="shell__workspace" id="workspace" data-testid={`workspace-${active}`}>
        {active === 'orders' && <OrdersWorkspace />}
        {active === 'logistics' && <LogisticsWorkspace />}
        {active === 'channels' && <ChannelsWorkspace />}
        {active === 'notify' && <NotifyWorkspace />}
        {active === 'sku' && <SkuWorkspace />}
        {active === 'users' && <UsersWorkspace />}
      </main>
      <StatusBar />
    </div>
  );
}
