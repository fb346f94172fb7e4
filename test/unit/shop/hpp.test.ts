import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  averageCost,
  EMPTY_STOCK,
  issue,
  opnameVariance,
  putBack,
  receive,
  type StockState,
} from '../../../src/domain/shop/hpp.js';

const stock = (qtyBase: bigint, valueRupiah: bigint, last: [bigint, bigint] = [0n, 0n]) => ({
  qtyBase,
  valueRupiah,
  lastCostRupiah: last[0],
  lastCostQtyBase: last[1],
});

describe('moving average: the worked example', () => {
  // receive 10 for Rp 10.000 (1.000 each), then 10 for Rp 12.000 (1.200 each):
  // 20 on hand worth 22.000, an average of 1.100.
  const first = receive(EMPTY_STOCK, 10n, 10_000n);
  const second = receive(first.state, 10n, 12_000n);

  it('adds each receipt to quantity and value and keeps its rate as the last cost', () => {
    expect(first.state).toEqual(stock(10n, 10_000n, [10_000n, 10n]));
    expect(second.state).toEqual(stock(20n, 22_000n, [12_000n, 10n]));
    expect(first.hppAdjustmentRupiah).toBe(0n);
    expect(second.hppAdjustmentRupiah).toBe(0n);
    expect(averageCost(second.state)).toEqual({ num: 22_000n, den: 20n });
  });

  it('issues 5 at the average: 22.000 × 5 / 20 = 5.500, leaving 15 worth 16.500', () => {
    const out = issue(second.state, 5n);
    expect(out.costRupiah).toBe(5_500n);
    expect(out.state).toEqual(stock(15n, 16_500n, [12_000n, 10n]));
  });

  it('issues the rest at exactly the value left, so nothing lingers on an empty shelf', () => {
    const rest = issue(issue(second.state, 5n).state, 15n);
    expect(rest.costRupiah).toBe(16_500n);
    expect(rest.state.qtyBase).toBe(0n);
    expect(rest.state.valueRupiah).toBe(0n);
  });

  it('issues the remainder exactly when the average does not divide: 10.000 over 3', () => {
    let s = receive(EMPTY_STOCK, 3n, 10_000n).state;
    const costs: bigint[] = [];
    for (let i = 0; i < 3; i++) {
      const out = issue(s, 1n);
      costs.push(out.costRupiah);
      s = out.state;
    }
    // 10.000 / 3 = 3.333,33 -> 3.333; 6.667 / 2 = 3.333,5 -> 3.334; the last takes the 3.333 left
    expect(costs).toEqual([3_333n, 3_334n, 3_333n]);
    expect(s).toEqual(stock(0n, 0n, [10_000n, 3n]));
  });
});

describe('issuing beyond what is on hand', () => {
  // 15 on hand worth 16.500; the last receipt was 10 for 12.000 (1.200 each)
  const s = stock(15n, 16_500n, [12_000n, 10n]);

  it('costs what is on hand at its value and the excess at the last receipt rate', () => {
    const out = issue(s, 20n);
    // 16.500 + 5 × 1.200
    expect(out.costRupiah).toBe(22_500n);
    expect(out.state).toEqual(stock(-5n, -6_000n, [12_000n, 10n]));
  });

  it('costs a sale from an already negative shelf at the last receipt rate', () => {
    const out = issue(stock(-5n, -6_000n, [12_000n, 10n]), 3n);
    expect(out.costRupiah).toBe(3_600n);
    expect(out.state).toEqual(stock(-8n, -9_600n, [12_000n, 10n]));
  });

  it('costs a sale of a product never received at zero (no rate to go by)', () => {
    const out = issue(EMPTY_STOCK, 4n);
    expect(out.costRupiah).toBe(0n);
    expect(out.state).toEqual(stock(-4n, 0n));
  });

  it('refuses a quantity that is not positive (programmer error)', () => {
    expect(() => issue(s, 0n)).toThrow();
    expect(() => issue(s, -1n)).toThrow();
  });
});

