import { invalidFields as invalid } from '../../domain/errors.js';
import * as repo from '../../db/inspections.repo.js';
import { findOrganization } from '../../db/organizations.repo.js';
import { findRegistryRow } from '../../db/registry.repo.js';
import { findUserById } from '../../db/users.repo.js';
import { businessDateWib } from '../../domain/calendar.js';
import type { CaseFileEntry } from '../../domain/supervision/case-file.js';
import { AppError } from '../../domain/errors.js';
import { findingResolved } from '../../domain/supervision/inspections.js';
import {
  checkDeadline,
  checkEscalation,
  checkNumberFormat,
  DEFAULT_NUMBER_FORMAT,
  defaultDeadline,
  ladderStep,
  letterNumber,
  nextStep,
  SANCTION_LADDER,
  type LetterOnRecord,
  type SanctionStep,
} from '../../domain/supervision/sanctions.js';
import { inOrg, type Deps, type OrgContext, type OrgTx } from '../context.js';
import { regionOf } from '../registry/entries.js';
import { findingsOfCooperative, type FindingDetail } from './inspections.js';

/**
 * The sanctions ladder for a cooperative of the office's registry (docs/domain/supervision-inspections.md):
 * where it stands, the next step allowed (or why not yet), issuing that step's letter — numbered
 * gaplessly per office and year, with its findings, the required correction, the deadline and the
 * officer's name, never changed afterwards — its delivery, and its revocation (a letter issued in
 * error stays on record and no longer counts). The order is the pure rule of
 * src/domain/supervision/sanctions.ts; a refused step writes nothing, not even a number.
 */

export const ladderView = () =>
  SANCTION_LADDER.map((s) => ({
    step: s.step,
    order: s.order,
    title: s.title,
    titleEn: s.titleEn,
    defaultCorrectionDays: s.defaultCorrectionDays,
    legalBasis: s.legalBasis.map((b) => ({ ...b })),
  }));

function letterView(l: repo.LetterListRow) {
  return {
    id: l.id.toString(),
    registryId: l.registry_id.toString(),
    step: l.step,
    title: ladderStep(l.step).title,
    number: l.letter_number,
    issuedOn: l.issued_on,
    deadlineOn: l.deadline_on,
    findingsText: l.findings_text,
    correction: l.correction,
    legalBasis: l.legal_basis,
    officerName: l.officer_name,
    officeName: l.office_name,
    cooperativeName: l.cooperative_name,
    previousLetterId: l.previous_letter_id?.toString() ?? null,
    findingIds: l.finding_ids,
    delivery: l.delivered_on
      ? {
          deliveredOn: l.delivered_on,
          method: l.delivery_method as 'hand' | 'post' | 'courier' | 'email',
          receivedBy: l.received_by ?? '',
        }
      : null,
    revocation: l.revoked_on
      ? { revokedOn: l.revoked_on, reason: l.revocation_reason ?? '' }
      : null,
  };
}
export type LetterView = ReturnType<typeof letterView>;

/** The letters as the ladder rule reads them: a letter's findings resolved when each one is. */
function onRecord(letters: repo.LetterListRow[], findings: FindingDetail[]): LetterOnRecord[] {
  const resolved = new Map(findings.map((f) => [f.id, f.resolved]));
  return letters.map((l) => ({
    id: l.id.toString(),
    step: l.step,
    issuedOn: l.issued_on,
    deadlineOn: l.deadline_on,
    deliveredOn: l.delivered_on,
    revoked: l.revoked_on !== null,
    findingsResolved: l.finding_ids.length > 0 && l.finding_ids.every((id) => resolved.get(id)),
  }));
}

async function standing(o: OrgTx, registryId: bigint, on: string) {
  const region = await regionOf(o);
  const registry = await findRegistryRow(o.tx, region, registryId);
  if (!registry) throw new AppError('NOT_FOUND');
  const [letters, findings] = await Promise.all([
    repo.lettersOf(o.tx, region, registryId),
    findingsOfCooperative(o, registryId, on),
  ]);
  const record = onRecord(letters, findings);
  return { registry, letters, findings, record, next: nextStep(record, on) };
}

