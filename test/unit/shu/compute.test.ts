import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ALLOCATION_POSTS,
  allocateNonMemberShu,
  allocateToPosts,
  allocationProblems,
  percentToPpm,
  ppmToPercent,
  type AllocationPpm,
} from '../../../src/domain/shu/allocation.js';
import { computeShu, type ShuInput, type ShuMemberInput } from '../../../src/domain/shu/compute.js';
import { splitByLargestRemainder } from '../../../src/domain/shu/largest-remainder.js';
import { taxRuleOn } from '../../../src/domain/shu/tax.js';

/**
 * SHU against examples worked by hand (docs/domain/shu.md) and the properties the issue asks for:
 * every pool is paid to the rupiah, no share is negative, more participation never gets less.
 */

const pct = (p: Partial<Record<keyof AllocationPpm, string>>): AllocationPpm =>
  Object.fromEntries(ALLOCATION_POSTS.map((k) => [k, percentToPpm(p[k] ?? '0')!])) as AllocationPpm;

/** the domain reference's worked example: 40 / 20 / 25 / 5 / 5 / 2.5 / 2.5 / 0 */
const REFERENCE = pct({
  cadangan: '40',
  jasaModal: '20',
  jasaUsaha: '25',
  danaPengurus: '5',
  danaKaryawan: '5',
  danaPendidikan: '2.5',
  danaSosial: '2.5',
});

const flat = (rupiah: bigint) => Array.from({ length: 12 }, () => rupiah);
const member = (id: string, modal: bigint[], pinjaman: bigint): ShuMemberInput => ({
  id,
  monthEndModal: modal,
  jasaUsaha: { pinjaman },
});

/** A 3,000,000, B 2,000,000, C 1,000,000 until June then 4,000,000; interest paid 1.2 M, 0, 1.8 M */
const ABC = [
  member('A', flat(3_000_000n), 1_200_000n),
  member('B', flat(2_000_000n), 0n),
  member('C', [...flat(1_000_000n).slice(0, 6), ...flat(4_000_000n).slice(0, 6)], 1_800_000n),
];

const base: ShuInput = {
  shuAnggota: 50_000_000n,
  shuNonAnggota: 0n,
  payoutDate: '2026-04-15',
  allocation: REFERENCE,
  jasaModalBasis: 'year-end',
  members: ABC,
};

const byId = (r: ReturnType<typeof computeShu>) =>
  Object.fromEntries(
    r.members.map((m) => [m.id, [m.jasaModal, m.jasaUsaha, m.total, m.tax, m.net]]),
  );

