/**
 * A vendor's daily settlement (docs/domain/mlijo.md). At the end of the delivery day the vendor
 * hands over the cash collected on delivery. QRIS payments and payments from members' sukarela
 * reached the cooperative at delivery. The commission is the vendor's pay for the day: a share in
 * basis points of the value delivered (rounded half up to the rupiah once, on the day's total) or a
 * fixed fee per order delivered, paid into the vendor's sukarela, not out of the cash. Cash not
 * handed over is a shortfall, left owed by the vendor.
 *
 *   handedOver + shortfall = cashCollected
 *   cashCollected + qris + sukarela = delivered
 */
import { roundRupiah } from '../shop/money.js';

export type CommissionRule = { bps: number } | { perOrderRupiah: bigint };

export interface DeliveredOrder {
  totalRupiah: bigint;
  paymentMethod: 'cash' | 'qris' | 'member_account';
}

export interface Settlement {
  ordersDelivered: number;
  deliveredRupiah: bigint;
  cashCollectedRupiah: bigint;
  qrisRupiah: bigint;
  sukarelaRupiah: bigint;
  handedOverRupiah: bigint;
  shortfallRupiah: bigint;
  commissionRupiah: bigint;
}

export type SettlementError =
  | { code: 'MLIJO_NOTHING_TO_SETTLE' }
  | { code: 'MLIJO_HANDOVER_TOO_MUCH'; cashCollectedRupiah: bigint };

/**
 * Example: 3 orders delivered (Rp 50.000 cash, Rp 30.000 QRIS, Rp 20.000 sukarela), commission
 * 500 bps, Rp 45.000 handed over -> commission Rp 5.000, shortfall Rp 5.000.
 */
export function settle(
  orders: readonly DeliveredOrder[],
  rule: CommissionRule,
  handedOverRupiah: bigint,
): Settlement | SettlementError {
  if (orders.length === 0) return { code: 'MLIJO_NOTHING_TO_SETTLE' };
  let cash = 0n;
  let qris = 0n;
  let sukarela = 0n;
  for (const o of orders) {
    if (o.totalRupiah <= 0n) throw new Error('a delivered order has a positive total');
    switch (o.paymentMethod) {
      case 'cash':
        cash += o.totalRupiah;
        break;
      case 'qris':
        qris += o.totalRupiah;
        break;
      case 'member_account':
        sukarela += o.totalRupiah;
        break;
    }
  }
  if (handedOverRupiah < 0n || handedOverRupiah > cash)
    return { code: 'MLIJO_HANDOVER_TOO_MUCH', cashCollectedRupiah: cash };
  const delivered = cash + qris + sukarela;
  const commission =
    'bps' in rule
      ? roundRupiah(delivered * BigInt(rule.bps), 10_000n)
      : rule.perOrderRupiah * BigInt(orders.length);
  return {
    ordersDelivered: orders.length,
    deliveredRupiah: delivered,
    cashCollectedRupiah: cash,
    qrisRupiah: qris,
    sukarelaRupiah: sukarela,
    handedOverRupiah,
    shortfallRupiah: cash - handedOverRupiah,
    commissionRupiah: commission,
  };
}
