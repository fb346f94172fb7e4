-- 0023 early warning over a province (docs/domain/supervision-early-warning.md).
--
-- The watch list read each cooperative's cash and current liabilities out of the report's JSON and
-- found the latest version by sorting every quarterly report of the region: measured on the
-- 20,000-cooperative province of bench/province.ts, the province's indicators took 275 s (nested
-- loops under row-level security) and a city's 0.8 s. The two figures become columns computed
-- from the content when a version is stored (it never changes), and one index holds every figure
-- the rules read, keyed like the dashboard's (kind, period, region): the last twelve quarters of a
-- region are one index range per quarter, no table row read.
ALTER TABLE supervision_reports
  ADD COLUMN kas_bank_rupiah bigint NOT NULL GENERATED ALWAYS AS
    (coalesce((content -> 'balanceSheet' -> 'kasBank' ->> 'rupiah')::bigint, 0)) STORED,
  -- the rubrics' kewajiban lancar: sukarela, berjangka and other short-term liabilities
  ADD COLUMN kewajiban_lancar_rupiah bigint NOT NULL GENERATED ALWAYS AS
    (coalesce((content -> 'balanceSheet' -> 'simpananSukarela' ->> 'rupiah')::bigint, 0)
     + coalesce((content -> 'balanceSheet' -> 'simpananBerjangka' ->> 'rupiah')::bigint, 0)
     + coalesce((content -> 'balanceSheet' -> 'kewajibanLancarLain' ->> 'rupiah')::bigint, 0)) STORED;

CREATE INDEX supervision_reports_early_warning_idx ON supervision_reports
  (report_kind, period, region_code)
  INCLUDE (registry_id, version, total_aset_rupiah, total_ekuitas_rupiah, pinjaman_rupiah,
           pinjaman_bermasalah_rupiah, shu_rupiah, kas_bank_rupiah, kewajiban_lancar_rupiah);
