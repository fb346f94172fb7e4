/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { apiAs as apiSession } from './support/api.js';
import { axeViolations } from './support/axe.js';
import { login, PHONE, useDemoBrowser, type Viewport } from './support/server.js';

/**
 * SHU from the books in the browser (docs/domain/shu-books.md, issue 17 items 2, 3, 6 and 7). The
 * demo KSP closed 2025 with a surplus (January–November from its old books, with the loans repaid
 * in them), held its 2025 RAT and shared the SHU (src/services/demo/rat-shu.ts): the final run
 * approved by a second pengurus, the allocation posted, most shares paid into sukarela, a dozen in
 * cash, a few not collected. So here: the pengurus sees that distribution (the final run, the
 * posted allocation, the not-collected list); the member on a 360 px phone reads their own 2025
 * slip, explained by their own figures, and downloads it as PDF. Then the pengurus writes new
 * AD/ART settings (a live total that must be 100 %, a policy the server refuses shown at its
 * field), simulates 2026 from the books (income less expense), reads the shares and searches them;
 * the final 2026 run is refused because the year is not closed. axe on every page visited.
 */

const demo = useDemoBrowser();
const { withPage } = demo;
const LAPTOP: Viewport = { width: 1366, height: 900 };

const apiAs = (username: string, orgId?: string) =>
  apiSession(demo.server.baseUrl, username, { orgId });

async function openShu(page: Page) {
  await login(page, demo.server.baseUrl, 'ksp.pengurus');
  await page.getByTestId('nav-shu').click();
  await page.getByTestId('shu-settings-version').waitFor({ timeout: 30_000 });
}

let orgId = '';

interface Run {
  id: string;
  year: number;
  kind: 'simulation' | 'final';
  shuRupiah: string;
  distributionEntryId: string | null;
  totals: { totalRupiah: string };
}
interface Share {
  memberNumber: string | null;
  jasaModalRupiah: string;
  jasaUsahaRupiah: string;
  jasaUsahaLines: Record<string, { participation: string } | undefined>;
  totalRupiah: string;
  netRupiah: string;
  paidOn: string | null;
  paidChannel: 'sukarela' | 'cash' | null;
}
interface Slip {
  run: Run;
  share: Share;
}

