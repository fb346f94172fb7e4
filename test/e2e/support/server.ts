import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { spawnServer } from '../../support/spawn-server.js';
import { axeViolations } from './axe.js';
import { E2E_TEMPLATE_DIR } from './global-setup.js';

export interface RunningServer {
  baseUrl: string;
  stop(): Promise<void>;
}

/**
 * Starts the real server (`sokoguru serve --demo`) on a fresh embedded database: a copy of the
 * run's seeded template (see global-setup.ts), or seeded on start when there is none.
 */
export async function startServer(): Promise<RunningServer> {
  const dir = mkdtempSync(join(tmpdir(), 'sg-e2e-'));
  const template = join(E2E_TEMPLATE_DIR, 'data');
  if (existsSync(template)) cpSync(template, join(dir, 'data'), { recursive: true });
  const server = await spawnServer({
    env: { SOKOGURU_DATA_DIR: join(dir, 'data'), DATABASE_URL: '' },
    // a copy starts in about a second; seeding on start takes 25-35 s, more on a loaded machine
    startTimeoutMs: 180_000,
  }).catch((err: unknown) => {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  });
  return {
    baseUrl: server.url,
    async stop() {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * Runs a step; the page it ends on must pass axe (WCAG 2 A/AA). Keeps a screenshot when the step
 * or the check fails, for the CI log.
 */
export async function screenshotOnFailure<T>(
  page: Page,
  name: string,
  fn: () => Promise<T>,
): Promise<T> {
  try {
    const result = await fn();
    // Swagger UI (/api/docs) is a third-party page, checked there for the CSP only
    if (!page.isClosed() && page.url().startsWith('http') && !page.url().includes('/api/docs'))
      expect(await axeViolations(page), `axe on ${page.url()}`).toEqual([]);
    return result;
  } catch (err) {
    mkdirSync('test-results', { recursive: true });
    await page
      .screenshot({ path: `test-results/${name}.png`, fullPage: true })
      .catch(() => undefined);
    throw err;
  }
}

export const DEMO_PASSWORD = 'Sokoguru#2026';

export async function login(
  page: Page,
  baseUrl: string,
  username: string,
  password = DEMO_PASSWORD,
): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

export interface Viewport {
  width: number;
  height: number;
}
export const DESKTOP: Viewport = { width: 1280, height: 800 };
export const PHONE: Viewport = { width: 360, height: 740 };

export interface DemoBrowser {
  readonly server: RunningServer;
  readonly browser: Browser;
  /** A fresh page for one step; a screenshot is kept when the step fails, the page always closed. */
  withPage<T>(name: string, fn: (page: Page) => Promise<T>, viewport?: Viewport): Promise<T>;
}

/**
 * Every page the browser opens reports what the Content-Security-Policy refused (the browser
 * logs each refusal to the console) into `violations`.
 */
function watchContentSecurityPolicy(browser: Browser, violations: string[]): Browser {
  const newPage = browser.newPage.bind(browser);
  browser.newPage = async (options) => {
    const page = await newPage(options);
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(`${page.url()}: ${m.text()}`);
    });
    return page;
  };
  return browser;
}

/**
 * One demo server and one browser for the test file that calls this at its top level (hooks are
 * registered here, so a file's own beforeAll runs after the server is up).
 */
export function useDemoBrowser(): DemoBrowser {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  const violations: string[] = [];
  beforeAll(async () => {
    server = await startServer();
    browser = watchContentSecurityPolicy(await launchBrowser(), violations);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    // every page of the file ran under the server's Content-Security-Policy without a refusal
    expect(violations).toEqual([]);
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined)
      throw new Error('the demo server is not started yet (use it in a test)');
    return value;
  };
  return {
    get server() {
      return started(server);
    },
    get browser() {
      return started(browser);
    },
    async withPage<T>(name: string, fn: (page: Page) => Promise<T>, viewport = DESKTOP) {
      const page = await started(browser).newPage({ viewport });
      try {
        return await screenshotOnFailure(page, name, () => fn(page));
      } finally {
        await page.close();
      }
    },
  };
}

/**
 * Files cooperatives in the demo city office's registry through the API, as its administrator:
 * each entry is the registry fields of `POST /orgs/:orgId/registry` (Kota Pekalongan, regency
 * membership, filled in here). Every filing must be accepted.
 */
export async function fileDemoCooperatives(
  baseUrl: string,
  entries: ({ name: string; cooperativeType: string } & Record<string, unknown>)[],
): Promise<void> {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'dinas.admin', password: DEMO_PASSWORD }),
  });
  expect(res.status).toBe(200);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  const { csrfToken, memberships } = (await res.json()) as {
    csrfToken: string;
    memberships: { organizationId: string }[];
  };
  for (const entry of entries) {
    const filed = await fetch(`${baseUrl}/api/v1/orgs/${memberships[0]!.organizationId}/registry`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
      body: JSON.stringify({
        cooperativeForm: 'primer',
        membershipArea: 'regency',
        provinceCode: '33',
        regencyCode: '3375',
        ...entry,
      }),
    });
    expect(filed.status, await filed.clone().text()).toBe(201);
  }
}
