/**
 * 工作台 (issue 7 "a dashboard for each role", issue 6 "due lists on the dashboard"): one read that
 * composes the existing services server-side, so every figure on the home page is the figure of the
 * page its tile links to (same rule, same scope). Nothing here counts on its own except what a service
 * does not offer (the worker's own contract end, read through the worker's own record).
 *
 * - county_swd, county_org, street, community: the staffing headline of the region (F-NORM), the
 *   communities most short, and the due lists — training overdue (F-TRAIN-RULE), probation due
 *   (F-PROBATION), contracts to renew (F-CONTRACT), retirements due (F-EXIT), unfiled secretaries
 *   (F-FILING), the open assessment plan (F-ASSESS), subsidies awaiting approval.
 * - city, province: the staffing of each child region (the headline figures and a chart).
 * - worker: their own grade and pay (F-GRADE, F-PAY), training due, contract end, probation end.
 * - sysadmin: users and the audit trail.
 */
import type { Database } from '../db/database.js';
import { contractRepository } from '../db/repositories/contract.repository.js';
import { workerRepository } from '../db/repositories/worker.repository.js';
import { DomainError, forbidden, invalid, notFound } from '../domain/errors.js';
import {
  CONTRACT_STATES,
  contractState,
  PROBATION_STATES,
  probationStatus,
  retirementDate,
} from '../domain/lifecycle.js';
import { type Actor, can, ROLE_LABELS, type Role } from '../domain/permissions.js';
import { isRegionCode, type Level } from '../domain/region-code.js';
import { STAFFING_STATUS_LABELS, type StaffingStatus } from '../domain/staffing.js';
import type { Gender } from '../domain/worker-vocab.js';
import { requireSection, resolvePolicy } from '../policy/resolve.js';
import { planLister } from './assessment.service.js';
import { auditSearcher, type RequestContext } from './audit.service.js';
import { contractDueLister, subsidyLister } from './contract.service.js';
import { workerPayReader } from './grade.service.js';
import { probationLister, retirementLister } from './lifecycle.service.js';
import { documentsFor } from './policy.service.js';
import { regionInScope } from './region.service.js';
import { filingLister } from './secretary.service.js';
import { staffingReader, staffingTableReader } from './staffing.service.js';
import { trainingComplianceSummary, workerTrainingReader } from './training.service.js';
import { userSearcher } from './user.service.js';
import { todayOf } from './worker.service.js';

/** One figure on the home page: what it counts, the rule it counts by, and the page that lists it. */
export interface Tile {
  key: string;
  label: string;
  value: number | null;
  unit: string;
  /** The rule behind the figure, in one sentence (the linked page explains each row). */
  rule: string;
  link: string;
  /** danger: something is late; warning: due soon or waiting for someone; normal otherwise. */
  tone: 'danger' | 'warning' | 'normal';
}

interface RegionStaffing {
  code: string;
  name: string;
  level: string;
  quota: number;
  headcount: number;
  gap: number;
  per10k: number | null;
  status: StaffingStatus;
  statusLabel: string;
}

/** How many of the communities most short the county and street dashboards list. */
export const MOST_SHORT = 8;

const OFFICE_DUE_LEVELS: Level[] = ['county', 'street', 'community'];

const tone = (late: number, soon = 0): Tile['tone'] => (late > 0 ? 'danger' : soon > 0 ? 'warning' : 'normal');

const staffingOf = (s: {
  code: string;
  name: string;
  level: string;
  quota: number;
  headcount: number;
  gap: number;
  per10k: number | null;
  status: string;
}): RegionStaffing => ({
  code: s.code,
  name: s.name,
  level: s.level,
  quota: s.quota,
  headcount: s.headcount,
  gap: s.gap,
  per10k: s.per10k,
  status: s.status as StaffingStatus,
  statusLabel: STAFFING_STATUS_LABELS[s.status as StaffingStatus] ?? s.status,
});

/** A source that has no policy in force (or nothing to say) leaves its tile out instead of failing the page. */
async function optional<T>(work: () => Promise<T>): Promise<T | null> {
  try {
    return await work();
  } catch (e) {
    if (e instanceof DomainError && e.code === 'POLICY_NOT_IN_FORCE') return null;
    throw e;
  }
}

