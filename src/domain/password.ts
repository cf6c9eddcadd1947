/** Password strength rule: at least 8 characters with both letters and digits, at most 128. */
export function passwordProblem(pw: string): string | null {
  if (pw.length < 8) return '密码至少 8 位';
  if (pw.length > 128) return '密码不能超过 128 位';
  if (!/[A-Za-z]/.test(pw) || !/\d/.test(pw)) return '密码须同时包含字母和数字';
  return null;
}
