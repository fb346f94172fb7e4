import { sql } from 'kysely';
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

const FIRST_L = ['Agus', 'Budi', 'Joko', 'Eko', 'Slamet', 'Bambang', 'Teguh', 'Heru', 'Sugeng', 'Wahyu', 'Rudi', 'Imam', 'Ahmad', 'Muhammad', 'Fajar', 'Dedi', 'Hendra', 'Arif', 'Yusuf', 'Rahmat', 'Supriyadi', 'Suparman', 'Sutrisno', 'Darto', 'Nur', 'Hadi', 'Bayu', 'Dimas', 'Rizki', 'Andi'];
const FIRST_P = ['Siti', 'Sri', 'Dewi', 'Ratna', 'Endang', 'Yuni', 'Tri', 'Nur', 'Wulan', 'Rina', 'Lestari', 'Fitri', 'Ani', 'Rahayu', 'Khadijah', 'Fatimah', 'Aisyah', 'Indah', 'Puji', 'Sumiati', 'Suryani', 'Wahyuni', 'Sulastri', 'Mulyani', 'Kartini', 'Eni', 'Nining', 'Umi', 'Laila', 'Dian'];
const LAST = ['Santoso', 'Wibowo', 'Hidayat', 'Setiawan', 'Prasetyo', 'Saputra', 'Kurniawan', 'Susanto', 'Hartono', 'Rahmawati', 'Handayani', 'Wulandari', 'Purnomo', 'Utomo', 'Nugroho', 'Lestari', 'Permata', 'Maharani', 'Anggraini', 'Safitri', 'Fauzi', 'Hakim', 'Syafii', 'Maulana', 'Ramadhan', 'Astuti', 'Suharto', 'Sudarsono', 'Riyadi', 'Azzahra'];
const JOBS = ['Pedagang batik', 'Penjahit', 'Buruh pabrik tekstil', 'Nelayan', 'Petani', 'Guru', 'Karyawan swasta', 'Pedagang pasar', 'Pengrajin batik', 'Wiraswasta', 'Ibu rumah tangga', 'Sopir', 'Perangkat desa', 'Pensiunan', 'Tukang bangunan'];
const STREETS = ['Jl. Hayam Wuruk', 'Jl. Gajah Mada', 'Jl. Dr. Sutomo', 'Jl. Diponegoro', 'Jl. Kartini', 'Jl. Sultan Agung', 'Jl. Merdeka', 'Jl. Jenderal Sudirman', 'Jl. Imam Bonjol', 'Gg. Melati', 'Gg. Mawar', 'Jl. Pantai Sari'];

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

