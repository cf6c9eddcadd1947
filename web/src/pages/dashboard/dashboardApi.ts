// GET /api/dashboard (docs/api-stats.md, 工作台): the signed-in user's home page.
import { request } from '../../api';

export interface DashRegionStaffing {
  code: string;
  name: string;
  level: string;
  quota: number;
  headcount: number;
  gap: number;
  per10k: number | null;
  status: 'short' | 'within' | 'over';
  statusLabel: string;
}

export interface DashTile {
  key: string;
  label: string;
  value: number | null;
  unit: string;
  rule: string;
  link: string;
  tone: 'danger' | 'warning' | 'normal';
}

export interface DashOwnRecord {
  workerId: number;
  name: string;
  regionName: string;
  position: string;
  status: string;
  hiredOn: string;
  grade: { grade: number; categoryName: string; rule: string } | null;
  pay: { monthlyFen: number; example: boolean; rule: string } | null;
  training: { status: string; statusLabel: string; deadline: string | null; daysLeft: number | null; rule: string } | null;
  contract: { state: string; stateName: string; endDate: string | null; daysLeft: number | null; rule: string } | null;
  probation: { dueOn: string; daysLeft: number; state: string; stateName: string; rule: string } | null;
  retirement: { date: string; rule: string } | null;
}

export interface Dashboard {
  date: string;
  role: string;
  roleLabel: string;
  kind: 'office' | 'overview' | 'worker' | 'admin';
  region: { code: string; name: string; level: string } | null;
  staffing: (DashRegionStaffing & { year: number; rule: string; link: string }) | null;
  children: DashRegionStaffing[];
  mostShort: DashRegionStaffing[];
  tiles: DashTile[];
  worker: DashOwnRecord | null;
  recent: { at: string; actor: string; action: string; entityType: string; regionCode: string | null }[];
}

export const dashboardApi = {
  get: (region?: string) => request<Dashboard>('GET', '/api/dashboard', undefined, { region }),
};