describe('receiving into a shortfall', () => {
  // 5 sold before they were booked in, costed at 1.200 each: qty -5, value -6.000
  const short = stock(-5n, -6_000n, [12_000n, 10n]);

  it('re-costs the shortfall at a dearer receipt and sends the difference to HPP (debit)', () => {
    // 10 arrive for 15.000 (1.500 each): the 5 sold cost 7.500, not 6.000
    const r = receive(short, 10n, 15_000n);
    expect(r.hppAdjustmentRupiah).toBe(1_500n);
    expect(r.state).toEqual(stock(5n, 7_500n, [15_000n, 10n]));
  });

  it('re-costs at a cheaper receipt with a negative adjustment (credit HPP)', () => {
    // 10 arrive for 10.000 (1.000 each): the 5 sold cost 5.000, 1.000 less than booked
    const r = receive(short, 10n, 10_000n);
    expect(r.hppAdjustmentRupiah).toBe(-1_000n);
    expect(r.state).toEqual(stock(5n, 5_000n, [10_000n, 10n]));
  });

  it('clears the value when the receipt exactly fills the shortfall', () => {
    const r = receive(short, 5n, 7_000n);
    expect(r.hppAdjustmentRupiah).toBe(1_000n);
    expect(r.state).toEqual(stock(0n, 0n, [7_000n, 5n]));
  });

  it('rounds the filling part half up and leaves the rest on the shelf', () => {
    // qty -1 costed at 300; 3 arrive for 1.000: the one sold costs 333, 667 stays for 2
    const r = receive(stock(-1n, -300n, [900n, 3n]), 3n, 1_000n);
    expect(r.hppAdjustmentRupiah).toBe(33n);
    expect(r.state).toEqual(stock(2n, 667n, [1_000n, 3n]));
  });

  it('adds a receipt that only part-fills the shortfall to the (negative) value', () => {
    const r = receive(short, 2n, 3_000n);
    expect(r.hppAdjustmentRupiah).toBe(0n);
    expect(r.state).toEqual(stock(-3n, -3_000n, [3_000n, 2n]));
  });

  it('sends a positive value left on a still-negative shelf to HPP', () => {
    // 2 arrive for 7.000: value -6.000 + 7.000 = 1.000 with qty still -3; it goes to HPP
    const r = receive(short, 2n, 7_000n);
    expect(r.hppAdjustmentRupiah).toBe(1_000n);
    expect(r.state).toEqual(stock(-3n, 0n, [7_000n, 2n]));
  });

  it('refuses a receipt of no goods or at a negative cost (programmer error)', () => {
    expect(() => receive(short, 0n, 1n)).toThrow();
    expect(() => receive(short, 1n, -1n)).toThrow();
  });
});

describe('putBack (a return or a void)', () => {
  it('adds the goods back at the cost the sale took out, without changing the last cost', () => {
    const s = stock(15n, 16_500n, [12_000n, 10n]);
    const r = putBack(s, 5n, 5_500n);
    expect(r.state).toEqual(stock(20n, 22_000n, [12_000n, 10n]));
    expect(r.hppAdjustmentRupiah).toBe(0n);
  });
  it('clears the value to HPP when it brings the quantity back to zero', () => {
    // the -5 were costed at 6.000 but the void puts back 6.500: the 500 left goes to HPP
    const r = putBack(stock(-5n, -6_000n, [12_000n, 10n]), 5n, 6_500n);
    expect(r.state).toEqual(stock(0n, 0n, [12_000n, 10n]));
    expect(r.hppAdjustmentRupiah).toBe(500n);
  });
});

describe('opnameVariance', () => {
  const s = stock(20n, 22_000n, [12_000n, 10n]);

  it('takes a shortage out at the moving average, as if sold', () => {
    const v = opnameVariance(s, 18n);
    expect(v.qtyDeltaBase).toBe(-2n);
    expect(v.costDeltaRupiah).toBe(-2_200n);
    expect(v.state).toEqual(stock(18n, 19_800n, [12_000n, 10n]));
  });

  it('brings a surplus in at the average cost', () => {
    const v = opnameVariance(s, 23n);
    expect(v.qtyDeltaBase).toBe(3n);
    expect(v.costDeltaRupiah).toBe(3_300n);
    expect(v.state).toEqual(stock(23n, 25_300n, [12_000n, 10n]));
  });

  it('brings a surplus onto an empty shelf at the last receipt rate, or at zero without one', () => {
    const empty = stock(0n, 0n, [12_000n, 10n]);
    expect(opnameVariance(empty, 4n).costDeltaRupiah).toBe(4_800n);
    const never = opnameVariance(EMPTY_STOCK, 4n);
    expect(never.costDeltaRupiah).toBe(0n);
    expect(never.state).toEqual(stock(4n, 0n));
  });

  it('changes nothing when the count agrees with the books', () => {
    expect(opnameVariance(s, 20n)).toEqual({ state: s, qtyDeltaBase: 0n, costDeltaRupiah: 0n });
  });

  it('clears the whole value on a zero count', () => {
    const v = opnameVariance(s, 0n);
    expect(v.qtyDeltaBase).toBe(-20n);
    expect(v.costDeltaRupiah).toBe(-22_000n);
    expect(v.state.qtyBase).toBe(0n);
    expect(v.state.valueRupiah).toBe(0n);
  });

  it('counts a negative shelf back to zero with zero value, the difference against the variance', () => {
    const v = opnameVariance(stock(-5n, -6_000n, [12_000n, 10n]), 0n);
    expect(v.qtyDeltaBase).toBe(5n);
    expect(v.costDeltaRupiah).toBe(6_000n);
    expect(v.state).toEqual(stock(0n, 0n, [12_000n, 10n]));
  });

  it('counts a negative shelf up to a positive count at the last receipt rate', () => {
    // books -5 (value -6.000), shelf 3: 8 come in at 1.200 = 9.600, leaving 3 worth 3.600
    const v = opnameVariance(stock(-5n, -6_000n, [12_000n, 10n]), 3n);
    expect(v.qtyDeltaBase).toBe(8n);
    expect(v.costDeltaRupiah).toBe(9_600n);
    expect(v.state).toEqual(stock(3n, 3_600n, [12_000n, 10n]));
  });

  it('refuses a negative count (programmer error)', () => {
    expect(() => opnameVariance(s, -1n)).toThrow();
  });
});

