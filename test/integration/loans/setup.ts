import { sql } from 'kysely';
import { inOrg, type Deps } from '../../../src/services/context.js';
import { seedChartOfAccounts } from '../../../src/services/ledger.js';
import { createProduct, type ProductInput } from '../../../src/services/loans.js';
import { LOAN_PRODUCT_DEFAULTS } from '../../../src/services/loans/product-defaults.js';
import { LOANS_TEST_CHART } from '../../support/loans-chart.js';
import { makeCooperative, makeUser } from '../../support/fixtures.js';
import { openHeadOfficeSession } from '../../support/desk.js';
import { staffContext } from '../../support/outcome.js';

export const FLAT_PRODUCT: ProductInput = {
  ...LOAN_PRODUCT_DEFAULTS,
  code: 'PJ-FLAT',
  name: 'Pinjaman umum (flat)',
  akad: 'conventional',
  method: 'flat',
  ratePercent: '1.5',
  ratePeriod: 'month',
  frequency: 'monthly',
  minAmountRupiah: 1_000_000n,
  maxAmountRupiah: 100_000_000n,
  minTenor: 3,
  maxTenor: 36,
  provisiBps: 100,
  adminFeeRupiah: 50_000n,
  gracePrincipalPeriods: 0,
  downPaymentBps: 0,
  penaltyKind: 'daily_percent',
  penaltyDailyPercent: '0.1',
  penaltyFixedRupiah: 0n,
  penaltyGraceDays: 3,
};

let nik = 3375010101900000;

/** A cooperative with a loans chart, a desk with an open session, staff and one active member. */
export async function loanWorld(deps: Deps) {
  const coop = await makeCooperative(deps);
  const officerUser = await makeUser(deps, coop, ['petugas_kredit']);
  const pengurusUser = await makeUser(deps, coop, ['pengurus']);
  const tellerUser = await makeUser(deps, coop, ['kasir']);
  const officer = staffContext(coop.id, officerUser, ['petugas_kredit']);
  const pengurus = staffContext(coop.id, pengurusUser, ['pengurus']);
  const teller = staffContext(coop.id, tellerUser, ['kasir']);
  await inOrg(deps, pengurus, (o) => seedChartOfAccounts(o, LOANS_TEST_CHART));
  const { sessionId } = await openHeadOfficeSession(deps, pengurus, teller, {
    businessDate: '2026-01-10',
    openingFloatRupiah: 500_000_000n,
  });
  const product = await createProduct(deps, pengurus, FLAT_PRODUCT);
  const memberId = await addMember(deps, coop.id);
  return { coop, officer, pengurus, teller, sessionId, product, memberId };
}

export async function addMember(deps: Deps, coopId: string): Promise<bigint> {
  nik++;
  const r = await sql<{ id: bigint }>`
    insert into members (cooperative_id, member_number, status, nik, full_name, birth_date, gender, joined_on, phone)
    values (${coopId}, ${`A${nik}`}, 'active', ${String(nik)}, 'Siti Aminah', '1985-04-12', 'P', '2024-01-02', '+6281234567890')
    returning id`.execute(deps.database.db);
  const id = r.rows[0]?.id;
  if (id === undefined) throw new Error('member insert failed');
  return id;
}
