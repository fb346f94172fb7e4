/**
 * The files Sokoguru keeps as documents and evidence (a member's identity papers, an examiner's
 * evidence, a finding's photo, a RAT's minutes): scans and photos as JPEG or PNG, and PDF. The
 * database tables that hold them check the same list.
 */
export const DOCUMENT_TYPES = ['image/jpeg', 'image/png', 'application/pdf'] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

export const isDocumentType = (contentType: string): contentType is DocumentType =>
  (DOCUMENT_TYPES as readonly string[]).includes(contentType);
