-- DropIndex
DROP INDEX "Report_status_dueAt_idx";

-- DropIndex
DROP INDEX "ReportTally_weekOf_jurisdictionCode_dimension_value_idx";

-- CreateIndex
CREATE INDEX "Report_status_dueAt_submittedAt_jurisdictionCode_agencyId_f_idx" ON "Report"("status", "dueAt", "submittedAt", "jurisdictionCode", "agencyId", "firstRespondedAt");

-- CreateIndex
CREATE INDEX "ReportTally_jurisdictionCode_dimension_weekOf_value_reports_idx" ON "ReportTally"("jurisdictionCode", "dimension", "weekOf", "value", "reports", "responded", "resolved", "withinDeadline", "reroutes", "open", "unanswered");

-- The tally by area. Until now a row counted only the reports routed by its own area, so a
-- city's year summed every kelurahan's rows (some 80,000 at a million reports). From here on
-- a row counts the reports of its area and of every area below it in the same time zone, so
-- an area's figures are its own rows; two dimensions join the four:
--   area      value: the area a report was routed by; reports, and "open" (still open): the
--             counts by area within a scope;
--   duration  value: "<agency id> <bucket>"; "responded" and "resolved" count the first
--             responses and resolutions whose time from submission falls in the bucket, so
--             a median is found in its bucket and read from a short stretch of the duration
--             index. Kept for kecamatan and above only: for a kelurahan or desa these rows
--             would be about as many as its reports.
-- The reports already stored are counted again at the end.

-- Buckets of durations (seconds), a quarter-octave (about 19%) apart, from a minute to a year.
CREATE FUNCTION aduan_duration_grid() RETURNS double precision[] LANGUAGE sql IMMUTABLE AS $$
  SELECT '{60,71,85,101,120,143,170,202,240,285,339,404,480,571,679,807,960,1142,1358,1615,1920,2283,2715,3229,3840,4567,5431,6458,7680,9133,10861,12916,15360,18266,21722,25832,30720,36532,43445,51665,61440,73065,86889,103329,122880,146130,173779,206659,245760,292260,347557,413317,491520,584519,695114,826635,983040,1169038,1390229,1653270,1966080,2338076,2780457,3306539,3932160,4676153,5560914,6613078,7864320,9352305,11121828,13226157,15728640,18704611,22243656,26452314,31457280}'::double precision[]
$$;

-- The bucket a duration falls in: 0 below a minute, i from the grid's i-th step on.
CREATE FUNCTION aduan_duration_bucket(seconds double precision) RETURNS integer LANGUAGE sql IMMUTABLE AS $$
  SELECT width_bucket(seconds, aduan_duration_grid())
$$;

-- Where a bucket begins; null for bucket 0, which has no lower end.
CREATE FUNCTION aduan_duration_bucket_start(bucket integer) RETURNS double precision LANGUAGE sql IMMUTABLE AS $$
  SELECT (aduan_duration_grid())[bucket]
$$;

-- For a report routed by `area`: the zone its weeks are counted in, the areas whose rows count
-- it (the area and every area above it in the same zone; UNION ends a loop of parents), and
-- those of them that count its durations too (level 3 and above).
CREATE FUNCTION aduan_tally_areas(area text) RETURNS TABLE (zone text, areas text[], "durationAreas" text[])
LANGUAGE sql STABLE AS $$
  WITH RECURSIVE up(code, parent, level) AS (
    SELECT code, "parentCode", level FROM "Jurisdiction" WHERE code = area
    UNION
    SELECT j.code, j."parentCode", j.level FROM "Jurisdiction" j JOIN up ON j.code = up.parent
  )
  SELECT aduan_time_zone_of(area), array_agg(code ORDER BY code), coalesce(array_agg(code ORDER BY code) FILTER (WHERE level <= 3), '{}')
  FROM up
  WHERE aduan_time_zone_of(code) = aduan_time_zone_of(area)
$$;

DROP FUNCTION aduan_report_tally(text, integer, timestamp, text, text, text, "ReportStatus", timestamp, timestamp, timestamp, integer);

-- What one report adds to the tally (sign 1) or takes away (sign -1), and in which areas:
-- in each of `areas`, a row for its category, its status, its agency (with the agency
-- measures), once resolved the week it was resolved in, and the area it was routed by; in
-- each of `durationAreas`, one for its first response and one for its resolution, by agency
-- and bucket. Columns, not the row, so callers can read a covering index.
CREATE FUNCTION aduan_report_tally(
  zone text, areas text[], "durationAreas" text[], sign integer, "submittedAt" timestamp, "jurisdictionCode" text,
  "categoryId" text, "agencyId" text, status "ReportStatus", "dueAt" timestamp, "firstRespondedAt" timestamp,
  "resolvedAt" timestamp, "rerouteCount" integer, "firstResponseSeconds" double precision, "resolutionSeconds" double precision)
RETURNS TABLE ("weekOf" date, areas text[], dimension text, value text, reports integer, responded integer, resolved integer,
               "withinDeadline" integer, reroutes integer, "open" integer, unanswered integer)
