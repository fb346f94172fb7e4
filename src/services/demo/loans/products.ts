import type { CollateralItem, ProductInput } from '../../loans.js';
import { LOAN_PRODUCT_DEFAULTS } from '../../loans/product-defaults.js';

/**
 * The demo's loan products: the KSP's conventional loans (flat, annuity, effective) and the
 * KSPPS's sharia financing (murabahah, ijarah for the hajj seat, qardh), each with how often it is
 * chosen and the amounts, tenors, purposes and collateral its borrowers bring.
 */

export const juta = (v: number) => BigInt(Math.round(v * 1_000_000));

export interface DemoProduct {
  input: ProductInput;
  weight: number;
  amountsJuta: number[];
  tenors: (amountJuta: number) => number[];
  purposes: string[];
  collateral: (amount: bigint, rand: () => number) => CollateralItem[];
}

/** Every demo product's rate is per month unless it says otherwise. */
const BASE = {
  ratePeriod: 'month',
  ...LOAN_PRODUCT_DEFAULTS,
} as const satisfies Partial<ProductInput>;

const vehicle = (amount: bigint, rand: () => number): CollateralItem[] =>
  amount >= juta(10)
    ? amount >= juta(30)
      ? [
          {
            kind: 'SHM',
            description: 'Sertifikat Hak Milik tanah dan bangunan',
            valueRupiah:
              ((amount * BigInt(180 + Math.floor(rand() * 80))) / 100n / 1_000_000n) * 1_000_000n,
          },
        ]
      : [
          {
            kind: 'BPKB',
            description: `BPKB sepeda motor ${['Honda Beat', 'Honda Vario', 'Yamaha NMAX', 'Yamaha Mio', 'Suzuki Nex'][Math.floor(rand() * 5)]} tahun ${2016 + Math.floor(rand() * 8)}`,
            valueRupiah:
              ((amount * BigInt(110 + Math.floor(rand() * 50))) / 100n / 500_000n) * 500_000n,
          },
        ]
    : [];

export const KSP_PRODUCTS: DemoProduct[] = [
  {
    input: {
      ...BASE,
      code: 'PU',
      name: 'Pinjaman Umum (bunga flat)',
      akad: 'conventional',
      method: 'flat',
      ratePercent: '1.5',
      minAmountRupiah: juta(1),
      maxAmountRupiah: juta(50),
      minTenor: 3,
      maxTenor: 36,
      provisiBps: 100,
      adminFeeRupiah: 25_000n,
      penaltyKind: 'daily_percent',
      penaltyDailyPercent: '0.1',
      penaltyGraceDays: 3,
    },
    weight: 0.55,
    amountsJuta: [3, 5, 5, 7.5, 10, 10, 15, 20, 25, 30],
    tenors: (a) => (a <= 5 ? [6, 10, 12] : a <= 10 ? [12, 18, 24] : [24, 36]),
    purposes: [
      'Biaya sekolah anak',
      'Renovasi rumah',
      'Tambahan modal dagang',
      'Biaya pernikahan anak',
      'Pembelian sepeda motor',
      'Biaya berobat',
      'Kebutuhan Lebaran',
    ],
    collateral: vehicle,
  },
  {
    input: {
      ...BASE,
      code: 'PMU',
      name: 'Pinjaman Modal Usaha (anuitas)',
      akad: 'conventional',
      method: 'annuity',
      ratePercent: '15',
      ratePeriod: 'year',
      minAmountRupiah: juta(5),
      maxAmountRupiah: juta(150),
      minTenor: 12,
      maxTenor: 60,
      provisiBps: 100,
      adminFeeRupiah: 50_000n,
      penaltyKind: 'daily_percent',
      penaltyDailyPercent: '0.1',
      penaltyGraceDays: 3,
      earlyPayoffRule: 'months_interest',
      earlyPayoffMonths: 1,
    },
    weight: 0.25,
    amountsJuta: [15, 25, 35, 50, 75],
    tenors: () => [12, 24, 36, 48],
    purposes: [
      'Modal usaha batik cap',
      'Tambah mesin jahit konveksi',
      'Modal warung sembako',
      'Modal usaha kuliner',
      'Perahu dan jaring nelayan',
      'Modal toko bangunan',
    ],
    collateral: vehicle,
  },
  {
    input: {
      ...BASE,
      code: 'PP',
      name: 'Pinjaman Produktif (bunga efektif)',
      akad: 'conventional',
      method: 'effective',
      ratePercent: '1.25',
      minAmountRupiah: juta(2),
      maxAmountRupiah: juta(75),
      minTenor: 6,
      maxTenor: 36,
      provisiBps: 50,
      adminFeeRupiah: 25_000n,
      penaltyKind: 'daily_percent',
      penaltyDailyPercent: '0.1',
      penaltyGraceDays: 5,
    },
    weight: 0.2,
    amountsJuta: [5, 7.5, 10, 15, 20, 25],
    tenors: () => [6, 12, 18, 24],
    purposes: [
      'Modal tanam padi',
      'Pupuk dan bibit',
      'Bahan baku batik tulis',
      'Stok dagangan pasar',
      'Peralatan bengkel',
    ],
    collateral: vehicle,
  },
];

