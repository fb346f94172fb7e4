import { decide } from '../../src/services/approvals.js';
import type { Deps, OrgContext } from '../../src/services/context.js';
import {
  analyseApplication,
  createApplication,
  submitForApproval,
  type ApplicationInput,
} from '../../src/services/loans.js';

/** What an application asks for; no collateral and no guarantor unless it says so. */
export type ApplicationTerms = Omit<ApplicationInput, 'collateral' | 'guarantor'> &
  Partial<Pick<ApplicationInput, 'collateral' | 'guarantor'>>;

/**
 * An application the officer files, analyses (recommending approval) and submits, approved by the
 * checker (another user: maker-checker), ready to disburse.
 */
export async function approvedApplication(
  deps: Deps,
  staff: { officer: OrgContext; checker: OrgContext },
  terms: ApplicationTerms,
  notes = 'layak',
) {
  const app = await createApplication(deps, staff.officer, {
    collateral: [],
    guarantor: null,
    ...terms,
  });
  await analyseApplication(deps, staff.officer, BigInt(app.id), {
    notes,
    recommendation: 'approve',
  });
  const { approvalId } = await submitForApproval(deps, staff.officer, BigInt(app.id));
  await decide(deps, staff.checker, BigInt(approvalId), { approve: true });
  return app;
}
