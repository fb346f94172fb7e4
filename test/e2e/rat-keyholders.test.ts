/// <reference lib="dom" />
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  deriveCredential,
  encryptBallot,
  type ManifestJson,
} from '../../src/domain/rat/ballot/index.js';
import { apiAs as apiSession } from './support/api.js';
import { axeViolations } from './support/axe.js';
import { DEMO_PASSWORD, login, PHONE, useDemoBrowser, type Viewport } from './support/server.js';

/**
 * The pengawas keyholders of a secret ballot in the browser (docs/domain/rat-ballots.md, "A
 * keyholder's steps"): the pengurus prepares the ballot of the SHU item (2 of 3 keyholders); each
 * keyholder makes their keyholder code in the browser, saves it as a .txt file and registers its
 * key; all three see the same fingerprint and deal sealed shares; the vote opens, a member votes,
 * the pengurus closes it; keyholder 1 on a phone first types a wrong code (refused, nothing sent),
 * then its own, and keyholder 3 too: the tally appears. axe on every page a step ends on, and
 * between steps.
 */

const demo = useDemoBrowser();
const { withPage } = demo;
const LAPTOP: Viewport = { width: 1366, height: 900 };
const DAY = 86_400_000;
const jakarta = (days = 0) =>
  new Date(Date.now() + 7 * 3_600_000 + days * DAY).toISOString().slice(0, 10);
const KEYHOLDERS = ['ksp.pengawas', 'ksp.pengawas2', 'ksp.pengawas3'];
const YEAR = 2020;

const apiAs = (username: string) => apiSession(demo.server.baseUrl, username);

let orgId = '';
let meetingId = '';
let seq = 0;
const codes: string[] = [];
const fingerprints: string[] = [];

beforeAll(async () => {
  const admin = await apiAs('ksp.admin');
  for (const [i, fullName] of ['Drs. Bambang Wibowo', 'Hj. Sulastri'].entries())
    await admin.call('/users', {
      username: KEYHOLDERS[i + 1],
      fullName,
      password: DEMO_PASSWORD,
      roles: ['pengawas'],
    });
  const pengurus = await apiAs('ksp.pengurus');
  orgId = pengurus.orgId;
  const meeting = await pengurus.call<{
    id: string;
    agenda: { seq: number; ballot: string }[];
  }>('/rat/meetings', {
    bookYear: YEAR,
    mode: 'hybrid',
    scheduledOn: jakarta(),
    startsAt: '08:00',
    location: 'Aula Koperasi',
    onlineUrl: 'https://meet.example.org/rat-ksp',
    lateReason: `RAT tahun buku ${YEAR} belum pernah diadakan`,
    // a test meeting: one member present is a quorum
    rules: { invitationLeadDays: 0, quorum: { numerator: 0, denominator: 1, plusOne: true } },
  });
  meetingId = meeting.id;
  seq = meeting.agenda.find((a) => a.ballot === 'secret')!.seq;
}, 120_000);

