import { Spin } from 'antd';
import type { ReactNode } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { useAuth } from './auth';
import { AppLayout } from './components/AppLayout';
import { ForbiddenResult, NotFoundResult } from './components/ErrorResult';
import { AccountSetupPage } from './pages/account/AccountSetupPage';
import { SecurityPage } from './pages/account/SecurityPage';
import { AssessmentPlanPage } from './pages/assessment/AssessmentPlanPage';
import { AssessmentPlansPage } from './pages/assessment/AssessmentPlansPage';
import { AuditPage } from './pages/audit/AuditPage';
import { DashboardPage } from './pages/dashboard/DashboardPage';
import { GradeReviewsPage } from './pages/gradeReviews/GradeReviewsPage';
import { LifecyclePage } from './pages/lifecycle/LifecyclePage';
import { LoginPage } from './pages/login/LoginPage';
import { PoliciesPage } from './pages/policies/PoliciesPage';
import { PublicCommunityPage } from './pages/public/PublicCommunityPage';
import { PlanPage } from './pages/recruitment/PlanPage';
import { RecruitmentPage } from './pages/recruitment/RecruitmentPage';
import { RegionPage } from './pages/regions/RegionPage';
import { StaffingPage } from './pages/staffing/StaffingPage';
import { StatsHome, StatsPage } from './pages/stats/StatsPage';
import { TokensPage } from './pages/tokens/TokensPage';
import { CompliancePage } from './pages/training/CompliancePage';
import { ProgramPage } from './pages/training/ProgramPage';
import { TrainingPage } from './pages/training/TrainingPage';
import { UsersPage } from './pages/users/UsersPage';
import { VoicePage } from './pages/voice/VoicePage';
import { WorkerCreatePage } from './pages/workers/WorkerCreatePage';
import { WorkerImportPage } from './pages/workers/WorkerImportPage';
import { WorkerPage } from './pages/workers/WorkerPage';
import { WorkersPage } from './pages/workers/WorkersPage';

function FullPageSpin() {
  return (
    <div className="full-page-center">
      <Spin size="large" />
    </div>
  );
}

function RequireAuth({ children }: { children: ReactNode }) {
  const { user, loading, signedOut } = useAuth();
  const location = useLocation();
  if (loading) return <FullPageSpin />;
  // After signing out, no return address: the next user to sign in lands on their own 工作台.
  if (!user) return <Navigate to="/login" replace state={signedOut ? null : { from: location.pathname }} />;
  // A new password or two-factor enrolment first: the server answers nothing else until then.
  if (user.pending) return <Navigate to="/account/setup" replace />;
  return children;
}

function RequirePermission({ permission, children }: { permission: string; children: ReactNode }) {
  const { can } = useAuth();
  return can(permission) ? children : <ForbiddenResult />;
}

/** 配备标准 without a region: the signed-in user's own. */
function StaffingHome() {
  const { user } = useAuth();
  return user ? <Navigate to={`/staffing/${user.regionCode}`} replace /> : <Navigate to="/login" replace />;
}

function LoginRoute() {
  const { user, loading } = useAuth();
  const location = useLocation();
  if (loading) return <FullPageSpin />;
  if (user) {
    // back to the page that sent us here, if any
    const from = (location.state as { from?: string } | null)?.from;
    return <Navigate to={from && from !== '/login' ? from : '/'} replace />;
  }
  return <LoginPage />;
}

