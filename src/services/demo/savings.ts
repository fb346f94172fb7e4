import * as repo from '../../db/demo-savings.repo.js';
import { listDistricts, listVillages } from '../../domain/identity/regions.js';
import { inOrg, systemContext, type Deps, type OrgContext } from '../context.js';
import { postEntry } from '../ledger.js';
import { runMonthEnd } from '../month-end.js';
import type { OrganizationView } from '../organizations.js';
import { createProduct } from '../savings.js';
import { createDesk } from '../cashdesk.js';
import '../savings-month-end.js';

/**
 * Demo members and a year of savings: a registry of realistic people in Kota Pekalongan (NIKs that
 * validate, village codes from Kemendagri), balances brought forward on 1 December 2025, then a
 * month of wajib payments (some members fall behind), sukarela deposits and withdrawals and a few
 * time deposits each month, with the real month-end (interest, PPh final, admin fee) run after every
 * month. The counter's movements of a month are booked as one recap entry per kind (rekap kas
 * simpanan bulanan) on the last day; each member's movements are in savings_transactions.
 */

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1_664_525) + 1_013_904_223) >>> 0;
    return s / 2 ** 32;
  };
}

const FIRST_L = [
  'Agus',
  'Budi',
  'Joko',
  'Eko',
  'Slamet',
  'Bambang',
  'Teguh',
  'Heru',
  'Sugeng',
  'Wahyu',
  'Rudi',
  'Imam',
  'Ahmad',
  'Muhammad',
  'Fajar',
  'Dedi',
  'Hendra',
  'Arif',
  'Yusuf',
  'Rahmat',
  'Supriyadi',
  'Suparman',
  'Sutrisno',
  'Darto',
  'Nur',
  'Hadi',
  'Bayu',
  'Dimas',
  'Rizki',
  'Andi',
];
const FIRST_P = [
  'Siti',
  'Sri',
  'Dewi',
  'Ratna',
  'Endang',
  'Yuni',
  'Tri',
  'Nur',
  'Wulan',
  'Rina',
  'Lestari',
  'Fitri',
  'Ani',
  'Rahayu',
  'Khadijah',
  'Fatimah',
  'Aisyah',
  'Indah',
  'Puji',
  'Sumiati',
  'Suryani',
  'Wahyuni',
  'Sulastri',
  'Mulyani',
  'Kartini',
  'Eni',
  'Nining',
  'Umi',
  'Laila',
  'Dian',
];
const LAST = [
  'Santoso',
  'Wibowo',
  'Hidayat',
  'Setiawan',
  'Prasetyo',
  'Saputra',
  'Kurniawan',
  'Susanto',
  'Hartono',
  'Rahmawati',
  'Handayani',
  'Wulandari',
  'Purnomo',
  'Utomo',
  'Nugroho',
  'Lestari',
  'Permata',
  'Maharani',
  'Anggraini',
  'Safitri',
  'Fauzi',
  'Hakim',
  'Syafii',
  'Maulana',
  'Ramadhan',
  'Astuti',
  'Suharto',
  'Sudarsono',
  'Riyadi',
  'Azzahra',
];
const JOBS = [
  'Pedagang batik',
  'Penjahit',
  'Buruh pabrik tekstil',
  'Nelayan',
  'Petani',
  'Guru',
  'Karyawan swasta',
  'Pedagang pasar',
  'Pengrajin batik',
  'Wiraswasta',
  'Ibu rumah tangga',
  'Sopir',
  'Perangkat desa',
  'Pensiunan',
  'Tukang bangunan',
];
const STREETS = [
  'Jl. Hayam Wuruk',
  'Jl. Gajah Mada',
  'Jl. Dr. Sutomo',
  'Jl. Diponegoro',
  'Jl. Kartini',
  'Jl. Sultan Agung',
  'Jl. Merdeka',
  'Jl. Jenderal Sudirman',
  'Jl. Imam Bonjol',
  'Gg. Melati',
  'Gg. Mawar',
  'Jl. Pantai Sari',
];

export interface DemoSavingsScale {
  members: number;
  prefix: 'ksp' | 'kspps' | 'konsumen';
  pokok: bigint;
  wajib: bigint;
  sukarelaName: string;
  sukarelaRateBps: number;
  adminFee: bigint;
  berjangka?: { name: string; tenors: { tenorMonths: number; annualRateBps: number }[] };
  /** the demo login that is a member (ksp.anggota and so on) */
  memberLogin: string;
}

