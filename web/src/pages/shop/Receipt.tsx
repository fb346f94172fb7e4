import { useTranslation } from 'react-i18next';
import { dateTime, rupiah } from '../../format';
import { hashPrefix, type PaperWidth, type ReceiptData } from './receipt';
import './receipt.css';

/** The printable receipt (window.print prints it alone, see receipt.css). */
export function Receipt({ data, width }: { data: ReceiptData; width: PaperWidth }) {
  const { t } = useTranslation();
  return (
    <div className="pos-receipt" data-width={width} data-testid="receipt">
      <div className="center">
        <strong>{data.cooperativeName}</strong>
        <br />
        {data.outletName}
      </div>
      <hr />
      <div className="row">
        <span>{t('pos.receipt.number')}</span>
        <span data-testid="receipt-number">{data.receiptNumber}</span>
      </div>
      <div>{dateTime(data.soldAt)}</div>
      <div>{data.cashier}</div>
      <hr />
      {data.lines.map((l, i) => (
        <div key={i} data-testid="receipt-line">
          <div>{l.name}</div>
          <div className="row">
            <span>
              {l.qty} {l.unit} × {rupiah(l.priceRupiah)}
            </span>
            <span>{rupiah(l.amountRupiah)}</span>
          </div>
        </div>
      ))}
      <hr />
      <div className="row">
        <strong>{t('pos.receipt.total')}</strong>
        <strong data-testid="receipt-total">{rupiah(data.totalRupiah)}</strong>
      </div>
      <div className="row">
        <span>{t(`pos.pay.${data.paymentMethod}`)}</span>
        <span>{rupiah(data.tenderedRupiah ?? data.totalRupiah)}</span>
      </div>
      {data.paymentMethod === 'cash' && (
        <div className="row">
          <span>{t('pos.receipt.change')}</span>
          <span data-testid="receipt-change">{rupiah(data.changeRupiah)}</span>
        </div>
      )}
      {data.paymentReference && (
        <div>
          {t('pos.receipt.reference')}: {data.paymentReference}
        </div>
      )}
      {data.member && (
        <div data-testid="receipt-member">
          {t('pos.receipt.member')}: {data.member.number} {data.member.name}
        </div>
      )}
      {data.offline && <div>{t('pos.receipt.offline')}</div>}
      <hr />
      <div className="center">
        {t('pos.receipt.hash')}: <span data-testid="receipt-hash">{hashPrefix(data.hash)}</span>
        <br />
        {t('pos.receipt.thanks')}
      </div>
    </div>
  );
}
