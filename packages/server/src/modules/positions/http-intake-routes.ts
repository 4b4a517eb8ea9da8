/**
 * `POST /api/ingest/positions`: a company platform posts its vehicles' positions (API key with
 * `ingest:positions`, enterprise scope). Thin: body size and count → schema → http-intake.ts →
 * `{ accepted, invalid, rejected }`, answered only once the accepted items are durable.
 */
import { Type } from '@sinclair/typebox';
import type { Config } from '../../config.js';
import { AppError, langFromAcceptLanguage } from '../../errors.js';
import type { Db } from '../../platform/db/db.js';
import type { App } from '../../platform/http/app.js';
import { intakePositions, PlatformFixSchema, type IntakeDeps } from './http-intake.js';
import type { PositionPipeline } from './pipeline.js';

export interface HttpIntakeRouteDeps {
  config: Config;
  db: Db;
  pipeline: Pick<PositionPipeline, 'ingest' | 'store'>;
}

/** Bytes of request body allowed per position: a full item with every alarm name is under 1 KiB. */
const BYTES_PER_POSITION = 1024;

export function httpIntakeRoutes(app: App, deps: HttpIntakeRouteDeps): void {
  const { config, db, pipeline } = deps;
  const max = config.POSITION_HTTP_BATCH_MAX;
  const intake: IntakeDeps = {
    db,
    ingest: (positions) => pipeline.ingest(positions),
    store: pipeline.store,
    futureSkewMs: config.POSITION_FUTURE_SKEW_S * 1000,
  };

  app.post(
    '/api/ingest/positions',
    {
      config: { permission: 'ingest:positions' },
      bodyLimit: max * BYTES_PER_POSITION,
      schema: {
        tags: ['positions'],
        summary: 'A company platform posts its vehicles’ positions (API key, enterprise scope)',
        description:
          `Up to ${max} positions a request (more: 413 POSITION_BATCH_TOO_LARGE; a body over ${max} KiB: 413 PAYLOAD_TOO_LARGE). ` +
          'Each names a filed vehicle of the key’s own company by plateNumber (+ plateColour) or vehicleId. ' +
          'A malformed item refuses the whole request (400, nothing stored); otherwise the answer is 200, sent only once ' +
          'the accepted items are durable, with each refused item’s index, code and message in `rejected` ' +
          '(POSITION_VEHICLE_UNKNOWN — also for another company’s vehicle —, POSITION_VEHICLE_NOT_OPERATING, ' +
          'POSITION_TIME_OUTSIDE_RETENTION). Items outside the national assessment’s validity ranges are accepted, ' +
          'stored as invalid and listed in `invalid`. Posting the same vehicle and device time again stores it once; ' +
          'a refused request or a lost answer may be retried as it is.',
        body: Type.Object(
          { positions: Type.Array(PlatformFixSchema, { minItems: 1, maxItems: max }) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            accepted: Type.Integer({
              description: 'Items durably taken (a repeat of a stored fix is stored once)',
            }),
            invalid: Type.Array(Type.Object({ index: Type.Integer(), reasons: Type.Array(Type.String()) }), {
              description: 'Accepted items outside the assessment’s validity ranges (stored as invalid)',
            }),
            rejected: Type.Array(
              Type.Object({
                index: Type.Integer(),
                code: Type.String(),
                message: Type.String({ description: 'zh-CN, or English with Accept-Language: en' }),
                reason: Type.Optional(Type.String()),
              }),
            ),
          }),
        },
      },
      // The count before the schema: an oversized batch is 413, not a list of 400 field errors.
      preValidation: async (req) => {
        const positions = (req.body as { positions?: unknown } | null)?.positions;
        if (Array.isArray(positions) && positions.length > max) {
          throw new AppError('POSITION_BATCH_TOO_LARGE', { max, received: positions.length });
        }
      },
    },
    async (req) => {
      if (!req.actor) throw new AppError('UNAUTHENTICATED');
      return intakePositions(
        intake,
        req.actor,
        req.body.positions,
        langFromAcceptLanguage(req.headers['accept-language']),
      );
    },
  );
}
