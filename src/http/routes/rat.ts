import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../services/context.js';
import * as rat from '../../services/rat.js';
import * as papers from '../../services/rat-papers.js';
import { orgCtx } from '../auth.js';
import { fileResponse, PDF } from './responses.js';
import { idString, isoDate, orgParams } from './schemas.js';

const TAG = 'rat';
const text = (min: number, max: number) => z.string().trim().min(min).max(max);
const meetingParams = orgParams.extend({ meetingId: idString });
const itemParams = meetingParams.extend({ seq: z.coerce.number().int().min(1).max(50) });
const time = z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/);
const count = z.number().int().min(0).max(10_000_000);
const quorumRule = z
  .object({
    numerator: z.number().int().min(0).max(100),
    denominator: z.number().int().min(1).max(100),
    plusOne: z.boolean(),
  })
  .strict()
  .refine((q) => q.numerator <= q.denominator, { message: 'numerator ≤ denominator' });

const agendaItem = z
  .object({
    title: text(3, 300),
    kind: z.enum([
      'opening',
      'accountability',
      'supervision',
      'statements',
      'shu',
      'plan',
      'adart',
      'election',
      'other',
    ]),
    majority: z.enum(['none', 'simple', 'two-thirds']),
    ballot: z.enum(['open', 'secret']).default('open'),
    motion: text(3, 1000).nullable().default(null),
  })
  .strict();

const meetingSchema = z.object({
  id: z.string(),
  bookYear: z.number(),
  call: z.number(),
  firstCallId: z.string().nullable(),
  title: z.string(),
  mode: z.enum(['in-person', 'online', 'hybrid']),
  scheduledOn: z.string(),
  startsAt: z.string(),
  location: z.string().nullable(),
  onlineUrl: z.string().nullable(),
  lateReason: z.string().nullable(),
  status: z.enum(['planned', 'open', 'closed', 'postponed']),
  rules: z.object({
    quorum: z.object({ numerator: z.number(), denominator: z.number(), plusOne: z.boolean() }),
    secondCallQuorum: z
      .object({ numerator: z.number(), denominator: z.number(), plusOne: z.boolean() })
      .nullable(),
    proxiesPerHolderMax: z.number(),
    proxiesCountForQuorum: z.boolean(),
    invitationLeadDays: z.number(),
  }),
  openedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  quorum: z.object({
    members: z.number(),
    required: z.number(),
    present: z.number(),
    represented: z.number(),
    counted: z.number(),
    met: z.boolean(),
  }),
  checkIns: z.record(z.string(), z.number()),
  invitations: z.object({ queued: z.number(), sent: z.number() }),
  agenda: z.array(
    z.object({
      seq: z.number(),
      title: z.string(),
      kind: agendaItem.shape.kind,
      majority: agendaItem.shape.majority,
      ballot: z.enum(['open', 'secret']),
      motion: z.string().nullable(),
      status: z.enum(['pending', 'voting', 'decided']),
      votersPresent: z.number().nullable(),
      setuju: z.number().nullable(),
      tidakSetuju: z.number().nullable(),
      abstain: z.number().nullable(),
      passed: z.boolean().nullable(),
      decidedAt: z.string().nullable(),
      note: z.string().nullable(),
    }),
  ),
});

const checkInResult = z.object({
  memberId: z.string(),
  memberNumber: z.string().nullable(),
  fullName: z.string(),
  alreadyCheckedIn: z.boolean(),
  quorum: z.object({ required: z.number(), counted: z.number(), met: z.boolean() }),
});

