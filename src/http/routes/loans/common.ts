import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { renderExcel } from '../../../reports/excel.js';
import { renderPdf } from '../../../reports/pdf.js';
import type { ReportDocument } from '../../../reports/table.js';
import { idString, orgParams } from '../schemas.js';

/** The loan routes' shared inputs and the answer of their documents (contract, reports). */

export const tags = ['loans'];

/** Whole rupiah, zero allowed (fees, collateral values, discounts). */
export const rupiah = z.string().regex(/^[0-9]{1,15}$/);
export const percent = z.string().regex(/^[0-9]{1,3}(\.[0-9]{1,6})?$/);
export const methodEnum = z.enum([
  'flat',
  'effective',
  'annuity',
  'murabahah',
  'ijarah',
  'qardh',
  'mudharabah',
  'musyarakah',
]);
export const loanParams = orgParams.extend({ loanId: idString });
export const appParams = orgParams.extend({ applicationId: idString });

export const formatQuery = z.object({ format: z.enum(['json', 'pdf', 'xlsx']).default('json') });

/** A report or contract as the download the client asked for, or as JSON. */
export async function sendDocument(
  reply: FastifyReply,
  doc: ReportDocument,
  format: 'json' | 'pdf' | 'xlsx',
  name: string,
) {
  if (format === 'pdf')
    return reply
      .type('application/pdf')
      .header('content-disposition', `attachment; filename="${name}.pdf"`)
      .send(await renderPdf(doc));
  if (format === 'xlsx')
    return reply
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="${name}.xlsx"`)
      .send(await renderExcel(doc));
  return reply
    .type('application/json')
    .send(JSON.stringify(doc, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)));
}
