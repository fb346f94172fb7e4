import { invalidFields as invalid } from '../../domain/errors.js';
import * as ewRepo from '../../db/early-warning.repo.js';
import { actAs } from '../../db/mediation.repo.js';
import * as repo from '../../db/officer-queue.repo.js';
import { schedules } from '../../db/supervision-reports.repo.js';
import { can } from '../../domain/auth/permissions.js';
import { addDays, businessDateWib } from '../../domain/calendar.js';
import { AppError } from '../../domain/errors.js';
import {
  DEFAULT_THRESHOLDS,
  ratBookYearDue,
  ratDeadline,
} from '../../domain/supervision/early-warning.js';
import { alertDetail } from '../../domain/supervision/early-warning-messages.js';
import {
  buildQueue,
  CERTIFICATE_WINDOW_DAYS,
  changedSince,
  queueCounts,
  queueDigest,
  type QueueFactOf,
  type QueueItem,
} from '../../domain/supervision/officer-queue.js';
import { dueDateOf, endedPeriods, rulesInForce } from '../../domain/supervision/report.js';
import { SANCTION_STEPS, type SanctionStep } from '../../domain/supervision/sanctions.js';
import type { WarningRule } from '../../domain/supervision/early-warning.js';
import { inOrg, type Deps, type OrgContext, type OrgTx } from '../context.js';
import { regionOf } from '../registry/entries.js';
import { MISSING_WINDOW_QUARTERS } from './early-warning.js';
import { ruleOf } from './reports.js';

/**
 * An officer's queue, "Tugas saya" (docs/domain/supervision-officer-queue.md): everything due
 * about the cooperatives in the officer's charge — follow-ups past due, letters whose delivery is
 * not recorded, a next sanction step now allowed, certificates expiring or expired, quarterly
 * reports missing, the RAT not held, open early-warning alerts — and the overdue instalments of
 * the mediation cases the officer is assigned to; and the daily digest of what is new through the
 * office's outbox. Reads are one statement per kind over the officers asked for, never one per
 * cooperative; the order and the words are the pure rules of src/domain/supervision/officer-queue.ts.
 */

const isAdmin = (ctx: OrgContext) => can(ctx.roles, 'dinas.manage');

/**
 * The facts of each officer's queue on `today`. Mediation cases are read as the acting user
 * (`viewer`): a case shows only when the viewer may see it (row-level security) and the officer is
 * assigned to it, so an administrator never reads a case through someone else's queue.
 */
async function factsOf(
  o: OrgTx,
  officers: readonly string[],
  today: string,
  viewer: (officer: string) => string | null,
): Promise<Map<string, QueueFactOf[]>> {
  const region = await regionOf(o);
  const grace = (await ewRepo.currentThresholds(o.tx, o.ctx.organizationId))?.rat_grace_days;
  const ratYear = ratBookYearDue(today, grace ?? DEFAULT_THRESHOLDS.ratGraceDays);
  const rules = rulesInForce((await schedules(o.tx)).map(ruleOf), region);
  const dueOf = new Map<string, string>();
  for (const p of endedPeriods('quarterly', today, MISSING_WINDOW_QUARTERS)) {
    const d = dueDateOf(rules, 'quarterly', p);
    if (d !== null && d < today) dueOf.set(p, d);
  }
  const [recs, latest, undelivered, certificates, missing, rats, alerts] = await Promise.all([
    repo.overdueRecommendations(o.tx, region, officers, today),
    repo.latestLetters(o.tx, region, officers),
    repo.undeliveredLetters(o.tx, region, officers),
    repo.expiringCertificates(
      o.tx,
      region,
      officers,
      today,
      addDays(today, CERTIFICATE_WINDOW_DAYS),
    ),
    repo.missingQuarters(o.tx, region, officers, [...dueOf.keys()]),
    repo.ratsNotHeld(o.tx, region, officers, ratYear),
    repo.openAlerts(o.tx, region, o.ctx.organizationId, officers),
  ]);
  // mediation: one read per acting user (the viewer, or each officer for their own digest)
  const byViewer = new Map<string | null, string[]>();
  for (const u of officers) byViewer.set(viewer(u), [...(byViewer.get(viewer(u)) ?? []), u]);
  const instalments: Awaited<ReturnType<typeof repo.overdueInstalments>> = [];
  for (const [v, us] of byViewer) {
    if (v === null) continue;
    await actAs(o.tx, v);
    instalments.push(...(await repo.overdueInstalments(o.tx, us, today)));
  }
  await actAs(o.tx, o.ctx.actor.userId);

  const out = new Map<string, QueueFactOf[]>(officers.map((u) => [u, []]));
  const add = (r: repo.QueueBase, fact: QueueFactOf['fact']) =>
    out
      .get(r.officer_user_id)
      ?.push({ registryId: r.registry_id.toString(), cooperative: r.name, fact });
  for (const r of recs)
    add(r, {
      kind: 'recommendation_overdue',
      ref: `recommendation:${r.id}`,
      dueOn: r.due_on,
      text: r.text,
    });
  for (const r of undelivered)
    add(r, {
      kind: 'letter_undelivered',
      ref: `letter:${r.id}`,
      issuedOn: r.issued_on,
      number: r.letter_number,
      step: r.step,
    });
  for (const r of latest) {
    const next = SANCTION_STEPS[SANCTION_STEPS.indexOf(r.step as SanctionStep) + 1];
    // the rule of nextStep (sanctions.ts): delivered, deadline passed, findings not all resolved
    if (!next || r.delivered_on === null || r.findings_resolved || !(today > r.deadline_on))
      continue;
    add(r, {
      kind: 'sanction_step_allowed',
      ref: `sanction-step:${r.id}`,
      deadlineOn: r.deadline_on,
      number: r.letter_number,
      nextStep: next,
    });
  }
  for (const r of certificates)
    add(r, {
      kind: 'certificate_expiring',
      ref: `certificate:${r.id}`,
      validUntil: r.valid_until,
      holderName: r.holder_name,
      scheme: r.scheme,
    });
  for (const r of missing)
    add(r, {
      kind: 'report_missing',
      ref: `report:${r.registry_id}:${r.period}`,
      period: r.period,
      dueOn: dueOf.get(r.period)!,
    });
  for (const r of rats)
    add(r, {
      kind: 'rat_not_held',
      ref: `rat:${r.registry_id}:${ratYear}`,
      bookYear: ratYear,
      deadlineOn: addDays(ratDeadline(ratYear), grace ?? 0),
      previousHeld: r.previous_held,
    });
  for (const r of alerts)
    add(r, {
      kind: 'alert_open',
      ref: `alert:${r.id}`,
      raisedOn: r.raised_on,
      rule: r.rule,
      severity: r.severity,
      detail: `${r.rule}: ${alertDetail({ rule: r.rule as WarningRule, value: r.value, threshold: r.threshold }, 'id')}`,
    });
  for (const r of instalments)
    add(r, {
      kind: 'instalment_overdue',
      ref: `instalment:${r.case_id}:${r.no}`,
      dueOn: r.due_on,
      caseTitle: r.title,
      no: r.no,
      owedRupiah: r.owed_rupiah,
    });
  return out;
}

