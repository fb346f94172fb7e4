import type { Command } from 'commander';
import { registerCloseMonth } from './close-month.js';
import { registerReport } from './report.js';
import { registerImport } from './import.js';
import { registerCalc } from './calc.js';
import { registerLoans } from './loans.js';

/** Commands contributed by the areas (reports, month-end, imports, calculators, loans). */
export function registerExtensions(program: Command): void {
  registerCloseMonth(program);
  registerReport(program);
  registerImport(program);
  registerCalc(program);
  registerLoans(program);
}
