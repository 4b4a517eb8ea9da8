/**
 * Checkpoint verification (登记点查验): plate-recognition events from the checkpoint's cameras
 * (API key, batch, idempotent on checkpoint + plate + time) and officers' manual verifications,
 * each matched to the archive and the vehicle's active waybill: passed, or flagged with
 * `unfiled_vehicle`, `no_waybill`, `expired_certificate`, `goods_mismatch` — each flag an alarm.
 */
import { randomUUID } from 'node:crypto';
import { AppError } from '../../errors.js';
import type { Actor } from '../../platform/auth.js';
import type { Db, Queryable } from '../../platform/db/db.js';
import { recordAudit } from '../accounts/audit.js';
import { chinaDay } from '../archives/today.js';
import { papersFindings, type Finding, type Subject } from './assess.js';
import {
  eventsFor,
  listScoped,
  ownerOf,
  presentSubject,
  subjectQuery,
  validPlate,
  type Acting,
} from './common.js';
import { enqueueEvent, type VerificationAlarmType } from './events.js';
import { findPlace, loadSubject, type PlaceRow } from './subject.js';

export const checkpointFlags = [
  'unfiled_vehicle',
  'no_waybill',
  'expired_certificate',
  'goods_mismatch',
] as const;
export type CheckpointFlag = (typeof checkpointFlags)[number];

/** A camera may report a pass this far ahead of the server's clock (clock skew), and this far back. */
const FUTURE_SKEW_MS = 10 * 60_000;
const OLDEST_MS = 30 * 86_400_000;

export interface CameraPass {
  plate: string;
  plateColour?: number;
  passedAt: string;
  photoUrl?: string;
  lane?: string;
  direction?: 'in' | 'out';
}

export interface ManualPass {
  plate: string;
  plateColour?: number;
  result: 'passed' | 'flagged';
  flags?: CheckpointFlag[];
  note: string;
}

export interface PassRow {
  id: string;
  checkpoint_id: string;
  source: 'camera' | 'manual';
  plate: string;
  plate_colour: number;
  passed_at: Date;
  lane: string | null;
  direction: string | null;
  photo_url: string | null;
  vehicle_id: string | null;
  enterprise_id: string | null;
  district_code: string;
  waybill_id: string | null;
  waybill_number: string | null;
  result: 'passed' | 'flagged';
  flags: Finding[];
  note: string | null;
  recorded_by: string;
  recorded_by_name: string;
  received_at: Date;
}

const COLUMNS = `id, checkpoint_id, source, plate, plate_colour, passed_at, lane, direction, photo_url, vehicle_id,
  enterprise_id, district_code, waybill_id, waybill_number, result, flags, note, recorded_by, recorded_by_name,
  received_at`;

export function presentPass(r: PassRow) {
  return {
    id: r.id,
    checkpointId: r.checkpoint_id,
    source: r.source,
    plate: r.plate,
    plateColour: Number(r.plate_colour),
    passedAt: new Date(r.passed_at).toISOString(),
    lane: r.lane,
    direction: r.direction,
    photoUrl: r.photo_url,
    vehicleId: r.vehicle_id,
    enterpriseId: r.enterprise_id,
    districtCode: r.district_code,
    waybillId: r.waybill_id,
    waybillNumber: r.waybill_number,
    result: r.result,
    flags: r.flags,
    note: r.note,
    recordedBy: r.recorded_by,
    recordedByName: r.recorded_by_name,
    receivedAt: new Date(r.received_at).toISOString(),
  };
}

export type PassOutcome =
  | { index: number; ok: true; id: string; result: 'passed' | 'flagged'; flags: string[]; duplicate: boolean }
  | { index: number; ok: false; code: string; details: unknown };

const flagMessages: Record<CheckpointFlag, [string, string]> = {
  unfiled_vehicle: ['未备案车辆', 'Vehicle not filed'],
  no_waybill: ['无有效电子运单', 'No valid electronic waybill'],
  expired_certificate: ['证件过期', 'Certificate expired'],
  goods_mismatch: ['车辆/罐体与货物不符', 'Vehicle or tank not suitable for the goods'],
};

