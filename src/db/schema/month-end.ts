// The month-end close: one run per cooperative and month, one row per step done (migration 0006).
import type { Generated } from 'kysely';
import type { Json } from './columns.js';

export interface MonthEndRunsTable {
  cooperative_id: string;
  period: string;
  status: Generated<'running' | 'done'>;
  started_at: Generated<Date>;
  finished_at: Date | null;
}

export interface MonthEndStepsTable {
  cooperative_id: string;
  period: string;
  step: string;
  done_at: Generated<Date>;
  result: Generated<Json>;
}

export interface MonthEndTables {
  month_end_runs: MonthEndRunsTable;
  month_end_steps: MonthEndStepsTable;
}
