-- 0016 Dinas dashboard and open data (issue 15 items 6-7; docs/domain/supervision-dashboard.md).
--
-- Open data withholds a figure that covers fewer than three cooperatives, unless every one of
-- them published its report: whether a cooperative publishes its reports is a registry fact the
-- office records (from the cooperative's own statement), not a property of one report version.
ALTER TABLE registry_cooperatives
  ADD COLUMN reports_published boolean NOT NULL DEFAULT false;

-- The dashboard and open data count a region's registry by type, status and area in one pass:
-- an index-only range scan over the region's prefix instead of reading every row of the table.
CREATE INDEX registry_cooperatives_dashboard_idx ON registry_cooperatives (region_code)
  INCLUDE (cooperative_type, status, district_code, regency_code, province_code, member_count,
           reports_published);
