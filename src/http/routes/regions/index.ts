import { type Static, Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { populationReader, populationSetter, regionReader, regionUpdater } from '../../../services/region.service.js';
import type { AppContext } from '../../context.js';
import { actorOf } from '../../plugins/auth.js';
import { errorResponses, Nullable, RegionCode, RegionSummarySchema } from '../../schemas.js';
import { Version, versionOf, withEtag } from '../../versioning.js';

const CodeParams = Type.Object({ code: RegionCode });
const PopulationItem = Type.Object({
  year: Type.Integer(),
  urbanResidentPopulation: Type.Integer(),
  totalResidentPopulation: Nullable(Type.Integer()),
});
const RegionPatch = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    urbanRuralClass: Type.Optional(Nullable(Type.String({ pattern: '^[0-9]{3}$' }))),
    version: Type.Optional(Version),
  },
  { additionalProperties: false, minProperties: 1 },
);
const PopulationBody = Type.Object(
  {
    urbanResidentPopulation: Type.Integer({ minimum: 0, maximum: 100_000_000 }),
    totalResidentPopulation: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 100_000_000 }))),
  },
  { additionalProperties: false },
);

export default async function regionRoutes(app: FastifyInstance, { db, ctx }: AppContext) {
  app.get<{ Params: Static<typeof CodeParams> }>('/api/regions/:code', {
    config: { access: 'region.read' },
    schema: {
      tags: ['regions'],
      summary: '区划及其下级',
      params: CodeParams,
      response: {
        200: Type.Object({
          region: RegionSummarySchema,
          ancestors: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), level: Type.String() })),
          children: Type.Array(RegionSummarySchema),
        }),
        ...errorResponses,
      },
    },
    handler: (request) => regionReader(db, actorOf(request), request.params.code),
  });

  app.patch<{ Params: Static<typeof CodeParams>; Body: Static<typeof RegionPatch> }>('/api/regions/:code', {
    config: { access: 'region.update' },
    schema: {
      tags: ['regions'],
      summary: '修改区划名称或城乡分类代码',
      params: CodeParams,
      body: RegionPatch,
      response: { 200: Type.Object({ region: RegionSummarySchema }), ...errorResponses },
    },
    handler: (request, reply) =>
      withEtag(
        reply,
        regionUpdater(
          db,
          actorOf(request),
          request.params.code,
          { ...request.body, version: versionOf(request) },
          ctx(request),
        ),
        (r) => r.region.version,
      ),
  });

  app.get<{ Params: Static<typeof CodeParams> }>('/api/regions/:code/population', {
    config: { access: 'region.read' },
    schema: {
      tags: ['regions'],
      summary: '逐年常住人口',
      params: CodeParams,
      response: { 200: Type.Object({ items: Type.Array(PopulationItem) }), ...errorResponses },
    },
    handler: (request) => populationReader(db, actorOf(request), request.params.code),
  });

  const YearParams = Type.Object({ code: RegionCode, year: Type.Integer({ minimum: 1949, maximum: 2200 }) });
  app.put<{ Params: Static<typeof YearParams>; Body: Static<typeof PopulationBody> }>(
    '/api/regions/:code/population/:year',
    {
      config: { access: 'population.update' },
      schema: {
        tags: ['regions'],
        summary: '设置某年城镇常住人口',
        params: YearParams,
        body: PopulationBody,
        response: { 200: Type.Object({ item: PopulationItem }), ...errorResponses },
      },
      handler: (request) =>
        populationSetter(db, actorOf(request), request.params.code, request.params.year, request.body, ctx(request)),
    },
  );
}
