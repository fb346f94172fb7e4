import * as demoRepo from '../../db/demo.repo.js';
import { inOrg, systemContext, type Deps, type OrgContext } from '../context.js';
import { closeMonth, postEntry } from '../ledger.js';
import type { OrganizationView } from '../organizations.js';
import { closeYear } from '../year-end.js';
import { DEMO_MONTHS, rng } from './common.js';

const roundThousand = (v: number) => BigInt(Math.round(v / 1000) * 1000);

interface Scale {
  /** employees on the payroll (manager, tellers, account officers, bookkeeping) */
  staff: number;
  /** a month's pay per employee, allowances included */
  salaryRupiah: number;
  /** the board's and supervisors' honoraria together, a month */
  honorRupiah: number;
  /** electricity, water, telephone and internet of all offices, a month (before a 0–40 % swing) */
  utilitiesRupiah: number;
  openingBankRupiah: number;
  reserveRupiah: number;
  fixedAssetsRupiah: number;
}

/**
 * A year of the general entries every cooperative books besides members' savings and loans:
 * opening balances, salaries and board honoraria, utilities, office supplies, rent, bank interest
 * and charges, depreciation and the RAT (a consumer cooperative's shop books its own trade:
 * ./shop.ts). Then the past months are closed (2025 through the year-end close), as a cooperative
 * that keeps its books current would have done.
 */
