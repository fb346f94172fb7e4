import * as repo from '../../db/baitul-maal.repo.js';
import type { Asnaf, Purpose } from '../../domain/sharia/baitul-maal.js';
import type { OrganizationView } from '../organizations.js';
import { inOrg, systemContext, type Deps, type OrgContext } from '../context.js';
import { recordDistribution, recordReceipt, setAmilStatus } from '../sharia/baitul-maal.js';
import { DEMO_MONTHS, rng } from './common.js';

/**
 * The demo KSPPS's baitul maal over the demo year (docs/domain/baitul-maal.md): a UPZ of BAZNAS
 * Kota Pekalongan; zakat from members every month (more in Ramadan, February–March 2026), Friday
 * infaq, two wakaf uang gifts, the jasa giro of the maal's bank account as a non-halal receipt to
 * dana kebajikan, and distributions to fakir, miskin and gharimin of Pekalongan's kelurahan and
 * social help from kebajikan — each through the same service the counter uses, so every movement
 * is a balanced journal and no distribution exceeds its fund. Ta'zir of late instalments already
 * reaches dana kebajikan through the loan book. Runs before the past months are closed.
 */

const RECIPIENTS: { name: string; asnaf: Asnaf }[] = [
  { name: 'Mbah Rusmini, Kel. Panjang Wetan', asnaf: 'fakir' },
  { name: 'Bpk. Casmadi, Kel. Kuripan Kidul', asnaf: 'fakir' },
  { name: 'Ibu Tarwiyah, Kel. Krapyak', asnaf: 'miskin' },
  { name: 'Ibu Darsini, Kel. Pasirsari', asnaf: 'miskin' },
  { name: 'Bpk. Khoerudin, Kel. Bandengan', asnaf: 'miskin' },
  { name: 'Ibu Kuswati, Kel. Tirto', asnaf: 'miskin' },
  { name: 'Bpk. Slamet Riyadi, Kel. Degayu', asnaf: 'gharimin' },
  { name: 'Ibu Rokhayah, Kel. Podosugih', asnaf: 'gharimin' },
  { name: 'Bpk. Tasripin, Kel. Jenggot', asnaf: 'fakir' },
  { name: 'Ibu Sumarni, Kel. Klego', asnaf: 'miskin' },
];

const SOCIAL: { name: string; purpose: Purpose; what: string }[] = [
  {
    name: 'Warga terdampak banjir rob, Kel. Tirto',
    purpose: 'bencana',
    what: 'Bantuan banjir rob',
  },
  { name: 'Bpk. Mukhlisin, Kel. Medono', purpose: 'kesehatan', what: 'Bantuan biaya berobat' },
  { name: 'TPQ Al-Hidayah, Kel. Kauman', purpose: 'pendidikan', what: 'Beasiswa santri TPQ' },
  { name: 'Ibu Wahyuni, Kel. Landungsari', purpose: 'sumbangan_sosial', what: 'Santunan duka' },
];

const round5000 = (v: number) => BigInt(Math.round(v / 5000) * 5000);