describe('SHU in the browser', () => {
  it('the pengurus sees the 2025 SHU shared: final run, allocation posted, payouts, not collected', async () => {
    const api = await apiAs('ksp.pengurus');
    const runs = await api.call<{ items: Run[] }>('/shu/runs?year=2025');
    const final = runs.items.find((r) => r.kind === 'final')!;
    expect(runs.items.map((r) => r.kind).sort()).toEqual(['final', 'simulation']);
    expect(BigInt(final.shuRupiah)).toBeGreaterThan(0n);
    expect(final.distributionEntryId).not.toBeNull();
    const uncollected = await api.call<{ items: Share[]; total: number }>(
      `/shu/runs/${final.id}/uncollected?limit=500`,
    );
    expect(uncollected.total).toBeGreaterThan(0);
    expect(uncollected.items.every((s) => s.paidOn === null)).toBe(true);
    const all = await api.call<{ items: Share[]; total: number }>(
      `/shu/runs/${final.id}/members?limit=500`,
    );
    const channels = new Set(all.items.map((s) => s.paidChannel));
    expect(channels).toEqual(new Set(['sukarela', 'cash', null]));

    await withPage(
      'shu-distributed',
      async (page) => {
        await openShu(page);
        await page.getByTestId(`shu-open-${final.id}`).click();
        await page.getByTestId('shu-run').waitFor({ timeout: 30_000 });
        expect(await page.getByTestId('shu-run-kind').textContent()).toBe('Final');
        expect(await page.getByTestId('shu-final-rat').textContent()).toContain(
          '01/RAT/KSP-SBP/III/2026',
        );
        expect(await page.getByTestId('shu-distributed').textContent()).toMatch(
          /^Dibukukan 20 Mar 2026 \(jurnal [0-9]+\)\.$/,
        );
        const count = page.getByTestId('shu-uncollected-count');
        await expect
          .poll(() => count.textContent(), { timeout: 30_000 })
          .toBe(`1–${Math.min(20, uncollected.total)} dari ${uncollected.total}`);
        expect(await axeViolations(page)).toEqual([]);
      },
      LAPTOP,
    );
  }, 180_000);

  it('the pengurus writes the AD/ART settings, simulates 2026 and reads the shares', async () => {
    orgId = (await apiAs('ksp.pengurus')).orgId;
    await withPage(
      'shu-pengurus',
      async (page) => {
        await openShu(page);
        expect(await axeViolations(page)).toEqual([]);

        // the AD/ART: the live total follows every keystroke, the save waits for 100 %
        await page.getByTestId('shu-valid-from').fill('2025');
        const posts: [string, string][] = [
          ['cadangan', '40'],
          ['jasaModal', '20'],
          ['jasaUsaha', '30'],
          ['danaPengurus', '5'],
          ['danaKaryawan', '5'],
          ['danaPendidikan', '2,5'],
          ['danaSosial', '2,5'],
          ['danaPembangunanDaerahKerja', '0'],
        ];
        for (const [post, value] of posts)
          await page.getByTestId(`shu-allocation-${post}`).fill(value);
        const total = page.getByTestId('shu-allocation-total');
        await expect.poll(() => total.textContent()).toBe('Jumlah: 105 %');
        expect(await page.getByTestId('shu-settings-save').isDisabled()).toBe(true);
        await page.getByTestId('shu-allocation-jasaUsaha').fill('25');
        await expect.poll(() => total.textContent()).toBe('Jumlah: 100 %');
        expect(await page.getByTestId('shu-settings-save').isDisabled()).toBe(false);
        await page.getByTestId('shu-source').fill('AD/ART Pasal 30 ayat 2');

        // a policy the server refuses comes back at its field, nothing saved
        const before = (await page.getByTestId('shu-settings-version').textContent()) ?? '';
        await page.getByLabel('Potong angsuran pinjaman yang tertunggak').check();
        await page.getByTestId('shu-settings-save').click();
        const settings = page.getByTestId('shu-settings');
        await expect
          .poll(() => settings.textContent())
          .toContain('pemotongan angsuran tertunggak belum dibukukan');
        expect(await page.getByTestId('shu-settings-version').textContent()).toBe(before);
        expect(await axeViolations(page)).toEqual([]);
        await page.getByLabel('Potong angsuran pinjaman yang tertunggak').uncheck();
        await page.getByLabel('Potong tunggakan simpanan wajib').check();
        await page.getByTestId('shu-settings-save').click();
        await page.getByTestId('shu-settings-notice').waitFor();
        // a new version, whether the demo had settings before or not
        await expect
          .poll(() => page.getByTestId('shu-settings-version').textContent())
          .not.toBe(before);
        expect(await page.getByTestId('shu-settings-version').textContent()).toMatch(
          /^Versi [1-9][0-9]*, berlaku sejak tahun 2025$/,
        );

        // simulate 2026 from the books (the year is open: income less expense)
        await page.getByTestId('shu-sim-year').fill('2026');
        await page.getByTestId('shu-sim-payout').fill('2026-12-20');
        await page.getByTestId('shu-simulate').click();
        const run = page.getByTestId('shu-run');
        // the page showed the final 2025 run before; the new simulation replaces it
        await expect
          .poll(() => page.getByTestId('shu-run-kind').textContent(), { timeout: 120_000 })
          .toBe('Simulasi');
        expect(await run.textContent()).toContain('pendapatan dikurangi beban');
        expect(await page.getByTestId('shu-run-shu').textContent()).toMatch(/^Rp\s?[1-9][0-9.]*$/);
        // the allocation's figures: 40 % of the members' SHU to the reserve, Rp 0 to the last post
        const figures = (await page.getByTestId('shu-allocation-table').textContent()) ?? '';
        expect(figures).toContain('Dana pembangunan daerah kerjaRp\u00a00');
        const count = page.getByTestId('shu-members-count');
        await expect
          .poll(() => count.textContent(), { timeout: 30_000 })
          .toMatch(/^1–20 dari [1-9][0-9.]*$/);
        expect(await axeViolations(page)).toEqual([]);

        // search by the first member's number: that member alone
        const firstNumber =
          (await page
            .getByTestId('shu-members-table')
            .locator('tbody tr')
            .first()
            .locator('td')
            .first()
            .textContent()) ?? '';
        expect(firstNumber).not.toBe('');
        await page.getByTestId('shu-members-search').fill(firstNumber);
        await expect.poll(() => count.textContent()).toBe('1–1 dari 1');

        // the final run waits for the year-end close
        await page.getByTestId('shu-rat-reference').fill('01/RAT/KSP/III/2027');
        await page.getByTestId('shu-rat-date').fill('2027-03-14');
        await page.getByTestId('shu-final-payout').fill('2027-03-20');
        await page.getByTestId('shu-finalize-request').click();
        await expect
          .poll(() => page.getByTestId('shu-finalize').getByRole('alert').first().textContent())
          .toContain('Tahun buku 2026 belum ditutup');
        expect(await axeViolations(page)).toEqual([]);
      },
      LAPTOP,
    );
  }, 300_000);

  it('the member on a 360 px phone reads their 2025 slip from their own figures and downloads the PDF', async () => {
    const member = await apiAs('ksp.anggota');
    const slips = await member.call<{ items: Slip[] }>('/me/shu');
    const mine = slips.items[0]!;
    expect(mine.run.year).toBe(2025);
    expect(mine.run.kind).toBe('final');
    // Siti Aminah repaid a loan from the old books in 2025: both parts of her share are hers
    expect(BigInt(mine.share.jasaModalRupiah)).toBeGreaterThan(0n);
    expect(BigInt(mine.share.jasaUsahaLines.pinjaman!.participation)).toBeGreaterThan(0n);
    expect(BigInt(mine.share.jasaUsahaRupiah)).toBeGreaterThan(0n);
    expect(mine.share.paidChannel).toBe('sukarela');
    await withPage(
      'shu-portal-phone',
      async (page) => {
        await login(page, demo.server.baseUrl, 'ksp.anggota');
        const card = page.getByTestId('my-shu');
        await card.waitFor({ timeout: 30_000 });
        expect(await card.textContent()).toContain('SHU Anda tahun 2025');
        // the figures on the phone are hers, as the API gives them
        const digits = async (id: string) =>
          ((await page.getByTestId(id).textContent()) ?? '').replace(/[^0-9]/g, '');
        expect(await digits('my-shu-jasa-modal')).toBe(mine.share.jasaModalRupiah);
        expect(await digits('my-shu-jasa-usaha')).toBe(mine.share.jasaUsahaRupiah);
        expect(await digits('my-shu-net')).toBe(mine.share.netRupiah);
        expect(await page.getByTestId('my-shu-modal-text').textContent()).toContain(
          'saldo akhir tahun',
        );
        // her loan interest paid in 2025 beside everyone's
        expect(await card.textContent()).toContain(
          `Anda Rp${'\u00a0'}${BigInt(mine.share.jasaUsahaLines.pinjaman!.participation).toLocaleString('id-ID')} dari seluruhnya`,
        );
        expect(await page.getByTestId('my-shu-paid').textContent()).toBe(
          'Sudah dibayar ke simpanan sukarela Anda pada 1 Apr 2026.',
        );
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
          360,
        );
        expect(await axeViolations(page)).toEqual([]);
        // the PDF behind the link, with the member's session
        const href = (await page.getByTestId('my-shu-pdf').getAttribute('href')) ?? '';
        expect(href).toBe(`/api/v1/orgs/${member.orgId}/me/shu/2025/slip`);
        const pdf = await page.evaluate(async (url) => {
          const r = await fetch(url);
          const bytes = new Uint8Array(await r.arrayBuffer());
          return {
            status: r.status,
            type: r.headers.get('content-type'),
            head: String.fromCharCode(...bytes.slice(0, 5)),
            size: bytes.length,
          };
        }, href);
        expect(pdf).toMatchObject({ status: 200, type: 'application/pdf', head: '%PDF-' });
        expect(pdf.size).toBeGreaterThan(1000);
      },
      PHONE,
    );
  }, 120_000);
});