export class CheckpointService {
  constructor(
    private readonly db: Db,
    private readonly now: () => Date,
    private readonly afterCommit: () => void,
  ) {}

  private async checkpoint(actor: Actor, id: string): Promise<PlaceRow> {
    const place = await findPlace(this.db, actor, 'checkpoint', id);
    if (!place) throw new AppError('NOT_FOUND', { checkpoint: id });
    return place;
  }

  async lookup(
    actor: Actor,
    checkpointId: string,
    q: { plate?: string; plateColour?: number; waybillNumber?: string },
  ) {
    const place = await this.checkpoint(actor, checkpointId);
    const s = await loadSubject(this.db, subjectQuery(q));
    if (!s) throw new AppError('NOT_FOUND', { waybillNumber: q.waybillNumber });
    const today = chinaDay(this.now());
    const flags = papersFindings(s, today, 'no_waybill');
    return {
      checkpoint: { id: place.id, name: place.name },
      ...presentSubject(s, today),
      verdict: { result: flags.length === 0 ? 'passed' : 'flagged', flags },
    };
  }

  /** Camera events, each in its own transaction; one bad item does not stop the others. */
  async ingest(ctx: Acting, checkpointId: string, passes: readonly CameraPass[]): Promise<PassOutcome[]> {
    const place = await this.checkpoint(ctx.actor, checkpointId);
    const out: PassOutcome[] = [];
    for (const [index, p] of passes.entries()) {
      try {
        const plate = validPlate(p.plate, `passes[${index}].plate`);
        const at = new Date(p.passedAt);
        const now = this.now().getTime();
        if (at.getTime() > now + FUTURE_SKEW_MS || at.getTime() < now - OLDEST_MS) {
          throw new AppError('CHECKPOINT_PASS_TIME_INVALID', { field: `passes[${index}].passedAt` });
        }
        const r = await this.save(ctx, place, {
          source: 'camera',
          plate,
          plateColour: p.plateColour ?? 2,
          passedAt: at,
          lane: p.lane ?? null,
          direction: p.direction ?? null,
          photoUrl: p.photoUrl ?? null,
          manual: null,
        });
        out.push({
          index,
          ok: true,
          id: r.row.id,
          result: r.row.result,
          flags: r.row.flags.map((f) => f.code),
          duplicate: r.duplicate,
        });
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        out.push({ index, ok: false, code: err.code, details: err.details });
      }
    }
    this.afterCommit();
    return out;
  }

  /** An officer's verification: passed, or flagged with the chosen flags (each an alarm). */
  async manual(ctx: Acting, checkpointId: string, input: ManualPass): Promise<PassRow> {
    const place = await this.checkpoint(ctx.actor, checkpointId);
    const plate = validPlate(input.plate);
    if (input.result === 'flagged' && !input.flags?.length) {
      throw new AppError('VALIDATION_FAILED', {
        fields: [{ field: 'body.flags', reason: 'a flagged pass needs its flags' }],
      });
    }
    const r = await this.save(ctx, place, {
      source: 'manual',
      plate,
      plateColour: input.plateColour ?? 2,
      passedAt: this.now(),
      lane: null,
      direction: null,
      photoUrl: null,
      manual: input,
    });
    this.afterCommit();
    return r.row;
  }

