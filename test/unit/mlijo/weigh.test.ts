import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { packWeighed, TOLERANCE_BPS } from '../../../src/domain/mlijo/weigh.js';
import { lineAmount } from '../../../src/domain/shop/units.js';

describe('weighed goods priced at the packed weight', () => {
  it('1 kg of tongkol asked at Rp 45.000/kg, 940 g packed: Rp 42.300, within the tolerance', () => {
    expect(packWeighed(1000n, 940n, 45_000n, 1000n)).toEqual({
      packedQtyBase: 940n,
      amountRupiah: 42_300n,
      overTolerance: false,
    });
  });
  it('rounds by the shop rule: 333 g of chilli at Rp 36.000/kg is Rp 11.988', () => {
    expect(packWeighed(300n, 333n, 36_000n, 1000n)).toMatchObject({ amountRupiah: 11_988n });
  });
  it('1.150 g for 1 kg is beyond 10 %: the household must accept; exactly 10 % is within', () => {
    expect(packWeighed(1000n, 1150n, 45_000n, 1000n)).toMatchObject({ overTolerance: true });
    expect(packWeighed(1000n, 1100n, 45_000n, 1000n)).toMatchObject({ overTolerance: false });
    expect(packWeighed(1000n, 899n, 45_000n, 1000n)).toMatchObject({ overTolerance: true });
  });
  it('refuses no weight or more than three times what was asked', () => {
    expect(packWeighed(1000n, 0n, 45_000n, 1000n)).toEqual({ code: 'MLIJO_WEIGHT_INVALID' });
    expect(packWeighed(1000n, 3001n, 45_000n, 1000n)).toEqual({ code: 'MLIJO_WEIGHT_INVALID' });
  });
  it('property: the amount is the shop line amount at the packed weight; tolerance is symmetric', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 50n, max: 5000n }),
        fc.bigInt({ min: 1n, max: 15000n }),
        fc.bigInt({ min: 1000n, max: 300_000n }),
        (asked, packed, price) => {
          const r = packWeighed(asked, packed, price, 1000n);
          if (packed > asked * 3n) {
            expect(r).toEqual({ code: 'MLIJO_WEIGHT_INVALID' });
            return;
          }
          if (!('amountRupiah' in r)) throw new Error('refused');
          expect(r.amountRupiah).toBe(lineAmount(packed, price, 1000n));
          const diff = packed > asked ? packed - asked : asked - packed;
          expect(r.overTolerance).toBe(diff * 10_000n > asked * TOLERANCE_BPS);
        },
      ),
    );
  });
});
