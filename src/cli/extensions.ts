import type { Command } from 'commander';
import { registerCloseMonth } from './close-month.js';
import { registerReport } from './report.js';
import { registerImport } from './import.js';
import { registerCalc } from './calc.js';

/** Commands contributed by the areas (reports, month-end, imports, calculators). */
export function registerExtensions(program: Command): void {
  registerCloseMonth(program);
  registerReport(program);
  registerImport(program);
  registerCalc(program);
}
