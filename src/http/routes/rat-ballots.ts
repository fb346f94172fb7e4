import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../services/context.js';
import * as ballots from '../../services/rat-ballots.js';
import { orgCtx } from '../auth.js';
import { idString, orgParams } from './schemas.js';

/**
 * The RAT's verifiable secret ballots (issue 17 item 5; docs/domain/rat-ballots.md, "Storage and
 * service"). Staff routes under /rat/meetings/:meetingId/agenda/:seq/ballot, the member's under
 * /me/rat/:meetingId/agenda/:seq/ballot. Request bodies are never logged (Fastify logs method and
 * URL only), and no tracker or pseudonym is ever put in a URL.
 */
const TAG = 'rat';
const itemParams = orgParams.extend({
  meetingId: idString,
  seq: z.coerce.number().int().min(1).max(50),
});
const hex64 = z.string().regex(/^[0-9a-f]{64}$/);
const proof = z
  .object({
    commitments: z.array(hex64).max(2100),
    challenges: z.array(hex64).max(1050),
    responses: z.array(hex64).max(1050),
  })
  .strict();
const ballotSchema = z
  .object({
    electionId: z.string().max(200),
    questionId: z.string().max(200),
    pseudonym: hex64,
    weight: z.number().int().min(1).max(1000),
    choices: z
      .array(z.object({ alpha: hex64, beta: hex64, proof }).strict())
      .min(1)
      .max(64),
    sumProof: proof,
    signature: z.object({ commitment: hex64, response: hex64 }).strict(),
  })
  .strict();
const decryptionSchema = z
  .object({
    trustee: z.number().int().min(1).max(32),
    questions: z
      .array(
        z
          .object({
            questionId: z.string().max(200),
            decryptions: z
              .array(
                z
                  .object({
                    share: hex64,
                    proof: z.object({ challenge: hex64, response: hex64 }).strict(),
                  })
                  .strict(),
              )
              .max(64),
          })
          .strict(),
      )
      .max(100),
  })
  .strict();

const question = z.object({
  id: z.string(),
  text: z.string(),
  choices: z.array(z.string()),
  minSelections: z.number(),
  maxSelections: z.number(),
});
const manifest = z.object({
  electionId: z.string(),
  title: z.string(),
  threshold: z.number(),
  trustees: z.array(
    z.object({ index: z.number(), name: z.string(), commitments: z.array(z.string()) }),
  ),
  publicKey: z.string(),
  questions: z.array(question),
});
const tallyQuestion = z.object({
  questionId: z.string(),
  ballots: z.number(),
  weight: z.number(),
  ciphertexts: z.array(z.object({ alpha: z.string(), beta: z.string() })),
});
const tally = z.object({
  headHash: z.string(),
  questions: z.array(tallyQuestion.extend({ counts: z.array(z.number()) })),
  decryptions: z.array(decryptionSchema),
});
const electionView = z.object({
  electionId: z.string(),
  status: z.enum(['setup', 'ready', 'voting', 'closed', 'tallied']),
  threshold: z.number(),
  keyholders: z.array(
    z.object({
      index: z.number(),
      userId: z.string(),
      name: z.string(),
      /** the keyholder's registered sealing key (null until registered) */
      sealingKey: z.string().nullable(),
      dealt: z.boolean(),
      decrypted: z.boolean(),
    }),
  ),
  manifest,
  verificationKeys: z.array(z.string()).nullable(),
  registered: z.number(),
  registeredWeight: z.number(),
  ballots: z.number(),
  headSeq: z.number(),
  headHash: z.string().nullable(),
  tallyCiphertexts: z.array(tallyQuestion).nullable(),
  tally: tally.nullable(),
});
// the board as verifyBoard reads it: entries are passed through as stored
const boardSchema = z.object({
  format: z.literal('sokoguru-rat-board/1'),
  manifest,
  entries: z.array(z.record(z.string(), z.unknown())),
  tally: tally.optional(),
});
const trackerResult = z.object({
  found: z.boolean(),
  seq: z.number().nullable(),
  hash: z.string().nullable(),
  counted: z.boolean().nullable(),
});

