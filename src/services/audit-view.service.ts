/**
 * The audit viewer's side of the log: entries as the API shows them, with the personal numbers inside
 * their before/after masked unless the viewer's role may see them (`worker.reveal`); a viewer who may
 * sees them whole, and that read is itself written to the log (as every unmasked read is).
 */
import type { Database } from '../db/database.js';
import type { AuditRow } from '../db/repositories/audit.repository.js';
import type { Actor } from '../domain/permissions.js';
import { holdsPersonal, maskPersonal } from '../domain/personal-data.js';
import { auditSearcher, type RequestContext, writeAudit } from './audit.service.js';
import { mayReveal } from './worker.service.js';

/** One entry as the viewer shows it; `reveal` false masks the personal numbers in before/after. */
export const presentAuditEntry = (r: AuditRow, reveal: boolean) => ({
  id: r.id,
  at: new Date(r.at).toISOString(),
  actorType: r.actor_type,
  actorName: r.actor_name,
  action: r.action,
  entityType: r.entity_type,
  entityId: r.entity_id,
  regionCode: r.region_code,
  before: reveal ? r.before : maskPersonal(r.before),
  after: reveal ? r.after : maskPersonal(r.after),
});

/** A page of the log inside the actor's scope (filters as `auditSearcher`), masked or revealed and audited. */
export async function auditViewer(
  db: Database,
  actor: Actor,
  filter: Parameters<typeof auditSearcher>[2],
  ctx: RequestContext = {},
) {
  const { rows, total } = await auditSearcher(db, actor, filter);
  const reveal = mayReveal(actor);
  if (reveal) {
    const revealed = rows.filter((r) => holdsPersonal(r.before) || holdsPersonal(r.after)).map((r) => r.id);
    if (revealed.length)
      await db.transaction((tx) =>
        writeAudit(
          tx,
          actor,
          {
            action: 'audit.reveal',
            entityType: 'audit_log',
            entityId: null,
            regionCode: actor.regionCode,
            after: { entryIds: revealed },
          },
          ctx,
        ),
      );
  }
  return { total, items: rows.map((r) => presentAuditEntry(r, reveal)) };
}