export const KSPPS_PRODUCTS: DemoProduct[] = [
  {
    input: {
      ...BASE,
      code: 'MRB',
      name: 'Pembiayaan Murabahah',
      akad: 'murabahah',
      method: 'murabahah',
      ratePercent: '1.5',
      minAmountRupiah: juta(1),
      maxAmountRupiah: juta(50),
      minTenor: 3,
      maxTenor: 36,
      adminFeeRupiah: 25_000n,
      penaltyKind: 'fixed',
      penaltyFixedRupiah: 25_000n,
      penaltyGraceDays: 5,
      earlyPayoffRule: 'remaining_margin',
    },
    weight: 0.72,
    amountsJuta: [2, 3, 4, 5, 7.5, 10],
    tenors: (a) => (a <= 3 ? [6, 10, 12] : [12, 18, 24]),
    purposes: [
      'Pembelian sepeda motor',
      'Pembelian mesin jahit',
      'Bahan bangunan renovasi rumah',
      'Bahan baku batik',
      'Etalase dan perlengkapan warung',
      'Laptop untuk sekolah anak',
      'Kulkas untuk usaha es',
    ],
    collateral: (amount) =>
      amount >= juta(3)
        ? [
            {
              kind: 'Barang murabahah',
              description: 'Barang yang dibiayai (faktur dan BPKB/kuitansi disimpan koperasi)',
              valueRupiah: amount,
            },
          ]
        : [],
  },
  {
    // Pembiayaan haji, ijarah multijasa: the hajj seat deposit (BPIH setoran awal, Rp 25 juta) is
    // lent as a qardh, the service earns a fixed ujrah (0.4 % a month of the fixed Rp 25 juta =
    // Rp 100.000 a month), no down payment.
    input: {
      ...BASE,
      code: 'HAJI',
      name: 'Pembiayaan Haji (ijarah multijasa, ujrah Rp 100.000/bulan, DP 0%)',
      akad: 'ijarah',
      method: 'ijarah',
      ratePercent: '0.4',
      minAmountRupiah: juta(25),
      maxAmountRupiah: juta(25),
      minTenor: 12,
      maxTenor: 60,
      downPaymentBps: 0,
      penaltyKind: 'fixed',
      penaltyFixedRupiah: 25_000n,
      penaltyGraceDays: 5,
    },
    weight: 0.05,
    amountsJuta: [25],
    tenors: () => [24, 36, 48, 60],
    purposes: ['Setoran awal BPIH untuk nomor porsi haji'],
    collateral: () => [],
  },
  {
    input: {
      ...BASE,
      code: 'QRD',
      name: 'Pinjaman Qardh (kebajikan)',
      akad: 'qardh',
      method: 'qardh',
      ratePercent: '0',
      minAmountRupiah: 500_000n,
      maxAmountRupiah: juta(5),
      minTenor: 3,
      maxTenor: 12,
      adminFeeRupiah: 10_000n,
    },
    weight: 0.23,
    amountsJuta: [0.5, 1, 1.5, 2, 3],
    tenors: () => [3, 6, 10, 12],
    purposes: [
      'Biaya berobat',
      'Biaya sekolah anak',
      'Kebutuhan mendesak keluarga',
      'Biaya persalinan',
    ],
    collateral: () => [],
  },
];
