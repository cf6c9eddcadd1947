// GET /api/workers/:id/assessments: a worker's annual assessments (F-ASSESS), newest year first.
import { request } from '../../api';

export interface WorkerAssessmentYear {
  year: number;
  planId: number;
  planTitle: string;
  approved: boolean;
  approvedAt: string | null;
  rated: boolean;
  unratedReason: string | null;
  scores: { politicalQuality: number; workPerformance: number; residentSatisfaction: number } | null;
  total: number | null;
  result: 'excellent' | 'competent' | 'basic' | 'fail' | null;
  resultLabel: string | null;
  steps: { rule: string; text: string }[];
  consequences: { kind: string; kindLabel: string; reason: string; status: 'proposed' | 'confirmed' | 'rejected' | 'waived'; decidedAt: string | null; note: string | null }[];
  faultTolerance: { reason: string; decidedAt: string } | null;
}

export const workerAssessmentApi = {
  get: (workerId: number) => request<{ workerId: number; items: WorkerAssessmentYear[] }>('GET', `/api/workers/${workerId}/assessments`),
};
