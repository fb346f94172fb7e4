/// <reference lib="dom" />
import { beforeAll, describe, expect, it } from 'vitest';
import { apiAs as apiSession } from './support/api.js';
import { axeViolations } from './support/axe.js';
import { login, PHONE, useDemoBrowser, type Viewport } from './support/server.js';

/**
 * The RAT in the browser (issue 17 items 4 and 6; docs/domain/rat.md): (a) the pengurus of the demo
 * consumer cooperative, which has no RAT yet, plans the 2025 RAT on a laptop with the usual agenda (the date is
 * past 30 June 2026, so the form asks for the reason), sends the invitations and sees the quorum
 * card; (b) the member, on a 360 px phone, sees the invitation of a hybrid RAT held today (planned
 * through the API with no invitation lead) with the QR code, and checks in online; (c) at the door
 * the pengurus types the member's QR code of another RAT held today and its quorum count goes up.
 * axe on every step (the harness checks each page a step ends on, and the steps check between).
 */

const demo = useDemoBrowser();
const { withPage } = demo;
const LAPTOP: Viewport = { width: 1366, height: 900 };
const DAY = 86_400_000;
/** The Jakarta date `days` from now (the server's business calendar, UTC+7). */
const jakarta = (days = 0) =>
  new Date(Date.now() + 7 * 3_600_000 + days * DAY).toISOString().slice(0, 10);

const apiAs = async (username: string) => (await apiSession(demo.server.baseUrl, username)).call;

interface MyRat {
  items: { id: string; bookYear: number; qr: string | null; checkedInAt: string | null }[];
}

/** A RAT of an earlier book year held today (late, with its reason; no invitation lead). */
const today = (bookYear: number) => ({
  bookYear,
  mode: 'hybrid',
  scheduledOn: jakarta(),
  startsAt: '08:00',
  location: 'Aula Balai Desa',
  onlineUrl: 'https://meet.example.org/rat-ksp',
  lateReason: `RAT tahun buku ${bookYear} belum pernah diadakan`,
  rules: { invitationLeadDays: 0 },
});

beforeAll(async () => {
  const pengurus = await apiAs('ksp.pengurus');
  await pengurus('/rat/meetings', today(2024));
  await pengurus('/rat/meetings', today(2023));
});

