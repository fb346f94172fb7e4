/**
 * Dewan Pengawas Syariah rules (docs/domain/sharia-dps.md). Permenkop 11/2017: a KSPPS/USPPS has a
 * DPS appointed by its rapat anggota, of at least two persons, at least one holding a DSN-MUI DPS
 * training certificate or the competency certificate of a licensed LSP; an outsider serves two
 * years, renewable; no financial-crime conviction in the five years before appointment and no
 * first-degree blood or marriage relation with the pengurus. Pure: dates are 'YYYY-MM-DD' strings
 * (they compare as text), the service loads the facts and asks these functions.
 */

export const CERTIFICATE_KINDS = ['dsn_mui_training', 'lsp_competency'] as const;
export type CertificateKind = (typeof CERTIFICATE_KINDS)[number];

export const END_REASONS = ['term_ended', 'dismissed', 'resigned', 'deceased'] as const;
export type EndReason = (typeof END_REASONS)[number];

export const REVIEW_SUBJECTS = [
  'savings_product',
  'financing_product',
  'akad_template',
  'nisbah_change',
  'denda_clause',
  'tawidh_clause',
] as const;
export type ReviewSubject = (typeof REVIEW_SUBJECTS)[number];

/** Permenkop 11/2017: at least two persons, at least one of them certified. */
export const MIN_MEMBERS = 2;
export const MIN_CERTIFIED = 1;
/** Permenkop 11/2017: an outsider's term is two years, renewable by the rapat anggota. */
export const OUTSIDER_TERM_YEARS = 2;

export interface TermFacts {
  start: string;
  /** null: open-ended (a cooperative member under the AD/ART) */
  end: string | null;
}

export interface CertificateFacts {
  kind: CertificateKind;
  issuedOn: string;
  /** null: no expiry date */
  validUntil: string | null;
}

export interface DpsMemberFacts {
  id: string;
  name: string;
  terms: readonly TermFacts[];
  endedOn: string | null;
  /** yes / no / not recorded */
  noConvictionDeclared: boolean | null;
  noRelationDeclared: boolean | null;
  certificates: readonly CertificateFacts[];
}

/** In office on `on`: within one of the terms and not ended (an end takes effect on its day). */
export function inOffice(m: DpsMemberFacts, on: string): boolean {
  if (m.endedOn !== null && m.endedOn <= on) return false;
  return m.terms.some((t) => t.start <= on && (t.end === null || on <= t.end));
}

/** A certificate counts from its issue date through its valid-until date inclusive. */
export function certificateValid(c: CertificateFacts, on: string): boolean {
  return c.issuedOn <= on && (c.validUntil === null || on <= c.validUntil);
}

/** Both declarations recorded as yes; a "no" or a missing one makes the person ineligible. */
export function declarationsClear(m: DpsMemberFacts): boolean {
  return m.noConvictionDeclared === true && m.noRelationDeclared === true;
}

export type CompositionReasonCode =
  | 'DPS_NONE'
  | 'DPS_TOO_FEW'
  | 'DPS_NO_CERTIFIED'
  | 'DPS_DECLARATION_MISSING'
  | 'DPS_DECLARATION_NEGATIVE';

export interface CompositionReason {
  code: CompositionReasonCode;
  /** the person concerned (declarations) */
  memberId?: string;
  name?: string;
}

export interface CompositionStatus {
  on: string;
  compliant: boolean;
  /** persons in office on `on` */
  inOffice: number;
  /** of them, eligible (both declarations yes) — these count toward the minimum */
  eligible: number;
  /** eligible persons holding a certificate valid on `on` */
  certified: number;
  reasons: CompositionReason[];
}

/**
 * The composition check of Permenkop 11/2017 on a date: at least two eligible persons in office,
 * at least one with a valid certificate. A person whose declarations are missing or negative is in
 * office but does not count, and is named in the reasons.
 */
