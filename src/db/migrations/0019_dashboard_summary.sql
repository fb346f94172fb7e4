-- 0019 the Dinas dashboard's summaries, kept in the transaction of the change that moves them
-- (docs/domain/supervision-dashboard.md).
--
-- A province's dashboard read every final assessment (to find each cooperative's latest predikat)
-- and every latest report version of eight quarters (about 150,000 rows for 20,000 cooperatives)
-- on each request; measured in bench/province.ts that was most of its 0.4-0.75 s. Summaries
-- answer it from a few thousand rows instead:
--   registry_cooperatives.latest_predikat  the predikat of each cooperative's latest final
--                              assessment (a column, not a table: the map's points and the counts
--                              read the registry row anyway, and a join of 20,000 rows cost more
--                              than the rest of the counting);
--   supervision_report_sums    the latest quarterly report versions summed per region, quarter and
--                              the registry fields the dashboard and open data group by;
--   supervision_report_arrivals  how many active cooperatives' quarterly reports first arrived on
--                              each day, per region and quarter (the reporting completeness).
-- Triggers keep them: a report version filed, an assessment inserted or finalised, and a registry
-- row whose grouping fields change. The trigger functions are SECURITY DEFINER so the summary is
-- a fact of every row (not only those the office sees) and the application role only reads it.
-- Each takes the cooperative's registry row lock first (FOR NO KEY UPDATE), so two transactions
-- changing one cooperative's summary take turns and the second reads what the first committed.
-- Neither source table loses rows (the application may not delete them; 0013, 0014).

-- The predikat of the cooperative's latest final assessment: by period, then finalisation, that
-- no final correction supersedes (the definition the dashboard used before,
-- src/db/dinas-dashboard.repo.ts); NULL: not assessed.
ALTER TABLE registry_cooperatives ADD COLUMN latest_predikat text;

-- Recomputed for each cooperative with a final assessment among the rows a statement wrote (a
-- finalisation, a final correction, the region cascading from the registry): drafts change
-- nothing. One statement may touch many cooperatives (the demo finalises them all at once). Only
-- a changed predikat is written: a region cascading from the registry row leaves it alone.
CREATE FUNCTION registry_latest_predikat_refresh() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  PERFORM 1 FROM registry_cooperatives c
  WHERE c.id IN (SELECT registry_id FROM changed WHERE status = 'final')
  ORDER BY c.id FOR NO KEY UPDATE;
  UPDATE registry_cooperatives c SET latest_predikat = n.predikat
  FROM (SELECT k.registry_id,
               (SELECT a.predikat FROM health_assessments a
                WHERE a.registry_id = k.registry_id AND a.status = 'final'
                  AND NOT EXISTS (SELECT 1 FROM health_assessments s
                                  WHERE s.registry_id = a.registry_id AND s.supersedes_id = a.id
                                    AND s.status = 'final')
                ORDER BY a.period DESC, a.finalized_at DESC, a.id DESC
                LIMIT 1) AS predikat
        FROM (SELECT DISTINCT registry_id FROM changed WHERE status = 'final') k) n
  WHERE c.id = n.registry_id AND c.latest_predikat IS DISTINCT FROM n.predikat;
  RETURN NULL;
END
$$;
CREATE TRIGGER registry_latest_predikat_inserted AFTER INSERT ON health_assessments
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT
  EXECUTE FUNCTION registry_latest_predikat_refresh();
CREATE TRIGGER registry_latest_predikat_updated AFTER UPDATE ON health_assessments
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT
  EXECUTE FUNCTION registry_latest_predikat_refresh();

UPDATE registry_cooperatives c SET latest_predikat = l.predikat
FROM (SELECT DISTINCT ON (a.registry_id) a.registry_id, a.predikat
      FROM health_assessments a
      WHERE a.status = 'final'
        AND NOT EXISTS (SELECT 1 FROM health_assessments s
                        WHERE s.registry_id = a.registry_id AND s.supersedes_id = a.id
                          AND s.status = 'final')
      ORDER BY a.registry_id, a.period DESC, a.finalized_at DESC, a.id DESC) l
WHERE c.id = l.registry_id;

