// Seeds the demo data ONCE per browser-test run into a template data directory; each test file's
// server starts on its own copy of it (a PGlite data dir is plain files). Seeding takes 25-35 s,
// so four files seeding their own would spend two minutes of CI on the same rows.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

export const E2E_TEMPLATE_DIR = join(process.cwd(), '.tmp', 'e2e-template');

export default function setup(): () => void {
  rmSync(E2E_TEMPLATE_DIR, { recursive: true, force: true });
  mkdirSync(E2E_TEMPLATE_DIR, { recursive: true });
  execFileSync(process.execPath, ['bin/sokoguru.mjs', 'seed-demo'], {
    env: {
      ...process.env,
      SOKOGURU_DATA_DIR: join(E2E_TEMPLATE_DIR, 'data'),
      DATABASE_URL: '',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
    // a ceiling, not a speed target: the seed takes about 2.5 min of CPU (the demo shop's year of
    // sales among it) and 5 min at a load of 11 on two cores
    timeout: 900_000,
  });
  return () => rmSync(E2E_TEMPLATE_DIR, { recursive: true, force: true });
}
