// Shapes of the loans API, as the routes declare them (src/http/routes/loan-responses.ts, generated
// into web/src/api/schema.d.ts by `npm run gen:api`).
import type { Answer } from '../../api';

export type Product = Answer<'/api/v1/orgs/{orgId}/loan-products'>['items'][number];
export type Application = Answer<'/api/v1/orgs/{orgId}/loan-applications'>['items'][number];
export type Loan = Answer<'/api/v1/orgs/{orgId}/loans'>['items'][number];
type LoanDetail = Answer<'/api/v1/orgs/{orgId}/loans/{loanId}'>;
export type Instalment = LoanDetail['schedules'][number]['instalments'][number];
export type CashSession = NonNullable<Answer<'/api/v1/orgs/{orgId}/cash-sessions/mine'>['session']>;
export type Disbursed = Answer<
  '/api/v1/orgs/{orgId}/loan-applications/{applicationId}/disbursement',
  'post'
>;
