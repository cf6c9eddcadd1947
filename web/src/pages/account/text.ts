// Words of sign-in security (两步验证, password change, warnings), Chinese first with English beside them.
import { useI18n } from '../../i18n';

const zh = {
  securityTitle: '账号安全',
  twoFactor: '两步验证',
  twoFactorOn: '已开启',
  twoFactorOff: '未开启',
  twoFactorRequired: '按本单位安全策略，您的账号必须开启两步验证。',
  twoFactorIntro:
    '开启后，登录时除了密码，还要输入手机验证器（如微信小程序“腾讯身份验证器”、Google Authenticator、Microsoft Authenticator）上显示的 6 位数字。',
  start: '开始设置',
  scan: '第一步：用手机验证器扫描二维码',
  manual: '无法扫码时，可在验证器中手动输入密钥：',
  enterCode: '第二步：输入验证器上显示的 6 位数字',
  code: '验证码',
  codePlaceholder: '6 位数字',
  confirm: '确认开启',
  enabled: '两步验证已开启',
  recoveryTitle: '恢复码（只显示这一次）',
  recoveryIntro:
    '手机丢失或无法使用验证器时，可用恢复码代替验证码登录，每个恢复码只能用一次。请打印或抄写后妥善保存，不要存放在手机里。',
  recoveryDownload: '下载为文本文件',
  recoverySaved: '我已妥善保存恢复码',
  recoveryLeft: '剩余恢复码：{n} 个',
  renew: '重新生成恢复码',
  renewDone: '已生成新的恢复码，旧恢复码已作废',
  disable: '停用两步验证',
  disabled: '两步验证已停用',
  password: '登录密码',
  codeOrRecovery: '验证码或恢复码',
  signInCodeTitle: '两步验证',
  signInCodeIntro: '请输入手机验证器上显示的 6 位数字。',
  useRecovery: '改用恢复码',
  useTotp: '改用验证码',
  recoveryCode: '恢复码',
  recoveryPlaceholder: '如 abcde-fghjk',
  back: '返回',
  verify: '验证并登录',
  setupTitle: '登录前还需完成一步',
  mustChangeTitle: '请修改密码',
  mustChangeIntro: '您正在使用初始密码或管理员重置的密码。修改密码后才能继续使用系统。',
  mustEnrolTitle: '请开启两步验证',
  logout: '退出登录',
  resetTwoFactor: '重置两步验证',
  resetConfirm: '重置后该用户需重新设置两步验证，其当前登录会话将全部结束。确定重置吗？',
  resetDone: '已重置该用户的两步验证',
  warningsTitle: '系统安全提示',
};

type Key = keyof typeof zh;

const en: Record<Key, string> = {
  securityTitle: 'Account security',
  twoFactor: 'Two-factor sign-in',
  twoFactorOn: 'On',
  twoFactorOff: 'Off',
  twoFactorRequired: 'Your organisation requires two-factor sign-in for your account.',
  twoFactorIntro:
    'When it is on, signing in asks for the 6-digit code shown by an authenticator app on your phone as well as your password.',
  start: 'Set up',
  scan: 'Step 1: scan the QR code with your authenticator app',
  manual: 'If you cannot scan, type this key into the app:',
  enterCode: 'Step 2: enter the 6-digit code the app shows',
  code: 'Code',
  codePlaceholder: '6 digits',
  confirm: 'Turn on',
  enabled: 'Two-factor sign-in is on',
  recoveryTitle: 'Recovery codes (shown only this once)',
  recoveryIntro:
    'If you lose your phone, sign in with a recovery code instead of a code; each works once. Print or write them down and keep them safe.',
  recoveryDownload: 'Download as a text file',
  recoverySaved: 'I have saved my recovery codes',
  recoveryLeft: 'Recovery codes left: {n}',
  renew: 'New recovery codes',
  renewDone: 'New recovery codes made; the old ones no longer work',
  disable: 'Turn off two-factor sign-in',
  disabled: 'Two-factor sign-in is off',
  password: 'Password',
  codeOrRecovery: 'Code or recovery code',
  signInCodeTitle: 'Two-factor sign-in',
  signInCodeIntro: 'Enter the 6-digit code shown by your authenticator app.',
  useRecovery: 'Use a recovery code',
  useTotp: 'Use a code',
  recoveryCode: 'Recovery code',
  recoveryPlaceholder: 'e.g. abcde-fghjk',
  back: 'Back',
  verify: 'Verify and sign in',
  setupTitle: 'One more step before you start',
  mustChangeTitle: 'Change your password',
  mustChangeIntro: 'You are using an initial or reset password. Change it to continue.',
  mustEnrolTitle: 'Turn on two-factor sign-in',
  logout: 'Sign out',
  resetTwoFactor: 'Reset two-factor sign-in',
  resetConfirm: 'The user will have to set up two-factor sign-in again and all their sessions end. Reset?',
  resetDone: 'Two-factor sign-in of the user was reset',
  warningsTitle: 'Security notices',
};

/** `at('recoveryLeft', { n: 3 })`: the text in the current language with its values filled in. */
export function useAccountText() {
  const { lang } = useI18n();
  const table = lang === 'zh' ? zh : en;
  return (key: Key, values: Record<string, string | number> = {}) =>
    table[key].replace(/\{(\w+)\}/g, (_m, k: string) => String(values[k] ?? ''));
}
