/**
 * Harga pokok penjualan by moving average (docs/domain/shop.md). Each (outlet, product) keeps its
 * quantity and its value at cost in whole rupiah; the value is exactly what the stock account holds
 * for it, because every move changes both by the same cost.
 *
 * - Receipt of q at cost c: quantity + q, value + c. The rate of that receipt is kept as the
 *   "last cost" for stock issued beyond what is on hand.
 * - Issue of q (a sale): when q ≤ on hand, cost = value × q / on hand rounded half up, and all of
 *   the value when q is all of it (so the remainder never lingers on an empty shelf). Beyond what
 *   is on hand (a sale rung up before its goods were received in the books) the excess is costed at
 *   the last receipt's rate.
 * - Quantity zero always means value zero: a receipt that brings a negative quantity back to zero
 *   sends the value left over to HPP as an adjustment.
 */
import { roundRupiah } from './money.js';

export interface StockState {
  qtyBase: bigint;
  valueRupiah: bigint;
  lastCostRupiah: bigint;
  lastCostQtyBase: bigint;
}

export const EMPTY_STOCK: StockState = {
  qtyBase: 0n,
  valueRupiah: 0n,
  lastCostRupiah: 0n,
  lastCostQtyBase: 0n,
};

function atLastCost(s: StockState, qty: bigint): bigint {
  if (s.lastCostQtyBase === 0n) return 0n;
  return roundRupiah(s.lastCostRupiah * qty, s.lastCostQtyBase);
}

/**
 * The invariant every move restores: the value has the sign of the quantity (or is zero), and
 * zero quantity has zero value. What has to go to make it so leaves the stock account for HPP
 * (adjustment > 0: debit HPP, credit stock; < 0 the other way).
 */
function settle(qty: bigint, value: bigint): { value: bigint; adjustment: bigint } {
  if (qty === 0n || (qty > 0n && value < 0n) || (qty < 0n && value > 0n))
    return { value: 0n, adjustment: value };
  return { value, adjustment: 0n };
}

/**
 * Goods received: returns the new state and the value sent to HPP. Received into a shortfall
 * (quantity below zero: goods sold before they were booked in), the units that fill it are
 * re-costed at this receipt's rate, and the difference from what those sales were costed at goes
 * to HPP.
 */
export function receive(
  s: StockState,
  qtyBase: bigint,
  costRupiah: bigint,
): { state: StockState; hppAdjustmentRupiah: bigint } {
  if (qtyBase <= 0n || costRupiah < 0n) throw new Error('receive: quantity > 0, cost ≥ 0');
  const qty = s.qtyBase + qtyBase;
  let value = s.valueRupiah + costRupiah;
  let adjustment = 0n;
  if (s.qtyBase < 0n && qty >= 0n) {
    const fill = roundRupiah(costRupiah * -s.qtyBase, qtyBase);
    adjustment = s.valueRupiah + fill;
    value = costRupiah - fill;
  }
  const settled = settle(qty, value);
  return {
    state: {
      qtyBase: qty,
      valueRupiah: settled.value,
      lastCostRupiah: costRupiah,
      lastCostQtyBase: qtyBase,
    },
    hppAdjustmentRupiah: adjustment + settled.adjustment,
  };
}

/** Goods out (sold, or short at an opname): the cost leaving the stock account. */
export function issue(s: StockState, qtyBase: bigint): { state: StockState; costRupiah: bigint } {
  if (qtyBase <= 0n) throw new Error('issue: quantity > 0');
  let cost: bigint;
  if (s.qtyBase > 0n && qtyBase <= s.qtyBase) {
    cost = qtyBase === s.qtyBase ? s.valueRupiah : roundRupiah(s.valueRupiah * qtyBase, s.qtyBase);
  } else {
    const onHand = s.qtyBase > 0n ? s.qtyBase : 0n;
    const onHandValue = s.qtyBase > 0n ? s.valueRupiah : 0n;
    cost = onHandValue + atLastCost(s, qtyBase - onHand);
  }
  const qty = s.qtyBase - qtyBase;
  return {
    state: { ...s, qtyBase: qty, valueRupiah: qty === 0n ? 0n : s.valueRupiah - cost },
    costRupiah: qty === 0n ? s.valueRupiah : cost,
  };
}

/**
 * Goods back in at a known cost (a return or a void puts back what the sale took out), unlike a
 * receipt it does not change the last cost.
 */
export function putBack(
  s: StockState,
  qtyBase: bigint,
  costRupiah: bigint,
): { state: StockState; hppAdjustmentRupiah: bigint } {
  if (qtyBase <= 0n) throw new Error('putBack: quantity > 0');
  const qty = s.qtyBase + qtyBase;
  const settled = settle(qty, s.valueRupiah + costRupiah);
  return {
    state: { ...s, qtyBase: qty, valueRupiah: settled.value },
    hppAdjustmentRupiah: settled.adjustment,
  };
}

/** The average cost of one base unit as a fraction, for showing; null when nothing is on hand. */
export function averageCost(s: StockState): { num: bigint; den: bigint } | null {
  if (s.qtyBase > 0n) return { num: s.valueRupiah, den: s.qtyBase };
  if (s.lastCostQtyBase > 0n) return { num: s.lastCostRupiah, den: s.lastCostQtyBase };
  return null;
}

/**
 * The stock opname: the shelf holds `countedQtyBase`; the books say `s.qtyBase`. A shortage
 * leaves at the moving-average cost (as if sold); a surplus comes in at the average cost (or the
 * last receipt's rate when nothing was on hand). costDeltaRupiah is the change of the stock value
 * (negative for a shortage) and goes against the stock variance account.
 */
export function opnameVariance(
  s: StockState,
  countedQtyBase: bigint,
): { state: StockState; qtyDeltaBase: bigint; costDeltaRupiah: bigint } {
  if (countedQtyBase < 0n) throw new Error('opname: counted quantity ≥ 0');
  const delta = countedQtyBase - s.qtyBase;
  if (delta === 0n) return { state: s, qtyDeltaBase: 0n, costDeltaRupiah: 0n };
  if (delta < 0n) {
    const out = issue(s, -delta);
    return { state: out.state, qtyDeltaBase: delta, costDeltaRupiah: -out.costRupiah };
  }
  const avg = averageCost(s);
  const cost = avg ? roundRupiah(avg.num * delta, avg.den) : 0n;
  const back = putBack(s, delta, cost);
  // counted to a positive quantity from below zero: the value is whatever the moves leave, and
  // a zero count clears it (putBack's adjustment)
  return {
    state: back.state,
    qtyDeltaBase: delta,
    costDeltaRupiah: back.state.valueRupiah - s.valueRupiah,
  };
}