/** The RAT (issue 17 item 4; docs/domain/rat.md): plan, invite, check in, quorum, vote, close. */
export async function ratRoutes(api: FastifyInstance, deps: Deps): Promise<void> {
  const r = api.withTypeProvider<ZodTypeProvider>();
  const id = (v: string) => BigInt(v);

  r.get(
    '/orgs/:orgId/rat/meetings',
    {
      config: { access: 'rat.read' },
      schema: {
        tags: [TAG],
        summary: 'The RATs of the cooperative, newest book year first',
        params: orgParams,
        response: {
          200: z.object({
            items: z.array(
              meetingSchema.pick({
                id: true,
                bookYear: true,
                call: true,
                title: true,
                mode: true,
                scheduledOn: true,
                startsAt: true,
                status: true,
              }),
            ),
          }),
        },
      },
    },
    async (req) => ({ items: await rat.listMeetings(deps, orgCtx(req)) }),
  );

  r.post(
    '/orgs/:orgId/rat/meetings',
    {
      config: { access: 'rat.manage' },
      schema: {
        tags: [TAG],
        summary:
          'Plan the RAT of a book year: a date after the year and by 30 June (later only with a reason), at least the AD/ART invitation lead away; in person, online or both; the AD/ART quorum and proxy rules; the agenda (the usual six items by default)',
        params: orgParams,
        body: z
          .object({
            bookYear: z.number().int().min(2000).max(2100),
            title: text(3, 200).optional(),
            mode: z.enum(['in-person', 'online', 'hybrid']),
            scheduledOn: isoDate,
            startsAt: time,
            location: text(1, 300).nullable().optional(),
            onlineUrl: z
              .string()
              .regex(/^https:\/\/\S{3,250}$/)
              .nullable()
              .optional(),
            lateReason: text(3, 500).nullable().optional(),
            rules: z
              .object({
                quorum: quorumRule.optional(),
                secondCallQuorum: quorumRule.nullable().optional(),
                proxiesPerHolderMax: z.number().int().min(0).max(10).optional(),
                proxiesCountForQuorum: z.boolean().optional(),
                invitationLeadDays: z.number().int().min(0).max(60).optional(),
              })
              .strict()
              .optional(),
            agenda: z.array(agendaItem).min(1).max(50).optional(),
          })
          .strict(),
        response: { 201: meetingSchema },
      },
    },
    async (req, reply) => {
      const b = req.body;
      const rules = Object.fromEntries(
        Object.entries(b.rules ?? {}).filter(([, v]) => v !== undefined),
      );
      return reply.status(201).send(
        await rat.planMeeting(deps, orgCtx(req), {
          ...b,
          rules,
          agenda: b.agenda?.map((a) => ({ ...a, motion: a.motion ?? null })),
        }),
      );
    },
  );

  r.get(
    '/orgs/:orgId/rat/meetings/:meetingId',
    {
      config: { access: 'rat.read' },
      schema: {
        tags: [TAG],
        summary:
          'A RAT: its agenda with results, the live quorum, check-ins by method, invitations',
        params: meetingParams,
        response: { 200: meetingSchema },
      },
    },
    async (req) => rat.getMeeting(deps, orgCtx(req), id(req.params.meetingId)),
  );

  r.post(
    '/orgs/:orgId/rat/meetings/:meetingId/second-call',
    {
      config: { access: 'rat.manage' },
      schema: {
        tags: [TAG],
        summary:
          'The first call lacked its quorum: postpone it and call the meeting again (the AD/ART’s lower quorum of a second call applies); the agenda is carried over',
        params: meetingParams,
        body: z.object({ scheduledOn: isoDate, startsAt: time }).strict(),
        response: { 201: meetingSchema },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await rat.callAgain(deps, orgCtx(req), id(req.params.meetingId), req.body)),
  );

  r.post(
    '/orgs/:orgId/rat/meetings/:meetingId/invitations',
    {
      config: { access: 'rat.manage' },
      schema: {
        tags: [TAG],
        summary:
          'Queue the invitation of every active member with a phone number in the message outbox (once per member); members without one are counted for printed letters',
        params: meetingParams,
        response: {
          200: z.object({ queued: z.number(), withoutPhone: z.number(), members: z.number() }),
        },
      },
    },
    async (req) => rat.sendInvitations(deps, orgCtx(req), id(req.params.meetingId)),
  );

  r.post(
    '/orgs/:orgId/rat/meetings/:meetingId/check-ins',
    {
      config: { access: 'rat.checkin' },
      schema: {
        tags: [TAG],
        summary:
          'Check a member in at the door by the QR code from their portal, or pick them at the desk; from the day of the meeting until it closes (a late check-in counts); twice is harmless',
        params: meetingParams,
        body: z.union([
          z.object({ qr: text(10, 200) }).strict(),
          z.object({ memberId: idString }).strict(),
        ]),
        response: { 200: checkInResult },
      },
    },
    async (req) =>
      rat.checkIn(
        deps,
        orgCtx(req),
        id(req.params.meetingId),
        'qr' in req.body ? { qr: req.body.qr } : { memberId: BigInt(req.body.memberId) },
      ),
  );

  r.get(
    '/orgs/:orgId/rat/meetings/:meetingId/attendance',
    {
      config: { access: 'rat.read' },
      schema: {
        tags: [TAG],
        summary: 'The attendance list (daftar hadir): who checked in, when and how',
        params: meetingParams,
        response: {
          200: z.object({
            items: z.array(
              z.object({
                memberId: z.string(),
                memberNumber: z.string().nullable(),
                fullName: z.string(),
                checkedInAt: z.string(),
                method: z.string(),
              }),
            ),
          }),
        },
      },
    },
    async (req) => ({
      items: await rat.attendanceList(deps, orgCtx(req), id(req.params.meetingId)),
    }),
  );

  r.post(
    '/orgs/:orgId/rat/meetings/:meetingId/proxies',
    {
      config: { access: 'rat.manage' },
      schema: {
        tags: [TAG],
        summary:
          'Record that a member is represented by another (only if the AD/ART allows proxies, up to its limit per holder)',
        params: meetingParams,
        body: z
          .object({ memberId: idString, holderMemberId: idString, reference: text(3, 200) })
          .strict(),
        response: { 200: meetingSchema },
      },
    },
    async (req) =>
      rat.recordProxy(deps, orgCtx(req), id(req.params.meetingId), {
        memberId: BigInt(req.body.memberId),
        holderMemberId: BigInt(req.body.holderMemberId),
        reference: req.body.reference,
      }),
  );

  for (const [path, summary, run] of [
    [
      'open',
      'Open the meeting: refused without the quorum (the entitled members are counted now)',
      rat.openMeeting,
    ],
    ['close', 'Close the meeting once every agenda item is decided or heard', rat.closeMeeting],
  ] as const)
    r.post(
      `/orgs/:orgId/rat/meetings/:meetingId/${path}`,
      {
        config: { access: 'rat.manage' },
        schema: { tags: [TAG], summary, params: meetingParams, response: { 200: meetingSchema } },
      },
      async (req) => run(deps, orgCtx(req), id(req.params.meetingId)),
    );

  r.post(
    '/orgs/:orgId/rat/meetings/:meetingId/agenda/:seq/voting',
    {
      config: { access: 'rat.manage' },
      schema: {
        tags: [TAG],
        summary:
          'Open the vote on an agenda item’s motion: refused without the quorum at this moment; those present and represented now are the base of a two-thirds majority',
        params: itemParams,
        response: { 200: meetingSchema },
      },
    },
    async (req) => rat.openVoting(deps, orgCtx(req), id(req.params.meetingId), req.params.seq),
  );

  r.post(
    '/orgs/:orgId/rat/meetings/:meetingId/agenda/:seq/result',
    {
      config: { access: 'rat.manage' },
      schema: {
        tags: [TAG],
        summary:
          'Record the result of the vote (counted by the chair): the motion passes by the item’s majority (simple: more setuju than tidak setuju; two thirds: setuju at least 2/3 of those present)',
        params: itemParams,
        body: z
          .object({
            setuju: count,
            tidakSetuju: count,
            abstain: count,
            note: text(1, 2000).nullable().optional(),
          })
          .strict(),
        response: { 200: meetingSchema },
      },
    },
    async (req) =>
      rat.recordResult(deps, orgCtx(req), id(req.params.meetingId), req.params.seq, req.body),
  );

  r.post(
    '/orgs/:orgId/rat/meetings/:meetingId/agenda/:seq/heard',
    {
      config: { access: 'rat.manage' },
      schema: {
        tags: [TAG],
        summary: 'Mark an item without a vote (a report heard) as done, with what was said',
        params: itemParams,
        body: z.object({ note: text(1, 2000).nullable() }).strict(),
        response: { 200: meetingSchema },
      },
    },
    async (req) =>
      rat.markHeard(deps, orgCtx(req), id(req.params.meetingId), req.params.seq, req.body.note),
  );

  // The papers: the RAT book, the minutes, the attendance list, the package to the Dinas ------
  const sectionParams = meetingParams.extend({
    section: z.enum(['accountability', 'supervision', 'plan']),
  });
  const minutesSchema = z.object({
    chair: z.string().nullable(),
    secretary: z.string().nullable(),
    witnesses: z.string().nullable(),
    signedAt: z.string().nullable(),
    signedBy: z.string().nullable(),
    packageSentAt: z.string().nullable(),
  });

  r.get(
    '/orgs/:orgId/rat/meetings/:meetingId/book',
    {
      config: { access: 'rat.read' },
      schema: {
        tags: [TAG],
        summary:
          'The written parts of the RAT book: the pengurus’ accountability report, the pengawas’ report, next year’s plan and budget',
        params: meetingParams,
        response: {
          200: z.object({
            accountability: z.string().optional(),
            supervision: z.string().optional(),
            plan: z.string().optional(),
          }),
        },
      },
    },
    async (req) => papers.bookSections(deps, orgCtx(req), id(req.params.meetingId)),
  );

  r.put(
    '/orgs/:orgId/rat/meetings/:meetingId/book/:section',
    {
      config: { access: 'rat.manage' },
      schema: {
        tags: [TAG],
        summary:
          'Write one part of the RAT book (until the meeting closes); paragraphs by blank lines',
        params: sectionParams,
        body: z.object({ body: text(1, 20000) }).strict(),
        response: { 200: z.object({ section: sectionParams.shape.section, body: z.string() }) },
      },
    },
    async (req) =>
      papers.saveBookSection(
        deps,
        orgCtx(req),
        id(req.params.meetingId),
        req.params.section,
        req.body.body,
      ),
  );

  const pdfRoute = (
    path: string,
    summary: string,
    access: 'rat.read' | 'self.read',
    tags: string[],
    render: (ctx: ReturnType<typeof orgCtx>, meetingId: bigint) => Promise<Buffer>,
    name: (meetingId: string) => string,
  ) =>
    r.get(
      path,
      {
        config: { access },
        schema: {
          tags,
          summary,
          params: meetingParams,
          response: { 200: fileResponse(summary, [PDF]) },
        },
      },
      async (req, reply) =>
        reply
          .type(PDF)
          .header('content-disposition', `inline; filename="${name(req.params.meetingId)}"`)
          .header('cache-control', 'private, no-store')
          .send(await render(orgCtx(req), id(req.params.meetingId))),
    );

  pdfRoute(
    '/orgs/:orgId/rat/meetings/:meetingId/book.pdf',
    'The RAT book as one PDF: agenda, the pengurus’ accountability report with the year’s statements beside the prior year, the pengawas’ report, the SHU proposal, next year’s plan and budget',
    'rat.read',
    [TAG],
    (ctx, m) => papers.ratBookPdf(deps, ctx, m),
    (m) => `buku-rat-${m}.pdf`,
  );
  pdfRoute(
    '/orgs/:orgId/me/rat/:meetingId/book.pdf',
    'The RAT book for the member who is invited to the meeting',
    'self.read',
    ['portal'],
    (ctx, m) => papers.ratBookPdf(deps, ctx, m),
    (m) => `buku-rat-${m}.pdf`,
  );
  pdfRoute(
    '/orgs/:orgId/rat/meetings/:meetingId/minutes.pdf',
    'The minutes (berita acara) of a closed meeting, generated from what happened, with the signatures',
    'rat.read',
    [TAG],
    (ctx, m) => papers.minutesPdf(deps, ctx, m),
    (m) => `berita-acara-rat-${m}.pdf`,
  );
  pdfRoute(
    '/orgs/:orgId/rat/meetings/:meetingId/attendance.pdf',
    'The attendance list (daftar hadir) as a PDF',
    'rat.read',
    [TAG],
    (ctx, m) => papers.attendancePdf(deps, ctx, m),
    (m) => `daftar-hadir-rat-${m}.pdf`,
  );

  r.get(
    '/orgs/:orgId/rat/meetings/:meetingId/minutes',
    {
      config: { access: 'rat.read' },
      schema: {
        tags: [TAG],
        summary: 'Who signed the minutes and when, and whether the package went to the Dinas',
        params: meetingParams,
        response: { 200: minutesSchema },
      },
    },
    async (req) => papers.minutesStatus(deps, orgCtx(req), id(req.params.meetingId)),
  );

  r.post(
    '/orgs/:orgId/rat/meetings/:meetingId/minutes/sign',
    {
      config: { access: 'rat.manage' },
      schema: {
        tags: [TAG],
        summary:
          'Sign the minutes of a closed meeting: the chair, the secretary and the members the meeting appointed, confirmed electronically by the signed-in user; once',
        params: meetingParams,
        body: z
          .object({ chair: text(3, 200), secretary: text(3, 200), witnesses: text(3, 500) })
          .strict(),
        response: { 200: minutesSchema },
      },
    },
    async (req) => papers.signMinutes(deps, orgCtx(req), id(req.params.meetingId), req.body),
  );

  r.post(
    '/orgs/:orgId/rat/meetings/:meetingId/package',
    {
      config: { access: 'rat.manage' },
      schema: {
        tags: [TAG],
        summary:
          'Send the RAT package to the Dinas (once, after the minutes are signed): the RAT recorded as held, and the minutes, the attendance list, the RAT book and the year’s statements filed as its documents',
        params: meetingParams,
        response: {
          200: z.object({
            heldOn: z.string(),
            registryId: z.string(),
            documents: z.array(
              z.object({
                kind: z.string(),
                fileName: z.string(),
                id: z.string(),
                bytes: z.number(),
              }),
            ),
          }),
        },
      },
    },
    async (req) => papers.sendPackage(deps, orgCtx(req), id(req.params.meetingId)),
  );

  // The member's own view (portal) -----------------------------------------------------------
  r.get(
    '/orgs/:orgId/me/rat',
    {
      config: { access: 'self.read' },
      schema: {
        tags: ['portal'],
        summary:
          'The signed-in member’s RATs: date, place or link, status, their own check-in, the QR code to show at the door, and the secret ballots of an open or closed meeting (status, the result once decided)',
        params: orgParams,
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.string(),
                bookYear: z.number(),
                title: z.string(),
                mode: z.enum(['in-person', 'online', 'hybrid']),
                scheduledOn: z.string(),
                startsAt: z.string(),
                location: z.string().nullable(),
                onlineUrl: z.string().nullable(),
                status: z.enum(['planned', 'open', 'closed', 'postponed']),
                checkedInAt: z.string().nullable(),
                qr: z.string().nullable(),
                secretBallots: z.array(
                  z.object({
                    seq: z.number(),
                    title: z.string(),
                    motion: z.string().nullable(),
                    itemStatus: z.enum(['pending', 'voting', 'decided']),
                    electionStatus: z
                      .enum(['setup', 'ready', 'voting', 'closed', 'tallied'])
                      .nullable(),
                    result: z
                      .object({
                        setuju: z.number(),
                        tidakSetuju: z.number(),
                        abstain: z.number(),
                        passed: z.boolean(),
                      })
                      .nullable(),
                  }),
                ),
              }),
            ),
          }),
        },
      },
    },
    async (req) => ({ items: await rat.myMeetings(deps, orgCtx(req)) }),
  );

  r.post(
    '/orgs/:orgId/me/rat/:meetingId/check-in',
    {
      config: { access: 'self.read' },
      schema: {
        tags: ['portal'],
        summary: 'A member taking part online checks in by being signed in',
        params: meetingParams,
        response: { 200: checkInResult },
      },
    },
    async (req) => rat.checkInSelf(deps, orgCtx(req), id(req.params.meetingId)),
  );
}