const MONTHS = ['2025-12', ...Array.from({ length: 11 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`)];
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
export async function seedDemoSavings(deps: Deps, org: OrganizationView, scale: DemoSavingsScale, eachMonth?: (month: string) => Promise<void>): Promise<void> {
  const ctx: OrgContext = { ...systemContext(org.id, 'seed-demo'), roles: ['pengurus'] };
  const coop = org.id;
  const rand = rng(scale.members * 31 + scale.prefix.length);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;

  // two teller desks at the head office
  const ho = await sql<{ id: bigint }>`select id from branches where cooperative_id = ${coop} order by is_head_office desc, id limit 1`.execute(deps.database.db);
  if (ho.rows[0])
    for (const n of [1, 2]) await createDesk(deps, ctx, { branchId: ho.rows[0].id, code: `T${n}`, name: `Teller ${n}` });
  const sp = await createProduct(deps, ctx, { code: 'SP', name: 'Simpanan Pokok', settings: { kind: 'pokok', amountRupiah: scale.pokok.toString() } });
  const sw = await createProduct(deps, ctx, { code: 'SW', name: 'Simpanan Wajib', settings: { kind: 'wajib', monthlyAmountRupiah: scale.wajib.toString() } });
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
        settings: { kind: 'berjangka', tenors: scale.berjangka.tenors, interestBasis: 'monthly/12', interestPayout: 'to-sukarela', automaticRollover: true, earlyBreakPenalty: { kind: 'percent-of-principal', rateBps: 100 }, minimumPrincipalRupiah: '1000000' },
      })
    : null;

  // The registry: NIKs built from real Kota Pekalongan districts, birth dates and gender.
  const districts = listDistricts('3375');
  const people: Record<string, string | null>[] = [];
  const serials = new Map<string, number>();
  const loginName = await sql<{ full_name: string; id: string }>`select u.full_name, u.id from users u where u.username = ${scale.memberLogin}`.execute(deps.database.db);
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
    const fullName = i === 0 && loginName.rows[0] ? loginName.rows[0].full_name : `${pick(female ? FIRST_P : FIRST_L)} ${pick(LAST)}`;
    people.push({
      nik,
      full_name: fullName,
      birth_place: rand() < 0.8 ? 'Pekalongan' : pick(['Batang', 'Pemalang', 'Tegal', 'Semarang', 'Brebes']),
      birth_date: birthDate,
      gender: female ? 'P' : 'L',
      address: `${pick(STREETS)} No. ${1 + Math.floor(rand() * 150)}, ${village.name}`,
      district_code: district.code,
      village_code: village.code,
      phone: `+628${['12', '13', '21', '22', '52', '57', '77', '78', '95', '96'][Math.floor(rand() * 10)]}${String(Math.floor(rand() * 1e8)).padStart(8, '0')}`,
      occupation: pick(JOBS),
      joined_on: joinedOn > '2025-11-30' ? '2025-11-15' : joinedOn,
      member_number: String(i + 1).padStart(6, '0'),
      user_id: i === 0 ? (loginName.rows[0]?.id ?? null) : null,
    });
  }

  await inOrg(deps, ctx, async (o) => {
    await sql`
      insert into members (cooperative_id, member_number, status, nik, full_name, birth_place, birth_date, gender, address, province_code,
        regency_code, district_code, village_code, phone, occupation, joined_on, user_id)
      select ${coop}, member_number, 'active', nik, full_name, birth_place, birth_date, gender, address, '33', '3375', district_code,
        village_code, phone, occupation, joined_on, user_id
      from jsonb_to_recordset(${JSON.stringify(people)}::jsonb) as x(member_number text, nik text, full_name text, birth_place text,
        birth_date date, gender text, address text, district_code text, village_code text, phone text, occupation text, joined_on date, user_id uuid)`.execute(o.tx);
    await sql`insert into member_number_counters (cooperative_id, last_number) values (${coop}, ${scale.members})`.execute(o.tx);
    for (const p of [sp, sw, ss]) {
      await sql`
        insert into savings_accounts (cooperative_id, account_number, member_id, product_id, opened_on, last_activity_on)
        select ${coop}, ${p.code} || '-' || m.member_number, m.id, ${BigInt(p.id)}, m.joined_on, '2025-12-01'::date
        from members m where m.cooperative_id = ${coop} order by m.id`.execute(o.tx);
    }
    // balances brought forward on 1 December 2025 from the manual books
    const accts = await sql<{ id: bigint; kind: string; joined_on: string }>`
      select a.id, p.kind, m.joined_on::text as joined_on from savings_accounts a
      join savings_products p on p.cooperative_id = a.cooperative_id and p.id = a.product_id
      join members m on m.cooperative_id = a.cooperative_id and m.id = a.member_id
      where a.cooperative_id = ${coop} order by a.id`.execute(o.tx);
    const rows: { id: string; amount: string }[] = [];
    const totals = { pokok: 0n, wajib: 0n, sukarela: 0n };
    for (const a of accts.rows) {
      const months = (2025 - Number(a.joined_on.slice(0, 4))) * 12 + (11 - Number(a.joined_on.slice(5, 7))) + 1;
      let amount = 0n;
      if (a.kind === 'pokok') amount = scale.pokok;
      else if (a.kind === 'wajib') amount = scale.wajib * BigInt(Math.max(0, months - (rand() < 0.2 ? Math.floor(rand() * 4) : 0)));
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
        ...(totals.sukarela > 0n ? [{ account: { role: 'savingsSukarela' }, creditRupiah: totals.sukarela }] : []),
      ],
    });
    await sql`
      with x as (select * from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(id bigint, amount bigint)),
      u as (update savings_accounts a set balance_rupiah = x.amount from x where a.cooperative_id = ${coop} and a.id = x.id returning a.id)
      insert into savings_transactions (cooperative_id, account_id, kind, sign, amount_rupiah, balance_after_rupiah, transaction_date, entry_id)
      select ${coop}, x.id, 'opening-balance', 1, x.amount, x.amount, '2025-12-01', ${posted.entryId} from x order by x.id`.execute(o.tx);
  });

  // A year at the counter, month by month, each followed by the real month-end.
  const memberAccounts = await sql<{ member_id: bigint; kind: string; id: bigint }>`
    select a.member_id, p.kind, a.id from savings_accounts a join savings_products p on p.cooperative_id = a.cooperative_id and p.id = a.product_id
    where a.cooperative_id = ${coop} order by a.member_id`.execute(deps.database.db);
  const byMember = new Map<string, { wajib?: bigint; sukarela?: bigint }>();
  for (const a of memberAccounts.rows) {
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
    const b = await sql<{ id: bigint; balance_rupiah: bigint }>`select id, balance_rupiah from savings_accounts where cooperative_id = ${coop} and status <> 'closed'`.execute(deps.database.db);
    for (const r of b.rows) balances.set(r.id.toString(), r.balance_rupiah);
    const moves: Move[] = [];
    const placements: { memberId: bigint; from: bigint; amount: bigint; tenor: number; rate: number; date: string }[] = [];
    for (const [memberId, acc] of byMember) {
      const day = () => `${month}-${String(1 + Math.floor(rand() * (Number(last.slice(8)) - 1))).padStart(2, '0')}`;
      if (acc.wajib && !(laggards.has(memberId) && rand() < 0.7) && rand() < 0.93)
        moves.push({ accountId: acc.wajib, kind: 'deposit', sign: 1, amount: scale.wajib, date: day() });
      if (acc.sukarela) {
        if (rand() < 0.35) moves.push({ accountId: acc.sukarela, kind: 'deposit', sign: 1, amount: BigInt(Math.ceil(rand() * rand() * 40) * 50_000), date: day() });
        const bal = balances.get(acc.sukarela.toString()) ?? 0n;
        if (rand() < 0.18 && bal > 200_000n) moves.push({ accountId: acc.sukarela, kind: 'withdrawal', sign: -1, amount: (bal / 3n / 10_000n) * 10_000n, date: day() });
        if (sb && scale.berjangka && bal > 3_000_000n && rand() < 0.06) {
          const t = pick(scale.berjangka.tenors);
          placements.push({ memberId: BigInt(memberId), from: acc.sukarela, amount: (bal / 2n / 1_000_000n) * 1_000_000n, tenor: t.tenorMonths, rate: t.annualRateBps, date: last });
        }
      }
    }
    // Each account's movements in date order; a withdrawal that would break the minimum is dropped.
    moves.sort((x, y) => (x.date === y.date ? Number(x.accountId - y.accountId) : x.date.localeCompare(y.date)));
    const rows: { account_id: string; kind: string; sign: number; amount: string; after: string; date: string; entry: string }[] = [];
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
        entries.wajib = (await postEntry(o, { entryDate: last, description: `Rekap setoran simpanan wajib ${month}`, source: { type: 'demo.savings-recap', id: month }, lines: [{ account: { role: 'cash' }, debitRupiah: sum.wajibIn }, { account: { role: 'simpananWajib' }, creditRupiah: sum.wajibIn }] })).entryId;
      if (sum.sukarelaIn > 0n)
        entries.in = (await postEntry(o, { entryDate: last, description: `Rekap setoran simpanan sukarela ${month}`, source: { type: 'demo.savings-recap', id: month }, lines: [{ account: { role: 'cash' }, debitRupiah: sum.sukarelaIn }, { account: { role: 'savingsSukarela' }, creditRupiah: sum.sukarelaIn }] })).entryId;
      if (sum.sukarelaOut > 0n)
        entries.out = (await postEntry(o, { entryDate: last, description: `Rekap penarikan simpanan sukarela ${month}`, source: { type: 'demo.savings-recap', id: month }, lines: [{ account: { role: 'savingsSukarela' }, debitRupiah: sum.sukarelaOut }, { account: { role: 'cash' }, creditRupiah: sum.sukarelaOut }] })).entryId;
      // the day's takings go to the bank; the desk keeps a working float
      const net = sum.wajibIn + sum.sukarelaIn - sum.sukarelaOut;
      if (net > 0n)
        await postEntry(o, { entryDate: last, description: `Setoran kelebihan kas simpanan ke bank ${month}`, source: { type: 'demo.cash-to-bank', id: month }, lines: [{ account: { role: 'bank' }, debitRupiah: net }, { account: { role: 'cash' }, creditRupiah: net }] });
      for (const k of kept) {
        const entry = wajibIds.has(k.accountId.toString()) ? entries.wajib : k.sign > 0 ? entries.in : entries.out;
        rows.push({ account_id: k.accountId.toString(), kind: k.kind, sign: k.sign, amount: k.amount.toString(), after: k.after.toString(), date: k.date, entry: entry!.toString() });
      }
      if (rows.length > 0) {
        await sql`
          insert into savings_transactions (cooperative_id, account_id, kind, sign, amount_rupiah, balance_after_rupiah, transaction_date, entry_id)
          select ${coop}, account_id, kind, sign, amount, after, date, entry
          from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(account_id bigint, kind text, sign smallint, amount bigint, after bigint, date date, entry bigint)`.execute(o.tx);
        await sql`
          update savings_accounts a set balance_rupiah = x.after, last_activity_on = greatest(a.last_activity_on, x.date)
          from (select distinct on (account_id) account_id, after, date from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
                  as x(account_id bigint, after bigint, date date) order by account_id, date desc, after) x
          where a.cooperative_id = ${coop} and a.id = x.account_id`.execute(o.tx);
      }
      // time deposits placed from sukarela
      if (sb) {
        for (const p of placements) {
          const cur = await sql<{ balance_rupiah: bigint }>`select balance_rupiah from savings_accounts where cooperative_id = ${coop} and id = ${p.from}`.execute(o.tx);
          const bal = cur.rows[0]!.balance_rupiah;
          if (bal - p.amount < 10_000n || p.amount <= 0n) continue;
          const num = await sql<{ n: bigint; member_number: string }>`select (select count(*) from savings_accounts where cooperative_id = ${coop} and member_id = ${p.memberId}) as n, member_number from members where cooperative_id = ${coop} and id = ${p.memberId}`.execute(o.tx);
          const placed = await postEntry(o, { entryDate: p.date, description: `Penempatan simpanan berjangka ${p.tenor} bulan`, source: { type: 'savings.placement' }, lines: [{ account: { role: 'savingsSukarela' }, debitRupiah: p.amount, memberId: p.memberId }, { account: { role: 'savingsBerjangka' }, creditRupiah: p.amount, memberId: p.memberId }] });
          const dep = await sql<{ id: bigint }>`
            insert into savings_accounts (cooperative_id, account_number, member_id, product_id, opened_on, last_activity_on, balance_rupiah,
              principal_rupiah, term_opened_on, tenor_months, annual_rate_bps, interest_payout, automatic_rollover, payout_account_id)
            values (${coop}, ${`SB-${num.rows[0]!.member_number}-${String(num.rows[0]!.n + 1n).padStart(2, '0')}`}, ${p.memberId}, ${BigInt(sb.id)}, ${p.date}, ${p.date}, ${p.amount},
              ${p.amount}, ${p.date}, ${p.tenor}, ${p.rate}, 'to-sukarela', true, ${p.from}) returning id`.execute(o.tx);
          await sql`update savings_accounts set balance_rupiah = balance_rupiah - ${p.amount} where cooperative_id = ${coop} and id = ${p.from}`.execute(o.tx);
          await sql`insert into savings_transactions (cooperative_id, account_id, kind, sign, amount_rupiah, balance_after_rupiah, transaction_date, entry_id) values
            (${coop}, ${p.from}, 'transfer-out', -1, ${p.amount}, ${bal - p.amount}, ${p.date}, ${placed.entryId}),
            (${coop}, ${dep.rows[0]!.id}, 'placement', 1, ${p.amount}, ${p.amount}, ${p.date}, ${placed.entryId})`.execute(o.tx);
        }
      }
    });
    await eachMonth?.(month);
    if (month !== MONTHS.at(-1)) await runMonthEnd(deps, ctx, month);
  }
}
