/// <reference lib="dom" />
import { mkdirSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyBoard } from '../../src/domain/rat/ballot/index.js';
import { axeViolations } from './support/axe.js';
import {
  apiAs,
  closeAndTally,
  setUpSecretBallot,
  type SecretBallot,
} from './support/secret-ballot.js';
import { login, PHONE, useDemoBrowser, type Viewport } from './support/server.js';

/**
 * The member's secret ballot on a phone (issue 17 items 5 and 6; docs/domain/rat-ballots.md): the
 * demo KSP's RAT held today with its SHU item's secret vote open (support/secret-ballot.ts); the
 * member checks in online, chooses, confirms, the browser encrypts, and the member gets a tracker,
 * finds it on the board (found, counted), sees the board, votes again (the new ballot counts, the
 * old is replaced; with the CPU slowed 6 times the busy state shows while the browser encrypts); on
 * "another phone" (a fresh browser context) they enter their voter code and vote once more. Then
 * the keyholders close and decrypt: the item's result is the last vote, shown in the portal (in
 * Indonesian and in English). axe on every step. SHOTS=dir keeps screenshots at 360 and 1366 px.
 */

const demo = useDemoBrowser();
const { withPage } = demo;
const LAPTOP: Viewport = { width: 1366, height: 900 };
const SHOTS = process.env.SHOTS;
let ballot: SecretBallot;