const MONTHS = [
  '2025-12',
  ...Array.from({ length: 11 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`),
];
const lastDayOf = (ym: string) => {
  const [y, m] = ym.split('-').map(Number);
  return `${ym}-${String(new Date(Date.UTC(y!, m, 0)).getUTCDate()).padStart(2, '0')}`;
};

interface Move {
  accountId: bigint;
  kind: 'deposit' | 'withdrawal' | 'placement' | 'transfer-out';
  sign: 1 | -1;
  amount: bigint;
  date: string;
}

/** `eachMonth` adds other areas' activity of a month (the loan book) after its savings, before its month-end. */
export async function seedDemoSavings(
  deps: Deps,
  org: OrganizationView,
  scale: DemoSavingsScale,
  eachMonth?: (month: string) => Promise<void>,
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
  const sp = await createProduct(deps, ctx, {
    code: 'SP',
    name: 'Simpanan Pokok',
    settings: { kind: 'pokok', amountRupiah: scale.pokok.toString() },
  });
  const sw = await createProduct(deps, ctx, {
    code: 'SW',
    name: 'Simpanan Wajib',
    settings: { kind: 'wajib', monthlyAmountRupiah: scale.wajib.toString() },
  });
  const ss = await createProduct(deps, ctx, {
    code: 'SS',
    name: scale.sukarelaName,
    settings: {
      kind: 'sukarela',
      annualRateBps: scale.sukarelaRateBps,
      interestMethod: 'daily-balance',
      minimumBalanceRupiah: '10000',
      monthlyAdminFeeRupiah: scale.adminFee.toString(),
      dormancyMonths: 12,
      approvalAboveRupiah: '25000000',
    },
  });
  const sb = scale.berjangka
    ? await createProduct(deps, ctx, {
        code: 'SB',
        name: scale.berjangka.name,
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

  // The registry: NIKs built from real Kota Pekalongan districts, birth dates and gender.
  const districts = listDistricts('3375');
  const people: Record<string, string | null>[] = [];
  const serials = new Map<string, number>();
  const login = await repo.userByUsername(deps.database.db, scale.memberLogin);
  for (let i = 0; i < scale.members; i++) {
    const female = rand() < 0.55;
    const district = pick(districts);
    const village = pick(listVillages(district.code));
    const y = 1950 + Math.floor(rand() * 50);
    const m = 1 + Math.floor(rand() * 12);
    const d = 1 + Math.floor(rand() * 28);
    const birthDate = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
    const key = `${district.code}${birthDate}${female}`;
    const serial = (serials.get(key) ?? 0) + 1;
    serials.set(key, serial);
    const nik = `${district.code}${String(d + (female ? 40 : 0)).padStart(2, '0')}${String(m).padStart(2, '0')}${String(y).slice(2)}${String(serial).padStart(4, '0')}`;
    const joinYear = 2012 + Math.floor(rand() * 14);
    const joinedOn = `${joinYear}-${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}`;
    const fullName =
      i === 0 && login ? login.full_name : `${pick(female ? FIRST_P : FIRST_L)} ${pick(LAST)}`;
    people.push({
      nik,
      full_name: fullName,
      birth_place:
        rand() < 0.8 ? 'Pekalongan' : pick(['Batang', 'Pemalang', 'Tegal', 'Semarang', 'Brebes']),
      birth_date: birthDate,
      gender: female ? 'P' : 'L',
      address: `${pick(STREETS)} No. ${1 + Math.floor(rand() * 150)}, ${village.name}`,
      district_code: district.code,
      village_code: village.code,
      phone: `+628${['12', '13', '21', '22', '52', '57', '77', '78', '95', '96'][Math.floor(rand() * 10)]}${String(Math.floor(rand() * 1e8)).padStart(8, '0')}`,
      occupation: pick(JOBS),
      joined_on: joinedOn > '2025-11-30' ? '2025-11-15' : joinedOn,
      member_number: String(i + 1).padStart(6, '0'),
      user_id: i === 0 ? (login?.id ?? null) : null,
    });
  }

  await inOrg(deps, ctx, async (o) => {
    await repo.insertMembers(o.tx, coop, JSON.stringify(people));
    await repo.insertMemberNumberCounter(o.tx, coop, scale.members);
    for (const p of [sp, sw, ss]) {
      await repo.openAccountsForAllMembers(o.tx, coop, p.code, BigInt(p.id));
    }
    // balances brought forward on 1 December 2025 from the manual books
    const accts = await repo.accountsWithKindAndJoinDate(o.tx, coop);
    const rows: { id: string; amount: string }[] = [];
    const totals = { pokok: 0n, wajib: 0n, sukarela: 0n };
    for (const a of accts) {
      const months =
        (2025 - Number(a.joined_on.slice(0, 4))) * 12 + (11 - Number(a.joined_on.slice(5, 7))) + 1;
      let amount = 0n;
      if (a.kind === 'pokok') amount = scale.pokok;
      else if (a.kind === 'wajib')
        amount =
          scale.wajib * BigInt(Math.max(0, months - (rand() < 0.2 ? Math.floor(rand() * 4) : 0)));
      else if (a.kind === 'sukarela') amount = BigInt(Math.floor(rand() * rand() * 200) * 25_000);
      if (amount > 0n) {
        rows.push({ id: a.id.toString(), amount: amount.toString() });
        totals[a.kind as 'pokok' | 'wajib' | 'sukarela'] += amount;
      }
    }
    const grand = totals.pokok + totals.wajib + totals.sukarela;
    const posted = await postEntry(o, {
      entryDate: '2025-12-01',
      description: 'Saldo awal simpanan anggota (pindahan dari pembukuan manual; dananya di bank)',
      source: { type: 'demo.savings-opening' },
      lines: [
        { account: { role: 'bank' }, debitRupiah: grand },
        { account: { role: 'simpananPokok' }, creditRupiah: totals.pokok },
        { account: { role: 'simpananWajib' }, creditRupiah: totals.wajib },
        ...(totals.sukarela > 0n
          ? [{ account: { role: 'savingsSukarela' }, creditRupiah: totals.sukarela }]
          : []),
      ],
    });
    await repo.writeOpeningBalances(o.tx, coop, JSON.stringify(rows), posted.entryId);
  });

  // A year at the counter, month by month, each followed by the real month-end.
  const memberAccounts = await repo.memberAccountKinds(deps.database.db, coop);
  const byMember = new Map<string, { wajib?: bigint; sukarela?: bigint }>();
  for (const a of memberAccounts) {
    const e = byMember.get(a.member_id.toString()) ?? {};
    if (a.kind === 'wajib') e.wajib = a.id;
    if (a.kind === 'sukarela') e.sukarela = a.id;
    byMember.set(a.member_id.toString(), e);
  }
  // members who stop paying wajib (arrears show up in the registry)
  const laggards = new Set([...byMember.keys()].filter(() => rand() < 0.12));
  for (const month of MONTHS) {
    const last = lastDayOf(month);
    const balances = new Map<string, bigint>();
    const b = await repo.openAccountBalances(deps.database.db, coop);
    for (const r of b) balances.set(r.id.toString(), r.balance_rupiah);
    const moves: Move[] = [];
    const placements: {
      memberId: bigint;
      from: bigint;
      amount: bigint;
      tenor: number;
      rate: number;
      date: string;
    }[] = [];
    for (const [memberId, acc] of byMember) {
      const day = () =>
        `${month}-${String(1 + Math.floor(rand() * (Number(last.slice(8)) - 1))).padStart(2, '0')}`;
      if (acc.wajib && !(laggards.has(memberId) && rand() < 0.7) && rand() < 0.93)
        moves.push({
          accountId: acc.wajib,
          kind: 'deposit',
          sign: 1,
          amount: scale.wajib,
          date: day(),
        });
      if (acc.sukarela) {
        if (rand() < 0.35)
          moves.push({
            accountId: acc.sukarela,
            kind: 'deposit',
            sign: 1,
            amount: BigInt(Math.ceil(rand() * rand() * 40) * 50_000),
            date: day(),
          });
        const bal = balances.get(acc.sukarela.toString()) ?? 0n;
        if (rand() < 0.18 && bal > 200_000n)
          moves.push({
            accountId: acc.sukarela,
            kind: 'withdrawal',
            sign: -1,
            amount: (bal / 3n / 10_000n) * 10_000n,
            date: day(),
          });
        if (sb && scale.berjangka && bal > 3_000_000n && rand() < 0.06) {
          const t = pick(scale.berjangka.tenors);
          placements.push({
            memberId: BigInt(memberId),
            from: acc.sukarela,
            amount: (bal / 2n / 1_000_000n) * 1_000_000n,
            tenor: t.tenorMonths,
            rate: t.annualRateBps,
            date: last,
          });
        }
      }
    }
    // Each account's movements in date order; a withdrawal that would break the minimum is dropped.
    moves.sort((x, y) =>
      x.date === y.date ? Number(x.accountId - y.accountId) : x.date.localeCompare(y.date),
    );
    const rows: {
      account_id: string;
      kind: string;
      sign: number;
      amount: string;
      after: string;
      date: string;
      entry: string;
    }[] = [];
    const sum = { wajibIn: 0n, sukarelaIn: 0n, sukarelaOut: 0n };
    const kept: (Move & { after: bigint })[] = [];
    for (const mv of moves) {
      const bal = balances.get(mv.accountId.toString()) ?? 0n;
      const after = bal + BigInt(mv.sign) * mv.amount;
      if (after < 10_000n && mv.sign < 0) continue;
      balances.set(mv.accountId.toString(), after);
      kept.push({ ...mv, after });
    }
    const wajibIds = new Set([...byMember.values()].map((a) => a.wajib?.toString()));
    for (const k of kept) {
      if (wajibIds.has(k.accountId.toString())) sum.wajibIn += k.amount;
      else if (k.sign > 0) sum.sukarelaIn += k.amount;
      else sum.sukarelaOut += k.amount;
    }
    await inOrg(deps, ctx, async (o) => {
      const entries: Record<string, bigint> = {};
      if (sum.wajibIn > 0n)
        entries.wajib = (
          await postEntry(o, {
            entryDate: last,
            description: `Rekap setoran simpanan wajib ${month}`,
            source: { type: 'demo.savings-recap', id: month },
            lines: [
              { account: { role: 'cash' }, debitRupiah: sum.wajibIn },
              { account: { role: 'simpananWajib' }, creditRupiah: sum.wajibIn },
            ],
          })
        ).entryId;
      if (sum.sukarelaIn > 0n)
        entries.in = (
          await postEntry(o, {
            entryDate: last,
            description: `Rekap setoran simpanan sukarela ${month}`,
            source: { type: 'demo.savings-recap', id: month },
            lines: [
              { account: { role: 'cash' }, debitRupiah: sum.sukarelaIn },
              { account: { role: 'savingsSukarela' }, creditRupiah: sum.sukarelaIn },
            ],
          })
        ).entryId;
      if (sum.sukarelaOut > 0n)
        entries.out = (
          await postEntry(o, {
            entryDate: last,
            description: `Rekap penarikan simpanan sukarela ${month}`,
            source: { type: 'demo.savings-recap', id: month },
            lines: [
              { account: { role: 'savingsSukarela' }, debitRupiah: sum.sukarelaOut },
              { account: { role: 'cash' }, creditRupiah: sum.sukarelaOut },
            ],
          })
        ).entryId;
      // the day's takings go to the bank; the desk keeps a working float
      const net = sum.wajibIn + sum.sukarelaIn - sum.sukarelaOut;
      if (net > 0n)
        await postEntry(o, {
          entryDate: last,
          description: `Setoran kelebihan kas simpanan ke bank ${month}`,
          source: { type: 'demo.cash-to-bank', id: month },
          lines: [
            { account: { role: 'bank' }, debitRupiah: net },
            { account: { role: 'cash' }, creditRupiah: net },
          ],
        });
      for (const k of kept) {
        const entry = wajibIds.has(k.accountId.toString())
          ? entries.wajib
          : k.sign > 0
            ? entries.in
            : entries.out;
        rows.push({
          account_id: k.accountId.toString(),
          kind: k.kind,
          sign: k.sign,
          amount: k.amount.toString(),
          after: k.after.toString(),
          date: k.date,
          entry: entry!.toString(),
        });
      }
      if (rows.length > 0) {
        await repo.insertMonthMovements(o.tx, coop, JSON.stringify(rows));
        await repo.applyMonthMovements(o.tx, coop, JSON.stringify(rows));
      }
      // time deposits placed from sukarela
      if (sb) {
        for (const p of placements) {
          const bal = await repo.accountBalance(o.tx, coop, p.from);
          if (bal - p.amount < 10_000n || p.amount <= 0n) continue;
          const num = await repo.memberAccountCountAndNumber(o.tx, coop, p.memberId);
          const placed = await postEntry(o, {
            entryDate: p.date,
            description: `Penempatan simpanan berjangka ${p.tenor} bulan`,
            source: { type: 'savings.placement' },
            lines: [
              { account: { role: 'savingsSukarela' }, debitRupiah: p.amount, memberId: p.memberId },
              {
                account: { role: 'savingsBerjangka' },
                creditRupiah: p.amount,
                memberId: p.memberId,
              },
            ],
          });
          const depositId = await repo.insertTimeDeposit(o.tx, coop, {
            accountNumber: `SB-${num.member_number}-${String(num.n + 1n).padStart(2, '0')}`,
            memberId: p.memberId,
            productId: BigInt(sb.id),
            date: p.date,
            amount: p.amount,
            tenor: p.tenor,
            rate: p.rate,
            from: p.from,
          });
          await repo.debitAccount(o.tx, coop, p.from, p.amount);
          await repo.insertPlacementTransactions(o.tx, coop, {
            from: p.from,
            depositId,
            amount: p.amount,
            fromAfter: bal - p.amount,
            date: p.date,
            entryId: placed.entryId,
          });
        }
      }
    });
    await eachMonth?.(month);
    if (month !== MONTHS.at(-1)) await runMonthEnd(deps, ctx, month);
  }
}
