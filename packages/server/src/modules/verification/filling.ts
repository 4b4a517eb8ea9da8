/**
 * The filling-site check (充装查验, seed 002): the operator looks the vehicle up by plate or
 * waybill number, sees the waybill, its check, the people, vehicle and tank with their
 * certificates and a verdict, then records the weighbridge figures. Over-filling (net above the
 * planned quantity plus the tolerance, or above the rated load) or a vehicle without a valid
 * waybill is refused: the record is stored as refused and an alarm goes to the regulator. A
 * filling that passes moves the waybill from checked to loading.
 */
import { randomUUID } from 'node:crypto';
import { AppError } from '../../errors.js';
import type { Db, Queryable } from '../../platform/db/db.js';
import type { Actor } from '../../platform/auth.js';
import { recordAudit } from '../accounts/audit.js';
import type { WaybillStatus } from '../waybills/lifecycle.js';
import { fillStep } from '../waybills/service.js';
import { chinaDay } from '../archives/today.js';
import { fillingFindings, type Finding } from './assess.js';
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
import { findPlace, loadSubject } from './subject.js';

/** Lightest plausible tare of a tank vehicle on a weighbridge, kg. */
export const MIN_TARE_KG = 1_000;

export interface FillingConfig {
  toleranceKg: number;
  maxGrossKg: number;
}

export interface WeighingInput {
  plate: string;
  plateColour?: number;
  grossKg: number;
  tareKg: number;
  note?: string;
}

export interface FillingRecordRow {
  id: string;
  site_id: string;
  site_district_code: string;
  waybill_id: string | null;
  waybill_number: string | null;
  vehicle_id: string | null;
  enterprise_id: string | null;
  district_code: string;
  plate: string;
  plate_colour: number;
  gross_kg: number;
  tare_kg: number;
  net_kg: number;
  planned_kg: number | null;
  rated_load_kg: number | null;
  tolerance_kg: number;
  verdict: 'filled' | 'refused';
  reasons: Finding[];
  note: string | null;
  operator_id: string;
  operator_name: string;
  recorded_at: Date;
}

const COLUMNS = `id, site_id, site_district_code, waybill_id, waybill_number, vehicle_id, enterprise_id, district_code,
  plate, plate_colour, gross_kg, tare_kg, net_kg, planned_kg, rated_load_kg, tolerance_kg, verdict, reasons, note,
  operator_id, operator_name, recorded_at`;

export function presentFillingRecord(r: FillingRecordRow) {
  return {
    id: r.id,
    siteId: r.site_id,
    waybillId: r.waybill_id,
    waybillNumber: r.waybill_number,
    vehicleId: r.vehicle_id,
    enterpriseId: r.enterprise_id,
    districtCode: r.district_code,
    plate: r.plate,
    plateColour: Number(r.plate_colour),
    grossKg: Number(r.gross_kg),
    tareKg: Number(r.tare_kg),
    netKg: Number(r.net_kg),
    plannedKg: r.planned_kg === null ? null : Number(r.planned_kg),
    ratedLoadKg: r.rated_load_kg === null ? null : Number(r.rated_load_kg),
    toleranceKg: Number(r.tolerance_kg),
    verdict: r.verdict,
    reasons: r.reasons,
    note: r.note,
    operatorId: r.operator_id,
    operatorName: r.operator_name,
    recordedAt: new Date(r.recorded_at).toISOString(),
  };
}

export function checkWeighing(w: { grossKg: number; tareKg: number }, maxGrossKg: number): void {
  const fields: { field: string; reason: string }[] = [];
  if (w.tareKg < MIN_TARE_KG)
    fields.push({ field: 'body.tareKg', reason: `must be at least ${MIN_TARE_KG} kg` });
  if (w.grossKg <= w.tareKg) fields.push({ field: 'body.grossKg', reason: 'must be greater than the tare' });
  if (w.grossKg > maxGrossKg)
    fields.push({ field: 'body.grossKg', reason: `must be at most ${maxGrossKg} kg` });
  if (fields.length > 0) throw new AppError('FILLING_WEIGHING_INVALID', { fields });
}

export class FillingService {
  constructor(
    private readonly db: Db,
    private readonly config: FillingConfig,
    private readonly now: () => Date,
    /** Called after a record's transaction commits: publishes the outbox. */
    private readonly afterCommit: () => void,
  ) {}

  private async site(actor: Actor, siteId: string, db: Queryable = this.db) {
    const place = await findPlace(db, actor, 'filling_site', siteId);
    if (!place) throw new AppError('NOT_FOUND', { fillingSite: siteId });
    return place;
  }

  async lookup(
    actor: Actor,
    siteId: string,
    q: { plate?: string; plateColour?: number; waybillNumber?: string },
  ) {
    const place = await this.site(actor, siteId);
    const s = await loadSubject(this.db, subjectQuery(q));
    if (!s) throw new AppError('NOT_FOUND', { waybillNumber: q.waybillNumber });
    const today = chinaDay(this.now());
    const v = fillingFindings(s, today, null, this.config.toleranceKg);
    return {
      site: { id: place.id, name: place.name },
      ...presentSubject(s, today),
      verdict: {
        mayFill: v.reasons.length === 0,
        reasons: v.reasons,
        plannedKg: v.plannedKg,
        ratedLoadKg: v.ratedLoadKg,
      },
    };
  }