const itemView = (i: QueueItem) => ({ ...i });

/**
 * The queue of one officer: the signed-in user's own, or (for the office's administrator) any
 * officer's. Someone not an officer of the office is refused; a non-administrator asking for
 * another's queue is forbidden.
 */
export async function officerQueue(deps: Deps, ctx: OrgContext, officerUserId?: string) {
  const today = businessDateWib(deps.clock());
  return inOrg(deps, ctx, async (o) => {
    await regionOf(o);
    const officer = officerUserId ?? ctx.actor.userId;
    if (!officer) throw invalid([{ field: 'officerUserId', code: 'REQUIRED' }]);
    if (officer !== ctx.actor.userId && !isAdmin(ctx)) throw new AppError('FORBIDDEN');
    const officers = await ewRepo.officersOf(o.tx, ctx.organizationId);
    const u = officers.find((x) => x.id === officer);
    if (!u) throw invalid([{ field: 'officerUserId', code: 'NOT_AN_OFFICER' }]);
    const facts = await factsOf(o, [officer], today, () => ctx.actor.userId);
    const items = buildQueue(facts.get(officer) ?? [], today);
    return {
      today,
      officer: { userId: u.id, fullName: u.full_name },
      counts: queueCounts(items),
      items: items.map(itemView),
    };
  });
}

/**
 * Queues each officer's daily digest: one message per officer with items new or changed since
 * their last digest (none when nothing is), WhatsApp to the phone on the account, else the log;
 * the dedupe key is the officer and the day, so a second run the same day queues nothing more.
 * Mediation items are read as the officer the digest is for (the message goes to them alone).
 */
export async function notifyOfficers(deps: Deps, ctx: OrgContext) {
  const today = businessDateWib(deps.clock());
  return inOrg(deps, ctx, async (o) => {
    await regionOf(o);
    const officers = await ewRepo.officersOf(o.tx, ctx.organizationId);
    const ids = officers.map((u) => u.id);
    const facts = await factsOf(o, ids, today, (u) => u);
    const last = await repo.lastDigests(o.tx, ctx.organizationId, ids);
    let queued = 0;
    let items = 0;
    for (const u of officers) {
      const all = buildQueue(facts.get(u.id) ?? [], today);
      const lastOn = last.get(u.id) ?? null;
      // one a day (the dedupe key holds it too); a clock set back sends nothing older
      if (lastOn !== null && lastOn >= today) continue;
      const changed = changedSince(all, lastOn);
      if (changed.length === 0) continue;
      await ewRepo.queueOfficerMessage(o.tx, ctx.organizationId, {
        userId: u.id,
        channel: u.phone ? 'whatsapp' : 'console',
        recipient: u.phone,
        template: 'officer-queue.digest',
        body: queueDigest(u.locale === 'en' ? 'en' : 'id', all, changed),
        dedupeKey: `officer-queue:${u.id}:${today}`,
      });
      queued += 1;
      items += changed.length;
    }
    const outcome = { officers: officers.length, digestsQueued: queued, itemsReported: items };
    await o.audit({
      action: 'officer-queue.notified',
      entityType: 'officer-queue',
      entityId: ctx.organizationId,
      after: outcome,
    });
    return { notifiedOn: today, ...outcome };
  });
}