/** A cooperative's place on the ladder: its letters, its findings, the next step and why not yet. */
export async function cooperativeSanctions(deps: Deps, ctx: OrgContext, registryId: bigint) {
  const on = businessDateWib(deps.clock());
  return inOrg(deps, ctx, async (o) => {
    const s = await standing(o, registryId, on);
    const current = s.next.current
      ? s.letters.find((l) => l.id.toString() === s.next.current!.id)
      : undefined;
    return {
      registryId: s.registry.id.toString(),
      registryName: s.registry.name,
      today: on,
      ladder: ladderView(),
      letters: s.letters.map(letterView),
      findings: s.findings,
      next: {
        allowed: s.next.allowed,
        step: s.next.next,
        blocked: s.next.blocked,
        allowedFrom: s.next.allowedFrom,
        currentLetterId: current?.id.toString() ?? null,
        defaultDeadline: s.next.allowed ? defaultDeadline(s.next.allowed, on) : null,
        // the findings the next letter carries: the current letter's unresolved ones, else all open
        findingIds: (current && s.next.allowed !== 'teguran_1'
          ? current.finding_ids
          : s.findings.map((f) => f.id)
        ).filter((id) => s.findings.find((f) => f.id === id)?.resolved === false),
      },
    };
  });
}

async function numberFormatOf(o: OrgTx): Promise<string> {
  return (
    (await repo.numberFormat(o.tx, o.ctx.organizationId))?.number_format ?? DEFAULT_NUMBER_FORMAT
  );
}

const refusal = (
  reason: 'OUT_OF_ORDER' | 'DEADLINE_NOT_PASSED' | 'NOT_DELIVERED' | 'LADDER_END',
  s: Awaited<ReturnType<typeof standing>>,
) => {
  const current = s.letters.find((l) => l.id.toString() === s.next.current?.id);
  const params = {
    next: s.next.next ? ladderStep(s.next.next).title : '—',
    number: current?.letter_number ?? '',
    deadline: current?.deadline_on ?? '',
    allowedFrom: s.next.allowedFrom ?? '',
  };
  switch (reason) {
    case 'OUT_OF_ORDER':
      return new AppError('SANCTION_OUT_OF_ORDER', params);
    case 'DEADLINE_NOT_PASSED':
      return new AppError('SANCTION_DEADLINE_NOT_PASSED', params);
    case 'NOT_DELIVERED':
      return new AppError('SANCTION_NOT_DELIVERED', params);
    case 'LADDER_END':
      return new AppError('SANCTION_LADDER_END', params);
  }
};

/**
 * Issues the letter of a ladder step, dated today. The office's counter row is locked first, so
 * two issues at once run one after the other; the ladder is then read, the step checked (in
 * order, the previous deadline passed, its findings unresolved) and the letter written with its
 * number. A refusal rolls the counter back with everything else.
 */
export async function issueLetter(
  deps: Deps,
  ctx: OrgContext,
  input: {
    registryId: bigint;
    step: SanctionStep;
    findingIds: bigint[];
    correction: string;
    deadlineOn: string | null;
  },
) {
  const on = businessDateWib(deps.clock());
  const year = Number(on.slice(0, 4));
  return inOrg(deps, ctx, async (o) => {
    await regionOf(o);
    const seq = await repo.nextLetterSeq(o.tx, ctx.organizationId, year);
    const s = await standing(o, input.registryId, on);
    const check = checkEscalation(s.record, input.step, on);
    if (!check.ok) throw refusal(check.reason, s);
    const problems: { field: string; code: string }[] = [];
    const deadlineOn = input.deadlineOn ?? defaultDeadline(input.step, on);
    const d = checkDeadline(on, deadlineOn);
    if (d) problems.push({ field: 'deadlineOn', code: d });
    const ids = [...new Set(input.findingIds.map(String))];
    if (ids.length === 0) problems.push({ field: 'findingIds', code: 'REQUIRED' });
    const chosen = ids.map((id) => s.findings.find((f) => f.id === id));
    chosen.forEach((f, i) => {
      if (!f) problems.push({ field: `findingIds.${i}`, code: 'NOT_FOUND' });
      else if (f.resolved) problems.push({ field: `findingIds.${i}`, code: 'FINDING_RESOLVED' });
    });
    if (problems.length > 0) throw invalid(problems);
    const findings = chosen.filter((f): f is FindingDetail => f !== undefined);
    const [office, user] = await Promise.all([
      findOrganization(o.tx, ctx.organizationId),
      ctx.actor.userId ? findUserById(o.tx, ctx.actor.userId) : undefined,
    ]);
    const step = ladderStep(input.step);
    const number = letterNumber(await numberFormatOf(o), seq, year);
    const l = await repo.insertLetter(
      o.tx,
      {
        region_code: s.registry.region_code,
        registry_id: s.registry.id,
        office_id: ctx.organizationId,
        step: input.step,
        letter_year: year,
        letter_seq: seq,
        letter_number: number,
        issued_on: on,
        deadline_on: deadlineOn,
        findings_text: findings
          .map(
            (f, i) =>
              `${i + 1}. ${f.description}${f.recommendations.length ? ` (rekomendasi: ${f.recommendations.map((r) => `${r.text}, paling lambat ${r.dueOn}`).join('; ')})` : ''}`,
          )
          .join('\n'),
        correction: input.correction,
        legal_basis: step.legalBasis
          .map((b) => `${b.citation}${b.confirmed ? '' : ' [belum dipastikan]'}`)
          .join('; '),
        officer_user_id: ctx.actor.userId,
        officer_name: user?.fullName ?? ctx.actor.label,
        office_name: office?.name ?? '',
        cooperative_name: s.registry.name,
        previous_letter_id: check.previous ? BigInt(check.previous.id) : null,
      },
      findings.map((f) => BigInt(f.id)),
    );
    await o.audit({
      action: 'sanction.letter-issued',
      entityType: 'sanction-letter',
      entityId: l.id,
      after: {
        registryId: l.registry_id.toString(),
        step: l.step,
        number: l.letter_number,
        deadlineOn: l.deadline_on,
        findings: ids,
      },
    });
    const row = await repo.findLetter(o.tx, await regionOf(o), l.id);
    return letterView(row!);
  });
}

