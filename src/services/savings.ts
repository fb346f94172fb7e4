/**
 * Members' savings: the use cases, split by what they do under services/savings/ (products,
 * accounts, counter movements, time deposits, a member's exit, statements and receipts, loans
 * through savings); their queries are in src/db/savings*.repo.ts. Importing this module also
 * registers the large-withdrawal approval and the savings month-end steps.
 */
export * from './savings/products.js';
export {
  getAccount,
  insertAccount,
  lockAccounts,
  openAccount,
  openDefaultAccounts,
  searchAccounts,
} from './savings/accounts.js';
export { deposit, move, transfer, withdraw, type MovementResult } from './savings/movements.js';
export * from './savings/berjangka.js';
export * from './savings/exit.js';
export * from './savings/statements.js';
export * from './savings/loans.js';
export { accountAkad, acceptNisbah, proposeNisbah } from './savings/akad.js';
export type { AccountRow, ProductRow } from '../db/savings.repo.js';
import './savings-month-end.js';
import './bagi-hasil.js'; // a KSPPS's profit distribution, a month-end step after the interest