/** Signs in and opens the test RAT's meeting view. */
async function openMeeting(page: Page, username: string) {
  await login(page, demo.server.baseUrl, username);
  await page.waitForURL(/\/o\//, { timeout: 30_000 });
  await page.goto(`${demo.server.baseUrl}/o/${orgId}/rat`);
  await page.getByTestId(`rat-view-${YEAR}-1`).click();
  await page.getByTestId('rat-meeting').waitFor({ timeout: 30_000 });
}

describe('the keyholders of a secret ballot in the browser', () => {
  it('(a) the pengurus prepares the secret ballot: 2 of the 3 pengawas', async () => {
    await withPage(
      'rat-keyholders-prepare',
      async (page) => {
        await openMeeting(page, 'ksp.pengurus');
        const form = page.getByTestId(`rat-secret-create-${seq}`);
        await form.waitFor({ timeout: 20_000 });
        expect(await axeViolations(page)).toEqual([]);
        for (const u of KEYHOLDERS) await form.getByLabel(`(${u})`).check();
        await form.getByRole('textbox').fill('2');
        await page.getByTestId(`rat-secret-create-${seq}-submit`).click();
        await page.getByTestId(`rat-secret-${seq}-status`).waitFor({ timeout: 20_000 });
        expect(await page.getByTestId(`rat-secret-${seq}-status`).textContent()).toBe(
          'Persiapan kunci',
        );
        expect(await page.getByTestId('rat-secret-keyholder-3').textContent()).toContain(
          'Hj. Sulastri',
        );
      },
      LAPTOP,
    );
  });

  it('(b) each keyholder makes a code, saves it as .txt and registers its key (keyholder 1 on a phone)', async () => {
    for (const [i, u] of KEYHOLDERS.entries())
      await withPage(
        `rat-keyholders-code-${i + 1}`,
        async (page) => {
          await openMeeting(page, u);
          await page.getByTestId('rat-keyholder-make-code').click();
          const shown = page.getByTestId('rat-keyholder-code');
          await shown.waitFor({ timeout: 20_000 });
          const code = (await shown.textContent())?.trim() ?? '';
          expect(code).toMatch(/^(\w{4}-){5}\w{2}$/);
          codes.push(code);
          expect(await axeViolations(page)).toEqual([]);
          // the .txt file holds the code; nothing is sent yet
          const download = page.waitForEvent('download');
          await page.getByTestId('rat-keyholder-download').click();
          const file = await (await download).path();
          expect(readFileSync(file!, 'utf8')).toContain(code);
          // registering waits for "I have kept this code"
          expect(await page.getByTestId('rat-keyholder-register').isDisabled()).toBe(true);
          await page.getByTestId('rat-keyholder-saved').check();
          await page.getByTestId('rat-keyholder-register').click();
          await page
            .getByTestId(i < 2 ? 'rat-keyholder-wait-keys' : 'rat-keyholder-fingerprint')
            .waitFor({ timeout: 20_000 });
        },
        i === 0 ? PHONE : LAPTOP,
      );
    expect(new Set(codes).size).toBe(3);
  });

  it('(c) all keys registered: the three see the same fingerprint and deal sealed shares', async () => {
    for (const [i, u] of KEYHOLDERS.entries())
      await withPage(
        `rat-keyholders-deal-${i + 1}`,
        async (page) => {
          await openMeeting(page, u);
          const fp = page.getByTestId('rat-keyholder-fingerprint');
          await expect.poll(async () => fp.textContent(), { timeout: 20_000 }).toMatch(/^\w{4} /);
          fingerprints.push((await fp.textContent()) ?? '');
          const deal = page.getByTestId('rat-keyholder-deal');
          await expect.poll(() => deal.isEnabled(), { timeout: 20_000 }).toBe(true);
          await deal.click();
          await page
            .getByTestId(i < 2 ? 'rat-keyholder-dealt' : 'rat-keyholder-ready')
            .waitFor({ timeout: 30_000 });
        },
        LAPTOP,
      );
    expect(new Set(fingerprints).size).toBe(1);
  });

  it('(d) the vote opens, a member votes, the pengurus closes it', async () => {
    const pengurus = await apiAs('ksp.pengurus');
    const members = await pengurus.call<{ items: { id: string; fullName: string }[] }>(
      '/members?status=active&limit=50',
    );
    const siti = members.items.find((m) => m.fullName === 'Siti Aminah');
    expect(siti).toBeTruthy();
    await pengurus.call(`/rat/meetings/${meetingId}/check-ins`, { memberId: siti!.id });
    await pengurus.call(`/rat/meetings/${meetingId}/open`, {});
    await withPage(
      'rat-keyholders-open',
      async (page) => {
        await openMeeting(page, 'ksp.pengurus');
        await page.getByTestId(`rat-secret-${seq}-open`).click();
        await page.getByTestId(`rat-secret-${seq}-close`).waitFor({ timeout: 20_000 });
      },
      LAPTOP,
    );
    // the member's browser's work (the portal's ballot screen does the same): register, vote setuju
    const member = await apiAs('ksp.anggota');
    const mine = `/me/rat/${meetingId}/agenda/${seq}/ballot`;
    const { manifest } = await member.call<{ manifest: ManifestJson }>(mine);
    const credential = deriveCredential('kode-anggota-uji-kunci', manifest.electionId);
    await member.call(`${mine}/credential`, { pseudonym: credential.pseudonym });
    const ballot = encryptBallot({
      manifest,
      questionId: manifest.questions[0]!.id,
      credential,
      weight: 1,
      selections: [0],
    });
    await member.call(mine, { ballot });
    await withPage(
      'rat-keyholders-close',
      async (page) => {
        await openMeeting(page, 'ksp.pengurus');
        await page.getByTestId(`rat-secret-${seq}-close`).click();
        await page.getByTestId(`rat-secret-${seq}-close-confirm`).click();
        await expect
          .poll(() => page.getByTestId(`rat-secret-${seq}-status`).textContent(), {
            timeout: 20_000,
          })
          .toBe('Ditutup, menunggu pengawas');
      },
      LAPTOP,
    );
  });

  it('(e) keyholder 1 (phone) types a wrong code, then its own; keyholder 3 too; the tally appears', async () => {
    await withPage(
      'rat-keyholders-decrypt-1',
      async (page) => {
        await openMeeting(page, KEYHOLDERS[0]!);
        const input = page.getByTestId('rat-keyholder-code-input');
        await input.waitFor({ timeout: 20_000 });
        await input.fill(codes[1]!);
        await page.getByTestId('rat-keyholder-decrypt').click();
        await expect
          .poll(() => page.getByTestId('rat-keyholder-problem').textContent(), {
            timeout: 20_000,
          })
          .toContain('tidak cocok');
        expect(await axeViolations(page)).toEqual([]);
        // typed back from paper with spaces instead of dashes
        await input.fill(codes[0]!.replaceAll('-', ' '));
        await page.getByTestId('rat-keyholder-decrypt').click();
        await page.getByTestId('rat-keyholder-sent').waitFor({ timeout: 30_000 });
      },
      PHONE,
    );
    await withPage(
      'rat-keyholders-decrypt-3',
      async (page) => {
        await openMeeting(page, KEYHOLDERS[2]!);
        const input = page.getByTestId('rat-keyholder-code-input');
        await input.waitFor({ timeout: 20_000 });
        await input.fill(codes[2]!);
        await page.getByTestId('rat-keyholder-decrypt').click();
        await page.getByTestId('rat-keyholder-sent').waitFor({ timeout: 30_000 });
        await expect
          .poll(() => page.getByTestId(`rat-secret-${seq}-tally`).textContent(), {
            timeout: 20_000,
          })
          .toContain('setuju 1, tidak setuju 0, abstain 0');
        // the item is decided by the tally (the meeting view reloads it)
        await expect
          .poll(() => page.getByTestId(`rat-item-${seq}-status`).textContent(), {
            timeout: 20_000,
          })
          .toBe('Selesai');
      },
      LAPTOP,
    );
  });
});
