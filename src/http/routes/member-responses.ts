import { z } from 'zod';
import { rupiahOut } from './responses.js';

/** Response schemas of the member routes (members.ts, imports.ts): services/members/read.ts's views. */

export const memberSchema = z.object({
  id: z.string(),
  memberNumber: z.string().nullable(),
  status: z.enum(['applicant', 'rejected', 'active', 'suspended', 'leaving', 'left', 'deceased']),
  nik: z.string(),
  fullName: z.string(),
  birthPlace: z.string().nullable(),
  birthDate: z.string(),
  gender: z.enum(['L', 'P']),
  address: z.string().nullable(),
  provinceCode: z.string().nullable(),
  regencyCode: z.string().nullable(),
  districtCode: z.string().nullable(),
  villageCode: z.string().nullable(),
  phone: z.string().nullable(),
  occupation: z.string().nullable(),
  branchId: z.string().nullable(),
  joinedOn: z.string().nullable(),
  leftOn: z.string().nullable(),
  exitReason: z.string().nullable(),
  hasPortalLogin: z.boolean(),
});

export const memberPageSchema = z.object({
  total: z.number().int(),
  items: z.array(memberSchema.extend({ wajibArrearsRupiah: rupiahOut })),
});

/** One member with heirs, documents, accounts, loans, wajib arrears and totals. */
export const memberSummarySchema = memberSchema.extend({
  heirs: z.array(
    z.object({
      fullName: z.string(),
      relationship: z.string(),
      nik: z.string().nullable(),
      phone: z.string().nullable(),
    }),
  ),
  documents: z.array(z.enum(['ktp', 'photo'])),
  accounts: z.array(
    z.object({
      id: z.string(),
      accountNumber: z.string(),
      kind: z.string(),
      productName: z.string(),
      status: z.string(),
      balanceRupiah: rupiahOut,
      openedOn: z.string(),
      maturityOn: z.string().nullable(),
      annualRateBps: z.number().nullable(),
    }),
  ),
  loans: z.array(
    z.object({
      id: z.string(),
      loanNumber: z.string(),
      status: z.string(),
      principalRupiah: rupiahOut,
      outstandingPrincipalRupiah: rupiahOut,
      collectibility: z.string().nullable(),
    }),
  ),
  wajib: z
    .object({
      asOf: z.string(),
      monthlyAmountRupiah: rupiahOut,
      arrearsRupiah: rupiahOut,
      monthsOwed: z.number().int(),
      advanceRupiah: rupiahOut,
      periods: z.array(
        z.object({
          yearMonth: z.string(),
          dueRupiah: rupiahOut,
          paidRupiah: rupiahOut,
          owedRupiah: rupiahOut,
        }),
      ),
    })
    .nullable(),
  totals: z.object({ savingsRupiah: rupiahOut, loansOutstandingRupiah: rupiahOut }),
});

export const registeredSchema = z.object({
  id: z.string(),
  status: z.literal('applicant'),
  approvalId: z.string(),
});

/** After a suspension or reactivation: 'suspended' or 'active'. */
export const memberStatusSchema = z.object({ id: z.string(), status: z.string() });

export const portalLoginSchema = z.object({ userId: z.string(), username: z.string() });

export const documentStoredSchema = z.object({
  kind: z.enum(['ktp', 'photo']),
  contentType: z.string(),
  bytes: z.number().int(),
});

export const importResultSchema = z.object({
  imported: z.number().int(),
  openingBalancesRupiah: z.object({ pokok: rupiahOut, wajib: rupiahOut, sukarela: rupiahOut }),
  entryId: z.string().nullable(),
});
