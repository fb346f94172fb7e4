-- 0010 restructurings and write-offs name the approval that authorised them. The columns existed
-- (0006) but were never filled; from now on the approving transaction writes them. Rows recorded
-- before are linked to the approved request for the same loan (and, for a restructuring, the same
-- kind and effective date); a row with no such request keeps NULL.
UPDATE loan_write_offs w SET approval_id = a.id
  FROM approvals a
 WHERE w.approval_id IS NULL AND a.organization_id = w.cooperative_id
   AND a.action = 'loans.write-off' AND a.status = 'approved'
   AND a.payload->>'loanId' = w.loan_id::text;

UPDATE loan_restructurings r SET approval_id = a.id
  FROM approvals a
 WHERE r.approval_id IS NULL AND a.organization_id = r.cooperative_id
   AND a.action = 'loans.restructure' AND a.status = 'approved'
   AND a.payload->>'loanId' = r.loan_id::text
   AND a.payload->>'kind' = r.kind
   AND a.payload->>'effectiveOn' = r.effective_on::text;
