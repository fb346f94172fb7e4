import * as repo from '../../../db/demo-loans.repo.js';
import { decide } from '../../approvals.js';
import { closeSession, mySession, openSession } from '../../cashdesk.js';
import {
  analyseApplication,
  disburse,
  recover,
  repay,
  requestRestructure,
  requestWriteOff,
  submitForApproval,
} from '../../loans.js';
import { addDays } from '../common.js';
import { RESTRUCTURE_MONTH, WRITE_OFF_MONTH, type DemoLoanBook, type LoanMonth } from './book.js';
import { allocate } from './payments.js';

/**
 * The loans that go through the real services, as at the office: the teller's loan day each month
 * (instalments of the desk's loans, then one new loan end to end), and the one restructuring and
 * the one write-off (with a first recovery) of each book, and the applications still in the
 * pipeline.
 */

/** Written off on the 16th; the first recovery on the claim comes in at the counter a week later. */
const RECOVERY_DAY = '2026-11-23';
const RECOVERY_RUPIAH = 750_000n;

export async function tellerLoanDay(book: DemoLoanBook, lm: LoanMonth): Promise<void> {
  const { deps, teller, officer, board, products, scale, tracked } = book;
  const { mi, deskDate, cash, sukarela } = lm;
  const session = await openSession(deps, teller, {
    deskId: await book.deskId(),
    businessDate: deskDate,
    openingFloatRupiah: 150_000_000n,
  });
  const sessionId = BigInt(session.id);
  const mine = [...tracked.values()].filter((t) => t.real);
  const open = await book.openRows(
    mine.map((t) => t.id),
    addDays(deskDate, 45),
  );
  for (const t of mine) {
    const e = open.get(t.id.toString());
    if (!e) continue;
    const j = e.rows.filter((r) => r.due <= deskDate).length;
    const pay = allocate(t.id, e.accrued, e.rows, e.complete, j, deskDate);
    if (!pay) continue;
    const viaSavings = t.autodebet && sukarela(t.sukarelaId, -pay.amount, deskDate) !== null;
    await repay(deps, teller, t.id, {
      amountRupiah: pay.amount,
      paidOn: deskDate,
      cashSessionId: viaSavings ? null : sessionId,
    });
    if (!viaSavings) cash.in += pay.amount;
  }

  const p =
    scale.book === 'kspps' && (mi === 1 || mi === 6)
      ? products.find((x) => x.input.akad === 'ijarah')!
      : products[mi % products.length]!;
  const m = mi === 0 ? book.members[0]! : book.borrower(1);
  // paid out into sukarela, and the instalments debited from it under a signed mandate
  const channel =
    scale.book === 'ksp' && mi % 2 === 1 && sukarela(m.sukarela, 0n, deskDate) !== null
      ? 'savings'
      : 'cash';
  const app = await book.applyForLoan(p, m, channel === 'savings');
  await analyseApplication(deps, officer, BigInt(app.id), {
    notes:
      'Analisa 5C: karakter baik (simpanan wajib tertib), kapasitas cukup, agunan memadai. Direkomendasikan.',
    recommendation: 'approve',
  });
  const { approvalId } = await submitForApproval(deps, officer, BigInt(app.id));
  await decide(deps, board, BigInt(approvalId), { approve: true });
  const d = await disburse(deps, teller, BigInt(app.id), {
    channel,
    cashSessionId: channel === 'cash' ? sessionId : null,
    disbursedOn: deskDate,
  });
  if (channel === 'cash') cash.out += BigInt(d.body.netRupiah);
  else sukarela(m.sukarela, BigInt(d.body.netRupiah), deskDate);
  tracked.set(d.body.loanId, {
    id: BigInt(d.body.loanId),
    memberId: m.id,
    sukarelaId: m.sukarela,
    akad: p.input.akad,
    profile: 'good',
    behind: 0,
    stopFrom: 99,
    autodebet: channel === 'savings',
    real: true,
  });
  book.lentTo(m);

  const expected = await mySession(deps, teller);
  await closeSession(deps, teller, sessionId, {
    countedRupiah: BigInt(expected?.expectedRupiah ?? '0'),
    entryDate: deskDate,
  });
}