export async function seedGeneralLedgerYear(
  deps: Deps,
  org: OrganizationView,
  scale: Scale,
): Promise<void> {
  const ctx: OrgContext = { ...systemContext(org.id, 'seed-demo'), roles: [] };
  const rand = rng(org.name.length * 7919);
  const posts: {
    date: string;
    description: string;
    lines: { code: string; d?: bigint; c?: bigint }[];
  }[] = [];
  const accumulated = roundThousand(scale.fixedAssetsRupiah * 0.3);
  posts.push({
    date: '2025-12-01',
    description: 'Saldo awal tahun buku (pindahan dari pembukuan manual)',
    lines: [
      { code: '1103', d: BigInt(scale.openingBankRupiah) },
      { code: '1304', d: BigInt(scale.fixedAssetsRupiah) },
      { code: '1309', c: accumulated },
      { code: '3105', c: BigInt(scale.openingBankRupiah + scale.fixedAssetsRupiah) - accumulated },
    ],
  });
  const depreciation = roundThousand(scale.fixedAssetsRupiah / 60);
  for (const month of DEMO_MONTHS) {
    const salaries = roundThousand(scale.staff * scale.salaryRupiah * (0.97 + rand() * 0.06));
    const honor = BigInt(scale.honorRupiah);
    const utilities = roundThousand(scale.utilitiesRupiah * (1 + rand() * 0.4));
    const supplies = roundThousand(350_000 + rand() * 400_000);
    const bankInterest = roundThousand((scale.openingBankRupiah * 0.025) / 12);
    posts.push(
      {
        date: `${month}-01`,
        description: `Penarikan kas dari bank untuk operasional ${month}`,
        lines: [
          { code: '1101', d: salaries + honor + utilities + supplies },
          { code: '1103', c: salaries + honor + utilities + supplies },
        ],
      },
      {
        date: `${month}-25`,
        description: `Gaji karyawan ${month}`,
        lines: [
          { code: '5201', d: salaries },
          { code: '1101', c: salaries },
        ],
      },
      {
        date: `${month}-25`,
        description: `Honor pengurus dan pengawas ${month}`,
        lines: [
          { code: '5202', d: honor },
          { code: '1101', c: honor },
        ],
      },
      {
        date: `${month}-10`,
        description: `Listrik, air, telepon, internet ${month}`,
        lines: [
          { code: '5206', d: utilities },
          { code: '1101', c: utilities },
        ],
      },
      {
        date: `${month}-05`,
        description: `Alat tulis dan cetak ${month}`,
        lines: [
          { code: '5207', d: supplies },
          { code: '1101', c: supplies },
        ],
      },
      {
        date: `${month}-28`,
        // a KSPPS keeps its money in a sharia bank, which shares its profit instead of interest
        description:
          org.cooperativeType === 'KSPPS'
            ? `Bagi hasil rekening bank syariah ${month}`
            : `Jasa giro bank ${month}`,
        lines: [
          { code: '1103', d: bankInterest },
          { code: '4301', c: bankInterest },
        ],
      },
      {
        date: `${month}-28`,
        description: `Biaya administrasi bank ${month}`,
        lines: [
          { code: '5209', d: 25_000n },
          { code: '1103', c: 25_000n },
        ],
      },
      {
        date: `${month}-28`,
        description: `Penyusutan inventaris ${month}`,
        lines: [
          { code: '5205', d: depreciation },
          { code: '1309', c: depreciation },
        ],
      },
    );
    if (month.endsWith('-01') || month.endsWith('-07')) {
      const rent = roundThousand(scale.staff * 1_500_000);
      posts.push({
        date: `${month}-03`,
        description: `Sewa kantor cabang semester ${month}`,
        lines: [
          { code: '5208', d: rent },
          { code: '1103', c: rent },
        ],
      });
    }
    if (month === '2026-03') {
      // Tunjangan Hari Raya: a month's pay before Idul Fitri (20 March 2026), as the law requires
      const thr = BigInt(scale.staff * scale.salaryRupiah);
      posts.push({
        date: '2026-03-13',
        description: 'Tunjangan Hari Raya (THR) karyawan',
        lines: [
          { code: '5201', d: thr },
          { code: '1103', c: thr },
        ],
      });
      posts.push({
        date: '2026-03-21',
        description: 'Biaya Rapat Anggota Tahunan (RAT) tahun buku 2025',
        lines: [
          { code: '5203', d: roundThousand(scale.staff * 2_000_000) },
          { code: '1103', c: roundThousand(scale.staff * 2_000_000) },
        ],
      });
      posts.push({
        date: '2026-03-28',
        description: 'Pendidikan dan pelatihan pengelola',
        lines: [
          { code: '5204', d: 4_500_000n },
          { code: '1103', c: 4_500_000n },
        ],
      });
    }
  }
  posts.sort((a, b) => a.date.localeCompare(b.date));
  await inOrg(deps, ctx, async (o) => {
    for (const p of posts) {
      await postEntry(o, {
        entryDate: p.date,
        description: p.description,
        source: { type: 'demo.general' },
        lines: p.lines.map((l) => ({
          account: { code: l.code },
          ...(l.d ? { debitRupiah: l.d } : {}),
          ...(l.c ? { creditRupiah: l.c } : {}),
        })),
      });
    }
  });
}

/**
 * Closes the demo's past months: 2025 with the year-end close (unless the cooperative closed it
 * already, inside its months), then January–October 2026.
 */
export async function closeDemoMonths(
  deps: Deps,
  org: OrganizationView,
  /** what the cooperative did in 2026 about its closed 2025 (the RAT, the SHU), before 2026 closes */
  afterYearEnd?: () => Promise<unknown>,
): Promise<void> {
  const ctx: OrgContext = { ...systemContext(org.id, 'seed-demo'), roles: [] };
  const closed = await demoRepo.closedPeriodCount(deps.database.db, org.id);
  if (closed > 12) return; // 2026's months are closed too
  if (closed === 0) {
    await closeYear(deps, ctx, 2025);
    await afterYearEnd?.();
  }
  for (let m = 1; m <= 10; m++) await closeMonth(deps, ctx, `2026-${String(m).padStart(2, '0')}`);
}

/** The demo's year-end close of 2025 alone (a cooperative that closes it inside its months). */
export async function closeDemoYear2025(deps: Deps, org: OrganizationView): Promise<void> {
  await closeYear(deps, { ...systemContext(org.id, 'seed-demo'), roles: [] }, 2025);
}