/** GET /api/dashboard: the signed-in user's home page, composed from the services its tiles link to. */
export async function dashboardReader(
  db: Database,
  actor: Actor,
  input: { region?: string },
  ctx: RequestContext = {},
) {
  const today = todayOf(ctx);
  const role = actor.role as Role;
  const base = { date: today, role, roleLabel: ROLE_LABELS[role] ?? role };
  if (role === 'worker') {
    if (input.region !== undefined && input.region !== actor.regionCode)
      throw forbidden('社区工作者的工作台只显示本人信息');
    return {
      ...base,
      kind: 'worker' as const,
      region: null,
      staffing: null,
      children: [],
      mostShort: [],
      tiles: [],
      worker: await ownRecord(db, actor, today, ctx),
      recent: [],
    };
  }
  const code = input.region ?? actor.regionCode;
  if (!isRegionCode(code)) throw invalid('region', '区划代码应为 12 位数字');
  const region = await regionInScope(db, actor, code);
  const level = region.level as Level;
  const head = { ...base, region: { code: region.code, name: region.name, level } };

  if (role === 'sysadmin') {
    const [users, audit] = await Promise.all([
      userSearcher(db, actor, { region: code, page: 1, pageSize: 1 }),
      auditSearcher(db, actor, { region: code, page: 1, pageSize: 8 }),
    ]);
    const tiles: Tile[] = [
      {
        key: 'users',
        label: '用户数',
        value: users.total,
        unit: '人',
        rule: '本区划及下级区划的全部用户账号（含停用）',
        link: '/users',
        tone: 'normal',
      },
      {
        key: 'audit',
        label: '审计记录',
        value: audit.total,
        unit: '条',
        rule: '每次修改在同一事务中写入审计，哈希链防篡改（F-ARCHIVE）；审计页可校验整条链',
        link: '/audit',
        tone: 'normal',
      },
    ];
    const recent = audit.rows.map((r) => ({
      at: new Date(r.at).toISOString(),
      actor: r.actor_name,
      action: r.action,
      entityType: r.entity_type,
      regionCode: r.region_code,
    }));
    return {
      ...head,
      kind: 'admin' as const,
      staffing: null,
      children: [],
      mostShort: [],
      tiles,
      worker: null,
      recent,
    };
  }

  const staffing = can(actor, 'policy.read') ? await optional(() => staffingReader(db, actor, code, {}, ctx)) : null;
  const headline = staffing
    ? {
        year: staffing.year,
        ...staffingOf(staffing),
        rule: `${staffing.explanation.rule}；缺口 = 职数 − 实有（正数为缺员）`,
        link: `/staffing/${code}`,
      }
    : null;
  const children = staffing ? staffing.children.map(staffingOf) : [];

  // City, province (and the nation): the child regions side by side; the due lists live on the counties' pages.
  if (!OFFICE_DUE_LEVELS.includes(level)) {
    const tiles: Tile[] = [];
    if (headline) {
      const short = children.filter((c) => c.status === 'short');
      tiles.push({
        key: 'shortChildren',
        label: '缺员的下级区划',
        value: short.length,
        unit: '个',
        rule: '实有少于职数（减容差）的下级区划（F-NORM）',
        link: `/staffing/${code}`,
        tone: tone(short.length),
      });
    }
    if (can(actor, 'stats.read'))
      tiles.push({
        key: 'stats',
        label: '队伍统计',
        value: null,
        unit: '',
        rule: '全部指标按下级区划列出，可下钻到人员名单（F-STATS）',
        link: `/stats/${code}`,
        tone: 'normal',
      });
    return {
      ...head,
      kind: 'overview' as const,
      staffing: headline,
      children,
      mostShort: [],
      tiles,
      worker: null,
      recent: [],
    };
  }

  // County, street, community: the communities most short and every due list of the region.
  const table =
    level !== 'community' && staffing ? await optional(() => staffingTableReader(db, actor, code, {}, ctx)) : null;
  const mostShort = (table?.items ?? [])
    .filter((r) => r.level === 'community' && r.gap > 0)
    .sort((a, b) => b.gap - a.gap || a.code.localeCompare(b.code))
    .slice(0, MOST_SHORT)
    .map(staffingOf);
  const tiles = await officeTiles(db, actor, code, today, ctx);
  return { ...head, kind: 'office' as const, staffing: headline, children, mostShort, tiles, worker: null, recent: [] };
}

