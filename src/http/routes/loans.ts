import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../services/context.js';
import { loanApplicationRoutes } from './loans/applications.js';
import { loanLatePaymentRoutes } from './loans/late-payment.js';
import { loanProductRoutes } from './loans/products.js';
import { loanProfitSharingRoutes } from './loans/profit-sharing.js';
import { loanReportRoutes } from './loans/reports.js';
import { loanServicingRoutes } from './loans/servicing.js';

/**
 * Loans and financing. The order is the OpenAPI document's order of these paths (and so of
 * web/src/api/schema.d.ts): a product, its application, the loan, and the reports over them.
 */
export async function loanRoutes(api: FastifyInstance, deps: Deps): Promise<void> {
  await loanProductRoutes(api, deps);
  await loanApplicationRoutes(api, deps);
  await loanServicingRoutes(api, deps);
  await loanLatePaymentRoutes(api, deps);
  await loanProfitSharingRoutes(api, deps);
  await loanReportRoutes(api, deps);
}