-- Each quarter's latest report versions summed by the supervising region and the registry fields
-- the dashboard and open data break them down by (area, type) or filter on (dissolved, published).
-- An unknown regency or district is '' (a key column cannot be NULL); the reads turn it back.
-- `reports` counts cooperatives (each one's latest version), not versions. Quarterly only: the
-- dashboard shows no yearly figures.
CREATE TABLE supervision_report_sums (
  period text NOT NULL CHECK (period ~ '^[0-9]{4}-Q[1-4]$'),
  region_code text COLLATE "C" NOT NULL,
  province_code text COLLATE "C" NOT NULL,
  regency_code text COLLATE "C" NOT NULL,
  district_code text COLLATE "C" NOT NULL,
  cooperative_type text COLLATE "C" NOT NULL,
  dissolved boolean NOT NULL,
  reports_published boolean NOT NULL,
  reports integer NOT NULL,
  total_aset_rupiah bigint NOT NULL,
  simpanan_rupiah bigint NOT NULL,
  pinjaman_rupiah bigint NOT NULL,
  pinjaman_bermasalah_rupiah bigint NOT NULL,
  PRIMARY KEY (period, region_code, province_code, regency_code, district_code, cooperative_type,
               dissolved, reports_published)
);
ALTER TABLE supervision_report_sums ENABLE ROW LEVEL SECURITY;
CREATE POLICY jurisdiction ON supervision_report_sums
  USING (starts_with(region_code, (SELECT sokoguru_current_region())));
REVOKE INSERT, UPDATE, DELETE ON supervision_report_sums FROM sokoguru_app;

-- First versions (a report arrives when its version 1 does) counted by region, quarter, whether
-- the cooperative is active (only active ones are asked for reports) and the day they arrived:
-- the completeness counts compare these days with each region's due date, which the service
-- computes from the office's rules.
CREATE TABLE supervision_report_arrivals (
  period text NOT NULL CHECK (period ~ '^[0-9]{4}-Q[1-4]$'),
  region_code text COLLATE "C" NOT NULL,
  active boolean NOT NULL,
  submitted_on date NOT NULL,
  reports integer NOT NULL,
  PRIMARY KEY (period, region_code, active, submitted_on)
);
ALTER TABLE supervision_report_arrivals ENABLE ROW LEVEL SECURITY;
CREATE POLICY jurisdiction ON supervision_report_arrivals
  USING (starts_with(region_code, (SELECT sokoguru_current_region())));
REVOKE INSERT, UPDATE, DELETE ON supervision_report_arrivals FROM sokoguru_app;

-- Versions filed: each (cooperative, quarter) written adds its new latest version and takes out the
-- one it replaces (none for a first version: one more report); a first version is an arrival.
CREATE FUNCTION supervision_report_sums_inserted() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  PERFORM 1 FROM registry_cooperatives c
  WHERE c.id IN (SELECT registry_id FROM inserted WHERE report_kind = 'quarterly')
  ORDER BY c.id FOR NO KEY UPDATE;
  INSERT INTO supervision_report_sums AS s (period, region_code, province_code, regency_code,
    district_code, cooperative_type, dissolved, reports_published, reports, total_aset_rupiah,
    simpanan_rupiah, pinjaman_rupiah, pinjaman_bermasalah_rupiah)
  SELECT d.period, c.region_code, c.province_code, coalesce(c.regency_code, ''),
         coalesce(c.district_code, ''), c.cooperative_type, c.status = 'dissolved',
         c.reports_published, sum(d.reports), sum(d.aset), sum(d.simpanan), sum(d.pinjaman),
         sum(d.bermasalah)
  FROM (
    SELECT n.registry_id, n.period, CASE WHEN b.registry_id IS NULL THEN 1 ELSE 0 END AS reports,
           n.total_aset_rupiah - coalesce(b.total_aset_rupiah, 0) AS aset,
           n.simpanan_rupiah - coalesce(b.simpanan_rupiah, 0) AS simpanan,
           n.pinjaman_rupiah - coalesce(b.pinjaman_rupiah, 0) AS pinjaman,
           n.pinjaman_bermasalah_rupiah - coalesce(b.pinjaman_bermasalah_rupiah, 0) AS bermasalah
    FROM (SELECT DISTINCT ON (r.registry_id, r.period) r.registry_id, r.period,
                 r.total_aset_rupiah, r.simpanan_rupiah, r.pinjaman_rupiah,
                 r.pinjaman_bermasalah_rupiah
          FROM supervision_reports r
          WHERE r.report_kind = 'quarterly'
            AND (r.registry_id, r.period) IN (SELECT i.registry_id, i.period FROM inserted i
                                              WHERE i.report_kind = 'quarterly')
          ORDER BY r.registry_id, r.period, r.version DESC) n
    LEFT JOIN (SELECT DISTINCT ON (r.registry_id, r.period) r.registry_id, r.period,
                      r.total_aset_rupiah, r.simpanan_rupiah, r.pinjaman_rupiah,
                      r.pinjaman_bermasalah_rupiah
               FROM supervision_reports r
               WHERE r.report_kind = 'quarterly'
                 AND (r.registry_id, r.period) IN (SELECT i.registry_id, i.period FROM inserted i
                                                   WHERE i.report_kind = 'quarterly')
                 AND NOT EXISTS (SELECT 1 FROM inserted i
                                 WHERE i.registry_id = r.registry_id AND i.id = r.id)
               ORDER BY r.registry_id, r.period, r.version DESC) b
      ON b.registry_id = n.registry_id AND b.period = n.period
  ) d
  JOIN registry_cooperatives c ON c.id = d.registry_id
  GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
  ORDER BY 1, 2, 3, 4, 5, 6, 7, 8
  ON CONFLICT (period, region_code, province_code, regency_code, district_code, cooperative_type,
               dissolved, reports_published)
  DO UPDATE SET reports = s.reports + excluded.reports,
                total_aset_rupiah = s.total_aset_rupiah + excluded.total_aset_rupiah,
                simpanan_rupiah = s.simpanan_rupiah + excluded.simpanan_rupiah,
                pinjaman_rupiah = s.pinjaman_rupiah + excluded.pinjaman_rupiah,
                pinjaman_bermasalah_rupiah =
                  s.pinjaman_bermasalah_rupiah + excluded.pinjaman_bermasalah_rupiah;
  INSERT INTO supervision_report_arrivals AS s (period, region_code, active, submitted_on, reports)
  SELECT i.period, c.region_code, c.status = 'active', i.submitted_on, count(*)
  FROM inserted i JOIN registry_cooperatives c ON c.id = i.registry_id
  WHERE i.report_kind = 'quarterly' AND i.version = 1
  GROUP BY 1, 2, 3, 4
  ORDER BY 1, 2, 3, 4
  ON CONFLICT (period, region_code, active, submitted_on)
  DO UPDATE SET reports = s.reports + excluded.reports;
  RETURN NULL;
END
$$;
CREATE TRIGGER supervision_report_sums_inserted AFTER INSERT ON supervision_reports
  REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT
  EXECUTE FUNCTION supervision_report_sums_inserted();

-- A registry row whose region or grouping fields change moves its latest versions of every
-- quarter from the group it was in to the one it is in now, and its first arrivals likewise when
-- its region or being active changes.
CREATE FUNCTION supervision_report_sums_moved() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF (OLD.region_code, OLD.province_code, OLD.regency_code, OLD.district_code,
      OLD.cooperative_type, OLD.status = 'dissolved', OLD.reports_published)
     IS DISTINCT FROM
     (NEW.region_code, NEW.province_code, NEW.regency_code, NEW.district_code,
      NEW.cooperative_type, NEW.status = 'dissolved', NEW.reports_published) THEN
    INSERT INTO supervision_report_sums AS s (period, region_code, province_code, regency_code,
      district_code, cooperative_type, dissolved, reports_published, reports, total_aset_rupiah,
      simpanan_rupiah, pinjaman_rupiah, pinjaman_bermasalah_rupiah)
    SELECT l.period, k.region_code, k.province_code, k.regency_code, k.district_code,
           k.cooperative_type, k.dissolved, k.published, k.sign, k.sign * l.total_aset_rupiah,
           k.sign * l.simpanan_rupiah, k.sign * l.pinjaman_rupiah,
           k.sign * l.pinjaman_bermasalah_rupiah
    FROM (SELECT DISTINCT ON (r.period) r.period, r.total_aset_rupiah, r.simpanan_rupiah,
                 r.pinjaman_rupiah, r.pinjaman_bermasalah_rupiah
          FROM supervision_reports r
          WHERE r.registry_id = NEW.id AND r.report_kind = 'quarterly'
          ORDER BY r.period, r.version DESC) l
    CROSS JOIN (VALUES
      (OLD.region_code, OLD.province_code, coalesce(OLD.regency_code, ''),
       coalesce(OLD.district_code, ''), OLD.cooperative_type, OLD.status = 'dissolved',
       OLD.reports_published, -1),
      (NEW.region_code, NEW.province_code, coalesce(NEW.regency_code, ''),
       coalesce(NEW.district_code, ''), NEW.cooperative_type, NEW.status = 'dissolved',
       NEW.reports_published, 1))
      AS k (region_code, province_code, regency_code, district_code, cooperative_type, dissolved,
            published, sign)
    ORDER BY 1, 2, 3, 4, 5, 6, 7, 8
    ON CONFLICT (period, region_code, province_code, regency_code, district_code, cooperative_type,
                 dissolved, reports_published)
    DO UPDATE SET reports = s.reports + excluded.reports,
                  total_aset_rupiah = s.total_aset_rupiah + excluded.total_aset_rupiah,
                  simpanan_rupiah = s.simpanan_rupiah + excluded.simpanan_rupiah,
                  pinjaman_rupiah = s.pinjaman_rupiah + excluded.pinjaman_rupiah,
                  pinjaman_bermasalah_rupiah =
                    s.pinjaman_bermasalah_rupiah + excluded.pinjaman_bermasalah_rupiah;
  END IF;
  IF (OLD.region_code, OLD.status = 'active') IS DISTINCT FROM (NEW.region_code, NEW.status = 'active') THEN
    INSERT INTO supervision_report_arrivals AS s (period, region_code, active, submitted_on, reports)
    SELECT r.period, k.region_code, k.active, r.submitted_on, k.sign
    FROM supervision_reports r
    CROSS JOIN (VALUES (OLD.region_code, OLD.status = 'active', -1),
                       (NEW.region_code, NEW.status = 'active', 1)) AS k (region_code, active, sign)
    WHERE r.registry_id = NEW.id AND r.report_kind = 'quarterly' AND r.version = 1
    ORDER BY 1, 2, 3, 4
    ON CONFLICT (period, region_code, active, submitted_on)
    DO UPDATE SET reports = s.reports + excluded.reports;
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER supervision_report_sums_moved
  AFTER UPDATE OF region_code, province_code, regency_code, district_code, cooperative_type,
    status, reports_published ON registry_cooperatives
  FOR EACH ROW
  WHEN ((OLD.region_code, OLD.province_code, OLD.regency_code, OLD.district_code,
         OLD.cooperative_type, OLD.status, OLD.reports_published)
        IS DISTINCT FROM
        (NEW.region_code, NEW.province_code, NEW.regency_code, NEW.district_code,
         NEW.cooperative_type, NEW.status, NEW.reports_published))
  EXECUTE FUNCTION supervision_report_sums_moved();

INSERT INTO supervision_report_sums (period, region_code, province_code, regency_code,
  district_code, cooperative_type, dissolved, reports_published, reports, total_aset_rupiah,
  simpanan_rupiah, pinjaman_rupiah, pinjaman_bermasalah_rupiah)
SELECT l.period, c.region_code, c.province_code, coalesce(c.regency_code, ''),
       coalesce(c.district_code, ''), c.cooperative_type, c.status = 'dissolved',
       c.reports_published, count(*), sum(l.total_aset_rupiah), sum(l.simpanan_rupiah),
       sum(l.pinjaman_rupiah), sum(l.pinjaman_bermasalah_rupiah)
FROM (SELECT DISTINCT ON (r.registry_id, r.period) r.registry_id, r.period, r.total_aset_rupiah,
             r.simpanan_rupiah, r.pinjaman_rupiah, r.pinjaman_bermasalah_rupiah
      FROM supervision_reports r
      WHERE r.report_kind = 'quarterly'
      ORDER BY r.registry_id, r.period, r.version DESC) l
JOIN registry_cooperatives c ON c.id = l.registry_id
GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;

INSERT INTO supervision_report_arrivals (period, region_code, active, submitted_on, reports)
SELECT r.period, c.region_code, c.status = 'active', r.submitted_on, count(*)
FROM supervision_reports r JOIN registry_cooperatives c ON c.id = r.registry_id
WHERE r.report_kind = 'quarterly' AND r.version = 1
GROUP BY 1, 2, 3, 4;
