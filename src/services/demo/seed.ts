import * as demoRepo from '../../db/demo.repo.js';
import type { Deps } from '../context.js';
import { seedDemoBaitulMaal } from './baitul-maal.js';
import { seedDemoDps } from './dps.js';
import { seedDemoLatePayment } from './late-payment.js';
import { seedDemoProfitSharing } from './profit-sharing.js';
import { seedDemoKspRatAndShu, seedDemoKsppsRatPlanned } from './rat-shu.js';
import { tenorOffers } from '../savings/tenor-offers.js';
import { demoSeeded, seedFoundation, DEMO_PASSWORD, type DemoLogin } from './foundation.js';
import { closeDemoMonths, closeDemoYear2025, seedGeneralLedgerYear } from './ledger.js';
import { seedDemoKspOldBooks2025 } from './history-2025.js';
import { seedDemoLoans } from './loans/seed.js';
import { seedDemoSavings, type DemoSavingsScale } from './savings/seed.js';
import { demoShop } from './shop.js';
import { seedDemoMarketplace } from './marketplace.js';
import { seedDemoMlijo } from './mlijo.js';
import { seedDemoAssessments } from './supervision-assessments.js';
import { seedDemoRatCompliance } from './supervision-rat.js';
import { seedDemoFunding } from './supervision-funding.js';
import { seedDemoMediation } from './supervision-mediation.js';
import { seedDemoOfficerQueue } from './supervision-officer-queue.js';
import { seedDemoEarlyWarning } from './supervision-early-warning.js';
import { seedDemoInspections } from './supervision-inspections.js';
import { seedDemoKoperasiModern } from './supervision-koperasi-modern.js';
import { seedDemoRegistry } from './supervision-registry.js';
import { seedDemoTraining } from './supervision-training.js';
import { seedDemoSupervisionReports } from './supervision-reports.js';

export { DEMO_PASSWORD };

/**
 * The demo KSPPS's savings (fatwa 02 and 03/DSN-MUI/IV/2000): pokok, wajib and sukarela on wadiah
 * wording with no rate (a bonus is a decision after the month, not modelled yet); a tabungan
 * mudharabah at 30:70 and the term deposit on mudharabah with the member's nisbah by tenor, 40:60
 * for 6 months and 45:55 for 12 (member : cooperative), each account's akad (version 1) written by
 * the database when it opens. Every month-end distributes the month's bagi hasil to them.
 */
export const DEMO_KSPPS_SAVINGS: DemoSavingsScale = {
  members: 800,
  prefix: 'kspps',
  pokok: 100_000n,
  wajib: 25_000n,
  sukarelaName: 'Simpanan Wadiah',
  sukarelaRateBps: null,
  mudharabah: { name: 'Tabungan Mudharabah', nisbahAnggotaBps: 3000 },
  adminFee: 0n,
  berjangka: {
    name: 'Simpanan Mudharabah Berjangka',
    tenors: [
      { tenorMonths: 6, nisbahAnggotaBps: 4000 },
      { tenorMonths: 12, nisbahAnggotaBps: 4500 },
    ],
  },
  memberLogin: 'kspps.anggota',
};

/**
 * The demo KSP's costs: a KSP lending about Rp 12 billion runs on some 18 employees (a manager,
 * tellers and account officers shared by its small offices). The same figures size its
 * January–November 2025 brought over from the old books (./history-2025.ts).
 */
const KSP_COSTS = {
  staff: 18,
  salaryRupiah: 3_500_000,
  honorRupiah: 5_000_000,
  utilitiesRupiah: 1_600_000,
  openingBankRupiah: 2_350_000_000,
  fixedAssetsRupiah: 1_000_000_000,
};

/**
 * Seeds the demo organisations once. Each area adds its own step after the foundation's
 * (members, savings, ledger history, loans) using the organisations returned here.
 */