export async function ratBallotRoutes(api: FastifyInstance, deps: Deps): Promise<void> {
  const r = api.withTypeProvider<ZodTypeProvider>();
  const p = (params: { meetingId: string; seq: number }) => ({
    meetingId: BigInt(params.meetingId),
    seq: params.seq,
  });
  const staff = '/orgs/:orgId/rat/meetings/:meetingId/agenda/:seq/ballot';
  const mine = '/orgs/:orgId/me/rat/:meetingId/agenda/:seq/ballot';

  r.post(
    staff,
    {
      config: { access: 'rat.manage' },
      schema: {
        tags: [TAG],
        summary:
          'Prepare the secret ballot of an agenda item (ballot "secret"): k of the named pengawas keyholders (users with the pengawas role). Status setup until every keyholder has dealt',
        params: itemParams,
        body: z
          .object({
            threshold: z.number().int().min(1).max(32),
            keyholderUserIds: z.array(z.string().uuid()).min(1).max(32),
          })
          .strict(),
        response: { 201: electionView },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await ballots.createElection(deps, orgCtx(req), p(req.params), req.body)),
  );

  r.get(
    staff,
    {
      config: { access: 'rat.read' },
      schema: {
        tags: [TAG],
        summary:
          'The secret ballot of an agenda item: status (setup, ready, voting, closed, tallied), manifest, keyholders and who has dealt and decrypted, registrations, ballots, the board head, the encrypted totals after the close and the tally',
        params: itemParams,
        response: { 200: electionView },
      },
    },
    async (req) => ballots.electionView(deps, orgCtx(req), p(req.params)),
  );

  r.post(
    `${staff}/close`,
    {
      config: { access: 'rat.manage' },
      schema: {
        tags: [TAG],
        summary:
          'Close the secret ballot: the close entry ends the board; the encrypted totals wait for the keyholders',
        params: itemParams,
        response: { 200: electionView },
      },
    },
    async (req) => ballots.closeElection(deps, orgCtx(req), p(req.params)),
  );

  r.get(
    `${staff}/board`,
    {
      config: { access: 'rat.read' },
      schema: {
        tags: [TAG],
        summary:
          'The ballot board as JSON (format sokoguru-rat-board/1), for `sokoguru rat verify --board FILE`',
        params: itemParams,
        response: { 200: boardSchema },
      },
    },
    async (req) => ballots.board(deps, orgCtx(req), p(req.params)),
  );

  // Keyholders (pengawas) -----------------------------------------------------------------------
  r.get(
    `${staff}/ceremony`,
    {
      config: { access: 'rat.keyholder' },
      schema: {
        tags: [TAG],
        summary:
          'A keyholder: its index, every keyholder’s registered sealing key (null until registered) and, per dealer so far, the dealer’s Feldman commitments and the share sealed for this keyholder (open with openShare and the keyholder code, check with verifyDealtShare, then combineDealtShares)',
        params: itemParams,
        response: {
          200: z.object({
            electionId: z.string(),
            index: z.number(),
            threshold: z.number(),
            trustees: z.number(),
            status: electionView.shape.status,
            keys: z.array(
              z.object({ index: z.number(), name: z.string(), publicKey: z.string().nullable() }),
            ),
            dealt: z.array(
              z.object({
                dealer: z.number(),
                commitments: z.array(z.string()),
                sealedShare: z.string(),
              }),
            ),
          }),
        },
      },
    },
    async (req) => ballots.myDealtShares(deps, orgCtx(req), p(req.params)),
  );

  r.post(
    `${staff}/ceremony/key`,
    {
      config: { access: 'rat.keyholder' },
      schema: {
        tags: [TAG],
        summary:
          'A keyholder registers its sealing key (deriveKeyholderKey from its keyholder code, in the browser), once, before dealing; the other keyholders seal its shares to it',
        params: itemParams,
        body: z.object({ publicKey: hex64 }).strict(),
        response: { 201: electionView },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await ballots.registerKeyholderKey(deps, orgCtx(req), p(req.params), req.body)),
  );

  r.post(
    `${staff}/ceremony`,
    {
      config: { access: 'rat.keyholder' },
      schema: {
        tags: [TAG],
        summary:
          'A keyholder deals (once, after all n sealing keys are registered): its k Feldman commitments and, per keyholder 1..n, the share sealed to that keyholder’s key (sealShare, a sokoguru-seal/1 envelope). When all n have dealt the election key is computed and the ballot is ready',
        params: itemParams,
        body: z
          .object({
            commitments: z.array(hex64).min(1).max(32),
            sealedShares: z.array(z.string().max(2000)).min(1).max(32),
          })
          .strict(),
        response: { 200: electionView },
      },
    },
    async (req) => ballots.postDealing(deps, orgCtx(req), p(req.params), req.body),
  );

  r.post(
    `${staff}/decryption`,
    {
      config: { access: 'rat.keyholder' },
      schema: {
        tags: [TAG],
        summary:
          'A keyholder’s decryption shares of the encrypted totals (trusteeDecrypt), each proof checked; with k valid shares the totals are decrypted and the item decided by its majority rule',
        params: itemParams,
        body: decryptionSchema,
        response: { 200: electionView },
      },
    },
    async (req) => ballots.postDecryption(deps, orgCtx(req), p(req.params), req.body),
  );

  // The member ----------------------------------------------------------------------------------
  r.get(
    mine,
    {
      config: { access: 'self.read' },
      schema: {
        tags: ['portal'],
        summary:
          'The secret ballot for the signed-in member: status, the manifest to encrypt for (null during setup), whether they are checked in and registered, and their ballot weight',
        params: itemParams,
        response: {
          200: z.object({
            status: electionView.shape.status,
            manifest: manifest.nullable(),
            checkedIn: z.boolean(),
            registered: z.boolean(),
            weight: z.number(),
            headHash: z.string().nullable(),
          }),
        },
      },
    },
    async (req) => ballots.memberView(deps, orgCtx(req), p(req.params)),
  );

  r.post(
    `${mine}/credential`,
    {
      config: { access: 'self.read' },
      schema: {
        tags: ['portal'],
        summary:
          'A checked-in member registers the pseudonym derived in their browser from their credential code (deriveCredential), once per ballot; answers their weight (1, plus members they represent if the AD/ART allows proxies)',
        params: itemParams,
        body: z.object({ pseudonym: hex64 }).strict(),
        response: { 201: z.object({ weight: z.number() }) },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await ballots.registerCredential(deps, orgCtx(req), p(req.params), req.body)),
  );

  r.post(
    mine,
    {
      config: { access: 'self.read' },
      schema: {
        tags: ['portal'],
        summary:
          'Cast a ballot (encryptBallot in the browser, signed by the registered pseudonym): checked and appended to the board; answers the tracker and its place. Voting again replaces the earlier ballot (the last counts)',
        params: itemParams,
        body: z.object({ ballot: ballotSchema }).strict(),
        response: {
          201: z.object({ tracker: z.string(), seq: z.number(), hash: z.string() }),
        },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await ballots.castBallot(deps, orgCtx(req), p(req.params), req.body.ballot)),
  );

  r.get(
    `${mine}/board`,
    {
      config: { access: 'self.read' },
      schema: {
        tags: ['portal'],
        summary: 'The ballot board as JSON (format sokoguru-rat-board/1), for any member to verify',
        params: itemParams,
        response: { 200: boardSchema },
      },
    },
    async (req) => ballots.board(deps, orgCtx(req), p(req.params)),
  );

  r.post(
    `${mine}/tracker`,
    {
      config: { access: 'self.read' },
      schema: {
        tags: ['portal'],
        summary:
          'Find a tracker on the board (in the body, so it never appears in a URL or a log line): its place and whether it is the ballot that counts',
        params: itemParams,
        body: z.object({ tracker: hex64 }).strict(),
        response: { 200: trackerResult },
      },
    },
    async (req) => ballots.findTracker(deps, orgCtx(req), p(req.params), req.body.tracker),
  );
}
