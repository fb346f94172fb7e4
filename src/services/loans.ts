/**
 * Loans and sharia financing: the use cases, split by concern under services/loans/. Importing
 * this module also registers the maker-checker actions (approval, restructuring, write-off) and
 * the loans' month-end steps.
 */
export * from './loans/products.js';
export * from './loans/applications.js';
export * from './loans/disbursement.js';
export * from './loans/repayment.js';
export * from './loans/reading.js';
export * from './loans/restructure.js';
export * from './loans/reports.js';
export * from './loans/auto-debit.js';
export * from './loans/profit-sharing.js';
export { classify } from './loans/month-end.js';
export { runMonthEnd, monthEndStatus, type MonthEndProgress } from './month-end.js';
import './savings-month-end.js'; // savings' month-end steps run in the same close