async function mustLetter(o: OrgTx, id: bigint) {
  const l = await repo.findLetter(o.tx, await regionOf(o), id);
  if (!l) throw new AppError('NOT_FOUND');
  return l;
}

export async function getLetter(deps: Deps, ctx: OrgContext, id: bigint) {
  return inOrg(deps, ctx, async (o) => letterView(await mustLetter(o, id)));
}

export async function recordDelivery(
  deps: Deps,
  ctx: OrgContext,
  id: bigint,
  d: { deliveredOn: string; method: 'hand' | 'post' | 'courier' | 'email'; receivedBy: string },
) {
  const on = businessDateWib(deps.clock());
  return inOrg(deps, ctx, async (o) => {
    const l = await mustLetter(o, id);
    if (l.delivered_on !== null) throw new AppError('LETTER_ALREADY_DELIVERED');
    if (l.revoked_on !== null) throw new AppError('LETTER_ALREADY_REVOKED');
    if (d.deliveredOn < l.issued_on)
      throw invalid([{ field: 'deliveredOn', code: 'BEFORE_ISSUE' }]);
    if (d.deliveredOn > on) throw invalid([{ field: 'deliveredOn', code: 'IN_FUTURE' }]);
    await repo.insertDelivery(o.tx, l, d, ctx.actor.userId);
    await o.audit({
      action: 'sanction.letter-delivered',
      entityType: 'sanction-letter',
      entityId: id,
      after: { ...d },
    });
    return letterView(await mustLetter(o, id));
  });
}

/** Revokes a letter issued in error: only the latest letter still counting on the ladder. */
export async function revokeLetter(
  deps: Deps,
  ctx: OrgContext,
  id: bigint,
  input: { reason: string },
) {
  const on = businessDateWib(deps.clock());
  return inOrg(deps, ctx, async (o) => {
    await regionOf(o);
    await repo.lockLetterCounters(o.tx, ctx.organizationId);
    const l = await mustLetter(o, id);
    if (l.revoked_on !== null) throw new AppError('LETTER_ALREADY_REVOKED');
    const s = await standing(o, l.registry_id, on);
    if (s.next.current?.id !== l.id.toString())
      throw invalid([{ field: 'letterId', code: 'NOT_LATEST_LETTER' }]);
    await repo.insertRevocation(o.tx, l, { revokedOn: on, reason: input.reason }, ctx.actor.userId);
    await o.audit({
      action: 'sanction.letter-revoked',
      entityType: 'sanction-letter',
      entityId: id,
      after: { number: l.letter_number, reason: input.reason },
    });
    return letterView(await mustLetter(o, id));
  });
}

export async function letterSettings(deps: Deps, ctx: OrgContext) {
  return inOrg(deps, ctx, async (o) => {
    await regionOf(o);
    const s = await repo.numberFormat(o.tx, ctx.organizationId);
    const format = s?.number_format ?? DEFAULT_NUMBER_FORMAT;
    const year = Number(businessDateWib(deps.clock()).slice(0, 4));
    return {
      numberFormat: format,
      example: letterNumber(format, 1, year),
      default: DEFAULT_NUMBER_FORMAT,
      setBy: s?.set_by_name ?? null,
      setAt: s?.set_at.toISOString() ?? null,
    };
  });
}

