import { sql } from 'kysely';
import { decide } from '../../../src/services/approvals.js';
import { createDesk, openSession } from '../../../src/services/cashdesk.js';
import { inOrg, type OrgContext } from '../../../src/services/context.js';
import { postEntry } from '../../../src/services/ledger.js';
import { registerMember } from '../../../src/services/members.js';
import { createOrganization } from '../../../src/services/organizations.js';
import { createProduct, deposit, placeDeposit } from '../../../src/services/savings.js';
import { headOfficeDesk } from '../../support/desk.js';
import { makeUser, type testAppForFile } from '../../support/fixtures.js';
import { staffContext } from '../../support/outcome.js';
import { memberInput } from '../savings/setup.js';

type TestFile = ReturnType<typeof testAppForFile>;
let serial = 0;

/**
 * A KSPPS for the sharia tests: a pengurus, the head office, the three funding products of the
 * domain reference's worked example (sharia.md §b.3: wadiah SS, mudharabah SM at nisbah 30 %,
 * mudharabah berjangka SB) and helpers to open a teller's session on a day (the clock moves there),
 * register members, find their accounts and post ledger entries by role.
 */
export async function ksppsWorld(
  file: TestFile,
  setNow: (d: Date) => void,
  options: {
    name: string;
    start: string;
    berjangkaTenors: { tenorMonths: number; nisbahAnggotaBps: number }[];
    /** the wadiah product's minimum balance (none by default) */
    wadiahMinimumBalanceRupiah?: string;
    /** the mudharabah product's monthly admin fee (none by default) */
    mudharabahMonthlyAdminFeeRupiah?: string;
    /**
     * The mudharabah product before the wadiah one: a new member's oldest sukarela account, the
     * one a financing pays into and collects from, is then the mudharabah one.
     */
    mudharabahFirst?: boolean;
    /** whether the deposits roll over at maturity (yes by default) */
    berjangkaAutomaticRollover?: boolean;
  },
) {
  setNow(new Date(`${options.start}T03:00:00Z`));
  const coop = await createOrganization(
    file.deps,
    {
      kind: 'cooperative',
      name: `${options.name} ${Date.now().toString(36)}${serial++}`,
      cooperativeType: 'KSPPS',
      cooperativeForm: 'primer',
      regencyCode: '3375',
      provinceCode: '33',
    },
    'test',
  );
  const pengurusUser = await makeUser(file.deps, coop, ['pengurus']);
  const pengurus = staffContext(coop.id, pengurusUser, ['pengurus']);
  const { branchId } = await headOfficeDesk(file.deps, pengurus);
  let desks = 1;
  /** A teller of her own desk with a session on this day (the clock moves to it). */
  const sessionOn = async (day: string, openingFloatRupiah = 10_000_000n) => {
    setNow(new Date(`${day}T03:00:00Z`));
    const tellerUser = await makeUser(file.deps, coop, ['kasir']);
    const teller = staffContext(coop.id, tellerUser, ['kasir']);
    desks += 1;
    const desk = await createDesk(file.deps, pengurus, {
      branchId,
      code: `KP${desks}`,
      name: `Teller ${desks}`,
    });
    const session = await openSession(file.deps, teller, {
      deskId: BigInt(desk.id),
      businessDate: day,
      openingFloatRupiah,
    });
    return { teller, tellerUser, sessionId: BigInt(session.id) };
  };
  const createWadiah = () =>
    createProduct(file.deps, pengurus, {
      code: 'SS',
      name: 'Simpanan Wadiah',
      akad: 'wadiah',
      settings: {
        kind: 'sukarela',
        interestMethod: 'daily-balance',
        ...(options.wadiahMinimumBalanceRupiah
          ? { minimumBalanceRupiah: options.wadiahMinimumBalanceRupiah }
          : {}),
      },
    });
  const createMudharabah = () =>
    createProduct(file.deps, pengurus, {
      code: 'SM',
      name: 'Tabungan Mudharabah',
      akad: 'mudharabah',
      settings: {
        kind: 'sukarela',
        nisbahAnggotaBps: 3000,
        interestMethod: 'daily-balance',
        ...(options.mudharabahMonthlyAdminFeeRupiah
          ? { monthlyAdminFeeRupiah: options.mudharabahMonthlyAdminFeeRupiah }
          : {}),
      },
    });
  const first = options.mudharabahFirst ? await createMudharabah() : await createWadiah();
  const second = options.mudharabahFirst ? await createWadiah() : await createMudharabah();
  const [wadiah, mudharabah] = options.mudharabahFirst ? [second, first] : [first, second];
  const berjangka = await createProduct(file.deps, pengurus, {
    code: 'SB',
    name: 'Simpanan Mudharabah Berjangka',
    akad: 'mudharabah_berjangka',
    settings: {
      kind: 'berjangka',
      tenors: options.berjangkaTenors,
      interestBasis: 'monthly/12',
      automaticRollover: options.berjangkaAutomaticRollover ?? true,
    },
  });
  const addMember = async (teller: OrgContext) => {
    const r = await registerMember(file.deps, teller, memberInput());
    await decide(file.deps, pengurus, BigInt(r.approvalId), { approve: true });
    return BigInt(r.id);
  };
  /** The member's first account of the product with this code. */
  const accountOf = async (memberId: bigint, code: string) => {
    const r = await sql<{ id: bigint }>`
      select a.id from savings_accounts a join savings_products p on p.cooperative_id = a.cooperative_id
        and p.id = a.product_id
      where a.cooperative_id = ${coop.id} and a.member_id = ${memberId} and p.code = ${code}
      order by a.id limit 1`.execute(file.deps.database.db);
    return r.rows[0]!.id;
  };
  /** One balanced entry by role or account code (d = debit, c = credit). */
  const post = (
    entryDate: string,
    lines: (({ role: string } | { code: string }) & { d?: bigint; c?: bigint })[],
  ) =>
    inOrg(file.deps, pengurus, (o) =>
      postEntry(o, {
        entryDate,
        description: 'Uji KSPPS',
        source: { type: 'test', id: entryDate },
        lines: lines.map((l) => ({
          account: 'code' in l ? { code: l.code } : { role: l.role },
          ...(l.d ? { debitRupiah: l.d } : { creditRupiah: l.c! }),
        })),
      }),
    );
  return {
    coop,
    pengurus,
    pengurusUser,
    sessionOn,
    addMember,
    accountOf,
    post,
    products: { wadiah, mudharabah, berjangka },
    berjangkaId: BigInt(berjangka.id),
  };
}

