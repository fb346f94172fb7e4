/// <reference lib="dom" />
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from './support/axe.js';
import {
  fileDemoCooperatives,
  login,
  PHONE,
  useDemoBrowser,
  type Viewport,
} from './support/server.js';

/**
 * The examiner's inspection and the first warning, in the browser: Dinas Kota Pekalongan's
 * pengawas plans a visit to a cooperative, answers a checklist item, records a finding with a photo
 * and its location and a recommendation; on the sanctions tab issues teguran tertulis I, downloads
 * its PDF and records its delivery; teguran II is then refused (its deadline has not passed) and
 * nothing is issued. On a phone the same cooperative's ladder shows why the next step waits.
 * axe runs after each step.
 */

const demo = useDemoBrowser();
const { withPage } = demo;
const LAPTOP: Viewport = { width: 1366, height: 900 };
const NAME = 'KSP Uji Pemeriksaan Mandiri';

beforeAll(async () => {
  await fileDemoCooperatives(demo.server.baseUrl, [
    { name: NAME, cooperativeType: 'KSP', districtCode: '337501' },
  ]);
});

async function openInspections(page: Page, username = 'dinas.pengawas') {
  await login(page, demo.server.baseUrl, username);
  await expect.poll(() => page.url(), { timeout: 30_000 }).toMatch(/\/o\/[0-9a-f-]+\//);
  if ((page.viewportSize()?.width ?? 1366) < 768) await page.getByTestId('burger').click();
  await page.getByTestId('nav-inspections').click();
  await page.getByTestId('inspections-page').waitFor();
  await page.getByTestId('inspections-cooperative').fill(NAME.slice(0, 16));
  await page.getByRole('option', { name: NAME }).click();
}

describe('inspections and the sanctions ladder', () => {
  it('plans a visit, records a finding with a photo, issues teguran I with its PDF and delivery; teguran II is refused before the deadline', async () => {
    await withPage(
      'dinas-inspections',
      async (page) => {
        await openInspections(page);
        // plan the visit with the examiner as its officer
        await page.getByTestId('visit-purpose').fill('Pemeriksaan tata kelola dan risiko');
        await page.getByTestId('visit-officers').click();
        await page.getByRole('option', { name: 'Drs. Teguh Santoso' }).click();
        await page.keyboard.press('Escape');
        await page.getByTestId('visit-plan').click();
        const card = page.getByTestId('visit-card');
        await card.waitFor();
        await expect
          .poll(() => page.getByTestId('visit-status').textContent())
          .toBe('Direncanakan');
        expect(await axeViolations(page)).toEqual([]);

        // one checklist answer
        await page.getByTestId('checklist-checklists.risikoKepatuhan').click();
        await page
          .getByTestId('answer-checklists.risikoKepatuhan-1')
          .getByText('Tidak', { exact: true })
          .click();
        await page.getByTestId('checklist-save').click();
        await page.getByText('Daftar periksa tersimpan.').waitFor();

        // a finding with its location, then its photo
        await page.getByTestId('finding-description').fill('Tidak ada SOP simpan pinjam tertulis');
        await page.getByTestId('finding-latitude').fill('-6.889836');
        await page.getByTestId('finding-longitude').fill('109.674592');
        await page.getByTestId('finding-add').click();
        const finding = page.getByTestId('finding').first();
        await finding.waitFor();
        expect(await finding.textContent()).toContain('-6.889836');
        const dir = mkdtempSync(join(tmpdir(), 'sg-inspection-'));
        const photo = join(dir, 'kantor-koperasi.png');
        writeFileSync(
          photo,
          Buffer.from(
            'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
            'base64',
          ),
        );
        const chooser = page.waitForEvent('filechooser');
        await page.getByTestId('finding-photo').click();
        await (await chooser).setFiles(photo);
        await page.getByRole('link', { name: 'kantor-koperasi.png' }).waitFor();

        // its recommendation, due in a month
        const due = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
        await page.getByTestId('recommendation-text').fill('Susun dan sahkan SOP simpan pinjam');
        await page.getByTestId('recommendation-due').fill(due);
        await page.getByTestId('recommendation-add').click();
        await expect
          .poll(() => page.getByTestId('recommendation-follow-up').first().textContent())
          .toBe('Berjalan');
        await page.getByTestId('visit-done').click();
        await expect
          .poll(() => page.getByTestId('visit-status').textContent())
          .toBe('Dilaksanakan');
        expect(await axeViolations(page)).toEqual([]);

        // teguran tertulis I
        await page.getByTestId('inspections-tab-sanctions').click();
        await page.getByTestId('sanctions-tab').waitFor();
        await expect
          .poll(() => page.getByTestId('sanctions-next-text').textContent())
          .toContain('Teguran Tertulis I');
        await page
          .getByTestId('issue-correction')
          .fill('Menyusun dan mengesahkan SOP simpan pinjam');
        await page.getByTestId('issue-letter').click();
        const letter = page.getByTestId('letter').first();
        await letter.waitFor();
        const number = /\d{3}\/DINKOP\/\d{4}/.exec((await letter.textContent()) ?? '')?.[0];
        expect(number).toBeDefined();
        expect(await axeViolations(page)).toEqual([]);

        // its PDF
        const download = page.waitForEvent('download');
        await page.getByTestId('letter-pdf').first().click();
        const pdf = readFileSync(await (await download).path());
        expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');

        // its delivery
        await page.getByTestId('delivery-received-by').fill('Ketua pengurus');
        await page.getByTestId('delivery-record').click();
        await expect
          .poll(() => page.getByTestId('letter-delivery').first().textContent())
          .toContain('Ketua pengurus');

        // teguran II waits for the deadline: the page says so, and the server refuses it
        await expect
          .poll(() => page.getByTestId('sanctions-next-text').textContent())
          .toContain('baru dapat diterbitkan mulai');
        await page.getByTestId('issue-correction').fill('Menyusun SOP');
        await page.getByTestId('issue-letter').click();
        await expect
          .poll(() => page.getByTestId('issue-error').textContent())
          .toContain('Batas waktu perbaikan');
        expect(await page.getByTestId('letter').count()).toBe(1);
        expect(await axeViolations(page)).toEqual([]);

        // the letter on the cooperative's case file, with its delivery and its PDF; the finding too
        const orgId = /\/o\/([0-9a-f-]+)\//.exec(page.url())![1]!;
        const found = await page.request.get(
          `${demo.server.baseUrl}/api/v1/orgs/${orgId}/registry?q=${encodeURIComponent(NAME)}&limit=5`,
        );
        const registryId = (
          (await found.json()) as { items: { id: string; name: string }[] }
        ).items.find((r) => r.name === NAME)!.id;
        await page.goto(`${demo.server.baseUrl}/o/${orgId}/supervision/${registryId}`);
        await page.getByTestId('case-file-entry').first().waitFor({ timeout: 15_000 });
        const entry = page.getByTestId('case-file-entry').filter({ hasText: number! });
        await entry.waitFor();
        expect(await entry.getAttribute('data-kind')).toBe('letter');
        expect(await entry.textContent()).toContain('Teguran Tertulis I');
        expect(await entry.textContent()).toContain('Ketua pengurus');
        await entry.getByRole('link', { name: `${number}.pdf` }).waitFor();
        expect(
          await page
            .getByTestId('case-file-entry')
            .filter({ hasText: 'Temuan pemeriksaan' })
            .count(),
        ).toBe(1);
        expect(await axeViolations(page)).toEqual([]);
      },
      LAPTOP,
    );
  });

  it('on a phone the ladder shows the letter and why teguran II waits', async () => {
    await withPage(
      'dinas-inspections-phone',
      async (page) => {
        await openInspections(page);
        await page.getByTestId('visit-row').first().waitFor();
        expect(await axeViolations(page)).toEqual([]);
        await page.getByTestId('inspections-tab-sanctions').click();
        await page.getByTestId('letter').first().waitFor();
        expect(await page.getByTestId('sanctions-next-text').textContent()).toContain(
          'baru dapat diterbitkan mulai',
        );
        expect(await axeViolations(page)).toEqual([]);
      },
      PHONE,
    );
  });

  it('the administrator reads the ladder and sees the office’s letter-number format, but issues nothing (phone)', async () => {
    await withPage(
      'dinas-inspections-admin-phone',
      async (page) => {
        await openInspections(page, 'dinas.admin');
        await page.getByTestId('inspections-tab-sanctions').click();
        await page.getByTestId('letter').first().waitFor();
        await page.getByText('Format nomor surat').waitFor();
        expect(await page.getByTestId('issue-letter').count()).toBe(0);
        expect(await page.getByTestId('sanctions-ladder').textContent()).toContain(
          'UU 17/2012 Pasal 120',
        );
        expect(await axeViolations(page)).toEqual([]);
      },
      PHONE,
    );
  });
});