LANGUAGE sql STABLE AS $$
  SELECT aduan_local_week("submittedAt", zone), CASE WHEN d.dimension = 'duration' THEN "durationAreas" ELSE areas END,
         d.dimension, d.value, sign * d.reports, sign * d.responded, sign * d.resolved, sign * d.within, sign * d.reroutes,
         sign * d.open, sign * d.unanswered
  FROM (VALUES
    ('category', "categoryId", 1, 0, 0, 0, 0, 0, 0),
    ('status', status::text, 1, 0, 0, 0, 0, 0, 0),
    ('agency', "agencyId", 1,
      ("firstRespondedAt" IS NOT NULL)::int, ("resolvedAt" IS NOT NULL)::int,
      coalesce("firstRespondedAt" <= "dueAt", false)::int, "rerouteCount",
      (status IN ('RECEIVED', 'ACKNOWLEDGED', 'IN_PROGRESS'))::int, ("firstRespondedAt" IS NULL)::int),
    ('resolvedWeek', to_char(aduan_local_week("resolvedAt", zone), 'YYYY-MM-DD'), 1, 0, 0, 0, 0, 0, 0),
    ('area', "jurisdictionCode", 1, 0, 0, 0, 0, (status IN ('RECEIVED', 'ACKNOWLEDGED', 'IN_PROGRESS'))::int, 0),
    ('duration', "agencyId" || ' ' || aduan_duration_bucket("firstResponseSeconds"), 0, 1, 0, 0, 0, 0, 0),
    ('duration', "agencyId" || ' ' || aduan_duration_bucket("resolutionSeconds"), 0, 0, 1, 0, 0, 0, 0)
  ) AS d(dimension, value, reports, responded, resolved, within, reroutes, open, unanswered)
  WHERE d.value IS NOT NULL
$$;

