/**
 * Rule threshold routes (规则阈值): read with archives:read (the city's layer and the layers in
 * the caller's scope, and one vehicle's parameters as the engine uses them); change with
 * rules:write (the city every layer, a county its district's enterprises and their vehicles).
 */
import { Type, type Static, type TObject, type TOptional, type TNumber } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../errors.js';
import type { Actor } from '../../platform/auth.js';
import type { App } from '../../platform/http/app.js';
import { Nullable } from '../../platform/http/nullable.js';
import { defaultRuleParams, type RuleParams } from '../../rules/params.js';
import type { RequestContext } from '../accounts/audit.js';
import { type ParamLayerInput, type ParamScope, type RuleParamService } from './params-service.js';

function acting(req: FastifyRequest): RequestContext & { actor: Actor } {
  if (!req.actor) throw new AppError('UNAUTHENTICATED');
  return { actor: req.actor, id: req.id, ip: req.ip };
}

const keys = Object.keys(defaultRuleParams) as (keyof RuleParams)[];
/** Every parameter, each a number (bounds are checked by the service, with the key named). */
const Overrides = Type.Object(
  Object.fromEntries(keys.map((k) => [k, Type.Optional(Type.Number())])) as Record<
    keyof RuleParams,
    TOptional<TNumber>
  >,
  { additionalProperties: false },
) as TObject<Record<keyof RuleParams, TOptional<TNumber>>>;
const Params = Type.Object(
  Object.fromEntries(keys.map((k) => [k, Type.Number()])) as Record<keyof RuleParams, TNumber>,
);
const Scope = Type.Union([Type.Literal('city'), Type.Literal('enterprise'), Type.Literal('vehicle')]);
const Layer = Type.Object({
  scope: Scope,
  id: Type.Union([Type.String(), Type.Null()]),
  name: Type.Union([Type.String(), Type.Null()]),
  enterpriseName: Type.Union([Type.String(), Type.Null()], {
    description: 'a vehicle layer’s enterprise (null for the other layers)',
  }),
  overrides: Overrides,
  basis: Type.Union([Type.String(), Type.Null()]),
  version: Type.Integer(),
  updatedAt: Type.String(),
});
const LayerBody = Type.Object(
  {
    overrides: { ...Overrides, minProperties: 1 },
    basis: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
    version: Type.Optional(
      Type.Integer({ minimum: 0, description: 'the version last read; 0 when there was none' }),
    ),
  },
  { additionalProperties: false },
);
const Source = Type.Union([
  Type.Literal('default'),
  Type.Literal('city'),
  Type.Literal('enterprise'),
  Type.Literal('vehicle'),
]);

const tags = ['rules'];

export function ruleParamRoutes(app: App, service: RuleParamService): void {
  app.get(
    '/api/rules/params',
    {
      config: { permission: 'archives:read' },
      schema: {
        tags,
        summary:
          'Rule thresholds (规则阈值): the defaults from the regulations, each one’s bounds, the city’s layer and the enterprise and vehicle layers in the caller’s scope',
        response: {
          200: Type.Object({
            defaults: Params,
            bounds: Type.Record(Type.String(), Type.Tuple([Type.Number(), Type.Number()])),
            layers: Type.Array(Layer),
          }),
        },
      },
    },
    async (req) => service.list(acting(req).actor),
  );

  const VehicleParams = Type.Object({ vehicleId: Type.String() });
  app.get(
    '/api/rules/params/vehicles/:vehicleId',
    {
      config: { permission: 'archives:read' },
      schema: {
        tags,
        summary: 'One vehicle’s thresholds as the rules use them, and which layer set each',
        params: VehicleParams,
        response: {
          200: Type.Object({
            vehicleId: Type.String(),
            plate: Type.String(),
            enterpriseId: Type.String(),
            params: Params,
            sources: Type.Record(Type.String(), Source),
            layers: Type.Array(Layer),
          }),
        },
      },
    },
    async (req) => {
      const { vehicleId } = req.params as Static<typeof VehicleParams>;
      return service.effective(acting(req).actor, vehicleId);
    },
  );

  const layerRoutes = (
    path: string,
    scope: ParamScope,
    what: string,
    idOf: (req: FastifyRequest) => string | null,
    params?: TObject,
  ): void => {
    app.put(
      path,
      {
        config: { permission: 'rules:write' },
        schema: {
          tags,
          summary: `Set ${what} (replaces the layer; only the keys given are set)`,
          ...(params ? { params } : {}),
          body: LayerBody,
          response: { 200: Layer },
        },
      },
      async (req) => service.set(acting(req), scope, idOf(req), req.body as ParamLayerInput),
    );
    app.delete(
      path,
      {
        config: { permission: 'rules:write' },
        schema: {
          tags,
          summary: `Clear ${what}: the layers above it apply again`,
          ...(params ? { params } : {}),
          response: { 204: Type.Null() },
        },
      },
      async (req, reply) => {
        await service.clear(acting(req), scope, idOf(req));
        return reply.status(204).send(null);
      },
    );
  };
  layerRoutes('/api/rules/params/city', 'city', 'the city’s thresholds (city regulators)', () => null);
  const EnterpriseParams = Type.Object({ enterpriseId: Type.String() });
  layerRoutes(
    '/api/rules/params/enterprises/:enterpriseId',
    'enterprise',
    'an enterprise’s thresholds (the city, or the county of its district)',
    (req) => (req.params as Static<typeof EnterpriseParams>).enterpriseId,
    EnterpriseParams,
  );
  layerRoutes(
    '/api/rules/params/vehicles/:vehicleId',
    'vehicle',
    'a vehicle’s thresholds (the city, or the county of its enterprise’s district)',
    (req) => (req.params as Static<typeof VehicleParams>).vehicleId,
    VehicleParams,
  );
}
