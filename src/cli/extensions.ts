import type { Command } from 'commander';

/** Commands contributed by the areas (reports, month-end, imports, calculators). */
export function registerExtensions(_program: Command): void {}
