-- CreateTable
CREATE TABLE "ReportTally" (
    "id" BIGSERIAL NOT NULL,
    "weekOf" DATE NOT NULL,
    "jurisdictionCode" TEXT NOT NULL,
    "dimension" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "reports" INTEGER NOT NULL DEFAULT 0,
    "responded" INTEGER NOT NULL DEFAULT 0,
    "resolved" INTEGER NOT NULL DEFAULT 0,
    "withinDeadline" INTEGER NOT NULL DEFAULT 0,
    "reroutes" INTEGER NOT NULL DEFAULT 0,
    "open" INTEGER NOT NULL DEFAULT 0,
    "unanswered" INTEGER NOT NULL DEFAULT 0,
    "merged" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "ReportTally_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ReportTally_weekOf_jurisdictionCode_dimension_value_idx" ON "ReportTally"("weekOf", "jurisdictionCode", "dimension", "value");

-- CreateIndex
CREATE INDEX "ReportTally_merged_idx" ON "ReportTally"("merged");

-- Everything below keeps "ReportTally" current from inside the database, so that
-- every write to "Report" (intake, workflow, Open311 status, bulk loads, erasure)
-- counts the same way. The application only reads the tally and folds it.

-- A jurisdiction's time zone: its own, else its nearest ancestor's, else UTC
-- (RoutingSnapshot.timeZoneOf in packages/api/src/routing/catalog.ts says the same).
CREATE FUNCTION aduan_time_zone_of(area text) RETURNS text LANGUAGE sql STABLE AS $$
  WITH RECURSIVE up(code, parent, zone, depth) AS (
    SELECT code, "parentCode", "timeZone", 0 FROM "Jurisdiction" WHERE code = area
    UNION ALL
    SELECT j.code, j."parentCode", j."timeZone", up.depth + 1
    FROM "Jurisdiction" j JOIN up ON j.code = up.parent
    WHERE up.zone IS NULL AND up.depth < 32
  )
  SELECT coalesce((SELECT zone FROM up WHERE zone IS NOT NULL ORDER BY depth LIMIT 1), 'UTC')
$$;

-- The Monday of the local week an instant (a UTC timestamp, as Report holds) falls in.
CREATE FUNCTION aduan_local_week(at timestamp, zone text) RETURNS date LANGUAGE sql STABLE AS $$
  SELECT date_trunc('week', (at AT TIME ZONE 'UTC') AT TIME ZONE zone)::date
$$;

-- What one report adds to the tally (sign 1) or takes away (sign -1): a row for its
-- category, its status, its agency (with the agency measures) and, once resolved, the
-- week it was resolved in. Columns, not the row, so callers can read a covering index.
CREATE FUNCTION aduan_report_tally(
  zone text, sign integer, "submittedAt" timestamp, "jurisdictionCode" text, "categoryId" text, "agencyId" text,
  status "ReportStatus", "dueAt" timestamp, "firstRespondedAt" timestamp, "resolvedAt" timestamp, "rerouteCount" integer)
RETURNS TABLE ("weekOf" date, "jurisdictionCode" text, dimension text, value text, reports integer, responded integer,
               resolved integer, "withinDeadline" integer, reroutes integer, "open" integer, unanswered integer)
LANGUAGE sql STABLE AS $$
  SELECT aduan_local_week("submittedAt", zone), "jurisdictionCode", d.dimension, d.value, sign,
         sign * d.responded, sign * d.resolved, sign * d.within, sign * d.reroutes, sign * d.open, sign * d.unanswered
  FROM (VALUES
    ('category', "categoryId", 0, 0, 0, 0, 0, 0),
    ('status', status::text, 0, 0, 0, 0, 0, 0),
    ('agency', "agencyId",
      ("firstRespondedAt" IS NOT NULL)::int, ("resolvedAt" IS NOT NULL)::int,
      coalesce("firstRespondedAt" <= "dueAt", false)::int, "rerouteCount",
      (status IN ('RECEIVED', 'ACKNOWLEDGED', 'IN_PROGRESS'))::int, ("firstRespondedAt" IS NULL)::int),
    ('resolvedWeek', to_char(aduan_local_week("resolvedAt", zone), 'YYYY-MM-DD'), 0, 0, 0, 0, 0, 0)
  ) AS d(dimension, value, responded, resolved, within, reroutes, open, unanswered)
  WHERE d.value IS NOT NULL
$$;

-- One statement's changes, summed per key before they are written: a bulk load of a
-- million reports adds tens of thousands of rows, an update that changes nothing
-- counted adds none. Rows are only ever appended, so concurrent writers never wait
-- on each other here.
CREATE FUNCTION aduan_report_tally_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "ReportTally" ("weekOf", "jurisdictionCode", dimension, value, reports, responded, resolved, "withinDeadline", reroutes, "open", unanswered)
    SELECT t."weekOf", t."jurisdictionCode", t.dimension, t.value, sum(t.reports), sum(t.responded), sum(t.resolved),
           sum(t."withinDeadline"), sum(t.reroutes), sum(t."open"), sum(t.unanswered)
    FROM (SELECT DISTINCT "jurisdictionCode" AS code FROM new_rows) a
    CROSS JOIN LATERAL (SELECT aduan_time_zone_of(a.code) AS zone OFFSET 0) z
    JOIN new_rows n ON n."jurisdictionCode" = a.code
    CROSS JOIN LATERAL aduan_report_tally(z.zone, 1, n."submittedAt", n."jurisdictionCode", n."categoryId", n."agencyId",
      n.status, n."dueAt", n."firstRespondedAt", n."resolvedAt", n."rerouteCount") t
    GROUP BY 1, 2, 3, 4;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO "ReportTally" ("weekOf", "jurisdictionCode", dimension, value, reports, responded, resolved, "withinDeadline", reroutes, "open", unanswered)
    SELECT t."weekOf", t."jurisdictionCode", t.dimension, t.value, sum(t.reports), sum(t.responded), sum(t.resolved),
           sum(t."withinDeadline"), sum(t.reroutes), sum(t."open"), sum(t.unanswered)
    FROM (SELECT n.*, 1 AS sign FROM new_rows n UNION ALL SELECT o.*, -1 FROM old_rows o) c
    CROSS JOIN LATERAL (SELECT aduan_time_zone_of(c."jurisdictionCode") AS zone OFFSET 0) z
    CROSS JOIN LATERAL aduan_report_tally(z.zone, c.sign, c."submittedAt", c."jurisdictionCode", c."categoryId", c."agencyId",
      c.status, c."dueAt", c."firstRespondedAt", c."resolvedAt", c."rerouteCount") t
    GROUP BY 1, 2, 3, 4
    HAVING sum(t.reports) <> 0 OR sum(t.responded) <> 0 OR sum(t.resolved) <> 0 OR sum(t."withinDeadline") <> 0
        OR sum(t.reroutes) <> 0 OR sum(t."open") <> 0 OR sum(t.unanswered) <> 0;
  ELSE
    INSERT INTO "ReportTally" ("weekOf", "jurisdictionCode", dimension, value, reports, responded, resolved, "withinDeadline", reroutes, "open", unanswered)
    SELECT t."weekOf", t."jurisdictionCode", t.dimension, t.value, sum(t.reports), sum(t.responded), sum(t.resolved),
           sum(t."withinDeadline"), sum(t.reroutes), sum(t."open"), sum(t.unanswered)
    FROM (SELECT DISTINCT "jurisdictionCode" AS code FROM old_rows) a
    CROSS JOIN LATERAL (SELECT aduan_time_zone_of(a.code) AS zone OFFSET 0) z
    JOIN old_rows o ON o."jurisdictionCode" = a.code
    CROSS JOIN LATERAL aduan_report_tally(z.zone, -1, o."submittedAt", o."jurisdictionCode", o."categoryId", o."agencyId",
      o.status, o."dueAt", o."firstRespondedAt", o."resolvedAt", o."rerouteCount") t
    GROUP BY 1, 2, 3, 4;
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "Report_tally_insert" AFTER INSERT ON "Report" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION aduan_report_tally_changed();
CREATE TRIGGER "Report_tally_update" AFTER UPDATE ON "Report" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION aduan_report_tally_changed();
CREATE TRIGGER "Report_tally_delete" AFTER DELETE ON "Report" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION aduan_report_tally_changed();

-- Folds rows with the same key into one. Run by the statistics job; one at a time
-- (others return at once). Rows appended meanwhile stay for the next run, so no
-- change is lost or counted twice. Returns how many rows it folded.
CREATE FUNCTION aduan_fold_report_tally() RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  folded integer;
BEGIN
  IF NOT pg_try_advisory_xact_lock(hashtext('aduan_report_tally')) THEN
    RETURN 0;
  END IF;
  WITH keys AS (
    SELECT DISTINCT "weekOf", "jurisdictionCode", dimension, value FROM "ReportTally" WHERE NOT merged
  ), removed AS (
    DELETE FROM "ReportTally" t USING keys k
    WHERE t."weekOf" = k."weekOf" AND t."jurisdictionCode" = k."jurisdictionCode" AND t.dimension = k.dimension AND t.value = k.value
    RETURNING t.*
  ), written AS (
    INSERT INTO "ReportTally" ("weekOf", "jurisdictionCode", dimension, value, reports, responded, resolved, "withinDeadline", reroutes, "open", unanswered, merged)
    SELECT "weekOf", "jurisdictionCode", dimension, value, sum(reports), sum(responded), sum(resolved),
           sum("withinDeadline"), sum(reroutes), sum("open"), sum(unanswered), true
    FROM removed
    GROUP BY 1, 2, 3, 4
    HAVING sum(reports) <> 0 OR sum(responded) <> 0 OR sum(resolved) <> 0 OR sum("withinDeadline") <> 0
        OR sum(reroutes) <> 0 OR sum("open") <> 0 OR sum(unanswered) <> 0
    RETURNING 1
  )
  SELECT count(*) INTO folded FROM removed;
  RETURN folded;
END
$$;

-- Counts every report again, as one statement (one snapshot): what it replaces and what
-- it counts are the same reports, and reports committed meanwhile keep their own rows.
-- Used below and by `aduan config apply` when an area's time zone (or parent) changes.
CREATE FUNCTION aduan_rebuild_report_tally() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('aduan_report_tally'));
  WITH removed AS (
    DELETE FROM "ReportTally" RETURNING 1
  ), zones AS MATERIALIZED (
    SELECT code, aduan_time_zone_of(code) AS zone FROM "Jurisdiction"
  )
  INSERT INTO "ReportTally" ("weekOf", "jurisdictionCode", dimension, value, reports, responded, resolved, "withinDeadline", reroutes, "open", unanswered, merged)
  SELECT t."weekOf", t."jurisdictionCode", t.dimension, t.value, sum(t.reports), sum(t.responded), sum(t.resolved),
         sum(t."withinDeadline"), sum(t.reroutes), sum(t."open"), sum(t.unanswered), true
  FROM zones z
  JOIN "Report" r ON r."jurisdictionCode" = z.code
  CROSS JOIN LATERAL aduan_report_tally(z.zone, 1, r."submittedAt", r."jurisdictionCode", r."categoryId", r."agencyId",
    r.status, r."dueAt", r."firstRespondedAt", r."resolvedAt", r."rerouteCount") t
  GROUP BY 1, 2, 3, 4;
END
$$;

-- Backfill: the reports already stored.
SELECT aduan_rebuild_report_tally();
