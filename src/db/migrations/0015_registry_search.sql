-- 0015 registry search: an index-friendly text search over a cooperative's name and legal
-- identifiers, indexes for the registry's filters and sort orders, and the filters an officer
-- saves (docs/domain/supervision-registry.md, "Search").
--
-- pg_trgm is not in every PostgreSQL we run on and would need loading as an extension in the
-- embedded database, so the text search is built from core features: the words of a cooperative's
-- name, NIK koperasi, badan hukum number, NIB and NPWP (lower-cased, split on every character that
-- is not a-z or 0-9) are rows of registry_search_words, and a query word matches a cooperative when
-- it begins one of its words: a range on a "C"-collated B-tree (word >= 'mak' AND word < 'mal').
-- Why a table and not a GIN index over an array of words: under row-level security the planner
-- uses an index only for leakproof operators (array containment and LIKE are not; text equality,
-- ordering and starts_with are), so an array index would be skipped for every office's query and
-- each search would read the whole table (measured: seconds at 20,000 rows). The application
-- splits query words the same way (src/db/registry.repo.ts, searchWords).

CREATE FUNCTION registry_words(
  name text, nik_koperasi text, badan_hukum_number text, nib text, npwp text
) RETURNS SETOF text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT DISTINCT left(w, 100)
  FROM regexp_split_to_table(
         lower(coalesce(name, '') || ' ' || coalesce(nik_koperasi, '') || ' '
               || coalesce(badan_hukum_number, '') || ' ' || coalesce(nib, '') || ' '
               || coalesce(npwp, '')),
         '[^a-z0-9]+') AS w
  WHERE w <> ''
$$;

CREATE TABLE registry_search_words (
  region_code text COLLATE "C" NOT NULL,
  registry_id bigint NOT NULL,
  word text COLLATE "C" NOT NULL,
  PRIMARY KEY (registry_id, word),
  -- the region travels with the cooperative (as its status history and organs do)
  FOREIGN KEY (region_code, registry_id) REFERENCES registry_cooperatives (region_code, id)
    ON UPDATE CASCADE
);
CREATE INDEX registry_search_words_word_idx ON registry_search_words (word, region_code, registry_id);
ALTER TABLE registry_search_words ENABLE ROW LEVEL SECURITY;
CREATE POLICY jurisdiction ON registry_search_words
  USING (starts_with(region_code, (SELECT sokoguru_current_region())));

-- The words follow the row: written with it, rewritten when a searched field changes. An import
-- files many rows in one statement, hence the statement trigger over the inserted rows.
CREATE FUNCTION registry_search_words_inserted() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO registry_search_words (region_code, registry_id, word)
  SELECT n.region_code, n.id, w
  FROM inserted n, registry_words(n.name, n.nik_koperasi, n.badan_hukum_number, n.nib, n.npwp) AS w;
  RETURN NULL;
END
$$;
CREATE TRIGGER registry_search_words_inserted AFTER INSERT ON registry_cooperatives
  REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT
  EXECUTE FUNCTION registry_search_words_inserted();

CREATE FUNCTION registry_search_words_updated() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM registry_search_words WHERE registry_id = NEW.id;
  INSERT INTO registry_search_words (region_code, registry_id, word)
  SELECT NEW.region_code, NEW.id, w
  FROM registry_words(NEW.name, NEW.nik_koperasi, NEW.badan_hukum_number, NEW.nib, NEW.npwp) AS w;
  RETURN NULL;
END
$$;
CREATE TRIGGER registry_search_words_updated
  AFTER UPDATE OF name, nik_koperasi, badan_hukum_number, nib, npwp ON registry_cooperatives
  FOR EACH ROW EXECUTE FUNCTION registry_search_words_updated();

INSERT INTO registry_search_words (region_code, registry_id, word)
SELECT r.region_code, r.id, w
FROM registry_cooperatives r,
     registry_words(r.name, r.nik_koperasi, r.badan_hukum_number, r.nib, r.npwp) AS w;

-- The default order, by name: an ordered index scan stops at the page's end when most rows are
-- the office's (a province, the ministry); measured in docs/domain/supervision-registry.md.
CREATE INDEX registry_cooperatives_name_order_idx ON registry_cooperatives
  ((lower(name) COLLATE "C"), id);

-- The filters an officer saves under a name, per user per office: the filter is the list
-- route's query (JSON); applying it goes through the same search, held to the office's region.
CREATE TABLE registry_saved_filters (
  organization_id uuid NOT NULL REFERENCES organizations (id),
  id bigint GENERATED ALWAYS AS IDENTITY,
  user_id uuid NOT NULL REFERENCES users (id),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  filter jsonb NOT NULL CHECK (jsonb_typeof(filter) = 'object'),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organization_id, id),
  UNIQUE (organization_id, user_id, name)
);
ALTER TABLE registry_saved_filters ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON registry_saved_filters
  USING (organization_id = sokoguru_current_org());