export async function seedDemo(deps: Deps): Promise<{ seeded: boolean; logins: DemoLogin[] }> {
  if (await demoSeeded(deps)) return { seeded: false, logins: [] };
  const { orgs, logins } = await seedFoundation(deps);
  // The offices' registries: the city's spreadsheet imported, the three cooperatives linked.
  await seedDemoRegistry(
    deps,
    { city: orgs.dinas, province: orgs.province },
    { ksp: orgs.ksp, kspps: orgs.kspps, konsumen: orgs.konsumen },
  );
  // Area steps add members, savings and loans here, before the general ledger and the month closes.
  // The loan books are written month by month inside the savings year (before each month-end).
  const kspLoans = await seedDemoLoans(deps, orgs.ksp, { loans: 1000, book: 'ksp', macet: 4 });
  await seedDemoSavings(
    deps,
    orgs.ksp,
    {
      members: 2000,
      prefix: 'ksp',
      pokok: 100_000n,
      wajib: 50_000n,
      sukarelaName: 'Simpanan Sukarela (Sirela)',
      sukarelaRateBps: 300,
      adminFee: 2_500n,
      berjangka: {
        name: 'Simpanan Berjangka (Sijangka)',
        tenors: tenorOffers({ 1: 450, 3: 500, 6: 550, 12: 600 }),
      },
      memberLogin: 'ksp.anggota',
    },
    kspLoans,
    // after March 2026's month-end, before April's counter: the KSP's books of the year (general
    // entries, January–November 2025 from the old books), the 2025 close, its RAT of 14 March
    // and the SHU paid from 1 April (src/services/demo/rat-shu.ts)
    async (month) => {
      if (month !== '2026-03') return;
      await seedGeneralLedgerYear(deps, orgs.ksp, { ...KSP_COSTS, reserveRupiah: 0 });
      await seedDemoKspOldBooks2025(deps, orgs.ksp, KSP_COSTS);
      await closeDemoYear2025(deps, orgs.ksp);
      await seedDemoKspRatAndShu(deps, orgs.ksp);
    },
  );
  // Sharia: every savings product under its akad, no rate (DEMO_KSPPS_SAVINGS).
  const ksppsLoans = await seedDemoLoans(deps, orgs.kspps, {
    loans: 1000,
    book: 'kspps',
    macet: 2,
  });
  await seedDemoSavings(deps, orgs.kspps, DEMO_KSPPS_SAVINGS, ksppsLoans);
  // The consumer cooperative's shop trades inside its savings year: each month's deliveries,
  // sales (some from sukarela, some on goods credit) and settlements before the month-end.
  const shop = demoShop(deps, orgs.konsumen);
  await seedDemoSavings(
    deps,
    orgs.konsumen,
    {
      members: 300,
      prefix: 'konsumen',
      pokok: 50_000n,
      wajib: 10_000n,
      sukarelaName: 'Simpanan Sukarela',
      sukarelaRateBps: 200,
      adminFee: 0n,
      memberLogin: 'konsumen.anggota',
    },
    (month) => shop.month(month),
  );
  // The general entries of the year, then the past months close (2025 by year-end close, then
  // January–October 2026), as a cooperative that keeps its books current would have done.
  // Costs sized to each book: a KSP lending about Rp 12 billion runs on some 18 employees (a
  // manager, tellers and account officers shared by its small offices), a BMT of this size on four.
  await seedGeneralLedgerYear(deps, orgs.kspps, {
    staff: 4,
    salaryRupiah: 2_800_000,
    honorRupiah: 1_500_000,
    utilitiesRupiah: 700_000,
    openingBankRupiah: 640_000_000,
    reserveRupiah: 0,
    fixedAssetsRupiah: 200_000_000,
  });
  await seedGeneralLedgerYear(deps, orgs.konsumen, {
    staff: 5,
    salaryRupiah: 2_700_000,
    honorRupiah: 2_500_000,
    utilitiesRupiah: 1_400_000,
    openingBankRupiah: 185_000_000,
    reserveRupiah: 0,
    fixedAssetsRupiah: 260_000_000,
    // no lump shop sales: the shop's own sales, purchases and HPP are booked above (./shop.ts)
  });
  await seedDemoBaitulMaal(deps, orgs.kspps); // zakat, infaq, wakaf and kebajikan of the year
  await seedDemoProfitSharing(deps, orgs.kspps); // a mudharabah and a musyarakah with their reports
  await seedDemoLatePayment(deps, orgs.kspps); // a member marked unable to pay, two ta'widh items
  // the KSP closed 2025 and shared its SHU inside its months (above); 2026's months close here
  await closeDemoMonths(deps, orgs.ksp);
  for (const org of [orgs.kspps, orgs.konsumen]) await closeDemoMonths(deps, org);
  // the consumer cooperative's marketplace: listings, photos and two weeks of orders (open month)
  await seedDemoMarketplace(deps, orgs.konsumen);
  // The consumer cooperative's mlijo rounds: two vendors, 40 households, the week before today
  // (in the open month) delivered and settled, and a round taking orders now (./mlijo.ts).
  await seedDemoMlijo(deps, orgs.konsumen);
  await seedDemoKsppsRatPlanned(deps, orgs.kspps);
  // Reports to the offices: the three cooperatives share this year's quarters from their books,
  // the city's other cooperatives have three years of typed ones (some late, some missing).
  await seedDemoSupervisionReports(
    deps,
    { city: orgs.dinas, province: orgs.province },
    { ksp: orgs.ksp, kspps: orgs.kspps, konsumen: orgs.konsumen },
  );
  // The city examiner's assessments of its active cooperatives under both rubrics.
  await seedDemoAssessments(deps, orgs.dinas);
  // Its officers in charge, the RATs its cooperatives held, its thresholds and this morning's alerts.
  await seedDemoEarlyWarning(deps, orgs.dinas);
  // The documents of those RATs and the reminders of the year just ended.
  await seedDemoRatCompliance(deps, orgs.dinas);
  // Its funding referrals: one disbursed, one under review, one rejected.
  await seedDemoFunding(deps, orgs.dinas);
  // The pembina's mediation cases (visible to her and the pengawas assigned only).
  await seedDemoMediation(deps, orgs.dinas);
  // Its inspections with findings, and a cooperative on teguran tertulis II.
  await seedDemoInspections(deps, orgs.dinas);
  // Its koperasi modern target (30 by 2026) and two years of checklists toward it.
  await seedDemoKoperasiModern(deps, orgs.dinas);
  // Its trainings of 2024–2026 with participants, and its cooperatives' managers' certificates.
  await seedDemoTraining(deps, orgs.dinas);
  // This morning's digest of each officer's queue (Tugas saya), after every area above.
  await seedDemoOfficerQueue(deps, orgs.dinas);
  // The KSPPS's DPS last: it approves the products created above (docs/domain/sharia-dps.md).
  await seedDemoDps(deps, orgs.kspps);
  await deps.sealer.flush();
  return { seeded: true, logins };
}

