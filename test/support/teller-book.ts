// A small cooperative's counter, for the suites that drive the real server's deposits (the crash
// test, the fault suite): a KSP on the real chart template, its head office with two desks, the
// teller `ksp.kasir` and a pengurus (the demo's usernames and password, so test/support/teller.ts
// signs in as against the demo), pokok, wajib and sukarela products, and eight members approved
// with their default accounts, each sukarela account holding an opening deposit made at desk KP2
// in a session closed again, so the teller opens its own at KP1. All of it through the services,
// as the API would have made it, in a second or two instead of the demo's minutes: those suites
// need a counter, not the demo's years of books.
import pino from 'pino';
import type { DatabaseConfig } from '../../src/db/database.js';
import { decide } from '../../src/services/approvals.js';
import { closeSession, createDesk, openSession } from '../../src/services/cashdesk.js';
import { systemContext } from '../../src/services/context.js';
import { openDeps } from '../../src/services/deps.js';
import { getMember, registerMember } from '../../src/services/members.js';
import { createBranch, createOrganization, createUser } from '../../src/services/organizations.js';
import { createProduct, deposit } from '../../src/services/savings.js';
import { staffContext } from './outcome.js';
import { DEMO_PASSWORD, TELLER, todayWib } from './teller.js';

/** the members, each with one sukarela account (the crash test and the fault suite use 8) */
export const TELLER_BOOK_MEMBERS = 8;

const MEMBERS: [fullName: string, gender: 'L' | 'P', birthDate: string][] = [
  ['Siti Aminah', 'P', '1985-04-12'],
  ['Budi Santoso', 'L', '1979-08-17'],
  ['Dewi Lestari', 'P', '1990-01-23'],
  ['Agus Setiawan', 'L', '1982-11-05'],
  ['Ratna Sari', 'P', '1976-06-30'],
  ['Hendra Gunawan', 'L', '1988-03-14'],
  ['Yuni Astuti', 'P', '1993-09-09'],
  ['Joko Prasetyo', 'L', '1971-12-01'],
];

/** A NIK that validates: Kota Pekalongan district 337501, the birth date encoded (women +40). */
function nik(birthDate: string, gender: 'L' | 'P', serial: number): string {
  const [y, m, d] = birthDate.split('-');
  const day = Number(d) + (gender === 'P' ? 40 : 0);
  return `337501${String(day).padStart(2, '0')}${m}${y!.slice(2)}${String(serial).padStart(4, '0')}`;
}

/**
 * Makes the small KSP in a fresh database (a PGlite data dir or a PostgreSQL database; migrated
 * here) and closes it again, ready for `sokoguru serve` without --demo.
 */
export async function seedTellerBook(database: DatabaseConfig): Promise<void> {
  const deps = await openDeps(database, { logger: pino({ level: 'silent' }) });
  try {
    const coop = await createOrganization(
      deps,
      {
        kind: 'cooperative',
        name: 'KSP Uji Kasir Pekalongan',
        cooperativeType: 'KSP',
        cooperativeForm: 'primer',
        regencyCode: '3375',
        provinceCode: '33',
      },
      'seed-test',
    );
    const system = systemContext(coop.id, 'seed-test');
    const user = (username: string, fullName: string, role: 'kasir' | 'pengurus') =>
      createUser(deps, system, { username, fullName, password: DEMO_PASSWORD, roles: [role] });
    const teller = staffContext(coop.id, await user(TELLER, 'Dewi Kasir', 'kasir'), ['kasir']);
    const pengurus = staffContext(
      coop.id,
      await user('ksp.pengurus', 'Slamet Pengurus', 'pengurus'),
      ['pengurus'],
    );

    const kp = await createBranch(deps, pengurus, {
      code: 'KP',
      name: 'Kantor Pusat',
      isHeadOffice: true,
    });
    const branchId = BigInt(kp.body.id);
    await createDesk(deps, pengurus, { branchId, code: 'KP1', name: 'Teller 1' });
    const kp2 = await createDesk(deps, pengurus, { branchId, code: 'KP2', name: 'Teller 2' });

    await createProduct(deps, pengurus, {
      code: 'SP',
      name: 'Simpanan Pokok',
      settings: { kind: 'pokok', amountRupiah: '100000' },
    });
    await createProduct(deps, pengurus, {
      code: 'SW',
      name: 'Simpanan Wajib',
      settings: { kind: 'wajib', monthlyAmountRupiah: '50000' },
    });
    await createProduct(deps, pengurus, {
      code: 'SS',
      name: 'Simpanan Sukarela (Sirela)',
      settings: {
        kind: 'sukarela',
        annualRateBps: 300,
        interestMethod: 'daily-balance',
        minimumBalanceRupiah: '10000',
        monthlyAdminFeeRupiah: '2500',
        dormancyMonths: 12,
        approvalAboveRupiah: '25000000',
      },
    });

    const float = 5_000_000n;
    let deposited = 0n;
    const session = await openSession(deps, teller, {
      deskId: BigInt(kp2.id),
      businessDate: todayWib(),
      openingFloatRupiah: float,
    });
    const sessionId = BigInt(session.id);
    for (const [i, [fullName, gender, birthDate]] of MEMBERS.slice(
      0,
      TELLER_BOOK_MEMBERS,
    ).entries()) {
      const r = await registerMember(deps, teller, {
        nik: nik(birthDate, gender, i + 1),
        fullName,
        birthPlace: 'Pekalongan',
        birthDate,
        gender,
        address: `Jl. Hayam Wuruk No. ${i + 1}, Podosugih, Pekalongan Barat`,
        provinceCode: '33',
        regencyCode: '3375',
        districtCode: '337501',
        phone: `0812-3456-78${String(i).padStart(2, '0')}`,
        occupation: 'Pedagang batik',
      });
      await decide(deps, pengurus, BigInt(r.approvalId), { approve: true });
      const sukarela = (await getMember(deps, pengurus, BigInt(r.id))).accounts.find(
        (a) => a.kind === 'sukarela',
      );
      if (!sukarela) throw new Error(`member ${fullName} has no sukarela account`);
      const amountRupiah = 250_000n * BigInt(i + 1);
      await deposit(deps, teller, { sessionId, accountId: BigInt(sukarela.id), amountRupiah });
      deposited += amountRupiah;
    }
    // the count matches: no variance entry
    await closeSession(deps, teller, sessionId, {
      countedRupiah: float + deposited,
      entryDate: todayWib(),
    });
  } finally {
    await deps.close();
  }
}