  private async save(
    ctx: Acting,
    place: PlaceRow,
    p: {
      source: 'camera' | 'manual';
      plate: string;
      plateColour: number;
      passedAt: Date;
      lane: string | null;
      direction: string | null;
      photoUrl: string | null;
      manual: ManualPass | null;
    },
  ): Promise<{ row: PassRow; duplicate: boolean }> {
    return this.db.transaction(async (tx) => {
      const existing = await findPass(tx, place.id, p.plate, p.passedAt);
      if (existing) return { row: existing, duplicate: true };
      const s: Subject = (await loadSubject(tx, { plate: p.plate, plateColour: p.plateColour }))!;
      const found = papersFindings(s, chinaDay(p.passedAt), 'no_waybill');
      let flags = found;
      if (p.manual) {
        const chosen = p.manual.result === 'flagged' ? (p.manual.flags ?? []) : [];
        flags = [...new Set(chosen)].flatMap((code) => {
          const auto = found.filter((f) => f.code === code);
          const [zh, en] = flagMessages[code];
          return auto.length > 0 ? auto : [{ code, messageZh: zh, messageEn: en, byOfficer: true }];
        });
      }
      const owner = ownerOf(s, place);
      const id = randomUUID();
      const { rows } = await tx.query<PassRow>(
        `INSERT INTO checkpoint_passes (id, checkpoint_id, checkpoint_district_code, source, plate, plate_colour,
           passed_at, lane, direction, photo_url, vehicle_id, enterprise_id, district_code, waybill_id, waybill_number,
           result, flags, note, recorded_by, recorded_by_name, received_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17::jsonb, $18, $19, $20, $21)
         ON CONFLICT (checkpoint_id, plate, passed_at) DO NOTHING
         RETURNING ${COLUMNS}`,
        [
          id,
          place.id,
          place.district_code,
          p.source,
          p.plate,
          p.plateColour,
          p.passedAt,
          p.lane,
          p.direction,
          p.photoUrl,
          s.vehicle?.id ?? null,
          owner.enterpriseId,
          owner.districtCode,
          s.waybill?.id ?? null,
          s.waybill?.number ?? null,
          flags.length === 0 ? 'passed' : 'flagged',
          JSON.stringify(flags),
          p.manual?.note.trim() || null,
          ctx.actor.id,
          ctx.actor.name,
          this.now(),
        ],
      );
      const row = rows[0];
      if (!row) return { row: (await findPass(tx, place.id, p.plate, p.passedAt))!, duplicate: true };
      const types = new Map<VerificationAlarmType, Finding[]>();
      for (const f of flags) {
        const code = f.code as CheckpointFlag;
        types.set(code, [...(types.get(code) ?? []), f]);
      }
      for (const e of eventsFor('checkpoint', id, types, { s, place, at: p.passedAt }))
        await enqueueEvent(tx, e);
      await recordAudit(tx, ctx, {
        action: p.source === 'camera' ? 'checkpoint_pass.ingest' : 'checkpoint_pass.manual',
        targetType: 'checkpoint_pass',
        targetId: id,
        after: presentPass(row),
      });
      return { row, duplicate: false };
    });
  }

  async listAtCheckpoint(actor: Actor, checkpointId: string, page: { limit: number; offset: number }) {
    await this.checkpoint(actor, checkpointId);
    return listPasses(this.db, actor, { checkpointId }, page, true);
  }
}

async function findPass(
  db: Queryable,
  checkpointId: string,
  plate: string,
  at: Date,
): Promise<PassRow | null> {
  const { rows } = await db.query<PassRow>(
    `SELECT ${COLUMNS} FROM checkpoint_passes WHERE checkpoint_id = $1 AND plate = $2 AND passed_at = $3`,
    [checkpointId, plate, at],
  );
  return rows[0] ?? null;
}

/** Passes in scope (company: its vehicles; county: its district; city: all), or at one checkpoint. */
export function listPasses(
  db: Db,
  actor: Actor,
  f: { checkpointId?: string; result?: string; plate?: string },
  page: { limit: number; offset: number },
  atCheckpoint = false,
): Promise<{ items: PassRow[]; total: number }> {
  return listScoped<PassRow>(
    db,
    actor,
    {
      table: 'checkpoint_passes',
      columns: COLUMNS,
      orderBy: 'passed_at',
      scope: atCheckpoint
        ? { checkpointColumn: 'checkpoint_id' }
        : { enterpriseColumn: 'enterprise_id', districtColumn: 'district_code' },
      filters: { checkpoint_id: f.checkpointId, result: f.result, plate: f.plate },
    },
    page,
  );
}
