import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Deps } from '../../services/context.js';
import type { AppOptions } from '../app.js';
import { authRoutes } from './auth.js';
import { organizationRoutes } from './organizations.js';
import { approvalRoutes } from './approvals.js';
import { bagiHasilRoutes } from './bagi-hasil.js';
import { baitulMaalRoutes } from './baitul-maal.js';
import { cashDeskRoutes } from './cashdesk.js';
import { dpsRoutes } from './dps.js';
import { ledgerRoutes } from './ledger.js';
import { loanRoutes } from './loans.js';
import { memberRoutes, registerBinaryBodies } from './members.js';
import { savingsRoutes } from './savings.js';
import { importRoutes } from './imports.js';
import { regionRoutes } from './regions.js';
import { registryRoutes } from './registry.js';
import { earlyWarningRoutes } from './early-warning.js';
import { ratBallotRoutes } from './rat-ballots.js';
import { ratComplianceRoutes } from './rat-compliance.js';
import { ratRoutes } from './rat.js';
import { caseFileRoutes } from './case-file.js';
import { mediationRoutes } from './mediation.js';
import { inspectionRoutes } from './inspections.js';
import { sanctionRoutes } from './sanctions.js';
import { koperasiModernRoutes } from './koperasi-modern.js';
import { trainingRoutes } from './training.js';
import { fundingReferralRoutes } from './funding-referrals.js';
import { officerQueueRoutes } from './officer-queue.js';
import { healthAssessmentRoutes } from './health-assessments.js';
import { statementRoutes } from './statements.js';
import { dashboardRoutes } from './dashboard.js';
import { dinasDashboardRoutes } from './dinas-dashboard.js';
import { openDataRoutes } from './open-data.js';
import { supervisionReportRoutes } from './supervision-reports.js';
import { shopRoutes } from './shop.js';
import { marketplaceRoutes } from './marketplace.js';
import { shuRoutes } from './shu.js';
import { mlijoRoutes } from './mlijo.js';
import { yearEndRoutes } from './year-end.js';
import { checkReadiness } from '../../services/health.js';

/** Every area registers its routes here, under /api/v1. */
export async function registerRoutes(
  api: FastifyInstance,
  deps: Deps,
  options: AppOptions,
): Promise<void> {
  api.get(
    '/health',
    {
      config: { access: 'public' },
      schema: {
        tags: ['system'],
        summary: 'Readiness: the server answers and its database answers (503 while it does not)',
        response: {
          200: z.object({ status: z.literal('ok'), database: z.enum(['pglite', 'postgres']) }),
        },
      },
    },
    async () => ({ status: 'ok' as const, ...(await checkReadiness(deps)) }),
  );
  api.get(
    '/health/live',
    {
      config: { access: 'public' },
      schema: {
        tags: ['system'],
        summary: 'Liveness: the process answers (whatever the database does)',
        response: { 200: z.object({ status: z.literal('ok') }) },
      },
    },
    async () => ({ status: 'ok' as const }),
  );
  await authRoutes(api, deps, options);
  await organizationRoutes(api, deps);
  await approvalRoutes(api, deps);
  await ledgerRoutes(api, deps);
  await regionRoutes(api);
  await statementRoutes(api, deps);
  await shuRoutes(api, deps);
  await shopRoutes(api, deps);
  await marketplaceRoutes(api, deps);
  await yearEndRoutes(api, deps);
  await mlijoRoutes(api, deps);
  await dashboardRoutes(api, deps);
  await cashDeskRoutes(api, deps);
  await loanRoutes(api, deps);
  registerBinaryBodies(api);
  await memberRoutes(api, deps);
  await savingsRoutes(api, deps);
  await importRoutes(api, deps);
  await registryRoutes(api, deps);
  await healthAssessmentRoutes(api, deps);
  await earlyWarningRoutes(api, deps);
  await ratComplianceRoutes(api, deps);
  await ratRoutes(api, deps);
  await ratBallotRoutes(api, deps);
  await caseFileRoutes(api, deps);
  await mediationRoutes(api, deps);
  await inspectionRoutes(api, deps);
  await sanctionRoutes(api, deps);
  await koperasiModernRoutes(api, deps);
  await dinasDashboardRoutes(api, deps);
  await openDataRoutes(api, deps);
  await supervisionReportRoutes(api, deps);
  await baitulMaalRoutes(api, deps);
  await dpsRoutes(api, deps);
  await bagiHasilRoutes(api, deps);
  await trainingRoutes(api, deps);
  await fundingReferralRoutes(api, deps);
  await officerQueueRoutes(api, deps);
}
