/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations } from './support/axe.js';
import { login, PHONE, useDemoBrowser, type Viewport } from './support/server.js';

/**
 * Training and certification in the browser: the city's pembina picks a savings-and-loan
 * cooperative that does not meet the certification requirement, creates a training event with a
 * session (a session outside the event's dates is refused on the form first), enrols the
 * cooperative's manager, marks her present and passed with a score, records her competency
 * certificate (expiring within 90 days: its badge says so), and sees the cooperative meet the
 * requirement. On a laptop and on a 360 px phone; axe after every change of the page.
 */

const demo = useDemoBrowser();
const { withPage } = demo;
const LAPTOP: Viewport = { width: 1366, height: 900 };

async function openTraining(page: Page) {
  await login(page, demo.server.baseUrl, 'dinas.pembina');
  await expect.poll(() => page.url(), { timeout: 30_000 }).toMatch(/\/o\/[0-9a-f-]+\//);
  if ((page.viewportSize()?.width ?? 1366) < 768) await page.getByTestId('burger').click();
  await page.getByTestId('nav-training').click();
  await page.getByTestId('training-page').waitFor();
}

/** Picks a cooperative by typing its name into a registry search and choosing it. */
async function pickCooperative(page: Page, testId: string, name: string) {
  await page.getByTestId(testId).fill(name);
  await page.getByRole('option', { name, exact: true }).click();
}

const isoDaysFromNow = (days: number) => {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

describe('training and certification', () => {
  for (const [label, viewport] of [
    ['laptop', LAPTOP],
    ['phone', PHONE],
  ] as const)
    it(`the pembina trains and certifies a cooperative's manager until it meets the requirement (${label})`, async () => {
      await withPage(
        `dinas-training-${label}`,
        async (page) => {
          await openTraining(page);
          // the cooperative: the first savings-and-loan one that does not meet the requirement
          await page.getByTestId('training-tab-requirement').click();
          await page.getByTestId('requirement-table').waitFor();
          const unmet = page.getByTestId('requirement-row').filter({ hasText: 'Belum memenuhi' });
          const name = (await unmet.first().locator('a').textContent())!.trim();
          expect(name.length).toBeGreaterThan(3);
          expect(await axeViolations(page)).toEqual([]);

          // a training event with one session; first with the session a day after it ends
          await page.getByTestId('training-tab-events').click();
          await page.getByTestId('training-table').waitFor();
          await page.getByTestId('training-new').click();
          const title = `Pelatihan Tata Kelola KSP (${label})`;
          await page.getByTestId('training-title').fill(title);
          await page
            .getByTestId('training-organiser')
            .fill('Dinas Koperasi dan UKM Kota Pekalongan');
          await page.getByTestId('training-topic').fill('Tata kelola');
          await page.getByTestId('training-location').fill('Aula Dinas');
          await page.getByTestId('training-startsOn').fill('2026-11-10');
          await page.getByTestId('training-endsOn').fill('2026-11-10');
          await page.getByTestId('session-heldOn').fill('2026-11-11');
          await page.getByTestId('session-topic').fill('Prinsip tata kelola');
          await page.getByTestId('session-trainer').fill('Lilik Handayani');
          await page.getByTestId('training-save').click();
          const problem = page.getByTestId('training-form-error');
          await problem.waitFor();
          expect(await problem.textContent()).toContain('sesi di luar tanggal pelatihan');
          expect(await axeViolations(page)).toEqual([]);
          await page.getByTestId('session-heldOn').fill('2026-11-10');
          await page.getByTestId('training-save').click();
          const detail = page.getByTestId('training-detail');
          await detail.waitFor();
          expect(await detail.textContent()).toContain(title);

          // the manager enrolled, present and passed
          await pickCooperative(page, 'participant-cooperative', name);
          await page.getByTestId('participant-name').fill(`Sri Lestari ${label}`);
          await page.getByTestId('participant-add').click();
          const row = page
            .getByTestId('participant-row')
            .filter({ hasText: `Sri Lestari ${label}` });
          await row.waitFor();
          await row.getByTestId('attendance-check').first().click();
          await expect
            .poll(() => row.getByTestId('attendance-rate').textContent())
            .toContain('1/1 sesi');
          await row.getByTestId('result-select').click();
          await page.getByRole('option', { name: 'Lulus', exact: true }).click();
          await row.getByTestId('result-score').fill('88');
          await row.getByTestId('result-save').click();
          await expect
            .poll(
              async () =>
                (await page.getByTestId('training-row').filter({ hasText: title }).textContent()) ??
                '',
            )
            .toMatch(/1\s*1\s*1\s*Buka$/);
          expect(await axeViolations(page)).toEqual([]);

          // her certificate, valid for another 60 days
          await page.getByTestId('training-tab-certificates').click();
          await page.getByTestId('certificate-new').click();
          await pickCooperative(page, 'certificate-cooperative', name);
          await page.getByTestId('certificate-holderName').fill(`Sri Lestari ${label}`);
          await page.getByTestId('certificate-scheme').fill('Manajer Koperasi Simpan Pinjam');
          await page.getByTestId('certificate-certificateNumber').fill(`E2E/LSP-KJK/${label}`);
          await page.getByTestId('certificate-issuer').fill('LSP Koperasi Jasa Keuangan');
          await page.getByTestId('certificate-issuedOn').fill(isoDaysFromNow(-3 * 365 + 60));
          await page.getByTestId('certificate-validUntil').fill(isoDaysFromNow(60));
          await page.getByTestId('certificate-save').click();
          await page.getByTestId('certificate-form').waitFor({ state: 'detached' });
          const cert = page
            .getByTestId('certificate-row')
            .filter({ hasText: `Sri Lestari ${label}` });
          await cert.waitFor();
          expect(await cert.getByTestId('certificate-status').textContent()).toBe(
            'Segera berakhir',
          );
          expect(await axeViolations(page)).toEqual([]);

          // the cooperative now meets the requirement
          await page.getByTestId('training-tab-requirement').click();
          const met = page.getByTestId('requirement-row').filter({ hasText: name });
          await expect.poll(() => met.first().textContent()).toContain('Memenuhi');
          expect(await axeViolations(page)).toEqual([]);
        },
        viewport,
      );
    });
});