export async function seedDemoBaitulMaal(deps: Deps, org: OrganizationView): Promise<void> {
  const ctx: OrgContext = { ...systemContext(org.id, 'seed-demo'), roles: [] };
  const rand = rng(2111);
  await setAmilStatus(deps, ctx, {
    amilStatus: 'upz',
    referenceNumber: '07/UPZ/BAZNAS-KOTA-PKL/XII/2024',
    referenceDate: '2024-12-16',
    forwardedTo: null,
  });
  const members = await inOrg(deps, ctx, (o) => repo.activeMembers(o.tx, org.id, 400));
  const pick = <T>(xs: readonly T[]): T => {
    const x = xs[Math.floor(rand() * xs.length)];
    if (x === undefined) throw new Error('empty list');
    return x;
  };
  let zakat = 0n;
  let kebajikan = 0n;
  for (const month of DEMO_MONTHS) {
    // the demo's current month is still running: stay in its first half
    const lastDay = month === DEMO_MONTHS[DEMO_MONTHS.length - 1] ? 15 : 27;
    const day = (d: number) => `${month}-${String(Math.min(d, lastDay)).padStart(2, '0')}`;
    const ramadan = month === '2026-02' || month === '2026-03';
    const payers = members.length === 0 ? 0 : ramadan ? 14 : 5;
    for (let i = 0; i < payers; i++) {
      const m = pick(members);
      const amount = round5000((ramadan ? 500_000 : 150_000) + rand() * 850_000);
      await recordReceipt(deps, ctx, {
        fund: 'zakat',
        receiptDate: day(2 + i),
        source: 'member',
        memberId: m.id,
        giverName: null,
        amountRupiah: amount,
        cashAccountCode: null,
        description: ramadan ? 'Zakat maal (Ramadan)' : 'Zakat penghasilan',
      });
      zakat += amount;
    }
    let infaq = 0n;
    for (const friday of [5, 12, 19, 26]) {
      const amount = round5000(150_000 + rand() * 450_000);
      infaq += amount;
      await recordReceipt(deps, ctx, {
        fund: 'infaq',
        receiptDate: day(friday),
        source: 'public',
        memberId: null,
        giverName: 'Kotak infaq kantor (Hamba Allah)',
        amountRupiah: amount,
        cashAccountCode: null,
        description: 'Infaq Jumat',
      });
    }
    // half of the month's infaq to the TPQ and the musholla of the office's kelurahan
    await recordDistribution(deps, ctx, {
      fund: 'infaq',
      distributionDate: day(27),
      asnaf: null,
      purpose: month.endsWith('1') || month.endsWith('7') ? 'pendidikan' : 'ibadah',
      memberId: null,
      recipientName: 'TPQ dan Musholla Al-Amanah, Kel. Kauman',
      amountRupiah: (infaq / 2n / 1000n) * 1000n,
      cashAccountCode: null,
      description: 'Penyaluran infaq bulanan',
    });
    const giro = BigInt(Math.round((12_000 + rand() * 30_000) / 100) * 100);
    await recordReceipt(deps, ctx, {
      fund: 'kebajikan',
      receiptDate: day(28),
      source: 'non_halal',
      memberId: null,
      giverName: 'Bank Jateng Cabang Pekalongan',
      amountRupiah: giro,
      cashAccountCode: '1174',
      description: `Jasa giro rekening baitul maal ${month} (non-halal)`,
    });
    kebajikan += giro;
    if (month === '2026-01' || month === '2026-07') {
      await recordReceipt(deps, ctx, {
        fund: 'wakaf',
        receiptDate: day(10),
        source: 'public',
        memberId: null,
        giverName: month === '2026-01' ? 'Keluarga H. Ahmad Rofiq' : 'Hj. Nur Khasanah',
        amountRupiah: month === '2026-01' ? 10_000_000n : 5_000_000n,
        cashAccountCode: null,
        description: 'Wakaf uang (pokok tidak disalurkan)',
      });
    }
    // distribute most of the zakat held, to four recipients (ten in Ramadan)
    const shares = ramadan ? 10 : 4;
    for (let i = 0; i < shares; i++) {
      const r = pick(RECIPIENTS);
      const amount = round5000(Math.min(Number(zakat) * 0.25, 400_000 + rand() * 800_000));
      if (amount <= 0n || amount > zakat) continue;
      await recordDistribution(deps, ctx, {
        fund: 'zakat',
        distributionDate: day(20 + i),
        asnaf: r.asnaf,
        purpose: null,
        memberId: null,
        recipientName: r.name,
        amountRupiah: amount,
        cashAccountCode: null,
        description: `Penyaluran zakat untuk ${r.asnaf}`,
      });
      zakat -= amount;
    }
    if (month.endsWith('3') || month.endsWith('6') || month.endsWith('9') || month === '2025-12') {
      const s = pick(SOCIAL);
      const amount = kebajikan < 100_000n ? 0n : ((kebajikan * 6n) / 10n / 1000n) * 1000n;
      if (amount > 0n)
        await recordDistribution(deps, ctx, {
          fund: 'kebajikan',
          distributionDate: day(24),
          asnaf: null,
          purpose: s.purpose,
          memberId: null,
          recipientName: s.name,
          amountRupiah: amount,
          cashAccountCode: null,
          description: s.what,
        });
      kebajikan -= amount;
    }
  }
}
