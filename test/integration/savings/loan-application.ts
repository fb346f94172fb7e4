import type { Deps } from '../../../src/services/context.js';
import { createProduct } from '../../../src/services/loans.js';
import { makeUser } from '../../support/fixtures.js';
import { approvedApplication, type ApplicationTerms } from '../../support/loan-application.js';
import { staffContext } from '../../support/outcome.js';
import { FLAT_PRODUCT } from '../loans/setup.js';
import type { savingsWorld } from './setup.js';

/**
 * An application for the flat product (1.5 % a month, provisi 1 %, admin Rp 50,000) made in a
 * savings world: filed by its pengurus, approved by a second pengurus.
 */
export async function approvedFlatApplication(
  deps: Deps,
  w: Awaited<ReturnType<typeof savingsWorld>>,
  terms: Omit<ApplicationTerms, 'productId'>,
  notes?: string,
) {
  const product = await createProduct(deps, w.pengurus, FLAT_PRODUCT);
  const checker = await makeUser(deps, w.coop, ['pengurus']);
  return approvedApplication(
    deps,
    { officer: w.pengurus, checker: staffContext(w.coop.id, checker, ['pengurus']) },
    { productId: BigInt(product.id), ...terms },
    notes,
  );
}
