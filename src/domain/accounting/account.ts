/**
 * An account as every chart of accounts defines it (templates: chart-templates.ts): its class, the
 * side its balance normally sits on, its place in the tree, and whether entries post to it.
 */
export type AccountType = 'aset' | 'kewajiban' | 'ekuitas' | 'pendapatan' | 'beban';
export type NormalBalance = 'debit' | 'credit';
/** Where the account's movements land in the cash flow statement ('cash' is cash itself). */
export type CashFlowClass = 'cash' | 'operating' | 'investing' | 'financing';

export interface AccountDefinition {
  code: string;
  name: string;
  type: AccountType;
  normalBalance: NormalBalance;
  parentCode: string | null;
  isPostable: boolean;
}
