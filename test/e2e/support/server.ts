import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { spawnServer } from '../../support/spawn-server.js';
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

/** Keeps a screenshot when a step fails, for the CI log. */
export async function screenshotOnFailure<T>(
  page: Page,
  name: string,
  fn: () => Promise<T>,
): Promise<T> {
  try {
    return await fn();
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