export function compositionStatus(
  members: readonly DpsMemberFacts[],
  on: string,
): CompositionStatus {
  const serving = members.filter((m) => inOffice(m, on));
  const reasons: CompositionReason[] = [];
  for (const m of serving) {
    if (m.noConvictionDeclared === false || m.noRelationDeclared === false)
      reasons.push({ code: 'DPS_DECLARATION_NEGATIVE', memberId: m.id, name: m.name });
    else if (!declarationsClear(m))
      reasons.push({ code: 'DPS_DECLARATION_MISSING', memberId: m.id, name: m.name });
  }
  const eligible = serving.filter(declarationsClear);
  const certified = eligible.filter((m) => m.certificates.some((c) => certificateValid(c, on)));
  if (serving.length === 0) reasons.unshift({ code: 'DPS_NONE' });
  else if (eligible.length < MIN_MEMBERS) reasons.unshift({ code: 'DPS_TOO_FEW' });
  if (serving.length > 0 && certified.length < MIN_CERTIFIED)
    reasons.push({ code: 'DPS_NO_CERTIFIED' });
  return {
    on,
    compliant: eligible.length >= MIN_MEMBERS && certified.length >= MIN_CERTIFIED,
    inOffice: serving.length,
    eligible: eligible.length,
    certified: certified.length,
    reasons,
  };
}

/** The same day `years` later ('2024-02-29' + 1 → '2025-02-28'). */
export function addYears(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const year = y + years;
  const last = new Date(Date.UTC(year, m, 0)).getUTCDate();
  const day = Math.min(d, last);
  return `${String(year).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export type TermProblem = 'DPS_TERM_REQUIRED' | 'DPS_TERM_TOO_LONG' | 'DPS_TERM_DATES';

/**
 * An outsider's term ends at most two years after it starts (renewal is a new term by the rapat
 * anggota); a cooperative member's term may be open-ended. The rapat precedes the term.
 */
export function checkTerm(
  isCooperativeMember: boolean,
  raDate: string,
  t: TermFacts,
): TermProblem | null {
  if (raDate > t.start) return 'DPS_TERM_DATES';
  if (t.end !== null && t.end <= t.start) return 'DPS_TERM_DATES';
  if (isCooperativeMember) return null;
  if (t.end === null) return 'DPS_TERM_REQUIRED';
  if (t.end > addYears(t.start, OUTSIDER_TERM_YEARS)) return 'DPS_TERM_TOO_LONG';
  return null;
}

/**
 * Whether a change routed to the DPS waits for it or takes effect and stays flagged: with a DPS
 * in office a new product or a changed nisbah waits for its approval; with nobody in office to ask
 * (the composition status already shows that) it takes effect and the review stays open.
 */
export function reviewEffect(dpsInOffice: number): 'waits' | 'flagged' {
  return dpsInOffice > 0 ? 'waits' : 'flagged';
}

export interface ChecklistItem {
  /** the item of the KSPPS sharia-compliance checklist (sharia rubric, items 1–3) */
  item: 1 | 2 | 3;
  met: boolean;
  /** what it rests on, or what is missing */
  evidence: string[];
}

/**
 * Items 1–3 of the sharia-compliance checklist for a book year: (1) the DPS meets the Permenkop
 * 11/2017 composition at the year's end; (2) the DPS reported to DSN-MUI on that year; (3) every
 * savings product was approved by the DPS with its fatwa basis.
 */
export function complianceChecklist(
  composition: CompositionStatus,
  opinion: { reportedToDsnOn: string | null; dsnReportReference: string | null } | null,
  products: readonly {
    code: string;
    status: 'pending' | 'approved' | 'rejected' | null;
    fatwaReference: string | null;
  }[],
): ChecklistItem[] {
  const unapproved = products.filter((p) => p.status !== 'approved' || p.fatwaReference === null);
  const reported = opinion?.reportedToDsnOn ?? null;
  return [
    {
      item: 1,
      met: composition.compliant,
      evidence: composition.compliant
        ? [`${composition.eligible} DPS, ${composition.certified} certified (${composition.on})`]
        : composition.reasons.map((r) => (r.name ? `${r.code}: ${r.name}` : r.code)),
    },
    {
      item: 2,
      met: reported !== null,
      evidence:
        reported !== null
          ? [`${reported} ${opinion?.dsnReportReference ?? ''}`.trim()]
          : [opinion ? 'DPS_NOT_REPORTED' : 'DPS_NO_OPINION'],
    },
    {
      item: 3,
      met: products.length > 0 && unapproved.length === 0,
      evidence:
        unapproved.length > 0
          ? unapproved.map((p) => `${p.code}: ${p.status ?? 'not reviewed'}`)
          : products.map((p) => `${p.code}: ${p.fatwaReference ?? ''}`),
    },
  ];
}
