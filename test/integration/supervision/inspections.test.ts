import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  ALL_ROLES,
  can,
  COOPERATIVE_ROLES,
  type Permission,
} from '../../../src/domain/auth/permissions.js';
import { ROUTE_ACCESS } from '../../../src/http/auth.js';
import { inOrg } from '../../../src/services/context.js';
import { createOrganization, type OrganizationView } from '../../../src/services/organizations.js';
import { caseFileEntries } from '../../../src/services/supervision/sanctions.js';
import {
  makeCooperative,
  makeUser,
  signIn,
  testAppForFile,
  type Client,
} from '../../support/fixtures.js';
import { pdfText } from './pdf-text.js';

/**
 * Inspections and the sanctions ladder through the routes: a visit with its checklist, a finding
 * with a photo and location, a recommendation and its follow-up; the ladder refuses a skip and a
 * second warning before the first one's deadline and writes nothing (not even a number); numbers
 * are gapless per office and year under concurrent issues; issued letters never change (database);
 * another region's office and a cooperative read nothing; the PDF states the letter.
 */

let now = new Date('2026-11-02T03:00:00Z');
const file = testAppForFile({ clock: () => now });

let pekalongan: OrganizationView;
let malang: OrganizationView;
let examiner: Client;
let pklAdmin: Client;
let malangExaminer: Client;
let examinerId: string;
let registryA: string;
let registryB: string;
let registryC: string;
let registryD: string;

/** Moves the clock and signs everyone in again (a session ends when the clock jumps weeks). */
async function at(instant: string) {
  now = new Date(instant);
  const again = (c: Client) => signIn(file.app, c.username);
  examiner = await again(examiner);
  pklAdmin = await again(pklAdmin);
  malangExaminer = await again(malangExaminer);
}

const base = (org: { id: string }) => `/api/v1/orgs/${org.id}`;
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');

interface Finding {
  id: string;
  resolved: boolean;
  evidence: { id: string }[];
  recommendations: { id: string; followUp: string; evidence: { id: string }[] }[];
}
interface Letter {
  id: string;
  number: string;
  step: string;
  delivery: unknown;
}

const count = async (table: 'sanction_letters' | 'sanction_letter_findings') =>
  Number(
    (
      await sql<{ n: string }>`select count(*) as n from ${sql.table(table)}`.execute(
        file.deps.database.db,
      )
    ).rows[0]!.n,
  );
const lastSeq = async () =>
  (
    await sql<{ last_seq: number }>`select last_seq from sanction_letter_counters
      where organization_id = ${pekalongan.id} and letter_year = 2026`.execute(
      file.deps.database.db,
    )
  ).rows[0]?.last_seq ?? 0;

async function ok<T>(
  p: Promise<{ statusCode: number; body: string; json: <X>() => X }>,
  status = 200,
) {
  const res = await p;
  expect(res.statusCode, res.body).toBe(status);
  return res.json<T>();
}

async function visitWithFinding(registryId: string, description: string) {
  const v = await ok<{ id: string }>(
    examiner.request('POST', `${base(pekalongan)}/inspections`, {
      registryId,
      plannedOn: '2026-11-02',
      purpose: 'Pemeriksaan tata kelola',
      officerUserIds: [examinerId],
    }),
    201,
  );
  const f = await ok<Finding>(
    examiner.request('POST', `${base(pekalongan)}/inspections/${v.id}/findings`, {
      description,
    }),
    201,
  );
  await ok(
    examiner.request('POST', `${base(pekalongan)}/inspections/findings/${f.id}/recommendations`, {
      text: 'Susun SOP tertulis',
      dueOn: '2026-11-30',
    }),
    201,
  );
  return { visitId: v.id, findingId: f.id };
}

