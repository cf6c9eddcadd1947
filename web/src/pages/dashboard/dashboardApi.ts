// GET /api/dashboard (docs/api-stats.md, 工作台): the signed-in user's home page.
import { type ApiResponse, request } from '../../api';

export type Dashboard = ApiResponse<'/api/dashboard'>;
export type DashRegionStaffing = Dashboard['children'][number];
export type DashTile = Dashboard['tiles'][number];
export type DashOwnRecord = NonNullable<Dashboard['worker']>;

export const dashboardApi = {
  get: (region?: string) => request<ApiResponse<'/api/dashboard'>>('GET', '/api/dashboard', undefined, { region }),
};