/** The one restructuring and the one write-off, through maker-checker like at the office. */
export async function officeCases(book: DemoLoanBook, lm: LoanMonth): Promise<void> {
  const { month } = lm;
  if (month === RESTRUCTURE_MONTH) await restructure(book, lm);
  if (month === WRITE_OFF_MONTH) {
    await writeOff(book, lm);
    await pipeline(book);
  }
}

async function restructure(book: DemoLoanBook, { month, first }: LoanMonth): Promise<void> {
  const { deps, officer, board, tracked, scale } = book;
  const l = await repo.restructureCandidate(book.db, book.coop, first);
  if (!l) throw new Error(`demo ${scale.book}: no loan in arrears to restructure`);
  const conventional = tracked.get(l.id.toString())?.akad === 'conventional';
  const approvalId = await requestRestructure(deps, officer, {
    loanId: l.id.toString(),
    kind: conventional ? 'restructure' : 'reschedule',
    effectiveOn: `${month}-20`,
    newTenor: l.open + 6,
    ...(conventional ? { capitalisePenalty: true } : {}),
    reason: conventional
      ? 'Usaha anggota terdampak banjir rob; tunggakan bunga dan denda dikapitalisasi, jangka waktu diperpanjang 6 bulan'
      : 'Penjualan anggota turun karena sakit; jangka waktu diperpanjang 6 bulan, margin tidak berubah',
  });
  await decide(deps, board, approvalId, { approve: true });
  const t = tracked.get(l.id.toString());
  if (t) Object.assign(t, { profile: 'good', behind: 0, stopFrom: 99 });
}

async function writeOff(book: DemoLoanBook, { cash }: LoanMonth): Promise<void> {
  const { deps, officer, board, teller, scale } = book;
  const l = await repo.writeOffCandidate(book.db, book.coop);
  if (!l) throw new Error(`demo ${scale.book}: no Macet loan to write off`);
  const approvalId = await requestWriteOff(deps, officer, {
    loanId: l.id.toString(),
    writtenOffOn: '2026-11-16',
    reason:
      'Macet lebih dari 270 hari, anggota pindah ke luar kota dan tidak dapat dihubungi; penagihan tetap dilanjutkan (hapus buku bukan hapus tagih)',
  });
  await decide(deps, board, approvalId, { approve: true });
  // a week later the family brings a first instalment on the claim to the counter: a recovery
  const recovery = await openSession(deps, teller, {
    deskId: await book.deskId(),
    businessDate: RECOVERY_DAY,
    openingFloatRupiah: 5_000_000n,
  });
  await recover(deps, teller, l.id, {
    amountRupiah: RECOVERY_RUPIAH,
    receivedOn: RECOVERY_DAY,
    cashSessionId: BigInt(recovery.id),
  });
  cash.in += RECOVERY_RUPIAH;
  const counted = await mySession(deps, teller);
  await closeSession(deps, teller, BigInt(recovery.id), {
    countedRupiah: BigInt(counted?.expectedRupiah ?? '0'),
    entryDate: RECOVERY_DAY,
  });
}

/** Applications still in the pipeline: one just in, one analysed, one before the committee. */
async function pipeline(book: DemoLoanBook): Promise<void> {
  const { deps, officer, products } = book;
  for (const stage of ['submitted', 'analysed', 'pending_approval'] as const) {
    const p =
      products[
        stage === 'submitted' ? 0 : stage === 'analysed' ? 1 % products.length : 2 % products.length
      ]!;
    const app = await book.applyForLoan(p, book.borrower(1));
    if (stage === 'submitted') continue;
    await analyseApplication(deps, officer, BigInt(app.id), {
      notes: 'Survei lapangan selesai; usaha berjalan, agunan sesuai. Direkomendasikan.',
      recommendation: 'approve',
    });
    if (stage === 'pending_approval') await submitForApproval(deps, officer, BigInt(app.id));
  }
}