// ---------------------------------------------------------------------------------------------
// Property: the stock account always equals the stock on hand at cost

type Op =
  | { kind: 'receive'; qty: bigint; cost: bigint }
  | { kind: 'issue'; qty: bigint }
  | { kind: 'putBack'; qty: bigint; cost: bigint }
  | { kind: 'opname'; counted: bigint };

const qtyArb = fc.oneof(fc.bigInt({ min: 1n, max: 10n }), fc.bigInt({ min: 1n, max: 100_000n }));
const costArb = fc.oneof(
  fc.bigInt({ min: 0n, max: 100n }),
  fc.bigInt({ min: 0n, max: 10_000_000_000n }),
);
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('receive' as const), qty: qtyArb, cost: costArb }),
  fc.record({ kind: fc.constant('issue' as const), qty: qtyArb }),
  fc.record({ kind: fc.constant('putBack' as const), qty: qtyArb, cost: costArb }),
  fc.record({ kind: fc.constant('opname' as const), counted: fc.bigInt({ min: 0n, max: 100n }) }),
);

/** Applies one move; returns the new state, its quantity and cost deltas and any HPP adjustment. */
function apply(s: StockState, op: Op) {
  switch (op.kind) {
    case 'receive': {
      const r = receive(s, op.qty, op.cost);
      return {
        state: r.state,
        qtyDelta: op.qty,
        costDelta: op.cost,
        adjustment: r.hppAdjustmentRupiah,
      };
    }
    case 'issue': {
      const r = issue(s, op.qty);
      return { state: r.state, qtyDelta: -op.qty, costDelta: -r.costRupiah, adjustment: 0n };
    }
    case 'putBack': {
      const r = putBack(s, op.qty, op.cost);
      return {
        state: r.state,
        qtyDelta: op.qty,
        costDelta: op.cost,
        adjustment: r.hppAdjustmentRupiah,
      };
    }
    case 'opname': {
      const r = opnameVariance(s, op.counted);
      return {
        state: r.state,
        qtyDelta: r.qtyDeltaBase,
        costDelta: r.costDeltaRupiah,
        adjustment: 0n,
      };
    }
  }
}

function signInvariant(s: StockState) {
  if (s.qtyBase === 0n) return s.valueRupiah === 0n;
  return s.qtyBase > 0n ? s.valueRupiah >= 0n : s.valueRupiah <= 0n;
}

describe('property: any sequence of moves from an empty shelf', () => {
  it('keeps quantity = Σ qty deltas, value = Σ cost deltas − Σ HPP adjustments, and the value signed like the quantity', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 40 }), (ops) => {
        let s = EMPTY_STOCK;
        let qty = 0n;
        let account = 0n;
        for (const op of ops) {
          const r = apply(s, op);
          s = r.state;
          qty += r.qtyDelta;
          account += r.costDelta - r.adjustment;
          // checked after every move, not only at the end, so a failure names the move
          expect(s.qtyBase).toBe(qty);
          expect(s.valueRupiah).toBe(account);
          expect(signInvariant(s)).toBe(true);
        }
      }),
      { numRuns: 2_000 },
    );
  });

  it('costs every issue at zero or more', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 30 }), qtyArb, (ops, q) => {
        let s = EMPTY_STOCK;
        for (const op of ops) s = apply(s, op).state;
        expect(issue(s, q).costRupiah >= 0n).toBe(true);
      }),
      { numRuns: 1_000 },
    );
  });

  it('sends exactly what was received to HPP once receipts and sales leave the shelf empty', () => {
    // receipts and sales only, then the shelf emptied by one last issue or receipt:
    // Σ issue costs + Σ adjustments = Σ receipt costs
    const moveArb = fc.oneof(
      fc.record({ kind: fc.constant('receive' as const), qty: qtyArb, cost: costArb }),
      fc.record({ kind: fc.constant('issue' as const), qty: qtyArb }),
    );
    fc.assert(
      fc.property(fc.array(moveArb, { maxLength: 30 }), costArb, (ops, lastCost) => {
        let s = EMPTY_STOCK;
        let received = 0n;
        let hpp = 0n;
        const run = (op: Op) => {
          const r = apply(s, op);
          s = r.state;
          if (op.kind === 'receive') received += op.cost;
          else hpp -= r.costDelta;
          hpp += r.adjustment;
        };
        for (const op of ops) run(op);
        if (s.qtyBase > 0n) run({ kind: 'issue', qty: s.qtyBase });
        else if (s.qtyBase < 0n) run({ kind: 'receive', qty: -s.qtyBase, cost: lastCost });
        expect(s.qtyBase).toBe(0n);
        expect(hpp).toBe(received);
      }),
      { numRuns: 1_000 },
    );
  });
});
