import { describe, expect, it } from 'vitest';
import {
  OPEN_STATUSES,
  REPORT_STATUSES,
  allowedTransitions,
  canTransition,
  dueAt,
  isOpenStatus,
  isOverdue,
  isReportStatus,
  reachableStatuses,
  stepsTo,
  type ReportStatus,
} from '../src/index.js';

describe('report status lifecycle', () => {
  it('lists the statuses in lifecycle order and the open ones', () => {
    expect(REPORT_STATUSES).toEqual(['RECEIVED', 'ACKNOWLEDGED', 'IN_PROGRESS', 'RESOLVED', 'REJECTED', 'CLOSED']);
    expect(OPEN_STATUSES).toEqual(['RECEIVED', 'ACKNOWLEDGED', 'IN_PROGRESS']);
    expect(REPORT_STATUSES.filter(isOpenStatus)).toEqual([...OPEN_STATUSES]);
    expect(isReportStatus('RESOLVED')).toBe(true);
    expect(isReportStatus('resolved')).toBe(false);
    expect(isReportStatus(3)).toBe(false);
  });

  it('allows exactly the documented transitions', () => {
    const expected: Record<ReportStatus, ReportStatus[]> = {
      RECEIVED: ['ACKNOWLEDGED', 'REJECTED'],
      ACKNOWLEDGED: ['IN_PROGRESS', 'REJECTED'],
      IN_PROGRESS: ['RESOLVED', 'REJECTED'],
      RESOLVED: ['CLOSED', 'IN_PROGRESS'],
      REJECTED: ['CLOSED', 'IN_PROGRESS'],
      CLOSED: [],
    };
    for (const from of REPORT_STATUSES) {
      expect(allowedTransitions(from)).toEqual(expected[from]);
      for (const to of REPORT_STATUSES) expect(canTransition(from, to), `${from} → ${to}`).toBe(expected[from].includes(to));
    }
  });

  it('never allows staying put, skipping acknowledgement, or leaving CLOSED', () => {
    for (const status of REPORT_STATUSES) expect(canTransition(status, status)).toBe(false);
    expect(canTransition('RECEIVED', 'RESOLVED')).toBe(false);
    expect(canTransition('RECEIVED', 'IN_PROGRESS')).toBe(false);
    expect(allowedTransitions('CLOSED')).toEqual([]);
  });

  it('goes further along the main line in one change, recording every step between', () => {
    expect(stepsTo('RECEIVED', 'RESOLVED')).toEqual(['ACKNOWLEDGED', 'IN_PROGRESS', 'RESOLVED']);
    expect(stepsTo('RECEIVED', 'IN_PROGRESS')).toEqual(['ACKNOWLEDGED', 'IN_PROGRESS']);
    expect(stepsTo('ACKNOWLEDGED', 'RESOLVED')).toEqual(['IN_PROGRESS', 'RESOLVED']);
    expect(stepsTo('IN_PROGRESS', 'REJECTED')).toEqual(['REJECTED']);
    expect(stepsTo('RESOLVED', 'IN_PROGRESS')).toEqual(['IN_PROGRESS']);
    // Never backwards, never out of CLOSED, never to where it already is.
    expect(stepsTo('IN_PROGRESS', 'ACKNOWLEDGED')).toBeNull();
    expect(stepsTo('CLOSED', 'RESOLVED')).toBeNull();
    expect(stepsTo('RESOLVED', 'RESOLVED')).toBeNull();
    expect(stepsTo('REJECTED', 'RESOLVED')).toBeNull();
    expect(reachableStatuses('RECEIVED')).toEqual(['ACKNOWLEDGED', 'IN_PROGRESS', 'RESOLVED', 'REJECTED']);
    expect(reachableStatuses('IN_PROGRESS')).toEqual(['RESOLVED', 'REJECTED']);
    expect(reachableStatuses('RESOLVED')).toEqual(['CLOSED', 'IN_PROGRESS']);
    expect(reachableStatuses('CLOSED')).toEqual([]);
    // Every path is made of allowed steps and every reachable status has one.
    for (const from of REPORT_STATUSES) {
      for (const to of reachableStatuses(from)) {
        const path = stepsTo(from, to)!;
        expect(path.at(-1)).toBe(to);
        for (const [i, step] of path.entries()) {
          const at = i === 0 ? from : path[i - 1]!;
          expect(canTransition(at, step), `${at} → ${step}`).toBe(true);
        }
      }
    }
  });

  it('hands out copies, so callers cannot change the lifecycle', () => {
    allowedTransitions('RECEIVED').push('CLOSED');
    expect(canTransition('RECEIVED', 'CLOSED')).toBe(false);
  });
});

describe('deadlines', () => {
  const submitted = new Date('2025-03-01T10:00:00+08:00');

  it('adds calendar hours, straight through nights and weekends', () => {
    expect(dueAt(submitted, 24).toISOString()).toBe('2025-03-02T02:00:00.000Z');
    expect(dueAt(submitted, 72).toISOString()).toBe('2025-03-04T02:00:00.000Z'); // Saturday + 3 days
    expect(dueAt(submitted, 1.5).toISOString()).toBe('2025-03-01T03:30:00.000Z');
    expect(dueAt(submitted, 0).getTime()).toBe(submitted.getTime());
  });

  it('does not modify the submission date', () => {
    const copy = new Date(submitted);
    dueAt(copy, 5);
    expect(copy.getTime()).toBe(submitted.getTime());
  });

  it('rejects invalid input', () => {
    expect(() => dueAt(submitted, -1)).toThrow(RangeError);
    expect(() => dueAt(submitted, Number.NaN)).toThrow(RangeError);
    expect(() => dueAt(submitted, Infinity)).toThrow(RangeError);
    expect(() => dueAt(new Date('nope'), 24)).toThrow(RangeError);
  });

  it('is overdue only after the deadline and only while open', () => {
    const due = dueAt(submitted, 24);
    const before = new Date(due.getTime() - 1);
    const after = new Date(due.getTime() + 1);
    for (const status of REPORT_STATUSES) {
      expect(isOverdue(due, status, before)).toBe(false);
      expect(isOverdue(due, status, due)).toBe(false);
      expect(isOverdue(due, status, after), status).toBe(isOpenStatus(status));
    }
    expect(isOverdue(due, 'IN_PROGRESS', after)).toBe(true);
    expect(isOverdue(due, 'RESOLVED', after)).toBe(false);
  });
});
