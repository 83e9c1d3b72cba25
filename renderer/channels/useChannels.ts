import { useCallback, useEffect, useRef, useState } from 'react';
import type { CoreEvents } from '../../core/contract/api.js';
import type { ShopHealth, UnknownStatusInfo } from '../../core/contract/channels.js';
import type { CoreError } from '../../core/contract/errors.js';
import { on, send } from '../transport/index.js';

/** Shops are re-read every 10 s, and soon after any progress, finished-run or order-change push. */
export const SHOPS_POLL_MS = 10_000;
/** Pushes arrive in bursts during a sync: coalesce them into one reload. */
const PUSH_RELOAD_DELAY_MS = 400;

export interface ChannelsData {
  shops: ShopHealth[];
  unknownStatuses: UnknownStatusInfo[];
  error: CoreError | null;
  /** Bumped on every successful reload, so panels that depend on the shops (history) refresh too. */
  version: number;
  reload(): Promise<void>;
}

/** Applies a progress push to the shop it names at once; the reload that follows confirms it. */
export function withProgress(shops: ShopHealth[], p: CoreEvents['channels/progress']): ShopHealth[] {
  return shops.map((shop) =>
    shop.id === p.shopId
      ? { ...shop, state: 'syncing', progress: { kind: p.kind, windowsDone: p.windowsDone, windowsTotal: p.windowsTotal, pulled: p.pulled } }
      : shop,
  );
}

export function useChannels(): ChannelsData {
  const [shops, setShops] = useState<ShopHealth[]>([]);
  const [unknownStatuses, setUnknownStatuses] = useState<UnknownStatusInfo[]>([]);
  const [error, setError] = useState<CoreError | null>(null);
  const [version, setVersion] = useState(0);
  const alive = useRef(true);
  const pending = useRef<number | null>(null);

  const reload = useCallback(async () => {
    const [shopsResult, unknownResult] = await Promise.all([send('channels/shops', {}), send('channels/unknownStatuses', {})]);
    if (!alive.current) return;
    if ('error' in shopsResult) return setError(shopsResult.error);
    if ('error' in unknownResult) return setError(unknownResult.error);
    setError(null);
    setShops(shopsResult.data);
    setUnknownStatuses(unknownResult.data);
    setVersion((v) => v + 1);
  }, []);

  useEffect(() => {
    alive.current = true;
    const soon = () => {
      if (pending.current !== null) return;
      pending.current = window.setTimeout(() => {
        pending.current = null;
        void reload();
      }, PUSH_RELOAD_DELAY_MS);
    };
    void reload();
    const timer = window.setInterval(() => void reload(), SHOPS_POLL_MS);
    const offProgress = on('channels/progress', (payload) => {
      setShops((current) => withProgress(current, payload));
      soon();
    });
    const offOrders = on('orders/changed', soon);
    const offFinished = on('channels/syncFinished', soon);
    return () => {
      alive.current = false;
      window.clearInterval(timer);
      if (pending.current !== null) window.clearTimeout(pending.current);
      pending.current = null;
      offProgress();
      offOrders();
      offFinished();
    };
  }, [reload]);

  return { shops, unknownStatuses, error, version, reload };
}