/** The due lists of a county, street or community, each from its own service, each linking to its page. */
async function officeTiles(
  db: Database,
  actor: Actor,
  code: string,
  today: string,
  ctx: RequestContext,
): Promise<Tile[]> {
  const lifecycle = can(actor, 'lifecycle.read');
  const [training, probation, contracts, retirements, filings, plans, subsidies] = await Promise.all([
    can(actor, 'training.read') ? optional(() => trainingComplianceSummary(db, code, today)) : null,
    lifecycle ? optional(() => probationLister(db, actor, { region: code }, ctx)) : null,
    lifecycle ? optional(() => contractDueLister(db, actor, { region: code }, ctx)) : null,
    lifecycle ? optional(() => retirementLister(db, actor, { region: code }, ctx)) : null,
    lifecycle ? optional(() => filingLister(db, actor, { region: code })) : null,
    can(actor, 'assessment.read') ? optional(() => planLister(db, actor)) : null,
    can(actor, 'subsidy.approve') ? optional(() => subsidyLister(db, actor, { region: code })) : null,
  ]);
  const tiles: Tile[] = [];
  if (training)
    tiles.push(
      {
        key: 'trainingOverdue',
        label: '培训逾期',
        value: training.overdue,
        unit: '人',
        rule: '上一培训周期未完成且至今未补训：书记、主任每年至少 1 次，其他人员每 3 年至少 1 次（F-TRAIN-RULE，以生效政策为准）',
        link: `/training/compliance/${code}?status=overdue`,
        tone: tone(training.overdue),
      },
      {
        key: 'trainingDueSoon',
        label: '培训即将到期',
        value: training.dueSoon,
        unit: '人',
        rule: '本周期尚未完成、距周期结束不足政策规定的天数（默认 90 天）',
        link: `/training/compliance/${code}?status=dueSoon`,
        tone: tone(0, training.dueSoon),
      },
    );
  if (probation)
    tiles.push({
      key: 'probation',
      label: '试用期到期待考核',
      value: probation.counts.overdue + probation.counts.dueSoon,
      unit: '人',
      rule: `试用期（默认 6 个月）已满 ${probation.counts.overdue} 人、即将期满 ${probation.counts.dueSoon} 人，须作出合格或不合格决定（F-PROBATION）`,
      link: '/lifecycle?tab=probation',
      tone: tone(probation.counts.overdue, probation.counts.dueSoon),
    });
  if (contracts)
    tiles.push({
      key: 'contracts',
      label: '合同到期待续签',
      value: contracts.counts.expired + contracts.counts.dueSoon,
      unit: '人',
      rule: `最近一份劳动合同已到期 ${contracts.counts.expired} 人、在提醒期内到期 ${contracts.counts.dueSoon} 人；另有 ${contracts.counts.none} 人未签订（F-CONTRACT）`,
      link: '/lifecycle?tab=contracts',
      tone: tone(contracts.counts.expired, contracts.counts.dueSoon),
    });
  if (retirements) {
    const reached = retirements.items.filter((i) => i.overdue).length;
    tiles.push({
      key: 'retirements',
      label: `${retirements.months} 个月内到龄退休`,
      value: retirements.items.length,
      unit: '人',
      rule: `${retirements.rule}；已到龄仍在岗 ${reached} 人`,
      link: '/lifecycle?tab=retirement',
      tone: tone(reached, retirements.items.length),
    });
  }
  if (filings)
    tiles.push({
      key: 'unfiled',
      label: '书记未备案',
      value: filings.counts.unfiled + filings.counts.returned,
      unit: '人',
      rule: `在任社区党组织书记（含一肩挑）的任职须报县级组织部门备案：未报送 ${filings.counts.unfiled} 人、被退回 ${filings.counts.returned} 人、已报送待审核 ${filings.counts.submitted} 人（F-FILING）`,
      link: '/lifecycle?tab=secretaries',
      tone: tone(filings.counts.unfiled + filings.counts.returned, filings.counts.submitted),
    });
  if (plans) {
    const county = code.slice(0, 6);
    const own = plans.items.filter((p) => p.regionCode.slice(0, 6) === county);
    const open = own.filter((p) => p.status !== 'approved').sort((a, b) => b.year - a.year)[0];
    const latest = open ?? own.sort((a, b) => b.year - a.year)[0];
    tiles.push({
      key: 'assessment',
      label: open ? `${open.year} 年度考核待评分` : '年度考核',
      value: open ? open.entries - open.scored : null,
      unit: '人',
      rule: open
        ? `${open.title}：已评 ${open.scored} / ${open.entries} 人，县级审定后锁定（F-ASSESS）`
        : latest
          ? `${latest.year} 年度考核已审定锁定；县级发布新年度方案后在此显示进度（F-ASSESS）`
          : '县级尚未发布年度考核方案（F-ASSESS）',
      link: latest ? `/assessment/${latest.id}` : '/assessment',
      tone: open && open.entries > open.scored ? 'warning' : 'normal',
    });
  }
  if (subsidies) {
    const pending = subsidies.items.filter((s) => s.status === 'pending');
    tiles.push({
      key: 'subsidies',
      label: '补助待审批',
      value: pending.length,
      unit: '笔',
      rule: `重大任务、抢险救灾、应急处置补助的申请，待县级审批${pending.length ? `，合计 ${(pending.reduce((a, s) => a + s.amountFen, 0) / 100).toFixed(2)} 元` : ''}（F-CONTRACT）`,
      link: '/lifecycle?tab=contracts',
      tone: tone(0, pending.length),
    });
  }
  return tiles;
}