-- One statement's changes, summed per key before they are written (as before): first by the
-- list of areas they go to (a bulk statement's reports share few such keys), then into each
-- area of the list. Each routed area's lists are looked up once per statement.
CREATE OR REPLACE FUNCTION aduan_report_tally_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    WITH counted AS MATERIALIZED (
      SELECT d.code, a.* FROM (SELECT DISTINCT "jurisdictionCode" AS code FROM new_rows) d CROSS JOIN LATERAL aduan_tally_areas(d.code) a
    ), changed AS (
      SELECT t."weekOf", t.areas, t.dimension, t.value, sum(t.reports) AS reports, sum(t.responded) AS responded,
             sum(t.resolved) AS resolved, sum(t."withinDeadline") AS "withinDeadline", sum(t.reroutes) AS reroutes,
             sum(t."open") AS "open", sum(t.unanswered) AS unanswered
      FROM (SELECT n.*, 1 AS sign FROM new_rows n) r
      JOIN counted a ON a.code = r."jurisdictionCode"
      CROSS JOIN LATERAL aduan_report_tally(a.zone, a.areas, a."durationAreas", r.sign, r."submittedAt", r."jurisdictionCode", r."categoryId",
        r."agencyId", r.status, r."dueAt", r."firstRespondedAt", r."resolvedAt", r."rerouteCount", r."firstResponseSeconds", r."resolutionSeconds") t
      GROUP BY 1, 2, 3, 4
    )
    INSERT INTO "ReportTally" ("weekOf", "jurisdictionCode", dimension, value, reports, responded, resolved, "withinDeadline", reroutes, "open", unanswered)
    SELECT c."weekOf", s.code, c.dimension, c.value, sum(c.reports), sum(c.responded), sum(c.resolved),
           sum(c."withinDeadline"), sum(c.reroutes), sum(c."open"), sum(c.unanswered)
    FROM changed c CROSS JOIN LATERAL unnest(c.areas) AS s(code)
    GROUP BY 1, 2, 3, 4;
  ELSIF TG_OP = 'UPDATE' THEN
    WITH counted AS MATERIALIZED (
      SELECT d.code, a.* FROM (SELECT "jurisdictionCode" AS code FROM new_rows UNION SELECT "jurisdictionCode" FROM old_rows) d CROSS JOIN LATERAL aduan_tally_areas(d.code) a
    ), changed AS (
      SELECT t."weekOf", t.areas, t.dimension, t.value, sum(t.reports) AS reports, sum(t.responded) AS responded,
             sum(t.resolved) AS resolved, sum(t."withinDeadline") AS "withinDeadline", sum(t.reroutes) AS reroutes,
             sum(t."open") AS "open", sum(t.unanswered) AS unanswered
      FROM (SELECT n.*, 1 AS sign FROM new_rows n UNION ALL SELECT o.*, -1 FROM old_rows o) r
      JOIN counted a ON a.code = r."jurisdictionCode"
      CROSS JOIN LATERAL aduan_report_tally(a.zone, a.areas, a."durationAreas", r.sign, r."submittedAt", r."jurisdictionCode", r."categoryId",
        r."agencyId", r.status, r."dueAt", r."firstRespondedAt", r."resolvedAt", r."rerouteCount", r."firstResponseSeconds", r."resolutionSeconds") t
      GROUP BY 1, 2, 3, 4
    )
    INSERT INTO "ReportTally" ("weekOf", "jurisdictionCode", dimension, value, reports, responded, resolved, "withinDeadline", reroutes, "open", unanswered)
    SELECT c."weekOf", s.code, c.dimension, c.value, sum(c.reports), sum(c.responded), sum(c.resolved),
           sum(c."withinDeadline"), sum(c.reroutes), sum(c."open"), sum(c.unanswered)
    FROM changed c CROSS JOIN LATERAL unnest(c.areas) AS s(code)
    GROUP BY 1, 2, 3, 4
    HAVING sum(c.reports) <> 0 OR sum(c.responded) <> 0 OR sum(c.resolved) <> 0 OR sum(c."withinDeadline") <> 0
        OR sum(c.reroutes) <> 0 OR sum(c."open") <> 0 OR sum(c.unanswered) <> 0;
  ELSE
    WITH counted AS MATERIALIZED (
      SELECT d.code, a.* FROM (SELECT DISTINCT "jurisdictionCode" AS code FROM old_rows) d CROSS JOIN LATERAL aduan_tally_areas(d.code) a
    ), changed AS (
      SELECT t."weekOf", t.areas, t.dimension, t.value, sum(t.reports) AS reports, sum(t.responded) AS responded,
             sum(t.resolved) AS resolved, sum(t."withinDeadline") AS "withinDeadline", sum(t.reroutes) AS reroutes,
             sum(t."open") AS "open", sum(t.unanswered) AS unanswered
      FROM (SELECT o.*, -1 AS sign FROM old_rows o) r
      JOIN counted a ON a.code = r."jurisdictionCode"
      CROSS JOIN LATERAL aduan_report_tally(a.zone, a.areas, a."durationAreas", r.sign, r."submittedAt", r."jurisdictionCode", r."categoryId",
        r."agencyId", r.status, r."dueAt", r."firstRespondedAt", r."resolvedAt", r."rerouteCount", r."firstResponseSeconds", r."resolutionSeconds") t
      GROUP BY 1, 2, 3, 4
    )
    INSERT INTO "ReportTally" ("weekOf", "jurisdictionCode", dimension, value, reports, responded, resolved, "withinDeadline", reroutes, "open", unanswered)
    SELECT c."weekOf", s.code, c.dimension, c.value, sum(c.reports), sum(c.responded), sum(c.resolved),
           sum(c."withinDeadline"), sum(c.reroutes), sum(c."open"), sum(c.unanswered)
    FROM changed c CROSS JOIN LATERAL unnest(c.areas) AS s(code)
    GROUP BY 1, 2, 3, 4;
  END IF;
  RETURN NULL;
END
$$;

-- Counts every report again, as one statement (one snapshot), by the rule above.
CREATE OR REPLACE FUNCTION aduan_rebuild_report_tally() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('aduan_report_tally'));
  -- What it replaces and what it counts are the same reports: reports committed meanwhile
  -- keep their own rows.
  WITH removed AS (
    DELETE FROM "ReportTally" RETURNING 1
  ), counted AS MATERIALIZED (
    SELECT d.code, a.* FROM (SELECT code FROM "Jurisdiction") d CROSS JOIN LATERAL aduan_tally_areas(d.code) a
  ), changed AS (
    SELECT t."weekOf", t.areas, t.dimension, t.value, sum(t.reports) AS reports, sum(t.responded) AS responded,
           sum(t.resolved) AS resolved, sum(t."withinDeadline") AS "withinDeadline", sum(t.reroutes) AS reroutes,
           sum(t."open") AS "open", sum(t.unanswered) AS unanswered
    FROM (SELECT r.*, 1 AS sign FROM "Report" r) r
    JOIN counted a ON a.code = r."jurisdictionCode"
    CROSS JOIN LATERAL aduan_report_tally(a.zone, a.areas, a."durationAreas", r.sign, r."submittedAt", r."jurisdictionCode", r."categoryId",
      r."agencyId", r.status, r."dueAt", r."firstRespondedAt", r."resolvedAt", r."rerouteCount", r."firstResponseSeconds", r."resolutionSeconds") t
    GROUP BY 1, 2, 3, 4
  )
  INSERT INTO "ReportTally" ("weekOf", "jurisdictionCode", dimension, value, reports, responded, resolved, "withinDeadline", reroutes, "open", unanswered, merged)
  SELECT c."weekOf", s.code, c.dimension, c.value, sum(c.reports), sum(c.responded), sum(c.resolved),
         sum(c."withinDeadline"), sum(c.reroutes), sum(c."open"), sum(c.unanswered), true
  FROM changed c CROSS JOIN LATERAL unnest(c.areas) AS s(code)
  GROUP BY 1, 2, 3, 4;
END
$$;

SELECT aduan_rebuild_report_tally();
