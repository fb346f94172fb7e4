import type { Command } from 'commander';
import { registerBagiHasil } from './bagi-hasil.js';
import { registerCalc } from './calc.js';
import { registerCloseMonth } from './close-month.js';
import { registerCloseYear } from './close-year.js';
import { registerHealth } from './health.js';
import { registerImport } from './import.js';
import type { Cli } from './io.js';
import { registerLoans } from './loans.js';
import { registerRatVerify } from './rat-verify.js';
import { registerReport } from './report.js';
import { registerShu } from './shu.js';

/** Commands contributed by the areas (reports, month-end, imports, calculators, loans). */
export function registerExtensions(program: Command, cli: Cli): void {
  registerCloseMonth(program, cli);
  registerCloseYear(program, cli);
  registerReport(program, cli);
  registerImport(program, cli);
  registerCalc(program, cli);
  registerLoans(program, cli);
  registerHealth(program, cli);
  registerBagiHasil(program, cli);
  registerRatVerify(program, cli);
  registerShu(program, cli);
}
