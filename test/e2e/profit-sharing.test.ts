/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiAs as apiSession } from './support/api.js';
import { axeViolations } from './support/axe.js';
import { login, PHONE, useDemoBrowser, type Viewport } from './support/server.js';

/**
 * Laporan usaha of a mudharabah financing in the browser (docs/domain/sharia-financing.md): on a
 * laptop the demo KSPPS's credit officer opens the financing, sees the nisbah and the last period
 * "pending" (principal only), and enters the member's result; on a phone the pengurus approves it
 * and the period is billed with the KSPPS's 25 % of the result. axe on every step.
 */

const demo = useDemoBrowser();
const { withPage } = demo;
const LAPTOP: Viewport = { width: 1366, height: 900 };
let orgId = '';
let loanNumber = '';
let memberNumber = '';
let applicationId = '';

async function apiAs(username: string) {
  const session = await apiSession(demo.server.baseUrl, username);
  orgId = session.orgId;
  return session.call;
}

beforeAll(async () => {
  // the demo's mudharabah: the newest loans come last in the keyset pages
  const get = await apiAs('kspps.pengurus');
  type Loan = { id: string; akad: string; loanNumber: string; memberId: string; productId: string };
  let after = '';
  for (;;) {
    const page = await get<{ items: Loan[] }>(
      `/loans?limit=200${after ? `&afterId=${after}` : ''}`,
    );
    const found = page.items.find((l) => l.akad === 'mudharabah');
    if (found) {
      loanNumber = found.loanNumber;
      const m = await get<{ memberNumber: string }>(`/members/${found.memberId}`);
      memberNumber = m.memberNumber;
      // a new application of the same member for the same mudharabah product, terms not set yet
      const officer = await apiAs('kspps.kredit');
      const app = await officer<{ id: string }>('/loan-applications', {
        memberId: found.memberId,
        productId: found.productId,
        amountRupiah: '6000000',
        tenor: 6,
        purpose: 'Modal usaha batik cap',
        monthlyIncomeRupiah: '3000000',
        monthlyExpensesRupiah: '1500000',
      });
      applicationId = app.id;
      break;
    }
    if (page.items.length === 0) throw new Error('no demo mudharabah');
    after = page.items[page.items.length - 1]!.id;
  }
});

async function openFinancing(page: Page, username: string) {
  await login(page, demo.server.baseUrl, username);
  await expect.poll(() => page.url(), { timeout: 30_000 }).toMatch(/\/o\/[0-9a-f-]+\//);
  await page.goto(`${demo.server.baseUrl}/o/${orgId}/loans`);
  await page.getByTestId('loans-tab-loans').click();
  await page.getByTestId('loan-member-search').fill(memberNumber);
  await page.getByTestId('loan-member-select').click();
  await page.getByRole('option', { name: new RegExp(`^${memberNumber}`) }).click();
  await page.getByTestId('member-loan').filter({ hasText: loanNumber }).click();
  await page.getByTestId('profit-sharing').waitFor({ timeout: 20_000 });
}

const rows = (page: Page) => page.getByTestId('ps-period');

describe('laporan usaha of a mudharabah', () => {
  it('the officer sets the akad terms of a new application (laptop)', async () => {
    await withPage(
      'profit-sharing-terms',
      async (page) => {
        await login(page, demo.server.baseUrl, 'kspps.kredit');
        await expect.poll(() => page.url(), { timeout: 30_000 }).toMatch(/\/o\/[0-9a-f-]+\//);
        await page.goto(`${demo.server.baseUrl}/o/${orgId}/loans`);
        await page.getByTestId('loans-tab-applications').click();
        const card = page.getByTestId(`application-${applicationId}`);
        await card.getByTestId('ps-terms-missing').waitFor({ timeout: 20_000 });
        expect(await axeViolations(page)).toEqual([]);
        await card.getByTestId('ps-terms-nisbah').fill('30');
        await card.getByTestId('ps-terms-projected').fill('900000');
        await card.getByTestId('ps-terms-save').click();
        await expect
          .poll(() => card.getByTestId('ps-terms-summary').textContent())
          .toContain('Nisbah koperasi 30 %');
        expect(await card.getByTestId('ps-terms-summary').textContent()).toContain(
          'bagi hasil Rp\u00a0270.000',
        );
        expect(await axeViolations(page)).toEqual([]);
      },
      LAPTOP,
    );
  });

  it('the officer sees the last period pending and enters its result (laptop)', async () => {
    await withPage(
      'profit-sharing-enter',
      async (page) => {
        await openFinancing(page, 'kspps.kredit');
        expect(await page.getByTestId('ps-nisbah').textContent()).toContain('25 : 75');
        await expect.poll(() => rows(page).count()).toBe(6);
        const last = rows(page).nth(5);
        expect(await last.textContent()).toContain('Bagi hasil tertunda');
        expect(await last.getByTestId('ps-due').textContent()).toBe('Rp\u00a02.000.000');
        expect(await axeViolations(page)).toEqual([]);
        await page.getByTestId('ps-result').fill('800000');
        await page.getByTestId('ps-note').fill('Laporan usaha November');
        await page.getByTestId('ps-submit').click();
        await page.getByTestId('ps-waiting').waitFor();
        // entered, not approved: still principal only
        await expect.poll(() => last.textContent()).toContain('Menunggu persetujuan');
        expect(await last.getByTestId('ps-due').textContent()).toBe('Rp\u00a02.000.000');
        expect(await axeViolations(page)).toEqual([]);
      },
      LAPTOP,
    );
  });

  it('the pengurus approves it on a phone: the period is billed with 25 % of 800.000', async () => {
    await withPage(
      'profit-sharing-approve',
      async (page) => {
        await openFinancing(page, 'kspps.pengurus');
        await page.getByTestId('ps-approve').click();
        const last = rows(page).nth(5);
        await expect.poll(() => last.getByTestId('ps-due').textContent()).toBe('Rp\u00a02.200.000');
        expect(await last.textContent()).toContain('Ditagih');
        expect(await axeViolations(page)).toEqual([]);
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
          360,
        );
      },
      PHONE,
    );
  });
});
