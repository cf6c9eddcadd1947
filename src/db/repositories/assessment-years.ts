/**
 * The seam between the annual assessment (F-ASSESS) and everything that reads its results: the grade
 * engine (early and delayed steps, failed years not counted), incentive eligibility (F-INCENTIVE) and
 * the statistics. Only approved (locked) results count; a year carries the consequences confirmed for
 * it and any 容错纠错 decision, which the grade engine honours (domain/grade.ts).
 */

import type { AssessmentResult } from '../../domain/grade.js';
import type { Queryable } from '../database.js';
import { approvedYears } from './assessment.repository.js';

export interface AssessmentYear {
  year: number;
  result: AssessmentResult;
  /** A confirmed 延缓晋级 consequence: the year is not counted toward grade steps. */
  delayedStep?: boolean;
  /** A 容错纠错 decision: the year's result is not held against the worker. */
  faultTolerance?: boolean;
  /** Whether the early step this year closes was confirmed (false: proposed or rejected, not given). */
  earlyStep?: boolean;
}

/** Approved yearly results of many workers, oldest first, keyed by worker id. */
export async function assessmentYearsOf(db: Queryable, ids: readonly number[]): Promise<Map<number, AssessmentYear[]>> {
  const out = new Map<number, AssessmentYear[]>();
  if (!ids.length) return out;
  for (const r of await approvedYears(db, ids)) {
    const list = out.get(r.worker_id) ?? [];
    list.push({
      year: r.year,
      result: r.result,
      delayedStep: r.delayed,
      faultTolerance: r.tolerated,
      earlyStep: r.early,
    });
    out.set(r.worker_id, list);
  }
  return out;
}
