import * as repo from '../../db/dps.repo.js';
import type { OrganizationView } from '../organizations.js';
import { inOrg, systemContext, type Deps, type OrgContext } from '../context.js';
import {
  addCertificate,
  appointMember,
  decideReview,
  listReviews,
  recordOpinion,
  renewTerm,
  submitReview,
} from '../sharia/dps.js';

/**
 * The demo KSPPS's Dewan Pengawas Syariah (docs/domain/sharia-dps.md): three persons appointed by
 * the RAT of February 2025 — two outsiders for two years (one renewed from 2023) and one member of
 * the cooperative — with a DSN-MUI DPS training certificate and an LSP competency certificate; the
 * DPS login `kspps.dps` is KH. Abdullah Syafi'i. The savings products created before the DPS was
 * recorded were flagged for review: the DPS approves them here with its opinion; a ta'zir clause
 * waits for it; its opinion on book year 2025, reported to DSN-MUI. Runs last, after every demo
 * product exists (a product created while a DPS is in office waits for its approval).
 */

const DECLARED = {
  noConviction: { value: true, on: '2025-02-10' },
  noRelation: { value: true, on: '2025-02-10' },
};
const RAT_2025 = {
  raDate: '2025-02-15',
  raReference: 'Berita Acara RAT Tahun Buku 2024 No. 03/RAT/BMT-AA/II/2025',
};

export async function seedDemoDps(deps: Deps, org: OrganizationView): Promise<void> {
  const board: OrgContext = { ...systemContext(org.id, 'seed-demo'), roles: ['pengurus'] };
  const abdullah = await appointMember(deps, board, {
    fullName: "KH. Abdullah Syafi'i, Lc.",
    isCooperativeMember: false,
    memberId: null,
    username: 'kspps.dps',
    raDate: '2023-02-18',
    raReference: 'Berita Acara RAT Tahun Buku 2022 No. 02/RAT/BMT-AA/II/2023',
    termStart: '2023-03-01',
    termEnd: '2025-02-28',
    declarations: {
      noConviction: { value: true, on: '2023-02-10' },
      noRelation: { value: true, on: '2023-02-10' },
    },
  });
  await renewTerm(deps, board, BigInt(abdullah.id), {
    ...RAT_2025,
    termStart: '2025-03-01',
    termEnd: '2027-02-28',
  });
  await addCertificate(deps, board, BigInt(abdullah.id), {
    kind: 'dsn_mui_training',
    issuer: 'Dewan Syariah Nasional – Majelis Ulama Indonesia',
    number: '045/PDPS/DSN-MUI/V/2022',
    issuedOn: '2022-05-24',
    validUntil: null,
  });
  const maryam = await appointMember(deps, board, {
    fullName: 'Dr. Hj. Siti Maryam, M.E.Sy.',
    isCooperativeMember: false,
    memberId: null,
    username: null,
    ...RAT_2025,
    termStart: '2025-03-01',
    termEnd: '2027-02-28',
    declarations: DECLARED,
  });
  await addCertificate(deps, board, BigInt(maryam.id), {
    kind: 'lsp_competency',
    issuer: 'LSP Dewan Syariah Nasional MUI',
    number: 'LSP-DSN/PS/2024/0187',
    issuedOn: '2024-08-12',
    validUntil: '2027-08-11',
  });
  const mahfudz = await appointMember(deps, board, {
    fullName: 'Ustadz H. Mahfudz Ridwan, S.Ag.',
    isCooperativeMember: true,
    memberId: null,
    username: null,
    ...RAT_2025,
    termStart: '2025-03-01',
    termEnd: null,
    declarations: DECLARED,
  });

  // the DPS member's login decides what was routed to the DPS before it was recorded
  const userId = await inOrg(deps, board, (o) => repo.userIdByUsername(o.tx, 'kspps.dps'));
  if (!userId) throw new Error('demo user kspps.dps missing');
  const dps: OrgContext = {
    ...board,
    actor: { userId, label: 'kspps.dps' },
    roles: ['dps'],
  };
  for (const r of await listReviews(deps, dps, 'pending', 100))
    await decideReview(deps, dps, BigInt(r.id), {
      decision: 'approved',
      opinion:
        'Produk ini telah ditelaah DPS: akadnya sesuai fatwa DSN-MUI (wadiah tanpa imbalan yang dijanjikan; mudharabah dengan nisbah tertulis dalam akad anggota, tanpa bunga tetap).',
      fatwaReference:
        r.title.includes('wadiah') || r.title.includes('Wadiah')
          ? '02/DSN-MUI/IV/2000'
          : '02/DSN-MUI/IV/2000; 03/DSN-MUI/IV/2000',
    });
  // a clause waiting for the DPS (its page shows it; the browser test decides it)
  await submitReview(deps, board, {
    subject: 'denda_clause',
    title: "Klausul ta'zir akad murabahah (perubahan 2026)",
    text: "Anggota yang mampu tetapi menunda pembayaran angsuran dikenakan ta'zir Rp 2.000 per hari keterlambatan, paling banyak Rp 100.000 per angsuran; seluruhnya disalurkan ke dana kebajikan dan tidak diakui sebagai pendapatan koperasi.",
  });
  await recordOpinion(deps, dps, 2025, {
    opinionDate: '2026-02-14',
    opinion:
      'Dewan Pengawas Syariah KSPPS BMT Al-Amanah Pekalongan telah melakukan pengawasan atas kegiatan usaha tahun buku 2025. Berdasarkan telaah atas produk simpanan dan pembiayaan, akad, serta contoh transaksi, kami berpendapat bahwa kegiatan usaha koperasi secara umum telah sesuai dengan prinsip syariah dan fatwa DSN-MUI. Catatan: (1) bagi hasil simpanan mudharabah berjangka agar dihitung dari pendapatan yang diterima, bukan tingkat imbalan tetap; (2) denda keterlambatan agar seluruhnya disalurkan ke dana kebajikan.',
    signedBy: [abdullah.id, maryam.id, mahfudz.id].map(BigInt),
    reportedToDsnOn: '2026-02-27',
    dsnReportReference: '017/DPS/BMT-AA/II/2026',
  });
}
