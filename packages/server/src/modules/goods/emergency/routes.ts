/**
 * Emergency cards by plate or waybill number: JSON for the console and apps, and a print-styled
 * A4 page (zh-CN with English subtitles, one page per goods line).
 */
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../../errors.js';
import type { App, AppDeps } from '../../../platform/http/app.js';
import { acting } from '../routes.js';
import { CardQuery, WaybillCardSchema } from '../schemas.js';
import { waybillCard, type CardQuery as Query } from './lookup.js';
import { renderCardHtml } from './print.js';

const tags = ['emergency-cards'];
const description =
  'Give exactly one of plate (vehicle or trailer) or waybill (number). Finds the active waybill (checked, loading or in transit). ' +
  'Regulators and companies see waybills in their scope; emergency responders, filling-site operators and checkpoint officers ' +
  'may look up any single waybill by its exact plate or number.';

function queryOf(req: FastifyRequest): Query {
  const { plate, waybill } = req.query as { plate?: string; waybill?: string };
  if ((plate === undefined) === (waybill === undefined)) throw new AppError('EMERGENCY_CARD_QUERY');
  return plate !== undefined ? { plate } : { waybill: waybill! };
}

export async function registerEmergencyCardRoutes(app: App, deps: AppDeps): Promise<void> {
  const { db } = deps;
  const find = async (req: FastifyRequest) => {
    const card = await waybillCard(db, acting(req).actor, queryOf(req));
    if (!card) throw new AppError('EMERGENCY_CARD_NO_WAYBILL');
    return card;
  };

  app.get(
    '/api/emergency-cards',
    {
      config: { permission: 'emergency_cards:read' },
      schema: {
        tags,
        summary: 'The emergency card of a vehicle’s active waybill (应急处置卡)',
        description,
        querystring: CardQuery,
        response: { 200: WaybillCardSchema },
      },
    },
    async (req) => find(req),
  );

  app.get(
    '/api/emergency-cards/print',
    {
      config: { permission: 'emergency_cards:read' },
      schema: {
        tags,
        summary: 'The emergency card as a printable A4 page (应急处置卡打印)',
        description: `${description} Answers text/html.`,
        querystring: CardQuery,
      },
    },
    async (req, reply) => {
      const html = renderCardHtml(await find(req));
      return reply
        .header('content-type', 'text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(html);
    },
  );
}
