// 离岗申请 and 届次 (issue 6, F-EXIT F-FILING): the API's shapes and calls (docs/api-lifecycle.md).
import { type ApiBody, type ApiQuery, type ApiResponse, type Item, request } from '../../api';

export type ExitList = ApiResponse<'/api/exit-requests'>;
export type ExitRequest = ExitList['items'][number];
export type ExitDocument = ExitRequest['documents'][number];
export type Term = Item<ApiResponse<'/api/terms'>>;
export type ExitType = ApiBody<'/api/workers/{id}/exit-requests', 'post'>['type'];

/** Document kinds, and the kind each exit type requires (src/domain/exit.ts). */
export const DOCUMENT_KINDS: Record<string, [string, string]> = {
  recallResolution: ['居民会议/居民代表会议罢免决议', 'Recall resolution of the residents’ meeting'],
  resignationLetter: ['辞职申请书', 'Resignation letter'],
  dismissalNotice: ['解聘通知书', 'Dismissal notice'],
  retirementApproval: ['退休审批表', 'Retirement approval form'],
  deathCertificate: ['死亡证明', 'Death certificate'],
  other: ['其他', 'Other'],
};
export const REQUIRED_KIND: Record<string, string> = {
  recall: 'recallResolution',
  dismissal: 'dismissalNotice',
  resignation: 'resignationLetter',
  retirement: 'retirementApproval',
  death: 'deathCertificate',
};

export const fileUrl = (requestId: number, documentId: number) =>
  `/api/exit-requests/${requestId}/documents/${documentId}/file`;

export const exitsApi = {
  list: (q: ApiQuery<'/api/exit-requests'>) =>
    request<ApiResponse<'/api/exit-requests'>>('GET', '/api/exit-requests', undefined, q),
  create: (workerId: number, body: ApiBody<'/api/workers/{id}/exit-requests', 'post'>) =>
    request<ApiResponse<'/api/workers/{id}/exit-requests', 'post'>>(
      'POST',
      `/api/workers/${workerId}/exit-requests`,
      body,
    ),
  upload: (requestId: number, documentId: number, file: File) => {
    const form = new FormData();
    form.append('file', file);
    return request<ExitDocument>('POST', fileUrl(requestId, documentId), form);
  },
  approve: (id: number, note: string | null) =>
    request<ApiResponse<'/api/exit-requests/{id}/approve', 'post'>>('POST', `/api/exit-requests/${id}/approve`, {
      note,
    }),
  giveBack: (id: number, reason: string) =>
    request<ApiResponse<'/api/exit-requests/{id}/return', 'post'>>('POST', `/api/exit-requests/${id}/return`, {
      reason,
    }),
  terms: (q: ApiQuery<'/api/terms'>) => request<ApiResponse<'/api/terms'>>('GET', '/api/terms', undefined, q),
  createTerm: (body: ApiBody<'/api/terms', 'post'>) =>
    request<ApiResponse<'/api/terms', 'post'>>('POST', '/api/terms', body),
  closeTerm: (id: number, body: ApiBody<'/api/terms/{id}/close', 'post'>) =>
    request<ApiResponse<'/api/terms/{id}/close', 'post'>>('POST', `/api/terms/${id}/close`, body),
  addMember: (id: number, body: ApiBody<'/api/terms/{id}/members', 'post'>) =>
    request<ApiResponse<'/api/terms/{id}/members', 'post'>>('POST', `/api/terms/${id}/members`, body),
  removeMember: (id: number, memberId: number) =>
    request<ApiResponse<'/api/terms/{id}/members/{memberId}', 'delete'>>(
      'DELETE',
      `/api/terms/${id}/members/${memberId}`,
    ),
};
