import * as repo from '../../../db/demo-savings.repo.js';
import type { SavingsAkad } from '../../../domain/savings/akad.js';
import { amountsByLedgerRole, savingsLedgerRole } from '../../../domain/savings/ledger-role.js';
import type { SavingsKind } from '../../../domain/savings/product.js';
import { createDesk } from '../../cashdesk.js';
import { inOrg, systemContext, type Deps, type OrgContext, type OrgTx } from '../../context.js';
import { postEntry } from '../../ledger.js';
import { runMonthEnd } from '../../month-end.js';
import type { OrganizationView } from '../../organizations.js';
import { createProduct } from '../../savings.js';
import '../../savings-month-end.js';
import '../../bagi-hasil.js';
import { DEMO_MONTHS, rng } from '../common.js';
import { counterMonth, type MemberAccounts } from './counter.js';
import { demoPeople } from './registry.js';

/**
 * Demo members and a year of savings: a registry of realistic people in Kota Pekalongan, balances
 * brought forward on 1 December 2025, then a year at the counter month by month (./counter.ts),
 * with the real month-end (interest, PPh final, admin fee) run after every month.
 */

export interface DemoSavingsScale {
  members: number;
  prefix: 'ksp' | 'kspps' | 'konsumen';
  pokok: bigint;
  wajib: bigint;
  sukarelaName: string;
  /**
   * A conventional cooperative's sukarela rate; null for a KSPPS, whose products are under an akad
   * (wadiah for pokok, wajib and sukarela; mudharabah berjangka with a nisbah per tenor) and carry
   * no rate (fatwa 02 and 03/DSN-MUI/IV/2000).
   */
  sukarelaRateBps: number | null;
  adminFee: bigint;
  berjangka?: {
    name: string;
    tenors: { tenorMonths: number; annualRateBps?: number; nisbahAnggotaBps?: number }[];
  };
  /** a KSPPS's tabungan mudharabah beside its wadiah savings */
  mudharabah?: { name: string; nisbahAnggotaBps: number };
  /** the demo login that is a member (ksp.anggota and so on) */
  memberLogin: string;
}

/** `eachMonth` adds other areas' activity of a month (the loan book) after its savings, before its month-end. */
export async function seedDemoSavings(
  deps: Deps,
  org: OrganizationView,
  scale: DemoSavingsScale,
  eachMonth?: (month: string) => Promise<void>,
  /** what the cooperative did after a month's month-end, before the next month's counter */
  afterMonthEnd?: (month: string) => Promise<void>,
): Promise<void> {
  const ctx: OrgContext = { ...systemContext(org.id, 'seed-demo'), roles: ['pengurus'] };
  const coop = org.id;
  const rand = rng(scale.members * 31 + scale.prefix.length);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;

  // two teller desks at the head office
  const ho = await repo.headOfficeBranch(deps.database.db, coop);
  if (ho)
    for (const n of [1, 2])
      await createDesk(deps, ctx, { branchId: ho.id, code: `T${n}`, name: `Teller ${n}` });
  const sharia = scale.sukarelaRateBps === null;
  const wadiah = sharia ? { akad: 'wadiah' as const } : {};
  const sp = await createProduct(deps, ctx, {
    code: 'SP',
    name: 'Simpanan Pokok',
    ...wadiah,
    settings: { kind: 'pokok', amountRupiah: scale.pokok.toString() },
  });
  const sw = await createProduct(deps, ctx, {
    code: 'SW',
    name: 'Simpanan Wajib',
    ...wadiah,
    settings: { kind: 'wajib', monthlyAmountRupiah: scale.wajib.toString() },
  });
  const ss = await createProduct(deps, ctx, {
    code: 'SS',
    name: scale.sukarelaName,
    ...wadiah,
    settings: {
      kind: 'sukarela',
      ...(scale.sukarelaRateBps === null ? {} : { annualRateBps: scale.sukarelaRateBps }),
      interestMethod: 'daily-balance',
      minimumBalanceRupiah: '10000',
      monthlyAdminFeeRupiah: scale.adminFee.toString(),
      dormancyMonths: 12,
      approvalAboveRupiah: '25000000',
    },
  });
  // a KSPPS's members also keep a tabungan mudharabah (30:70, member : cooperative), shared
  // monthly by the bagi hasil at month-end (services/bagi-hasil.ts)
  const sm = scale.mudharabah
    ? await createProduct(deps, ctx, {
        code: 'SM',
        name: scale.mudharabah.name,
        akad: 'mudharabah',
        settings: {
          kind: 'sukarela',
          nisbahAnggotaBps: scale.mudharabah.nisbahAnggotaBps,
          interestMethod: 'daily-balance',
          minimumBalanceRupiah: '20000',
          dormancyMonths: 12,
          approvalAboveRupiah: '25000000',
        },
      })
    : null;
  const sb = scale.berjangka
    ? await createProduct(deps, ctx, {
        code: 'SB',
        name: scale.berjangka.name,
        ...(sharia ? { akad: 'mudharabah_berjangka' as const } : {}),
        settings: {
          kind: 'berjangka',
          tenors: scale.berjangka.tenors,
          interestBasis: 'monthly/12',
          interestPayout: 'to-sukarela',
          automaticRollover: true,
          earlyBreakPenalty: { kind: 'percent-of-principal', rateBps: 100 },
          minimumPrincipalRupiah: '1000000',
        },
      })
    : null;

  const login = await repo.userByUsername(deps.database.db, scale.memberLogin);
  const people = demoPeople(scale.members, rand, login);
  await inOrg(deps, ctx, async (o) => {
    await repo.insertMembers(o.tx, coop, JSON.stringify(people));
    await repo.insertMemberNumberCounter(o.tx, coop, scale.members);
    for (const p of sm ? [sp, sw, ss, sm] : [sp, sw, ss]) {
      await repo.openAccountsForAllMembers(o.tx, coop, p.code, BigInt(p.id));
    }
    await openingBalances(o, coop, scale, rand);
  });

  // A year at the counter, month by month, each followed by the real month-end.
  const memberAccounts = await repo.memberAccountKinds(deps.database.db, coop);
  const byMember: MemberAccounts = new Map();
  for (const a of memberAccounts) {
    const e = byMember.get(a.member_id.toString()) ?? {};
    if (a.kind === 'wajib') e.wajib = a.id;
    // with two sukarela products (wadiah and mudharabah) the counter serves one, either
    if (a.kind === 'sukarela' && (e.sukarela === undefined || rand() < 0.5)) {
      e.sukarela = a.id;
      e.sukarelaRole = savingsLedgerRole(a.kind, a.akad);
    }
    byMember.set(a.member_id.toString(), e);
  }
  const year = {
    deps,
    ctx,
    coop,
    rand,
    pick,
    wajib: scale.wajib,
    byMember,
    laggards: new Set([...byMember.keys()].filter(() => rand() < 0.12)),
    berjangka:
      sb && scale.berjangka ? { productId: BigInt(sb.id), tenors: scale.berjangka.tenors } : null,
  };
  for (const month of DEMO_MONTHS) {
    await counterMonth(year, month);
    await eachMonth?.(month);
    if (month !== DEMO_MONTHS.at(-1)) await runMonthEnd(deps, ctx, month);
    await afterMonthEnd?.(month);
  }
}