function AccountSetupRoute() {
  const { loading } = useAuth();
  return loading ? <FullPageSpin /> : <AccountSetupPage />;
}

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginRoute />} />
      {/* Issue 5: the residents' community page, public (no sign-in). */}
      <Route path="/p/:code" element={<PublicCommunityPage />} />
      <Route path="/account/setup" element={<AccountSetupRoute />} />
      <Route
        element={
          <RequireAuth>
            <AppLayout />
          </RequireAuth>
        }
      >
        {/* 工作台: every role lands on its own dashboard (issue 7). */}
        <Route index element={<DashboardPage />} />
        <Route path="regions/:code" element={<RegionPage />} />
        <Route
          path="assessment"
          element={
            <RequirePermission permission="assessment.read">
              <AssessmentPlansPage />
            </RequirePermission>
          }
        />
        <Route
          path="assessment/:id"
          element={
            <RequirePermission permission="assessment.read">
              <AssessmentPlanPage />
            </RequirePermission>
          }
        />
        <Route
          path="voice"
          element={
            <RequirePermission permission="voice.manage">
              <VoicePage />
            </RequirePermission>
          }
        />
        <Route
          path="voice/:code"
          element={
            <RequirePermission permission="voice.manage">
              <VoicePage />
            </RequirePermission>
          }
        />
        <Route
          path="users"
          element={
            <RequirePermission permission="user.manage">
              <UsersPage />
            </RequirePermission>
          }
        />
        <Route
          path="audit"
          element={
            <RequirePermission permission="audit.read">
              <AuditPage />
            </RequirePermission>
          }
        />
        <Route
          path="tokens"
          element={
            <RequirePermission permission="token.manage">
              <TokensPage />
            </RequirePermission>
          }
        />
        <Route
          path="workers"
          element={
            <RequirePermission permission="worker.read">
              <WorkersPage />
            </RequirePermission>
          }
        />
        <Route
          path="workers/new"
          element={
            <RequirePermission permission="worker.manage">
              <WorkerCreatePage />
            </RequirePermission>
          }
        />
        <Route
          path="workers/import"
          element={
            <RequirePermission permission="worker.import">
              <WorkerImportPage />
            </RequirePermission>
          }
        />
        <Route
          path="workers/:id"
          element={
            <RequirePermission permission="worker.read">
              <WorkerPage />
            </RequirePermission>
          }
        />
        <Route
          path="staffing"
          element={
            <RequirePermission permission="policy.read">
              <StaffingHome />
            </RequirePermission>
          }
        />
        <Route
          path="staffing/:code"
          element={
            <RequirePermission permission="policy.read">
              <StaffingPage />
            </RequirePermission>
          }
        />
        <Route
          path="policies"
          element={
            <RequirePermission permission="policy.read">
              <PoliciesPage />
            </RequirePermission>
          }
        />
        <Route
          path="grade-reviews"
          element={
            <RequirePermission permission="grade.review">
              <GradeReviewsPage />
            </RequirePermission>
          }
        />
        {/* training (issue 5) */}
        <Route
          path="training"
          element={
            <RequirePermission permission="training.read">
              <TrainingPage />
            </RequirePermission>
          }
        />
        <Route
          path="training/programs/:id"
          element={
            <RequirePermission permission="training.read">
              <ProgramPage />
            </RequirePermission>
          }
        />
        <Route
          path="training/compliance/:code"
          element={
            <RequirePermission permission="training.read">
              <CompliancePage />
            </RequirePermission>
          }
        />
        {/* issue 6: lifecycle and recruitment */}
        <Route
          path="lifecycle"
          element={
            <RequirePermission permission="lifecycle.read">
              <LifecyclePage />
            </RequirePermission>
          }
        />
        <Route
          path="recruitment"
          element={
            <RequirePermission permission="recruitment.read">
              <RecruitmentPage />
            </RequirePermission>
          }
        />
        <Route
          path="recruitment/:id"
          element={
            <RequirePermission permission="recruitment.read">
              <PlanPage />
            </RequirePermission>
          }
        />
        {/* issue 7: statistics */}
        <Route
          path="stats"
          element={
            <RequirePermission permission="stats.read">
              <StatsHome />
            </RequirePermission>
          }
        />
        <Route
          path="stats/:code"
          element={
            <RequirePermission permission="stats.read">
              <StatsPage />
            </RequirePermission>
          }
        />
        <Route path="security" element={<SecurityPage />} />
        <Route path="403" element={<ForbiddenResult />} />
        <Route path="*" element={<NotFoundResult />} />
      </Route>
    </Routes>
  );
}
