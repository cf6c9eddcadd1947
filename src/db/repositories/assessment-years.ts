/**
 * The seam between the annual assessment (F-ASSESS) and everything that reads its results: the grade
 * engine (early and delayed steps, failed years not counted), incentive eligibility (F-INCENTIVE) and
 * the statistics. Only approved results count. Until the assessment tables exist this returns none.
 */
import type { Queryable } from '../database.js';
import type { AssessmentResult } from '../../domain/grade.js';

export interface AssessmentYear {
  year: number;
  result: AssessmentResult;
  /** A confirmed 延缓晋级 consequence: the year is not counted toward grade steps. */
  delayedStep?: boolean;
  /** A 容错纠错 decision: the year's result is not held against the worker. */
  faultTolerance?: boolean;
}

/** Approved yearly results of many workers, oldest first, keyed by worker id. */
export async function assessmentYearsOf(_db: Queryable, _ids: readonly number[]): Promise<Map<number, AssessmentYear[]>> {
  return new Map();
}
