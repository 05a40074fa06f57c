-- AlterTable
ALTER TABLE "Report" ADD COLUMN     "firstRespondedAt" TIMESTAMP(3),
ADD COLUMN     "rerouteCount" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "resolvedAt" TIMESTAMP(3);

-- Backfill from the existing events, with the rule of
-- packages/api/src/statistics/milestones.ts (the workflow keeps these current from now on):
--   firstRespondedAt = earliest STATUS_CHANGED or PUBLIC_NOTE whose actor is not 'resident' or 'system';
--   resolvedAt       = earliest event whose status is RESOLVED (whoever wrote it);
--   rerouteCount     = number of REROUTED events.
UPDATE "Report" r
SET "firstRespondedAt" = m.first_responded_at,
    "resolvedAt" = m.resolved_at,
    "rerouteCount" = m.reroutes
FROM (
  SELECT e."reportId",
         min(e."at") FILTER (WHERE e."kind" IN ('STATUS_CHANGED', 'PUBLIC_NOTE') AND e."actor" NOT IN ('resident', 'system')) AS first_responded_at,
         min(e."at") FILTER (WHERE e."status" = 'RESOLVED') AS resolved_at,
         count(*) FILTER (WHERE e."kind" = 'REROUTED')::integer AS reroutes
  FROM "ReportEvent" e
  GROUP BY e."reportId"
) m
WHERE m."reportId" = r."id";
