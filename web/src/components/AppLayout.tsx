import {
  AuditOutlined,
  BarChartOutlined,
  BookOutlined,
  ClusterOutlined,
  CommentOutlined,
  DashboardOutlined,
  FileProtectOutlined,
  IdcardOutlined,
  KeyOutlined,
  LogoutOutlined,
  PieChartOutlined,
  RiseOutlined,
  SolutionOutlined,
  TeamOutlined,
  TrophyOutlined,
  UserAddOutlined,
} from '@ant-design/icons';
import { Alert, Button, ConfigProvider, Layout, Menu, type MenuProps, Tag, theme } from 'antd';
import { type ReactNode, useState } from 'react';
import { Outlet, useLocation, useMatch, useNavigate } from 'react-router-dom';
import { useAuth, useMe } from '../auth';
import { useI18n } from '../i18n';
import { roleLabel } from '../labels';
import { ChangePasswordModal } from './ChangePasswordModal';
import { LanguageSwitch } from './LanguageSwitch';
import { RegionTree } from './RegionTree';

export function AppLayout() {
  const { t, lang } = useI18n();
  const { logout, can } = useAuth();
  const me = useMe();
  const navigate = useNavigate();
  const location = useLocation();
  const regionMatch = useMatch('/regions/:code');
  const [pwdOpen, setPwdOpen] = useState(false);

  type Entry = { key: string; icon: ReactNode; label: ReactNode } | false;
  /** Groups of the side menu; a group the role has no entry in is left out. Every entry keeps its data-testid. */
  const group = (key: string, label: string, entries: Entry[]) => {
    const children = entries.filter((x) => !!x);
    return children.length
      ? {
          type: 'group' as const,
          key: `group-${key}`,
          label: <span data-testid={`menu-group-${key}`}>{label}</span>,
          children,
        }
      : null;
  };
  const items: MenuProps['items'] = [
    group('home', t('menu.group.home'), [
      {
        key: 'dashboard',
        icon: <DashboardOutlined />,
        label: <span data-testid="menu-dashboard">{t('menu.dashboard')}</span>,
      },
      { key: 'regions', icon: <ClusterOutlined />, label: <span data-testid="menu-regions">{t('menu.regions')}</span> },
    ]),
    group('workforce', t('menu.group.workforce'), [
      can('worker.read') && {
        key: 'workers',
        icon: <IdcardOutlined />,
        label: <span data-testid="menu-workers">{t('menu.workers')}</span>,
      },
      can('policy.read') && {
        key: 'staffing',
        icon: <BarChartOutlined />,
        label: <span data-testid="menu-staffing">{t('menu.staffing')}</span>,
      },
      can('lifecycle.read') && {
        key: 'lifecycle',
        icon: <SolutionOutlined />,
        label: <span data-testid="menu-lifecycle">{lang === 'zh' ? '人员进出' : 'Lifecycle'}</span>,
      },
      can('recruitment.read') && {
        key: 'recruitment',
        icon: <UserAddOutlined />,
        label: <span data-testid="menu-recruitment">{lang === 'zh' ? '公开招聘' : 'Recruitment'}</span>,
      },
      can('grade.review') && {
        key: 'grade-reviews',
        icon: <RiseOutlined />,
        label: <span data-testid="menu-grade-reviews">{t('menu.gradeReviews')}</span>,
      },
    ]),
    group('training', t('menu.group.training'), [
      can('training.read') && {
        key: 'training',
        icon: <BookOutlined />,
        label: <span data-testid="menu-training">{t('menu.training')}</span>,
      },
      can('assessment.read') && {
        key: 'assessment',
        icon: <TrophyOutlined />,
        label: <span data-testid="menu-assessment">{t('menu.assessment')}</span>,
      },
      can('voice.manage') && {
        key: 'voice',
        icon: <CommentOutlined />,
        label: <span data-testid="menu-voice">{t('menu.voice')}</span>,
      },
    ]),
    group('stats', t('menu.group.stats'), [
      can('stats.read') && {
        key: 'stats',
        icon: <PieChartOutlined />,
        label: <span data-testid="menu-stats">{t('menu.stats')}</span>,
      },
    ]),
    group('system', t('menu.group.system'), [
      can('policy.read') && {
        key: 'policies',
        icon: <FileProtectOutlined />,
        label: <span data-testid="menu-policies">{t('menu.policies')}</span>,
      },
      can('user.manage') && {
        key: 'users',
        icon: <TeamOutlined />,
        label: <span data-testid="menu-users">{t('menu.users')}</span>,
      },
      can('audit.read') && {
        key: 'audit',
        icon: <AuditOutlined />,
        label: <span data-testid="menu-audit">{t('menu.audit')}</span>,
      },
      can('token.manage') && {
        key: 'tokens',
        icon: <KeyOutlined />,
        label: <span data-testid="menu-tokens">{t('menu.tokens')}</span>,
      },
    ]),
  ].filter((x) => !!x);

  const section = location.pathname.split('/')[1] || 'dashboard';

  const onMenu: MenuProps['onClick'] = ({ key }) => {
    if (key === 'dashboard') navigate('/');
    else if (key === 'regions') navigate(`/regions/${me.regionCode}`);
    else if (key === 'staffing') navigate(`/staffing/${me.regionCode}`);
    else if (key === 'stats') navigate(`/stats/${me.regionCode}`);
    else navigate(`/${key}`);
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header className="app-header">
        <div className="brand">{t('app.title')}</div>
        <ConfigProvider theme={{ algorithm: theme.darkAlgorithm }}>
          <div className="user-info" data-testid="user-info">
            <span data-testid="user-name">{me.displayName}</span>
            <Tag color="gold" variant="filled" style={{ marginInlineEnd: 0 }}>
              {roleLabel(t, me.role)}
            </Tag>
            <span>{me.regionName}</span>
            <LanguageSwitch />
            <Button type="text" size="small" onClick={() => setPwdOpen(true)} data-testid="change-password">
              {t('header.changePassword')}
            </Button>
            <Button type="text" size="small" onClick={() => navigate('/security')} data-testid="account-security">
              {lang === 'zh' ? '两步验证' : 'Two-factor'}
            </Button>
            <Button type="text" size="small" icon={<LogoutOutlined />} onClick={() => logout()} data-testid="logout">
              {t('header.logout')}
            </Button>
          </div>
        </ConfigProvider>
      </Layout.Header>
      <Layout>
        <Layout.Sider width={280} className="app-sider" breakpoint="lg" collapsedWidth={0} theme="light">
          <Menu mode="inline" selectedKeys={[section]} items={items} onClick={onMenu} style={{ borderInlineEnd: 0 }} />
          <div className="sider-section-title">{t('menu.regionTree')}</div>
          <div className="region-tree-wrap">
            <RegionTree rootCode={me.regionCode} selectedCode={regionMatch?.params.code} />
          </div>
        </Layout.Sider>
        <Layout.Content className="app-content">
          {me.mustChangePassword && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 16 }}
              title={t('password.mustChange')}
              action={
                <Button size="small" onClick={() => setPwdOpen(true)}>
                  {t('header.changePassword')}
                </Button>
              }
            />
          )}
          <Outlet />
        </Layout.Content>
      </Layout>
      <ChangePasswordModal open={pwdOpen} onClose={() => setPwdOpen(false)} />
    </Layout>
  );
}