/** The ballot card (or the page) as a PNG in SHOTS, for reviewing the screen. */
async function shot(page: Page, name: string, of?: Locator) {
  if (!SHOTS) return;
  mkdirSync(SHOTS, { recursive: true });
  if (of) await of.screenshot({ path: `${SHOTS}/${name}.png` });
  else await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

beforeAll(async () => {
  ballot = await setUpSecretBallot(demo.server.baseUrl);
}, 120_000);

/** The member's card of the test's RAT and its ballot. */
async function openBallot(page: Page) {
  await login(page, demo.server.baseUrl, 'ksp.anggota');
  const card = page.getByTestId('my-rat').filter({ hasText: 'tahun buku 2022' });
  await card.waitFor({ timeout: 30_000 });
  const item = card.getByTestId(`my-ballot-${ballot.seq}`);
  await item.waitFor();
  return { card, item };
}

/** Choose, go on, confirm; answers the new tracker once the receipt shows it. */
async function vote(
  page: Page,
  item: ReturnType<Page['getByTestId']>,
  choice: number,
  label: string,
) {
  await item.getByTestId(`my-ballot-choice-${choice}`).click();
  expect(await item.getByTestId(`my-ballot-choice-${choice}`).getAttribute('aria-pressed')).toBe(
    'true',
  );
  await item.getByTestId('my-ballot-next').click();
  expect(await item.getByTestId('my-ballot-chosen').textContent()).toBe(label);
  // the focus moves to the confirm step's words, for a screen reader
  expect(await page.evaluate(() => document.activeElement?.textContent)).toContain(
    `Anda memilih:${label}`,
  );
  expect(await axeViolations(page)).toEqual([]);
  await item.getByTestId('my-ballot-confirm').click();
  await item.getByTestId('my-ballot-done').waitFor({ timeout: 30_000 });
  const tracker = (await item.getByTestId('my-ballot-tracker').getAttribute('data-tracker')) ?? '';
  expect(tracker).toMatch(/^[0-9a-f]{64}$/);
  return tracker;
}

async function findOnBoard(item: ReturnType<Page['getByTestId']>) {
  await item.getByTestId('my-ballot-find').click();
  await item.getByTestId('my-ballot-found').waitFor();
  return (await item.getByTestId('my-ballot-found').textContent()) ?? '';
}

const trackers: string[] = [];
let code = '';

describe('the secret ballot on a phone', () => {
  it('a member checks in, votes, finds the tracker on the board, votes again', async () => {
    await withPage(
      'rat-ballot-phone',
      async (page) => {
        const { card, item } = await openBallot(page);
        // not checked in yet: told to check in first, no choices
        expect(await item.getByTestId('my-ballot-note').textContent()).toContain(
          'Anda belum tercatat hadir',
        );
        expect(await item.getByTestId('my-ballot-choice-0').count()).toBe(0);
        expect(await axeViolations(page)).toEqual([]);
        await card.getByTestId('my-rat-checkin').click();
        await card.getByTestId('my-rat-checked-in').waitFor({ timeout: 20_000 });
        await item.getByTestId('my-ballot-choice-0').waitFor({ timeout: 20_000 });
        expect(await item.textContent()).toContain('Koperasi tidak dapat melihat pilihan Anda');
        expect(await item.getByTestId('my-ballot-next').isDisabled()).toBe(true);
        expect(await axeViolations(page)).toEqual([]);
        await shot(page, 'ballot-360-choose', item);

        // "Kembali" on the confirm step goes back without sending
        await item.getByTestId('my-ballot-choice-2').click();
        await item.getByTestId('my-ballot-next').click();
        await item.getByTestId('my-ballot-back').click();
        expect(await item.getByTestId('my-ballot-choice-2').getAttribute('aria-pressed')).toBe(
          'true',
        );
        await item.getByTestId('my-ballot-choice-0').click();
        expect(await item.getByTestId('my-ballot-choice-2').getAttribute('aria-pressed')).toBe(
          'false',
        );
        await item.getByTestId('my-ballot-next').click();
        await shot(page, 'ballot-360-confirm', item);
        await item.getByTestId('my-ballot-confirm').click();
        await item.getByTestId('my-ballot-done').waitFor({ timeout: 30_000 });
        const first = (await item.getByTestId('my-ballot-tracker').getAttribute('data-tracker'))!;
        expect(first).toMatch(/^[0-9a-f]{64}$/);
        trackers.push(first);
        // the short form: first 8 and last 8; in full on demand, in groups of 8
        expect(await item.getByTestId('my-ballot-tracker').textContent()).toBe(
          `${first.slice(0, 8)} … ${first.slice(-8)}`,
        );
        await item.getByTestId('my-ballot-tracker-toggle').click();
        expect(
          (await item.getByTestId('my-ballot-tracker-full').textContent())?.replace(/\s/g, ''),
        ).toBe(first);
        // the voter code, shown the first time, kept on this phone
        const shown = (await item.getByTestId('my-ballot-code').textContent()) ?? '';
        code = shown.replace(/\s/g, '');
        expect(code).toHaveLength(22);
        expect(await item.textContent()).toContain('memilih lagi dari HP lain');
        expect(await axeViolations(page)).toEqual([]);
        await shot(page, 'ballot-360-receipt', item);

        // found on the board, and it is the ballot that counts
        const found = await findOnBoard(item);
        expect(found).toMatch(/Ditemukan di papan suara, nomor \d+/);
        expect(found).toContain('Ini pilihan yang dihitung');
        await item.getByTestId('my-ballot-board-toggle').click();
        const mine = item.getByTestId('my-ballot-board-mine');
        await mine.waitFor();
        expect(await mine.textContent()).toContain(first.slice(0, 8));
        expect(await mine.textContent()).toContain('milik Anda');
        expect(await item.getByTestId('my-ballot-download').getAttribute('href')).toBe(
          `/api/v1/orgs/${ballot.orgId}/me/rat/${ballot.meetingId}/agenda/${ballot.seq}/ballot/board`,
        );
        expect(await item.textContent()).toContain('sokoguru rat verify --board FILE');
        // tap targets: every button at least 44 px tall and wide, every link at least 24 px tall
        const small = await item.evaluate((el) =>
          [...el.querySelectorAll('button, a')]
            .map((b) => ({ b, r: b.getBoundingClientRect() }))
            .filter(({ b, r }) =>
              b.tagName === 'A' ? r.height < 24 : r.height < 44 || r.width < 44,
            )
            .map(({ b, r }) => `${b.textContent} ${r.width}x${r.height}`),
        );
        expect(small).toEqual([]);
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
          360,
        );
        expect(await axeViolations(page)).toEqual([]);
        await shot(page, 'ballot-360-board', item);
        if (SHOTS) {
          await page.setViewportSize(LAPTOP);
          await shot(page, 'ballot-1366-board', item);
          expect(await axeViolations(page)).toEqual([]);
          await page.setViewportSize(PHONE);
        }

        // vote again: "Tidak setuju"; the new ballot counts, the first is replaced. On a slow
        // phone (the CPU 6 times slower) the busy state shows while the browser encrypts
        await item.getByTestId('my-ballot-change').click();
        const cdp = await page.context().newCDPSession(page);
        await cdp.send('Emulation.setCPUThrottlingRate', { rate: 6 });
        await item.getByTestId('my-ballot-choice-1').click();
        await item.getByTestId('my-ballot-next').click();
        // the busy line can come and go between two polls (CI once missed it): a MutationObserver,
        // set before the click, records every text it ever showed
        await page.evaluate(() => {
          const seen: string[] = [];
          (window as unknown as { busySeen: string[] }).busySeen = seen;
          const look = () =>
            document
              .querySelectorAll('[data-testid="my-ballot-busy"]')
              .forEach((e) => seen.push(e.textContent ?? ''));
          new MutationObserver(look).observe(document.body, {
            subtree: true,
            childList: true,
            characterData: true,
          });
        });
        await item.getByTestId('my-ballot-confirm').click();
        await item.getByTestId('my-ballot-done').waitFor({ timeout: 30_000 });
        const busySeen = await page.evaluate(
          () => (window as unknown as { busySeen: string[] }).busySeen,
        );
        expect(busySeen.some((text) => text.includes('Mengunci pilihan Anda'))).toBe(true);
        await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
        const second = (await item.getByTestId('my-ballot-tracker').getAttribute('data-tracker'))!;
        expect(second).toMatch(/^[0-9a-f]{64}$/);
        expect(second).not.toBe(first);
        trackers.push(second);
        const again = await findOnBoard(item);
        expect(again).toContain('Ini pilihan yang dihitung');
        await item.getByTestId('my-ballot-board-toggle').click();
        await expect
          .poll(() => item.getByTestId('my-ballot-board-mine').textContent())
          .toContain(second.slice(0, 8));
        expect(await item.getByTestId('my-ballot-board-old').textContent()).toContain(
          first.slice(0, 8),
        );
        expect(await axeViolations(page)).toEqual([]);
      },
      PHONE,
    );
    // the server agrees: the first is on the board but no longer counted, the second counts
    const member = await apiAs(demo.server.baseUrl, 'ksp.anggota');
    const at = `/me/rat/${ballot.meetingId}/agenda/${ballot.seq}/ballot/tracker`;
    expect(await member.call(at, { tracker: trackers[0] })).toMatchObject({
      found: true,
      counted: false,
    });
    expect(await member.call(at, { tracker: trackers[1] })).toMatchObject({
      found: true,
      counted: true,
    });
  });

  it('on another phone the member enters the voter code and votes again', async () => {
    await withPage(
      'rat-ballot-other-phone',
      async (page) => {
        const { item } = await openBallot(page);
        // registered from the first phone, no code here: asked for it
        await item.getByTestId('my-ballot-need-code').waitFor({ timeout: 20_000 });
        expect(await item.getByTestId('my-ballot-choice-0').count()).toBe(0);
        expect(await axeViolations(page)).toEqual([]);
        await shot(page, 'ballot-360-need-code', item);
        // a wrong code is refused
        await item.getByTestId('my-ballot-code-input').fill('ABCD efgh JKLM npqr STUV wx');
        await item.getByTestId('my-ballot-code-use').click();
        await expect
          .poll(() => item.getByTestId('my-ballot-code-error').textContent())
          .toContain('tidak terdaftar');
        expect(await axeViolations(page)).toEqual([]);
        // the code as written on paper, in groups
        await item.getByTestId('my-ballot-code-input').fill(code.match(/.{1,4}/g)!.join(' '));
        await item.getByTestId('my-ballot-code-use').click();
        await item.getByTestId('my-ballot-choice-2').waitFor({ timeout: 20_000 });
        const third = await vote(page, item, 2, 'Abstain (tidak memihak)');
        trackers.push(third);
        expect(await findOnBoard(item)).toContain('Ini pilihan yang dihitung');
        expect(await axeViolations(page)).toEqual([]);
      },
      PHONE,
    );
  });

  it('the board verifies; closed and decrypted by 2 of 3 keyholders, the result is the last vote', async () => {
    const member = await apiAs(demo.server.baseUrl, 'ksp.anggota');
    const boardPath = `/me/rat/${ballot.meetingId}/agenda/${ballot.seq}/ballot/board`;
    const open = await member.call<unknown>(boardPath);
    expect(verifyBoard(open).problems).toEqual([]);
    const view = await closeAndTally(ballot);
    expect(view.status).toBe('tallied');
    // the member's three ballots: only the last (abstain) counts
    expect(view.tally?.questions[0]?.counts).toEqual([0, 0, 1]);
    const closed = await member.call<unknown>(boardPath);
    const report = verifyBoard(closed);
    expect(report.problems).toEqual([]);
    expect(report.tallyVerified).toBe(true);
    expect(report.ballots).toBe(3);
    // the portal shows the result; the receipt is still there and its tracker still found
    await withPage(
      'rat-ballot-result',
      async (page) => {
        const { item } = await openBallot(page);
        await expect
          .poll(() => item.getByTestId('my-ballot-result').textContent(), { timeout: 20_000 })
          .toContain('setuju 0, tidak setuju 0, abstain 1');
        expect(await item.getByTestId('my-ballot-note').textContent()).toContain('sudah ditutup');
        expect(await item.getByTestId('my-ballot-choice-0').count()).toBe(0);
        expect(await axeViolations(page)).toEqual([]);
      },
      PHONE,
    );
  });

  it('the ballot screen at 1366 px (screenshots with SHOTS=dir)', async () => {
    await withPage(
      'rat-ballot-laptop',
      async (page) => {
        const { item } = await openBallot(page);
        await item.getByTestId('my-ballot-note').waitFor();
        expect(await axeViolations(page)).toEqual([]);
        await shot(page, 'ballot-1366-closed', item);
        // in English
        await page.getByTestId('language-toggle').getByText('EN').click();
        await expect
          .poll(() => item.getByTestId('my-ballot-note').textContent())
          .toContain('Voting has closed');
        expect(await item.getByTestId('my-ballot-result').textContent()).toContain(
          'Result: agree 0, disagree 0, abstain 1',
        );
        expect(await axeViolations(page)).toEqual([]);
        await page.getByTestId('language-toggle').getByText('ID').click();
      },
      LAPTOP,
    );
  });
});