  async record(ctx: Acting, siteId: string, input: WeighingInput): Promise<FillingRecordRow> {
    const place = await this.site(ctx.actor, siteId);
    const plate = validPlate(input.plate);
    checkWeighing(input, this.config.maxGrossKg);
    const row = await this.db.transaction(async (tx) => {
      const s = (await loadSubject(tx, { plate, plateColour: input.plateColour ?? 2 }))!;
      if (s.waybill) {
        // Lock the waybill: two weighings of one vehicle at once see one another's transition.
        const locked = await tx.query<{ status: string }>(
          'SELECT status FROM waybills WHERE id = $1 FOR UPDATE',
          [s.waybill.id],
        );
        s.waybill.status = locked.rows[0]?.status ?? s.waybill.status;
      }
      const now = this.now();
      const v = fillingFindings(s, chinaDay(now), input, this.config.toleranceKg);
      const owner = ownerOf(s, place);
      const id = randomUUID();
      const verdict = v.reasons.length === 0 ? 'filled' : 'refused';
      const { rows } = await tx.query<FillingRecordRow>(
        `INSERT INTO filling_records (id, site_id, site_district_code, waybill_id, waybill_number, vehicle_id,
           enterprise_id, district_code, plate, plate_colour, gross_kg, tare_kg, net_kg, planned_kg, rated_load_kg,
           tolerance_kg, verdict, reasons, note, operator_id, operator_name, recorded_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18::jsonb, $19, $20,
           $21, $22)
         RETURNING ${COLUMNS}`,
        [
          id,
          place.id,
          place.district_code,
          s.waybill?.id ?? null,
          s.waybill?.number ?? null,
          s.vehicle?.id ?? null,
          owner.enterpriseId,
          owner.districtCode,
          plate,
          input.plateColour ?? 2,
          input.grossKg,
          input.tareKg,
          input.grossKg - input.tareKg,
          v.plannedKg,
          v.ratedLoadKg,
          this.config.toleranceKg,
          verdict,
          JSON.stringify(v.reasons),
          input.note?.trim() || null,
          ctx.actor.id,
          ctx.actor.name,
          now,
        ],
      );
      const record = rows[0]!;
      if (verdict === 'filled' && s.waybill) {
        await fillStep(tx, {
          waybillId: s.waybill.id,
          from: s.waybill.status as WaybillStatus,
          actor: ctx.actor,
          at: now,
          note: `充装 ${record.net_kg} kg @ ${place.name}`,
          detail: { fillingRecordId: id, siteId: place.id, netKg: record.net_kg },
        });
      }
      const types = new Map<VerificationAlarmType, Finding[]>();
      const overfill = v.reasons.filter((r) => r.code.startsWith('overfill_'));
      if (overfill.length > 0) types.set('overfill', overfill);
      const noWaybill = v.reasons.filter((r) => r.code === 'no_waybill_at_filling');
      if (noWaybill.length > 0) types.set('no_waybill_at_filling', noWaybill);
      const limit = Math.min(v.plannedKg ?? Infinity, v.ratedLoadKg ?? Infinity);
      for (const e of eventsFor('filling', id, types, {
        s,
        place,
        at: now,
        measured: record.net_kg,
        threshold: Number.isFinite(limit) ? limit : null,
      })) {
        await enqueueEvent(tx, e);
      }
      await recordAudit(tx, ctx, {
        action: 'filling.record',
        targetType: 'filling_record',
        targetId: id,
        after: presentFillingRecord(record),
      });
      return record;
    });
    this.afterCommit();
    return row;
  }

  /** The site's records (operator), newest first. */
  async listAtSite(actor: Actor, siteId: string, page: { limit: number; offset: number }) {
    await this.site(actor, siteId);
    return listFillingRecords(this.db, actor, { siteId }, page, true);
  }
}

/**
 * Records in scope: a company sees its vehicles', a county its district's, the city all; at a
 * site (`atSite`), the operator's own site.
 */
export function listFillingRecords(
  db: Db,
  actor: Actor,
  f: { siteId?: string; verdict?: string; plate?: string },
  page: { limit: number; offset: number },
  atSite = false,
): Promise<{ items: FillingRecordRow[]; total: number }> {
  return listScoped<FillingRecordRow>(
    db,
    actor,
    {
      table: 'filling_records',
      columns: COLUMNS,
      orderBy: 'recorded_at',
      scope: atSite
        ? { fillingSiteColumn: 'site_id' }
        : { enterpriseColumn: 'enterprise_id', districtColumn: 'district_code' },
      filters: { site_id: f.siteId, verdict: f.verdict, plate: f.plate },
    },
    page,
  );
}