export function formatDemoLogins(logins: DemoLogin[]): string {
  const lines = logins.map(
    (l) => `  ${l.username.padEnd(18)} ${l.roles.join(',').padEnd(16)} ${l.organization}`,
  );
  return [`Demo logins (password for all: ${DEMO_PASSWORD}):`, ...lines].join('\n');
}

/** The demo logins as they stand in the database (printed at every demo start). */
export async function currentDemoLogins(deps: Deps): Promise<DemoLogin[]> {
  const rows = await demoRepo.loginsOf(deps.database.db, DEMO_USERNAMES);
  return rows.map((r) => ({
    username: r.username,
    fullName: r.fullName,
    organization: r.organization,
    roles: [r.role as DemoLogin['roles'][number]],
  }));
}

const DEMO_USERNAMES = [
  ...['ksp', 'kspps', 'konsumen'].flatMap((p) =>
    ['admin', 'pengurus', 'pengawas', 'kasir', 'kredit', 'anggota'].map((k) => `${p}.${k}`),
  ),
  'dinas.admin',
  'dinas.pembina',
  'dinas.pengawas',
  'dinas.provinsi',
  'kemenkop.admin',
  'demo.pengurus',
  'kspps.dps',
  'ksp.pengawas.hadi',
  'ksp.pengawas.lestari',
];