export async function setLetterSettings(
  deps: Deps,
  ctx: OrgContext,
  input: { numberFormat: string },
) {
  const p = checkNumberFormat(input.numberFormat);
  if (p) throw invalid([{ field: 'numberFormat', code: p }]);
  await inOrg(deps, ctx, async (o) => {
    await regionOf(o);
    await repo.insertNumberFormat(o.tx, ctx.organizationId, input.numberFormat, ctx.actor.userId);
    await o.audit({
      action: 'sanction.number-format-set',
      entityType: 'sanction-settings',
      entityId: ctx.organizationId,
      after: { numberFormat: input.numberFormat },
    });
  });
  return letterSettings(deps, ctx);
}

/**
 * This area's rows of a cooperative's case file (src/domain/supervision/case-file.ts): each visit
 * ('inspection'), each finding with its evidence ('finding'), each warning letter ('letter') and
 * each heavier sanction ('sanction') with its PDF; a revocation is an entry of its own on its day.
 */
export async function caseFileEntries(o: OrgTx, registryId: bigint): Promise<CaseFileEntry[]> {
  const region = await regionOf(o);
  const base = `/orgs/${o.ctx.organizationId}`;
  const visits = await repo.visitsOf(o.tx, registryId);
  const [officers, findings, evidence, recs, letters] = await Promise.all([
    repo.visitOfficers(
      o.tx,
      registryId,
      visits.map((v) => v.id),
    ),
    repo.findingsOf(o.tx, registryId),
    repo.evidenceOf(o.tx, registryId),
    repo.recommendationsOf(o.tx, registryId),
    repo.lettersOf(o.tx, region, registryId),
  ]);
  const entries: CaseFileEntry[] = [];
  const found = (visitId: bigint) => findings.filter((f) => f.visit_id === visitId).length;
  for (const v of visits) {
    const names = officers.filter((x) => x.visit_id === v.id).map((x) => x.full_name);
    entries.push({
      on: v.closed_on ?? v.planned_on,
      kind: 'inspection',
      title:
        v.status === 'done'
          ? 'Pemeriksaan lapangan dilaksanakan'
          : v.status === 'cancelled'
            ? 'Rencana pemeriksaan dibatalkan'
            : 'Pemeriksaan lapangan direncanakan',
      detail: [
        v.purpose,
        ...(found(v.id) ? [`${found(v.id)} temuan`] : []),
        ...(v.closed_note ? [v.closed_note] : []),
      ].join(' · '),
      actor: names.join(', ') || null,
      documents: [],
      ref: `inspection:${v.id}`,
    });
  }
  for (const f of findings) {
    const mine = recs.filter((r) => r.finding_id === f.id);
    const resolved = findingResolved(mine.map((r) => ({ doneOn: r.done_on })));
    entries.push({
      on: f.recorded_at.toISOString().slice(0, 10),
      kind: 'finding',
      title: resolved ? 'Temuan (selesai ditindaklanjuti)' : 'Temuan pemeriksaan',
      detail: [
        f.description,
        ...mine.map(
          (r) => `${r.text} — ${r.done_on ? `selesai ${r.done_on}` : `batas ${r.due_on}`}`,
        ),
      ].join(' · '),
      actor: f.recorded_by_name,
      documents: evidence
        .filter((e) => e.finding_id === f.id)
        .map((e) => ({
          name: e.file_name,
          href: `${base}/inspections/findings/${f.id}/evidence/${e.id}`,
        })),
      ref: `finding:${f.id}`,
    });
  }
  for (const l of letters) {
    const step = ladderStep(l.step);
    const kind = l.step === 'teguran_1' || l.step === 'teguran_2' ? 'letter' : 'sanction';
    entries.push({
      on: l.issued_on,
      kind,
      title: `${step.title} ${l.letter_number}`,
      detail: `Batas perbaikan ${l.deadline_on}${l.delivered_on ? ` · diterima ${l.delivered_on} oleh ${l.received_by}` : ' · belum dicatat diterima'}`,
      actor: l.officer_name,
      documents: [
        { name: `${l.letter_number}.pdf`, href: `${base}/sanctions/letters/${l.id}/letter.pdf` },
      ],
      ref: `letter:${l.id}`,
    });
    if (l.revoked_on)
      entries.push({
        on: l.revoked_on,
        kind,
        title: `Pencabutan surat ${l.letter_number}`,
        detail: l.revocation_reason ?? '',
        actor: null,
        documents: [],
        ref: `letter-revocation:${l.id}`,
      });
  }
  return entries;
}
