// GET /api/workers/:id/assessments: a worker's annual assessments (F-ASSESS), newest year first.
import { type ApiResponse, type Item, request } from '../../api';

export type WorkerAssessmentYear = Item<ApiResponse<'/api/workers/{id}/assessments'>>;

export const workerAssessmentApi = {
  get: (workerId: number) =>
    request<ApiResponse<'/api/workers/{id}/assessments'>>('GET', `/api/workers/${workerId}/assessments`),
};