describe('computeShu, worked by hand', () => {
  it('the reference example, year-end capital: pools, shares, and the one leftover rupiah to C', () => {
    const r = computeShu(base);
    expect(r.allocation).toEqual({
      cadangan: 20_000_000n,
      jasaModal: 10_000_000n,
      jasaUsaha: 12_500_000n,
      danaPengurus: 2_500_000n,
      danaKaryawan: 2_500_000n,
      danaPendidikan: 1_250_000n,
      danaSosial: 1_250_000n,
      danaPembangunanDaerahKerja: 0n,
    });
    // 10,000,000 × 3/9 = 3,333,333.33; × 2/9 = 2,222,222.22; × 4/9 = 4,444,444.44 → 9,999,999,
    // the leftover rupiah to the largest remainder (C, .44)
    expect(byId(r)).toEqual({
      A: [3_333_333n, 5_000_000n, 8_333_333n, 0n, 8_333_333n],
      B: [2_222_222n, 0n, 2_222_222n, 0n, 2_222_222n],
      C: [4_444_445n, 7_500_000n, 11_944_445n, 0n, 11_944_445n],
    });
    expect(r.jasaModal).toEqual({
      poolRupiah: 10_000_000n,
      capitalTotal: 9_000_000n,
      leftoverRupiah: 1n,
    });
    expect(r.members.map((m) => m.jasaModalExtra)).toEqual([0n, 0n, 1n]);
    expect(r.totals.total).toBe(22_500_000n);
  });

  it('average month-end capital: C counts 1 M for six months, and the leftover rupiah goes to B', () => {
    const r = computeShu({ ...base, jasaModalBasis: 'average' });
    // weights (sums of twelve balances): A 36 M, B 24 M, C 6 M + 24 M = 30 M, total 90 M
    // 10 M × 36/90 = 4,000,000; × 24/90 = 2,666,666.67; × 30/90 = 3,333,333.33 → leftover 1 to B
    expect(r.members.map((m) => [m.id, m.capitalWeight, m.jasaModal])).toEqual([
      ['A', 36_000_000n, 4_000_000n],
      ['B', 24_000_000n, 2_666_667n],
      ['C', 30_000_000n, 3_333_333n],
    ]);
  });

  it('every post of an eight-post allocation, with seven leftover rupiah by largest remainder', () => {
    const a = pct({
      cadangan: '40',
      jasaModal: '15',
      jasaUsaha: '25',
      danaPengurus: '5',
      danaKaryawan: '5',
      danaPendidikan: '5',
      danaSosial: '2.5',
      danaPembangunanDaerahKerja: '2.5',
    });
    // 12,345,679 × 40 % = 4,938,271.6; 15 % = 1,851,851.85; 25 % = 3,086,419.75;
    // 5 % = 617,283.95 (×3); 2.5 % = 308,641.975 (×2): floors 12,345,672, seven rupiah left over,
    // to .975, .975, .95, .95, .95, .85, .75; cadangan (.6) gets none
    expect(allocateToPosts(12_345_679n, a)).toEqual({
      cadangan: 4_938_271n,
      jasaModal: 1_851_852n,
      jasaUsaha: 3_086_420n,
      danaPengurus: 617_284n,
      danaKaryawan: 617_284n,
      danaPendidikan: 617_284n,
      danaSosial: 308_642n,
      danaPembangunanDaerahKerja: 308_642n,
    });
  });

  it('SHU from non-members goes only to cadangan and the funds, in their proportions', () => {
    const a = pct({
      cadangan: '40',
      jasaModal: '15',
      jasaUsaha: '25',
      danaPengurus: '5',
      danaKaryawan: '5',
      danaPendidikan: '5',
      danaSosial: '2.5',
      danaPembangunanDaerahKerja: '2.5',
    });
    // of 60: 1,000,000 × 40/60 = 666,666.67, × 5/60 = 83,333.33, × 2.5/60 = 41,666.67
    expect(allocateNonMemberShu(1_000_000n, a)).toEqual({
      cadangan: 666_667n,
      jasaModal: 0n,
      jasaUsaha: 0n,
      danaPengurus: 83_333n,
      danaKaryawan: 83_333n,
      danaPendidikan: 83_333n,
      danaSosial: 41_667n,
      danaPembangunanDaerahKerja: 41_667n,
    });
    const r = computeShu({ ...base, allocation: a, shuNonAnggota: 1_000_000n });
    expect(r.allocation.cadangan).toBe(20_000_000n + 666_667n);
    expect(r.totals.total).toBe(r.allocation.jasaModal + r.allocation.jasaUsaha);
    expect(r.allocationAnggota.jasaModal).toBe(7_500_000n); // members' pools from members' SHU only
    // an AD/ART's own non-member split may not give the members' posts anything
    expect(() => allocateNonMemberShu(1n, a, pct({ cadangan: '90', jasaUsaha: '10' }))).toThrow(
      /jasaUsaha/,
    );
  });

  it('tax by payout date: 10 % final (rounded down) before 2021, none from 1 January 2021', () => {
    const before = computeShu({ ...base, payoutDate: '2020-12-31' });
    // A 8,333,333 → 833,333.3 → 833,333; B 2,222,222 → 222,222.2; C 11,944,445 → 1,194,444.5
    expect(byId(before)).toEqual({
      A: [3_333_333n, 5_000_000n, 8_333_333n, 833_333n, 7_500_000n],
      B: [2_222_222n, 0n, 2_222_222n, 222_222n, 2_000_000n],
      C: [4_444_445n, 7_500_000n, 11_944_445n, 1_194_444n, 10_750_001n],
    });
    expect(before.taxRule?.ratePpm).toBe(100_000n);
    const after = computeShu({ ...base, payoutDate: '2021-01-01' });
    expect(after.totals.tax).toBe(0n);
    expect(after.totals.net).toBe(22_500_000n);
    expect(taxRuleOn('2021-01-01')?.ratePpm).toBe(0n);
  });

  it('deductions the policy allows: wajib arrears then overdue instalments, never below zero', () => {
    const members = [
      { ...ABC[0]!, arrears: { wajibRupiah: 300_000n, instalmentsRupiah: 50_000_000n } },
      { ...ABC[1]!, arrears: { wajibRupiah: 100_000n } },
      ABC[2]!,
    ];
    const off = computeShu({ ...base, members });
    expect(off.totals.deductions).toBe(0n);
    const r = computeShu({
      ...base,
      members,
      deductionPolicy: { wajibArrears: true, overdueInstalments: true },
    });
    expect(r.members.map((m) => [m.deductions.wajib, m.deductions.instalments, m.net])).toEqual([
      [300_000n, 8_033_333n, 0n], // 8,333,333 − 300,000 leaves 8,033,333 for the instalments
      [100_000n, 0n, 2_122_222n],
      [0n, 0n, 11_944_445n],
    ]);
    const onlyWajib = computeShu({
      ...base,
      members,
      deductionPolicy: { wajibArrears: true, overdueInstalments: false },
    });
    expect(onlyWajib.members[0]!.net).toBe(8_033_333n);
  });

  it('business lines share the jasa usaha pool by weight; a line nobody used gives way', () => {
    const members: ShuMemberInput[] = [
      { id: 'A', monthEndModal: flat(1n), jasaUsaha: { pinjaman: 100_000n, toko: 0n } },
      { id: 'B', monthEndModal: flat(1n), jasaUsaha: { pinjaman: 300_000n, toko: 2_000_000n } },
      { id: 'C', monthEndModal: flat(1n), jasaUsaha: { toko: 3_000_000n, pemasaran: 0n } },
    ];
    // 12,500,000: pinjaman weight 3, toko 2 → 7,500,000 and 5,000,000; pemasaran nobody used
    const r = computeShu({
      ...base,
      members,
      jasaUsahaWeights: { pinjaman: 3n, toko: 2n, pemasaran: 5n },
    });
    expect(r.jasaUsahaLines.map((l) => [l.line, l.poolRupiah, l.participationTotal])).toEqual([
      ['pemasaran', 0n, 0n],
      ['pinjaman', 7_500_000n, 400_000n],
      ['toko', 5_000_000n, 5_000_000n],
    ]);
    // pinjaman: A 1/4, B 3/4; toko: B 2/5, C 3/5
    expect(r.members.map((m) => m.jasaUsaha)).toEqual([
      1_875_000n,
      5_625_000n + 2_000_000n,
      3_000_000n,
    ]);
    expect(r.unsharedToCadangan).toBe(0n);
  });

  it('a pool nobody can claim is not shared: it goes to cadangan', () => {
    const r = computeShu({
      ...base,
      members: [member('A', flat(0n), 0n), member('B', flat(0n), 0n)],
    });
    expect(r.unsharedToCadangan).toBe(22_500_000n);
    expect(r.allocation.cadangan).toBe(42_500_000n);
    expect(r.allocation.jasaModal + r.allocation.jasaUsaha).toBe(0n);
    expect(r.totals.total).toBe(0n);
  });

  it('percentages: exact to four decimals, total exactly 100 %', () => {
    expect(percentToPpm('2,5')).toBe(25_000n);
    expect(percentToPpm(12.3456)).toBe(123_456n);
    expect(percentToPpm('12.34567')).toBeNull();
    expect(percentToPpm('100.0001')).toBeNull();
    expect(percentToPpm('-1')).toBeNull();
    expect(ppmToPercent(25_000n)).toBe('2.5');
    expect(allocationProblems(REFERENCE)).toEqual([]);
    expect(allocationProblems({ ...REFERENCE, danaSosial: 0n })).toEqual([
      'jumlah 97.5 %, harus 100 %',
    ]);
    expect(() => computeShu({ ...base, allocation: { ...REFERENCE, cadangan: 0n } })).toThrow(
      /60 %/,
    );
  });
});