/** Balances brought forward on 1 December 2025 from the manual books. */
async function openingBalances(
  o: OrgTx,
  coop: string,
  scale: DemoSavingsScale,
  rand: () => number,
): Promise<void> {
  const accts = await repo.accountsWithKindAndJoinDate(o.tx, coop);
  const rows: { id: string; amount: string }[] = [];
  const parts: { kind: SavingsKind; akad: SavingsAkad | null; rupiah: bigint }[] = [];
  for (const a of accts) {
    const months =
      (2025 - Number(a.joined_on.slice(0, 4))) * 12 + (11 - Number(a.joined_on.slice(5, 7))) + 1;
    let amount = 0n;
    if (a.kind === 'pokok') amount = scale.pokok;
    else if (a.kind === 'wajib')
      amount =
        scale.wajib * BigInt(Math.max(0, months - (rand() < 0.2 ? Math.floor(rand() * 4) : 0)));
    else if (a.kind === 'sukarela') {
      amount = BigInt(Math.floor(rand() * rand() * 200) * 25_000);
      // the demo member who signs in has savings to see (and a bagi hasil in a KSPPS)
      if (a.is_login && amount < 3_750_000n) amount = 3_750_000n;
    }
    if (amount > 0n) {
      rows.push({ id: a.id.toString(), amount: amount.toString() });
      parts.push({ kind: a.kind, akad: a.akad, rupiah: amount });
    }
  }
  const grand = parts.reduce((s, p) => s + p.rupiah, 0n);
  const posted = await postEntry(o, {
    entryDate: '2025-12-01',
    description: 'Saldo awal simpanan anggota (pindahan dari pembukuan manual; dananya di bank)',
    source: { type: 'demo.savings-opening' },
    lines: [
      { account: { role: 'bank' }, debitRupiah: grand },
      // each account's balance on its product's role: a KSPPS's tabungan mudharabah on 2102
      ...amountsByLedgerRole(parts).map((x) => ({
        account: { role: x.role },
        creditRupiah: x.rupiah,
      })),
    ],
  });
  await repo.writeOpeningBalances(o.tx, coop, JSON.stringify(rows), posted.entryId);
}
