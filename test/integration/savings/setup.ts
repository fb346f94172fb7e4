import { sql } from 'kysely';
import type { Queryable } from '../../../src/db/database.js';
import { decide } from '../../../src/services/approvals.js';
import type { Deps } from '../../../src/services/context.js';
import { registerMember, type MemberInput } from '../../../src/services/members.js';
import { createOrganization } from '../../../src/services/organizations.js';
import { createProduct } from '../../../src/services/savings.js';
import { tenorOffers } from '../../../src/services/savings/tenor-offers.js';
import { makeUser } from '../../support/fixtures.js';
import { openHeadOfficeSession } from '../../support/desk.js';
import { staffContext } from '../../support/outcome.js';

let serial = 0;
let orgSerial = 0;

/** A NIK that validates: Kota Pekalongan district 337501, the birth date encoded, women +40. */
export function nikFor(birthDate: string, gender: 'L' | 'P', district = '337501'): string {
  serial = (serial % 9999) + 1;
  const [y, m, d] = birthDate.split('-');
  const day = Number(d) + (gender === 'P' ? 40 : 0);
  return `${district}${String(day).padStart(2, '0')}${m}${y!.slice(2)}${String(serial).padStart(4, '0')}`;
}

export function memberInput(overrides: Partial<MemberInput> = {}): MemberInput {
  const birthDate = overrides.birthDate ?? '1985-04-12';
  const gender = overrides.gender ?? 'P';
  return {
    nik: nikFor(birthDate, gender),
    fullName: 'Siti Aminah',
    birthPlace: 'Pekalongan',
    birthDate,
    gender,
    address: 'Jl. Hayam Wuruk No. 12',
    provinceCode: '33',
    regencyCode: '3375',
    districtCode: '337501',
    phone: '0812-3456-7890',
    occupation: 'Pedagang batik',
    heirs: [{ fullName: 'Ahmad Fauzi', relationship: 'suami' }],
    ...overrides,
  };
}

/**
 * A KSP with the real chart template, a desk with an open session, staff, the four product kinds
 * and (optionally) active members.
 */
export async function savingsWorld(deps: Deps, options: { businessDate?: string } = {}) {
  const coop = await createOrganization(
    deps,
    {
      kind: 'cooperative',
      name: `KSP Uji Simpanan ${Date.now().toString(36)}${orgSerial++}`,
      cooperativeType: 'KSP',
      cooperativeForm: 'primer',
      regencyCode: '3375',
      provinceCode: '33',
    },
    'test',
  );
  const tellerUser = await makeUser(deps, coop, ['kasir']);
  const pengurusUser = await makeUser(deps, coop, ['pengurus']);
  const teller = staffContext(coop.id, tellerUser, ['kasir']);
  const pengurus = staffContext(coop.id, pengurusUser, ['pengurus']);
  const { branchId, sessionId } = await openHeadOfficeSession(deps, pengurus, teller, {
    businessDate: options.businessDate ?? '2026-11-02',
    openingFloatRupiah: 100_000_000n,
  });
  const pokok = await createProduct(deps, pengurus, {
    code: 'SP',
    name: 'Simpanan Pokok',
    settings: { kind: 'pokok', amountRupiah: '100000' },
  });
  const wajib = await createProduct(deps, pengurus, {
    code: 'SW',
    name: 'Simpanan Wajib',
    settings: { kind: 'wajib', monthlyAmountRupiah: '50000' },
  });
  const sukarela = await createProduct(deps, pengurus, {
    code: 'SS',
    name: 'Simpanan Sukarela',
    settings: {
      kind: 'sukarela',
      annualRateBps: 600,
      interestMethod: 'daily-balance',
      minimumBalanceRupiah: '10000',
      approvalAboveRupiah: '50000000',
    },
  });
  const berjangka = await createProduct(deps, pengurus, {
    code: 'SB',
    name: 'Simpanan Berjangka',
    settings: {
      kind: 'berjangka',
      tenors: tenorOffers({ 1: 500, 3: 550, 12: 650 }),
      interestBasis: 'monthly/12',
      interestPayout: 'to-sukarela',
      automaticRollover: true,
      earlyBreakPenalty: { kind: 'percent-of-principal', rateBps: 100 },
    },
  });
  const addMember = async (overrides: Partial<MemberInput> = {}) => {
    const r = await registerMember(deps, teller, memberInput(overrides));
    await decide(deps, pengurus, BigInt(r.approvalId), { approve: true });
    return BigInt(r.id);
  };
  return {
    coop,
    teller,
    pengurus,
    tellerUser,
    pengurusUser,
    sessionId,
    products: { pokok, wajib, sukarela, berjangka },
    addMember,
    branchId,
  };
}

/** The member's (first) sukarela account, id and balance, read straight from the table. */
export async function sukarelaOf(db: Queryable, coop: string, memberId: bigint) {
  const r = await sql<{ id: bigint; balance_rupiah: bigint }>`
    select a.id, a.balance_rupiah from savings_accounts a join savings_products p on p.cooperative_id = a.cooperative_id and p.id = a.product_id
    where a.cooperative_id = ${coop} and a.member_id = ${memberId} and p.kind = 'sukarela' order by a.id limit 1`.execute(
    db,
  );
  return r.rows[0]!;
}
