import type { ReactNode } from 'react';
import type { Shipment } from '../../core/contract/orders.js';
import { formatShanghai } from '../format/time.js';
import { useI18n } from '../i18n/index.js';

/** `actions` (e.g. re-push a waybill) sit in the heading; `rowAction` (e.g. detach) on each parcel. */
export function ParcelsSection({ shipments, actions, rowAction }: { shipments: Shipment[]; actions?: ReactNode; rowAction?: (shipment: Shipment) => ReactNode }) {
  const { t } = useI18n();
  return (
    <section className="drawer__section" aria-labelledby="parcels-heading" data-testid="drawer-parcels">
      <h3 id="parcels-heading">
        {t('drawer.parcels')} {actions}
      </h3>
      {shipments.length === 0 ? (
        <p className="muted">{t('drawer.noParcels')}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('drawer.carrier')}</th>
              <th scope="col">{t('drawer.waybill')}</th>
              <th scope="col">{t('drawer.shippedAt')}</th>
              <th scope="col">{t('drawer.parcelLines')}</th>
              {rowAction && <th scope="col" />}
            </tr>
          </thead>
          <tbody>
            {shipments.map((s) => (
              <tr key={s.id} data-testid="drawer-parcel" data-waybill={s.waybillNo}>
                <td>{s.carrier}</td>
                <td className="mono">{s.waybillNo}</td>
                <td>{formatShanghai(s.shippedAt)}</td>
                <td>{s.lineNos.length === 0 ? t('drawer.wholeOrder') : s.lineNos.map((n) => `#${n}`).join(' ')}</td>
                {rowAction && <td>{rowAction(s)}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
