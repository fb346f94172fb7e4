import { createDesk, openSession } from '../../src/services/cashdesk.js';
import type { Deps, OrgContext } from '../../src/services/context.js';
import { createBranch } from '../../src/services/organizations.js';

/** The head office (KP) and its first teller desk (KP1), made by a manager of the cooperative. */
export async function headOfficeDesk(deps: Deps, manager: OrgContext) {
  const kp = await createBranch(deps, manager, {
    code: 'KP',
    name: 'Kantor Pusat',
    isHeadOffice: true,
  });
  const desk = await createDesk(deps, manager, {
    branchId: BigInt(kp.body.id),
    code: 'KP1',
    name: 'Teller 1',
  });
  return { branchId: BigInt(kp.body.id), desk };
}

/** The head office's desk with a session the teller has opened on it with this float. */
export async function openHeadOfficeSession(
  deps: Deps,
  manager: OrgContext,
  teller: OrgContext,
  day: { businessDate: string; openingFloatRupiah: bigint },
) {
  const { branchId, desk } = await headOfficeDesk(deps, manager);
  const session = await openSession(deps, teller, { deskId: BigInt(desk.id), ...day });
  return { branchId, sessionId: BigInt(session.id) };
}