describe('the RAT in the browser', () => {
  it('(a) the pengurus plans the 2025 RAT with the usual agenda, invites, sees the quorum', async () => {
    await withPage(
      'rat-plan',
      async (page) => {
        // the demo KSP held its 2025 RAT already (src/services/demo/rat-shu.ts)
        await login(page, demo.server.baseUrl, 'konsumen.pengurus');
        await page.getByTestId('nav-rat').click();
        // no RAT yet: the list is empty, the plan button is there
        await page.getByTestId('rat-new').waitFor({ timeout: 20_000 });
        expect(await page.getByTestId('rat-meetings').count()).toBe(0);
        expect(await axeViolations(page)).toEqual([]);
        await page.getByTestId('rat-new').click();
        const form = page.getByTestId('rat-plan');
        await form.waitFor();
        expect(await page.getByTestId('rat-plan-year').inputValue()).toBe('2025');
        // the usual six items, the SHU by secret ballot
        expect(await form.locator('[data-testid^="rat-plan-item-"]').count()).toBe(6);
        // no reason asked before the date is past the deadline
        expect(await page.getByTestId('rat-plan-late-reason').count()).toBe(0);
        await page.getByTestId('rat-plan-date').fill(jakarta(20));
        await page.getByTestId('rat-plan-late-reason').waitFor();
        expect(await axeViolations(page)).toEqual([]);
        // saved without the reason: refused by the server, in Indonesian
        await page.getByTestId('rat-plan-location').fill('Aula Koperasi');
        await page.getByTestId('rat-plan-save').click();
        await expect
          .poll(() => page.getByTestId('rat-plan-error').textContent())
          .toContain('alasan keterlambatan');
        expect(await axeViolations(page)).toEqual([]);
        await page
          .getByTestId('rat-plan-late-reason')
          .fill('Audit akuntan publik baru selesai bulan November');
        await page.getByTestId('rat-plan-save').click();
        const view = page.getByTestId('rat-meeting');
        await view.waitFor({ timeout: 20_000 });
        expect(await page.getByTestId('rat-status').textContent()).toBe('Direncanakan');
        expect(
          await page.locator('[data-testid^="rat-item-"][data-testid$="-status"]').count(),
        ).toBe(6);
        // the SHU item is voted by secret ballot: the pengurus is offered to prepare it
        await page.getByTestId('rat-secret-create-5').waitFor({ timeout: 20_000 });
        expect(await page.getByTestId('rat-secret-create-5').textContent()).toContain(
          'Siapkan pemungutan suara rahasia',
        );
        // the invitations: queued once per member with a phone
        await page.getByTestId('rat-invite').click();
        await expect
          .poll(() => page.getByTestId('rat-notice').textContent())
          .toMatch(/^\d+ undangan masuk antrean dari \d+ anggota/);
        const notice = (await page.getByTestId('rat-notice').textContent()) ?? '';
        const queued = Number(notice.match(/^(\d+)/)![1]);
        expect(queued).toBeGreaterThan(0);
        await expect
          .poll(() => page.getByTestId('rat-invitation-counts').textContent())
          .toMatch(new RegExp(`Antre: ${queued} · terkirim: 0|Antre: \\d+ · terkirim: \\d+`));
        // the quorum card: half + 1 of the members, nobody here yet
        const required = Number(await page.getByTestId('rat-quorum-required').textContent());
        expect(required).toBeGreaterThan(1);
        expect(await page.getByTestId('rat-quorum-counted').textContent()).toBe('0');
        expect(await page.getByTestId('rat-quorum-met').textContent()).toBe(
          'Kuorum belum tercapai',
        );
        expect(await axeViolations(page)).toEqual([]);
      },
      LAPTOP,
    );
  });

  it('(b) a member on a phone sees the invitation and the QR code and checks in online', async () => {
    await withPage(
      'rat-portal',
      async (page) => {
        await login(page, demo.server.baseUrl, 'ksp.anggota');
        const card = page.getByTestId('my-rat').filter({ hasText: 'tahun buku 2024' });
        await card.waitFor({ timeout: 30_000 });
        const text = (await card.textContent()) ?? '';
        expect(text).toContain('Anda diundang ke Rapat Anggota Tahunan tahun buku 2024');
        expect(text).toContain('(Hari ini)');
        expect(text).toContain('08:00 WIB');
        expect(text).toContain('Aula Balai Desa');
        const qr = card.getByTestId('my-rat-qr');
        await qr.waitFor();
        expect(await qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml/);
        expect(await qr.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
        expect(await card.getByTestId('my-rat-link').getAttribute('href')).toBe(
          'https://meet.example.org/rat-ksp',
        );
        // the RAT book, as the member's own download
        const book = await card.getByTestId('my-rat-book').getAttribute('href');
        expect(book).toMatch(/^\/api\/v1\/orgs\/[^/]+\/me\/rat\/\d+\/book\.pdf$/);
        const pdf = await page.evaluate(async (href) => {
          const r = await fetch(href!);
          return {
            status: r.status,
            type: r.headers.get('content-type'),
            head: (await r.text()).slice(0, 5),
          };
        }, book);
        expect(pdf).toEqual({ status: 200, type: 'application/pdf', head: '%PDF-' });
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
          360,
        );
        expect(await axeViolations(page)).toEqual([]);
        await card.getByTestId('my-rat-checkin').click();
        await card.getByTestId('my-rat-checked-in').waitFor({ timeout: 20_000 });
        expect(await card.getByTestId('my-rat-checked-in').textContent()).toContain(
          'Anda sudah tercatat hadir',
        );
        expect(await card.getByTestId('my-rat-qr').count()).toBe(0);
        expect(await axeViolations(page)).toEqual([]);
      },
      PHONE,
    );
    // the server holds the check-in
    const mine = await (await apiAs('ksp.anggota'))<MyRat>('/me/rat');
    expect(mine.items.find((m) => m.bookYear === 2024)?.checkedInAt).not.toBeNull();
  });

  it('(c) at the door the pengurus types a member’s QR code and the quorum count goes up', async () => {
    const mine = await (await apiAs('ksp.anggota'))<MyRat>('/me/rat');
    const qr = mine.items.find((m) => m.bookYear === 2023)?.qr;
    expect(qr).toBeTruthy();
    await withPage(
      'rat-door',
      async (page) => {
        await login(page, demo.server.baseUrl, 'ksp.pengurus');
        await page.getByTestId('nav-rat').click();
        await page.getByTestId('rat-view-2023-1').click();
        await page.getByTestId('rat-checkin').waitFor({ timeout: 20_000 });
        expect(await page.getByTestId('rat-quorum-present').textContent()).toBe('0');
        expect(await axeViolations(page)).toEqual([]);
        // a scanner types the code and Enter
        await page.getByTestId('rat-checkin-qr').fill(qr!);
        await page.getByTestId('rat-checkin-qr').press('Enter');
        await expect
          .poll(() => page.getByTestId('rat-quorum-present').textContent(), { timeout: 15_000 })
          .toBe('1');
        expect(await page.getByTestId('rat-quorum-counted').textContent()).toBe('1');
        expect(await page.getByTestId('rat-checkin-last').textContent()).toContain('hadir');
        await expect
          .poll(() => page.getByTestId('rat-attendance').locator('tbody tr').count())
          .toBe(1);
        expect(await page.getByTestId('rat-attendance').textContent()).toContain('Kode QR');
        // a wrong code is refused with the server's message
        await page.getByTestId('rat-checkin-qr').fill('RAT-bukan-kode-yang-benar');
        await page.getByTestId('rat-checkin-qr').press('Enter');
        await page.getByTestId('rat-checkin-error').waitFor();
        expect(await page.getByTestId('rat-quorum-present').textContent()).toBe('1');
        expect(await axeViolations(page)).toEqual([]);
        // one of 2000 is no quorum: the meeting does not open, the second call is offered
        await page.getByTestId('rat-open').click();
        await expect
          .poll(() => page.getByTestId('rat-error').textContent())
          .toContain('Kuorum belum tercapai: hadir 1 dari');
        expect(await page.getByTestId('rat-status').textContent()).toBe('Direncanakan');
        await page.getByTestId('rat-second-call').waitFor();
        expect(await axeViolations(page)).toEqual([]);
      },
      LAPTOP,
    );
  });
});