describe('computeShu, properties', () => {
  const members = fc.array(
    fc.record({
      modal: fc.array(fc.bigInt({ min: 0n, max: 50_000_000n }), { minLength: 12, maxLength: 12 }),
      pinjaman: fc.bigInt({ min: 0n, max: 20_000_000n }),
      toko: fc.bigInt({ min: 0n, max: 20_000_000n }),
    }),
    { minLength: 1, maxLength: 40 },
  );
  const allocation = fc
    .array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 7, maxLength: 7 })
    .map((cuts) => {
      // eight non-negative parts of 1,000,000 ppm from seven cut points
      const sorted = [0, ...cuts.sort((a, b) => a - b), 1_000_000];
      return Object.fromEntries(
        ALLOCATION_POSTS.map((p, i) => [p, BigInt(sorted[i + 1]! - sorted[i]!)]),
      ) as AllocationPpm;
    });

  it('every pool is paid to the rupiah, no share is negative, more participation never gets less', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 12n }),
        fc.bigInt({ min: 0n, max: 10n ** 10n }),
        allocation,
        members,
        fc.constantFrom('year-end' as const, 'average' as const),
        (shuAnggota, shuNonAnggota, a, ms, basis) => {
          const r = computeShu({
            shuAnggota,
            shuNonAnggota,
            payoutDate: '2020-06-30',
            allocation: a,
            jasaModalBasis: basis,
            members: ms.map((m, i) => ({
              id: `M${String(i).padStart(3, '0')}`,
              monthEndModal: m.modal,
              jasaUsaha: { pinjaman: m.pinjaman, toko: m.toko },
            })),
          });
          const posts = ALLOCATION_POSTS.reduce((s, p) => s + r.allocation[p], 0n);
          expect(posts).toBe(shuAnggota + shuNonAnggota);
          expect(r.totals.jasaModal).toBe(r.allocation.jasaModal);
          expect(r.totals.jasaUsaha).toBe(r.allocation.jasaUsaha);
          expect(r.members.reduce((s, m) => s + m.total, 0n)).toBe(r.totals.total);
          for (const m of r.members) {
            expect(m.jasaModal).toBeGreaterThanOrEqual(0n);
            expect(m.jasaUsaha).toBeGreaterThanOrEqual(0n);
            expect(m.tax).toBeGreaterThanOrEqual(0n);
            expect(m.net).toBe(m.total - m.tax);
          }
          // within each pool, a larger weight never gets less
          const sorted = [...r.members].sort((x, y) =>
            x.capitalWeight < y.capitalWeight ? -1 : x.capitalWeight > y.capitalWeight ? 1 : 0,
          );
          for (let i = 1; i < sorted.length; i++)
            if (sorted[i]!.capitalWeight > sorted[i - 1]!.capitalWeight)
              expect(sorted[i]!.jasaModal).toBeGreaterThanOrEqual(sorted[i - 1]!.jasaModal);
          for (const line of ['pinjaman', 'toko'])
            for (const x of r.members)
              for (const y of r.members) {
                const px = x.jasaUsahaByLine[line]?.participationRupiah ?? 0n;
                const py = y.jasaUsahaByLine[line]?.participationRupiah ?? 0n;
                if (px > py)
                  expect(x.jasaUsahaByLine[line]!.amountRupiah).toBeGreaterThanOrEqual(
                    y.jasaUsahaByLine[line]?.amountRupiah ?? 0n,
                  );
              }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('largest remainder beyond 2^53 total weight (compared as bigints) gives the order numbers would', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: 10n ** 9n }),
        fc.array(fc.bigInt({ min: 0n, max: 10n ** 6n }), { minLength: 2, maxLength: 30 }),
        (pool, weights) => {
          // the same proportions scaled past 2^53: the same shares, the same extra rupiah
          const small = splitByLargestRemainder(
            pool,
            weights.map((w, i) => ({ key: String(i), weight: w })),
          );
          const big = splitByLargestRemainder(
            pool,
            weights.map((w, i) => ({ key: String(i), weight: w * 2n ** 40n })),
          );
          expect(big.shares.map((x) => x.amountRupiah)).toEqual(
            small.shares.map((x) => x.amountRupiah),
          );
        },
      ),
      { numRuns: 200 },
    );
  });

  it('largest remainder: the shares add up to the pool and differ from the exact share by under 1', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 13n }),
        fc.array(fc.bigInt({ min: 0n, max: 10n ** 9n }), { minLength: 1, maxLength: 50 }),
        (pool, weights) => {
          const s = splitByLargestRemainder(
            pool,
            weights.map((w, i) => ({ key: String(i), weight: w })),
          );
          const total = weights.reduce((a, b) => a + b, 0n);
          if (total === 0n) {
            expect(s.unsharedRupiah).toBe(pool);
            return;
          }
          expect(s.shares.reduce((a, x) => a + x.amountRupiah, 0n)).toBe(pool);
          for (const x of s.shares) {
            // |amount × total − pool × weight| < total
            const diff = x.amountRupiah * total - pool * x.weight;
            expect(diff < total && -diff < total).toBe(true);
            if (x.weight === 0n) expect(x.amountRupiah).toBe(0n);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
