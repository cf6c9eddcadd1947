// Two-factor sign-in and the administrator's security warnings (src/http/routes/two-factor).
import { type ApiBody, type ApiResponse, request } from '../../api';

export type TwoFactorStatus = ApiResponse<'/api/auth/two-factor'>;
export type TwoFactorSetup = ApiResponse<'/api/auth/two-factor/setup', 'post'>;
export type SecurityWarning = ApiResponse<'/api/system/security-warnings'>['warnings'][number];
type PasswordAndCode = ApiBody<'/api/auth/two-factor/disable', 'post'>;

export const accountApi = {
  status: () => request<TwoFactorStatus>('GET', '/api/auth/two-factor'),
  setup: () => request<TwoFactorSetup>('POST', '/api/auth/two-factor/setup'),
  confirm: (code: string) =>
    request<ApiResponse<'/api/auth/two-factor/confirm', 'post'>>('POST', '/api/auth/two-factor/confirm', { code }),
  renewRecoveryCodes: (body: PasswordAndCode) =>
    request<ApiResponse<'/api/auth/two-factor/recovery-codes', 'post'>>(
      'POST',
      '/api/auth/two-factor/recovery-codes',
      body,
    ),
  disable: (body: PasswordAndCode) =>
    request<ApiResponse<'/api/auth/two-factor/disable', 'post'>>('POST', '/api/auth/two-factor/disable', body),
  resetUser: (id: number) =>
    request<ApiResponse<'/api/users/{id}/two-factor', 'delete'>>('DELETE', `/api/users/${id}/two-factor`),
  warnings: () => request<ApiResponse<'/api/system/security-warnings'>>('GET', '/api/system/security-warnings'),
};