beforeAll(async () => {
  const deps = file.deps;
  pekalongan = await createOrganization(
    deps,
    { kind: 'dinas', name: 'Dinas Koperasi Kota Pekalongan', dinasRegionCode: '3375' },
    'test',
  );
  malang = await createOrganization(
    deps,
    { kind: 'dinas', name: 'Dinas Koperasi Kota Malang', dinasRegionCode: '3573' },
    'test',
  );
  const ex = await makeUser(deps, pekalongan, ['dinas_pengawas']);
  examinerId = ex.id;
  examiner = await signIn(file.app, ex.username);
  pklAdmin = await signIn(file.app, (await makeUser(deps, pekalongan, ['dinas_admin'])).username);
  malangExaminer = await signIn(
    file.app,
    (await makeUser(deps, malang, ['dinas_pengawas'])).username,
  );
  const entry = async (name: string) => {
    const res = await pklAdmin.request('POST', `${base(pekalongan)}/registry`, {
      cooperativeType: 'KSP',
      cooperativeForm: 'primer',
      membershipArea: 'regency',
      name,
      provinceCode: '33',
      regencyCode: '3375',
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ id: string }>().id;
  };
  registryA = await entry('KSP Batik Makmur');
  registryB = await entry('KSP Pesisir Sejahtera');
  registryC = await entry('KSP Kauman Jaya');
  registryD = await entry('KSP Setono Abadi');
});

describe('a visit', () => {
  it('is planned, its checklist answered, a finding recorded with a photo and location, a recommendation followed up with evidence', async () => {
    const checklist = await ok<{ checklists: { key: string; items: unknown[] }[] }>(
      examiner.request('GET', `${base(pekalongan)}/inspections/checklist`),
    );
    expect(checklist.checklists.map((c) => c.key)).toEqual([
      'checklists.kelembagaan',
      'checklists.risikoKepatuhan',
      'checklists.risikoOperasional',
    ]);
    const v = await ok<{ id: string; status: string; officers: { userId: string }[] }>(
      examiner.request('POST', `${base(pekalongan)}/inspections`, {
        registryId: registryA,
        plannedOn: '2026-11-02',
        purpose: 'Pemeriksaan tata kelola dan risiko',
        officerUserIds: [examinerId],
      }),
      201,
    );
    expect(v).toMatchObject({ status: 'planned', officers: [{ userId: examinerId }] });
    const saved = await ok<{ checklists: { items: { answer: boolean | null }[] }[] }>(
      examiner.request('PUT', `${base(pekalongan)}/inspections/${v.id}/checklist`, {
        answers: [
          { checklist: 'checklists.kelembagaan', itemNo: 1, answer: true },
          {
            checklist: 'checklists.risikoKepatuhan',
            itemNo: 2,
            answer: false,
            note: 'SOP tidak ada',
          },
        ],
      }),
    );
    expect(saved.checklists[0]!.items[0]!.answer).toBe(true);
    expect(saved.checklists[1]!.items[1]!.answer).toBe(false);
    // an unknown item is refused with its field
    const bad = await examiner.request('PUT', `${base(pekalongan)}/inspections/${v.id}/checklist`, {
      answers: [{ checklist: 'checklists.kelembagaan', itemNo: 99, answer: true }],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');

    const f = await ok<Finding & { latitude: string }>(
      examiner.request('POST', `${base(pekalongan)}/inspections/${v.id}/findings`, {
        description: 'Tidak ada SOP simpan pinjam tertulis',
        checklist: 'checklists.risikoKepatuhan',
        itemNo: 2,
        latitude: '-6.889836',
        longitude: '109.674592',
      }),
      201,
    );
    expect(f.latitude).toBe('-6.889836');
    const photo = await ok<{ id: string }>(
      examiner.request(
        'POST',
        `${base(pekalongan)}/inspections/findings/${f.id}/evidence?fileName=kantor.png`,
        PNG,
        { 'content-type': 'image/png' },
      ),
      201,
    );
    const got = await examiner.request(
      'GET',
      `${base(pekalongan)}/inspections/findings/${f.id}/evidence/${photo.id}`,
    );
    expect(got.statusCode).toBe(200);
    expect(got.rawPayload.equals(PNG)).toBe(true);
    // a type outside JPEG/PNG/PDF is refused, in English when asked
    const gif = await examiner.request(
      'POST',
      `${base(pekalongan)}/inspections/findings/${f.id}/evidence?fileName=a.gif`,
      Buffer.from('GIF89a'),
      { 'content-type': 'image/gif', 'accept-language': 'en' },
    );
    expect(gif.statusCode).toBe(400);
    expect(gif.headers['content-type']).toContain('application/problem+json');

    const withRec = await ok<Finding>(
      examiner.request('POST', `${base(pekalongan)}/inspections/findings/${f.id}/recommendations`, {
        text: 'Susun dan sahkan SOP simpan pinjam',
        dueOn: '2026-11-20',
      }),
      201,
    );
    const rec = withRec.recommendations[0]!;
    expect(rec.followUp).toBe('open');
    // done needs evidence of the follow-up
    const early = await examiner.request(
      'POST',
      `${base(pekalongan)}/inspections/recommendations/${rec.id}/done`,
      { doneOn: '2026-11-02' },
    );
    expect(early.statusCode).toBe(422);
    expect(early.json<{ code: string }>().code).toBe('RECOMMENDATION_EVIDENCE_REQUIRED');
    // overdue after the due date
    await at('2026-11-25T03:00:00Z');
    const later = await ok<{ findings: Finding[] }>(
      examiner.request('GET', `${base(pekalongan)}/inspections/${v.id}`),
    );
    expect(later.findings[0]!.recommendations[0]!.followUp).toBe('overdue');
    await ok(
      examiner.request(
        'POST',
        `${base(pekalongan)}/inspections/findings/${f.id}/evidence?fileName=sop.pdf&recommendationId=${rec.id}`,
        Buffer.from('%PDF-1.4\n'),
        { 'content-type': 'application/pdf' },
      ),
      201,
    );
    const done = await ok<Finding>(
      examiner.request('POST', `${base(pekalongan)}/inspections/recommendations/${rec.id}/done`, {
        doneOn: '2026-11-24',
        note: 'SOP disahkan pengurus',
      }),
    );
    expect(done.recommendations[0]!.followUp).toBe('done');
    expect(done.resolved).toBe(true);
    const closed = await ok<{ status: string }>(
      examiner.request('POST', `${base(pekalongan)}/inspections/${v.id}/close`, {
        status: 'done',
        on: '2026-11-02',
      }),
    );
    expect(closed.status).toBe('done');
    await at('2026-11-02T03:00:00Z');
  });
});

describe('the sanctions ladder', () => {
  it('escalation out of order is refused and nothing is written, not even a number; teguran II waits for delivery and the deadline', async () => {
    const { findingId } = await visitWithFinding(registryB, 'RAT tidak diselenggarakan dua tahun');
    const letters = await count('sanction_letters');
    const seq = await lastSeq();
    const skip = await examiner.request('POST', `${base(pekalongan)}/sanctions/letters`, {
      registryId: registryB,
      step: 'teguran_2',
      findingIds: [findingId],
      correction: 'Selenggarakan RAT',
    });
    expect(skip.statusCode).toBe(409);
    expect(skip.headers['content-type']).toContain('application/problem+json');
    expect(skip.json<{ code: string; detail: string }>()).toMatchObject({
      code: 'SANCTION_OUT_OF_ORDER',
      detail: expect.stringContaining('Teguran Tertulis I') as unknown,
    });
    expect(await count('sanction_letters')).toBe(letters);
    expect(await lastSeq()).toBe(seq);

    const t1 = await ok<Letter & { deadlineOn: string; officerName: string }>(
      examiner.request('POST', `${base(pekalongan)}/sanctions/letters`, {
        registryId: registryB,
        step: 'teguran_1',
        findingIds: [findingId],
        correction: 'Selenggarakan RAT tahun buku 2025 dan laporkan hasilnya',
        deadlineOn: '2026-12-02',
      }),
      201,
    );
    expect(t1.number).toBe(`500.12/${String(seq + 1).padStart(3, '0')}/DINKOP/2026`);
    expect(t1.deadlineOn).toBe('2026-12-02');

    const tooSoon = (step: string) =>
      examiner.request(
        'POST',
        `${base(pekalongan)}/sanctions/letters`,
        { registryId: registryB, step, findingIds: [findingId], correction: 'x' },
        { 'accept-language': 'en' },
      );
    expect((await tooSoon('teguran_2')).json<{ code: string }>().code).toBe(
      'SANCTION_NOT_DELIVERED',
    );
    await ok(
      examiner.request('POST', `${base(pekalongan)}/sanctions/letters/${t1.id}/delivery`, {
        deliveredOn: '2026-11-02',
        method: 'hand',
        receivedBy: 'Ketua pengurus',
      }),
    );
    const again = await examiner.request(
      'POST',
      `${base(pekalongan)}/sanctions/letters/${t1.id}/delivery`,
      { deliveredOn: '2026-11-02', method: 'post', receivedBy: 'x' },
    );
    expect(again.json<{ code: string }>().code).toBe('LETTER_ALREADY_DELIVERED');
    await at('2026-12-02T03:00:00Z');
    const onDeadline = await tooSoon('teguran_2');
    expect(onDeadline.statusCode).toBe(409);
    expect(onDeadline.json<{ code: string; detail: string }>()).toMatchObject({
      code: 'SANCTION_DEADLINE_NOT_PASSED',
      detail: expect.stringContaining('the next step can be issued from 2026-12-03') as unknown,
    });
    // the skip is still refused past the deadline
    await at('2026-12-03T03:00:00Z');
    expect((await tooSoon('pembatasan')).json<{ code: string }>().code).toBe(
      'SANCTION_OUT_OF_ORDER',
    );
    const standing = await ok<{ next: { allowed: string; findingIds: string[] } }>(
      examiner.request('GET', `${base(pekalongan)}/sanctions/cooperatives/${registryB}`),
    );
    expect(standing.next).toMatchObject({ allowed: 'teguran_2', findingIds: [findingId] });
    const t2 = await ok<Letter & { previousLetterId: string }>(
      examiner.request('POST', `${base(pekalongan)}/sanctions/letters`, {
        registryId: registryB,
        step: 'teguran_2',
        findingIds: [findingId],
        correction: 'Selenggarakan RAT paling lambat batas waktu',
      }),
      201,
    );
    expect(t2.previousLetterId).toBe(t1.id);

    // the letter as PDF names its number, step, cooperative and officer
    const pdf = await examiner.request(
      'GET',
      `${base(pekalongan)}/sanctions/letters/${t1.id}/letter.pdf`,
    );
    expect(pdf.statusCode).toBe(200);
    const text = pdfText(pdf.rawPayload);
    expect(text).toContain(t1.number);
    expect(text).toContain('Teguran Tertulis I');
    expect(text).toContain('KSP Pesisir Sejahtera');
    expect(text).toContain(t1.officerName);
    expect(text).toContain('2 Desember 2026');

    // an issued letter never changes, even for the database's owner
    const db = file.deps.database.db;
    await expect(
      sql`update sanction_letters set deadline_on = '2027-01-01' where id = ${BigInt(t1.id)}`.execute(
        db,
      ),
    ).rejects.toThrow(/cannot be changed/);
    await expect(
      sql`delete from sanction_letter_deliveries where letter_id = ${BigInt(t1.id)}`.execute(db),
    ).rejects.toThrow(/cannot be deleted/);

    // the case file has the visit, the finding and both letters with the PDF
    const entries = await inOrg(
      file.deps,
      {
        organizationId: pekalongan.id,
        actor: { userId: null, label: 'test' },
        roles: ['dinas_pengawas'],
        requestId: null,
        ip: null,
      },
      (o) => caseFileEntries(o, BigInt(registryB)),
    );
    expect(entries.map((e) => e.kind).sort()).toEqual([
      'finding',
      'inspection',
      'letter',
      'letter',
    ]);
    const letter = entries.find((e) => e.ref === `letter:${t1.id}`)!;
    expect(letter).toMatchObject({ on: '2026-11-02', title: `Teguran Tertulis I ${t1.number}` });
    expect(letter.documents[0]!.href).toBe(
      `/orgs/${pekalongan.id}/sanctions/letters/${t1.id}/letter.pdf`,
    );
    const pdfViaHref = await examiner.request('GET', `/api/v1${letter.documents[0]!.href}`);
    expect(pdfViaHref.statusCode).toBe(200);
    await at('2026-11-02T03:00:00Z');
  });

  it('a letter issued in error is revoked, not changed: it stays numbered and stops counting', async () => {
    await at('2026-12-04T03:00:00Z');
    const s = await ok<{ letters: Letter[]; next: { allowed: string | null; step: string } }>(
      examiner.request('GET', `${base(pekalongan)}/sanctions/cooperatives/${registryB}`),
    );
    const [t1, t2] = s.letters;
    expect(s.next).toMatchObject({ allowed: null, step: 'pembatasan' });
    // only the latest counting letter may be revoked
    const older = await examiner.request(
      'POST',
      `${base(pekalongan)}/sanctions/letters/${t1!.id}/revoke`,
      { reason: 'salah' },
    );
    expect(older.statusCode).toBe(400);
    const revoked = await ok<{ revocation: { reason: string }; number: string }>(
      examiner.request('POST', `${base(pekalongan)}/sanctions/letters/${t2!.id}/revoke`, {
        reason: 'Salah alamat koperasi',
      }),
    );
    expect(revoked).toMatchObject({
      number: t2!.number,
      revocation: { reason: 'Salah alamat koperasi' },
    });
    const after = await ok<{ letters: Letter[]; next: { allowed: string | null } }>(
      examiner.request('GET', `${base(pekalongan)}/sanctions/cooperatives/${registryB}`),
    );
    expect(after.letters).toHaveLength(2);
    expect(after.next.allowed).toBe('teguran_2');
    const twice = await examiner.request(
      'POST',
      `${base(pekalongan)}/sanctions/letters/${t2!.id}/revoke`,
      { reason: 'lagi' },
    );
    expect(twice.json<{ code: string }>().code).toBe('LETTER_ALREADY_REVOKED');
    await at('2026-11-02T03:00:00Z');
  });

  it('numbers are gapless per office and year under two concurrent issues', async () => {
    const a = await visitWithFinding(registryA, 'Laporan keuangan tidak sesuai standar');
    const c = await visitWithFinding(registryC, 'Melayani non-anggota');
    const seq = await lastSeq();
    const issue = (registryId: string, findingId: string) =>
      examiner.request('POST', `${base(pekalongan)}/sanctions/letters`, {
        registryId,
        step: 'teguran_1',
        findingIds: [findingId],
        correction: 'Perbaiki',
      });
    const [x, y] = await Promise.all([
      issue(registryA, a.findingId),
      issue(registryC, c.findingId),
    ]);
    expect([x.statusCode, y.statusCode]).toEqual([201, 201]);
    const numbers = [x.json<Letter>().number, y.json<Letter>().number].sort();
    expect(numbers).toEqual([
      `500.12/${String(seq + 1).padStart(3, '0')}/DINKOP/2026`,
      `500.12/${String(seq + 2).padStart(3, '0')}/DINKOP/2026`,
    ]);
    const seqs = (
      await sql<{ letter_seq: number }>`select letter_seq from sanction_letters
        where office_id = ${pekalongan.id} and letter_year = 2026 order by letter_seq`.execute(
        file.deps.database.db,
      )
    ).rows.map((r) => r.letter_seq);
    expect(seqs).toEqual(seqs.map((_s, i) => i + 1));
    // the same cooperative twice at once: one letter, the other refused (out of order), no gap
    const d = await visitWithFinding(registryD, 'Pengurus merangkap pengawas');
    const [p, q] = await Promise.all([
      issue(registryD, d.findingId),
      issue(registryD, d.findingId),
    ]);
    expect([p.statusCode, q.statusCode].sort()).toEqual([201, 409].sort());
    expect(await lastSeq()).toBe(seq + 3);
  });

  it('the office sets its number format; a format without {seq} is refused', async () => {
    const bad = await pklAdmin.request('PUT', `${base(pekalongan)}/sanctions/settings`, {
      numberFormat: '800/DINKOP/{year}',
    });
    expect(bad.statusCode).toBe(400);
    const set = await ok<{ example: string }>(
      pklAdmin.request('PUT', `${base(pekalongan)}/sanctions/settings`, {
        numberFormat: '518/{seq}/Kop/{year}',
      }),
    );
    expect(set.example).toBe('518/001/Kop/2026');
    const forbidden = await examiner.request('PUT', `${base(pekalongan)}/sanctions/settings`, {
      numberFormat: '518/{seq}/{year}',
    });
    expect(forbidden.statusCode).toBe(403);
  });
});

describe('jurisdiction', () => {
  it('another region’s office reads and writes none of it', async () => {
    const visits = await ok<{ items: { id: string }[] }>(
      examiner.request('GET', `${base(pekalongan)}/inspections`),
    );
    const visitId = visits.items[0]!.id;
    const letter = await ok<{ letters: { id: string }[]; findings: { id: string }[] }>(
      examiner.request('GET', `${base(pekalongan)}/sanctions/cooperatives/${registryB}`),
    );
    const m = base(malang);
    expect(
      (await malangExaminer.request('GET', `${m}/inspections`)).json<{ items: unknown[] }>().items,
    ).toEqual([]);
    for (const url of [
      `${m}/inspections/${visitId}`,
      `${m}/sanctions/cooperatives/${registryB}`,
      `${m}/sanctions/letters/${letter.letters[0]!.id}`,
      `${m}/sanctions/letters/${letter.letters[0]!.id}/letter.pdf`,
    ])
      expect((await malangExaminer.request('GET', url)).statusCode, url).toBe(404);
    const plan = await malangExaminer.request('POST', `${m}/inspections`, {
      registryId: registryB,
      plannedOn: '2026-11-02',
      purpose: 'x',
      officerUserIds: [examinerId],
    });
    expect(plan.statusCode).toBe(400);
    const issue = await malangExaminer.request('POST', `${m}/sanctions/letters`, {
      registryId: registryB,
      step: 'teguran_1',
      findingIds: [letter.findings[0]!.id],
      correction: 'x',
    });
    expect(issue.statusCode).toBe(404);
    const delivery = await malangExaminer.request(
      'POST',
      `${m}/sanctions/letters/${letter.letters[0]!.id}/revoke`,
      { reason: 'x' },
    );
    expect(delivery.statusCode).toBe(404);
  });

  it('every inspection and sanction route answers each role by the matrix; a cooperative reads none of it', async () => {
    const found = [...ROUTE_ACCESS.values()].filter(
      (r) => r.url.includes('/orgs/:orgId/inspections') || r.url.includes('/orgs/:orgId/sanctions'),
    );
    expect(found.length).toBe(20);
    const coop = await makeCooperative(file.deps);
    const failures: string[] = [];
    for (const role of ALL_ROLES) {
      const cooperativeRole = (COOPERATIVE_ROLES as readonly string[]).includes(role);
      const org = cooperativeRole ? coop : pekalongan;
      const client = await signIn(file.app, (await makeUser(file.deps, org, [role])).username);
      for (const r of found) {
        for (const id of cooperativeRole ? [coop.id, pekalongan.id] : [pekalongan.id]) {
          const res = await client.request(
            r.method as 'GET',
            r.url.replace(':orgId', id).replace(/:\w+/g, '1'),
            r.method === 'GET' ? undefined : {},
          );
          const allowed = !cooperativeRole && can([role], r.access as Permission);
          const good = allowed
            ? res.statusCode !== 403 && res.statusCode < 500
            : res.statusCode === 403;
          if (!good) failures.push(`${role} ${r.method} ${r.url} (${id}) -> ${res.statusCode}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('a cooperative’s tenant transaction sees no inspection or letter row in SQL', async () => {
    const coop = await makeCooperative(file.deps);
    const { inTenantTransaction } = await import('../../../src/db/database.js');
    const seen = await inTenantTransaction(file.deps.database.db, coop.id, async (tx) => {
      const r = await sql<{ n: string }>`select
        (select count(*) from inspection_visits) + (select count(*) from inspection_findings)
        + (select count(*) from inspection_evidence) + (select count(*) from sanction_letters) as n`.execute(
        tx,
      );
      return Number(r.rows[0]!.n);
    });
    expect(seen).toBe(0);
    expect(await count('sanction_letters')).toBeGreaterThan(0);
  });
});
