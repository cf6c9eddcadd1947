// 离岗申请 and 届次 (issue 6, F-EXIT F-FILING): the API's shapes and calls (docs/api-lifecycle.md).
import { request } from '../../api';

export interface ExitDocument {
  id: number;
  kind: string;
  kindName: string;
  title: string;
  number: string | null;
  date: string;
  file: { name: string; mime: string; size: number; sha256: string; uploadedBy: string; uploadedAt: string } | null;
}

export interface ExitRequest {
  id: number;
  workerId: number;
  name: string;
  regionName: string;
  streetName: string | null;
  positionName: string;
  workerStatus: string;
  type: string;
  typeName: string;
  date: string;
  reason: string;
  statutoryRetirementDate: string | null;
  earlyRetirementReason: string | null;
  state: 'pending' | 'approved' | 'returned';
  stateName: string;
  proposedOn: string;
  proposedBy: string;
  decidedOn: string | null;
  decidedBy: string | null;
  decisionNote: string | null;
  documentCount: number;
  requiredDocuments: string[];
  abilities: { decide: boolean };
  documents: ExitDocument[];
}

export interface ExitList {
  regionCode: string;
  regionName: string;
  counts: { pending: number; approved: number; returned: number };
  items: ExitRequest[];
}

export interface Term {
  id: number;
  regionCode: string;
  regionName: string;
  termNumber: number;
  termName: string;
  electedOn: string;
  endsOn: string;
  closedOn: string | null;
  closeReason: 'election' | 'early' | null;
  closeReasonName: string | null;
  closeNote: string | null;
  completed: boolean;
  members: { id: number; workerId: number; name: string; position: string; positionName: string; workerStatus: string }[];
}

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

export const fileUrl = (requestId: number, documentId: number) => `/api/exit-requests/${requestId}/documents/${documentId}/file`;

export const exitsApi = {
  list: (q: { region?: string; state?: string; workerId?: number }) => request<ExitList>('GET', '/api/exit-requests', undefined, q),
  create: (workerId: number, body: { type: string; date: string; reason: string; earlyRetirementReason?: string | null; documents: { kind: string; title: string; number?: string | null; date: string }[]; approve?: boolean }) =>
    request<ExitRequest>('POST', `/api/workers/${workerId}/exit-requests`, body),
  upload: (requestId: number, documentId: number, file: File) => {
    const form = new FormData();
    form.append('file', file);
    return request<ExitDocument>('POST', fileUrl(requestId, documentId), form);
  },
  approve: (id: number, note: string | null) => request<ExitRequest>('POST', `/api/exit-requests/${id}/approve`, { note }),
  giveBack: (id: number, reason: string) => request<ExitRequest>('POST', `/api/exit-requests/${id}/return`, { reason }),
  terms: (q: { region?: string; workerId?: number }) => request<{ items: Term[] }>('GET', '/api/terms', undefined, q),
  createTerm: (body: { regionCode: string; termNumber: number; electedOn: string }) => request<Term>('POST', '/api/terms', body),
  closeTerm: (id: number, body: { closedOn: string; reason: 'election' | 'early'; note?: string | null }) => request<Term>('POST', `/api/terms/${id}/close`, body),
  addMember: (id: number, body: { workerId: number; position: string }) => request<Term>('POST', `/api/terms/${id}/members`, body),
  removeMember: (id: number, memberId: number) => request<Term>('DELETE', `/api/terms/${id}/members/${memberId}`),
};
