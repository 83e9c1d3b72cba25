import type { OrderLine } from '../../core/contract/orders.js';
import { formatFen } from '../format/money.js';
import { useI18n } from '../i18n/index.js';

export function LinesTable({ lines }: { lines: OrderLine[] }) {
  const { t } = useI18n();
  return (
    <section className="drawer__section" aria-labelledby="lines-heading" data-testid="drawer-lines">
      <h3 id="lines-heading">{t('drawer.lines')}</h3>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t('drawer.lineNo')}</th>
            <th scope="col">{t('drawer.lineTitle')}</th>
            <th scope="col">{t('drawer.platformSku')}</th>
            <th scope="col">{t('drawer.standardSku')}</th>
            <th scope="col" className="num">{t('drawer.quantity')}</th>
            <th scope="col" className="num">{t('drawer.unitPrice')}</th>
            <th scope="col" className="num">{t('drawer.lineAmount')}</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((line) => (
            <tr key={line.id}>
              <td>{line.lineNo}</td>
              <td>{line.title}</td>
              <td className="mono">{line.platformSku}</td>
              <td className="mono">{line.standardSku ?? <span className="badge badge--warn">{t('drawer.unmapped')}</span>}</td>
              <td className="num">{line.quantity}</td>
              <td className="num">{formatFen(line.unitPriceFen)}</td>
              <td className="num">{formatFen(line.amountFen)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
