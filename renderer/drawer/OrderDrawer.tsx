import { useCallback, useEffect, useRef, useState } from 'react';
import type { CoreError } from '../../core/contract/errors.js';
import type { OrderDetail, OrderEditArgs, Shipment } from '../../core/contract/orders.js';
import { ErrorMessage } from '../common/ErrorMessage.js';
import { useI18n } from '../i18n/index.js';
import { useSession } from '../session/SessionContext.js';
import { on, send } from '../transport/index.js';
import { AmountsSection } from './AmountsSection.js';
import { DrawerHeader } from './DrawerHeader.js';
import type { EditOrder } from './editOrder.js';
import { LinesTable } from './LinesTable.js';
import { LogisticsTrail } from './LogisticsTrail.js';
import { ParcelsSection } from './ParcelsSection.js';
import { ReceiverSection } from './ReceiverSection.js';
import { RemarksForm } from './RemarksForm.js';
import { StatusForm } from './StatusForm.js';
import { Timeline } from './Timeline.js';
import { WaybillRepushAction, WaybillRepushDetach } from './WaybillRepushPanel.js';


/** The order's detail beside the grid; Escape closes it and focus returns to the row. */
export function OrderDrawer({ orderId, onClose }: { orderId: number; onClose(): void }) {
  const { t } = useI18n();
  const session = useSession();
  const [detail, setDetail] = useState<OrderDetail | null>(null);
  const [error, setError] = useState<CoreError | null>(null);
  const [timelineTick, setTimelineTick] = useState(0);
  const ref = useRef<HTMLElement>(null);

  const load = useCallback(async () => {
    const result = await send('orders/detail', { id: orderId });
    if ('error' in result) setError(result.error);
    else {
      setError(null);
      setDetail(result.data);
    }
  }, [orderId]);

  useEffect(() => {
    setDetail(null);
    void load();
    ref.current?.focus();
  }, [load]);

  useEffect(
    () =>
      on('orders/changed', (payload) => {
        if (!payload.ids.includes(orderId)) return;
        void load();
        setTimelineTick((n) => n + 1);
      }),
    [orderId, load],
  );

  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.key === 'Escape' && !event.defaultPrevented) onClose();
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [onClose]);

  const edit: EditOrder = useCallback(
    async (changes, reason) => {
      if (!detail) return null;
      const args: OrderEditArgs = { id: detail.id, expectedVersion: detail.version, changes };
      if (reason?.trim()) args.reason = reason.trim();
      const result = await send('orders/edit', args);
      if ('error' in result) {
        if (result.error.type === 'Conflict') void load();
        return result.error;
      }
      setDetail(result.data);
      setTimelineTick((n) => n + 1);
      return null;
    },
    [detail, load],
  );

  // A re-push or detach: the new shipment, its trail and the timeline events show at once.
  const refresh = useCallback(() => {
    void load();
    setTimelineTick((n) => n + 1);
  }, [load]);
  const repush = session.can('waybill.repush');

  const label = t('drawer.label', { id: detail?.platformOrderId ?? String(orderId) });
  return (
    <aside ref={ref} className="drawer" role="dialog" aria-label={label} tabIndex={-1} data-testid="order-drawer">
      <DrawerHeader detail={detail} label={label} onClose={onClose} />
      <div className="drawer__body">
        <ErrorMessage error={error} testId="drawer-error" />
        {!detail && !error && <p className="muted">{t('common.loading')}</p>}
        {detail && (
          <div className="drawer__columns">
            <div className="drawer__column" data-testid="drawer-facts">
              <ReceiverSection detail={detail} canReveal={session.can('orders.reveal')} onRevealed={() => setTimelineTick((n) => n + 1)} />
              <AmountsSection detail={detail} canEdit={session.can('orders.editAmounts')} edit={edit} />
              <LinesTable lines={detail.lines} />
              <ParcelsSection
                shipments={detail.shipments}
                {...(repush
                  ? {
                      actions: <WaybillRepushAction orderId={detail.id} platformOrderId={detail.platformOrderId} onChanged={refresh} />,
                      rowAction: (s: Shipment) => <WaybillRepushDetach orderId={detail.id} shipment={s} onChanged={refresh} />,
                    }
                  : {})}
              />
              {session.can('logistics.read') && <LogisticsTrail orderId={detail.id} />}
            </div>
            <div className="drawer__column" data-testid="drawer-work">
              <RemarksForm detail={detail} canEdit={session.can('orders.edit')} edit={edit} />
              {session.can('orders.edit') && <StatusForm detail={detail} edit={edit} />}
              {session.can('audit.read') && <Timeline orderId={detail.id} tick={timelineTick} />}
            </div>
          </div>
        )}
      </div>
    </aside>
  );
}
