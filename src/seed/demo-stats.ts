/**
 * Demo statistics (F-STATS): 勐海县's 2024 year-end figures approved as a snapshot, so the demo shows
 * a published year in the five-year trend and the difference view (the later years stay open for the
 * user to approve). Deterministic: the figures come from the seeded history.
 */
import type { Database } from '../db/database.js';
import { systemActor } from '../domain/permissions.js';
import { statsSnapshotApprover } from '../services/stats.service.js';

export const DEMO_STATS_SNAPSHOT = { region: '532822000000', year: 2024 };

export async function seedDemoStats(db: Database): Promise<void> {
  await statsSnapshotApprover(db, systemActor('勐海县委社会工作部（演示数据）'), DEMO_STATS_SNAPSHOT);
}
