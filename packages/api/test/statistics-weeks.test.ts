// How a statistics range splits over local weeks: whole weeks come from the tally,
// partial weeks from the reports, and together they cover the range exactly once.
import { describe, expect, it } from 'vitest';
import { planWeeks, weeksTouched, type WeekPlan } from '../src/statistics/weeks.js';

const WITA = 'Asia/Makassar'; // UTC+8, no daylight saving
const at = (iso: string) => new Date(iso);

/** Whole weeks and edges, as instants, must tile [from, to) with no gap and no overlap. */
function expectTiles(plan: WeekPlan, from: Date, to: Date, mondayStarts: (monday: string) => Date) {
  const pieces: [number, number][] = plan.edges.map((e) => [e.from.getTime(), e.to.getTime()]);
  if (plan.tallyWeeks) pieces.push([mondayStarts(plan.tallyWeeks.fromMonday).getTime(), mondayStarts(plan.tallyWeeks.toMonday).getTime()]);
  pieces.sort((a, b) => a[0] - b[0]);
  expect(pieces[0]![0]).toBe(from.getTime());
  expect(pieces.at(-1)![1]).toBe(to.getTime());
  for (let i = 1; i < pieces.length; i++) expect(pieces[i]![0]).toBe(pieces[i - 1]![1]);
  for (const edge of plan.edges) {
    // Each edge lies inside the week of its Monday.
    expect(edge.from.getTime()).toBeGreaterThanOrEqual(mondayStarts(edge.monday).getTime());
    const next = new Date(Date.parse(`${edge.monday}T00:00:00Z`) + 7 * 86_400_000).toISOString().slice(0, 10);
    expect(edge.to.getTime()).toBeLessThanOrEqual(mondayStarts(next).getTime());
  }
}
const witaMonday = (monday: string) => new Date(Date.parse(`${monday}T00:00:00+08:00`));

describe('planWeeks', () => {
  it('a range of whole weeks is read from the tally alone', () => {
    const from = at('2025-11-16T16:00:00Z'); // Monday 17 Nov 00:00 WITA
    const to = at('2026-11-15T16:00:00Z'); // Monday 16 Nov 00:00 WITA
    const plan = planWeeks(from, to, WITA);
    expect(plan.tallyWeeks).toEqual({ fromMonday: '2025-11-17', toMonday: '2026-11-16' });
    expect(plan.edges).toEqual([]);
    expect(plan.resolvedCutoff).toEqual(to);
    expectTiles(plan, from, to, witaMonday);
  });

  it('partial weeks at both ends are edges, each in its own week', () => {
    const from = at('2025-11-12T06:37:00Z'); // Wednesday 14:37 WITA
    const to = at('2026-11-12T06:37:00Z'); // Thursday 14:37 WITA
    const plan = planWeeks(from, to, WITA);
    expect(plan.tallyWeeks).toEqual({ fromMonday: '2025-11-17', toMonday: '2026-11-09' });
    expect(plan.edges.map((e) => e.monday)).toEqual(['2025-11-10', '2026-11-09']);
    expect(plan.resolvedCutoff).toEqual(witaMonday('2026-11-09'));
    expect(plan.cutoffMonday).toBe('2026-11-09');
    expectTiles(plan, from, to, witaMonday);
  });

  it('a range inside one week, or across one Monday, has no tally weeks', () => {
    const inside = planWeeks(at('2026-03-03T01:00:00Z'), at('2026-03-05T01:00:00Z'), WITA);
    expect(inside.tallyWeeks).toBeNull();
    expect(inside.edges.map((e) => e.monday)).toEqual(['2026-03-02']);
    const across = planWeeks(at('2026-03-05T01:00:00Z'), at('2026-03-10T01:00:00Z'), WITA);
    expect(across.tallyWeeks).toBeNull();
    expect(across.edges.map((e) => e.monday)).toEqual(['2026-03-02', '2026-03-09']);
    expectTiles(across, at('2026-03-05T01:00:00Z'), at('2026-03-10T01:00:00Z'), witaMonday);
    // Every resolution in such a range is read from the reports.
    expect(across.resolvedCutoff).toEqual(at('2026-03-05T01:00:00Z'));
  });

  it("weeks follow the zone's own clock, daylight saving included", () => {
    // Berlin moves to summer time on Sunday 29 March 2026: that week has 167 hours.
    const from = at('2026-03-23T00:00:00+01:00');
    const to = at('2026-04-06T00:00:00+02:00');
    const plan = planWeeks(from, to, 'Europe/Berlin');
    expect(plan.tallyWeeks).toEqual({ fromMonday: '2026-03-23', toMonday: '2026-04-06' });
    expect(plan.edges).toEqual([]);
    expect(weeksTouched(from, to, 'Europe/Berlin').map((w) => [w.week, w.startsAt.toISOString()])).toEqual([
      ['2026-W13', '2026-03-22T23:00:00.000Z'],
      ['2026-W14', '2026-03-29T22:00:00.000Z'],
    ]);
  });
});
