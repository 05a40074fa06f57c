// Public statistics cost seconds on a large city and change only when a report does:
// answers are kept per area, day range and time zones, until any report changes (the
// change bus, which also carries other replicas' notices through Redis), the routing
// catalogue changes, or for ten minutes at most. A burst of the same question — a dashboard, or someone leaning on it —
// is one query.
import type { ReportChanges } from '../events/report-changes.js';
import type { StatisticsData } from './query.js';
import type { StatisticsScope } from './scope.js';

const DAY_MS = 86_400_000;

export class StatisticsCache {
  private readonly entries = new Map<string, { until: number; catalogue: object; data: Promise<StatisticsData> }>();

  constructor(
    changes: ReportChanges,
    private readonly ttlMs = 10 * 60_000,
    private readonly maxEntries = 200,
  ) {
    changes.subscribeToNotices(() => this.entries.clear());
  }

  /** The answer for `scope` under the routing catalogue `catalogue`, computed by `compute` when none is kept. */
  get(scope: StatisticsScope, catalogue: object, compute: () => Promise<StatisticsData>): Promise<StatisticsData> {
    if (this.ttlMs <= 0) return compute();
    const key = [
      scope.area?.code ?? '*',
      Math.floor(scope.from.getTime() / DAY_MS),
      Math.floor(scope.to.getTime() / DAY_MS),
      scope.timeZone,
      ...scope.zones.map((zone) => zone.timeZone),
    ].join(' ');
    const now = Date.now();
    const kept = this.entries.get(key);
    // A new catalogue (areas, agencies, time zones changed by `config apply`) is a new question.
    if (kept && kept.until > now && kept.catalogue === catalogue) return kept.data;
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    const data = compute();
    this.entries.set(key, { until: now + this.ttlMs, catalogue, data });
    // A failed query is not kept.
    data.catch(() => this.entries.delete(key));
    return data;
  }
}