/**
 * The books of the worked example (sharia.md §b.3, June 2025) in a world whose deposits have a
 * 3-month tenor: in May A1 opens with 4.125.350 and B1 places 20.000.000 for 3 months paying out to
 * its member's wadiah account, and the KSPPS finances 40.000.000; in June A1 grows to 6.980.000 on
 * the 11th, A2 opens on the 17th with 2.512.925, and 960.000 of margin comes in cash on the 20th.
 */
export async function workedExampleBooks(
  file: TestFile,
  w: Awaited<ReturnType<typeof ksppsWorld>>,
) {
  const may = await w.sessionOn('2025-05-20');
  const m1 = await w.addMember(may.teller);
  const a1 = await w.accountOf(m1, 'SM');
  await deposit(file.deps, may.teller, {
    sessionId: may.sessionId,
    accountId: a1,
    amountRupiah: 4_125_350n,
  });
  const m3 = await w.addMember(may.teller);
  const placed = await placeDeposit(file.deps, may.teller, {
    memberId: m3,
    productId: w.berjangkaId,
    tenorMonths: 3,
    principalRupiah: 20_000_000n,
    payoutAccountId: await w.accountOf(m3, 'SS'),
    sessionId: may.sessionId,
  });
  const b1 = BigInt((placed.body as { account: { id: string } }).account.id);
  await w.post('2025-05-31', [
    { role: 'mudharabahFinancing', d: 40_000_000n },
    { role: 'cash', c: 40_000_000n },
  ]);
  const june11 = await w.sessionOn('2025-06-11');
  await deposit(file.deps, june11.teller, {
    sessionId: june11.sessionId,
    accountId: a1,
    amountRupiah: 2_854_650n,
  });
  const june17 = await w.sessionOn('2025-06-17');
  const m2 = await w.addMember(june17.teller);
  const a2 = await w.accountOf(m2, 'SM');
  await deposit(file.deps, june17.teller, {
    sessionId: june17.sessionId,
    accountId: a2,
    amountRupiah: 2_512_925n,
  });
  await w.post('2025-06-20', [
    { role: 'cash', d: 960_000n },
    { role: 'marginIncome', c: 960_000n },
  ]);
  return { m1, a1, m2, a2, m3, b1 };
}