/** The worker's own page: their record, grade and pay today, training due, contract end, probation end. */
async function ownRecord(db: Database, actor: Actor, today: string, ctx: RequestContext) {
  const [w] = (
    await workerRepository.search(db, { scope: actor.scope, selfUserId: Number(actor.id) }, 'name', false, 1, 0)
  ).rows;
  if (!w) throw notFound('本人人员档案（账号未关联人员）');
  const id = w.id;
  const { documents } = await documentsFor(db, w.region_code);
  const policy = resolvePolicy(documents, w.region_code, today).policy;
  const [pay, training, contracts] = await Promise.all([
    optional(() => workerPayReader(db, actor, id, {}, ctx)),
    optional(() => workerTrainingReader(db, actor, id, ctx)),
    contractRepository.ofWorker(db, id),
  ]);
  const lc = await optional(async () => requireSection(policy, 'lifecycle'));
  const contract = lc
    ? contractState(
        contracts.map((c) => ({ startDate: c.start_date, endDate: c.end_date })),
        today,
        lc.contract.reminderDays,
      )
    : null;
  const probation = lc && w.status === 'probation' ? probationStatus(w.hired_on, lc.probation, today) : null;
  const retirement = lc ? retirementDate(w.birth_date, w.gender as Gender, lc.retirement) : null;
  return {
    workerId: id,
    name: w.name,
    regionName: w.region_name,
    position: w.position,
    status: w.status,
    hiredOn: w.hired_on,
    grade: pay
      ? {
          grade: pay.grade,
          categoryName: pay.categoryName,
          rule: '按今日的岗位类别、社区工作年限、学历和职业水平由岗位等级政策计算（F-GRADE），逐步说明见等级页',
        }
      : null,
    pay: pay
      ? {
          monthlyFen: pay.monthlyFen,
          example: pay.example,
          rule: '按今日的岗位等级由生效薪酬政策计算的月应发（F-PAY），各组成部分和算式见薪酬页',
        }
      : null,
    training: training
      ? {
          status: training.compliance.status,
          statusLabel: training.compliance.statusLabel,
          deadline: training.compliance.deadline,
          daysLeft: training.compliance.daysLeft,
          rule: training.compliance.rule,
        }
      : null,
    contract: contract
      ? {
          state: contract.state,
          stateName: CONTRACT_STATES[contract.state],
          endDate: contract.endDate,
          daysLeft: contract.daysLeft,
          rule: `合同到期前 ${lc!.contract.reminderDays} 天提醒续签（F-CONTRACT）`,
        }
      : null,
    probation: probation
      ? {
          dueOn: probation.dueOn,
          daysLeft: probation.daysLeft,
          state: probation.state,
          stateName: PROBATION_STATES[probation.state],
          rule: probation.rule,
        }
      : null,
    retirement: retirement ? { date: retirement.date, rule: retirement.rule } : null,
  };
}
