// The shape of every before/after image in the Änderungsprotokoll, per entity kind. Undo and redo
// treat the log as data from outside (a mailed plan file can carry any rows): each image is parsed
// with its kind's schema before it is applied, and must name the row its log entry names.
import { z } from 'zod';
import { ACTOR_KINDS, BUDGET_STATES, COST_KINDS, FUNDING_KINDS, MEASURE_STATUSES, ROLES } from '../../../shared/domain/enums.ts';
import { actorFields, centsSchema, idSchema, measureFields, yearSchema } from '../../../shared/domain/schemas.ts';

const str = (max = 100_000) => z.string().max(max);
const quarter = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]);
const iso = str(100);

export const measureImage = measureFields.extend({
  id: idSchema,
  // Images from before the Maßnahmenblatt fields lack them.
  ausgangslage: str(20_000).default(''),
  risks: str(20_000).default(''),
  frageIds: z.array(idSchema).max(200).default([]),
  status: z.enum(MEASURE_STATUSES),
  startQuarter: quarter.nullable(),
  endQuarter: quarter.nullable(),
  createdAt: iso,
  updatedAt: iso,
});
export const actorImage = actorFields.extend({ id: idSchema, kind: z.enum(ACTOR_KINDS) });
export const responsibilityImage = z.object({ measureId: idSchema, actorId: idSchema, role: z.enum(ROLES) });
export const budgetImage = z.object({
  id: idSchema, measureId: idSchema, year: yearSchema, amountCents: centsSchema,
  costKind: z.enum(COST_KINDS), fundingKind: z.enum(FUNDING_KINDS), produkt: str(50), kostenstelle: str(50), programme: str(200),
  foerderquoteBp: z.number().int().min(0).max(10_000).nullable(), state: z.enum(BUDGET_STATES), note: str(2_000),
});
export const milestoneImage = z.object({
  id: idSchema, measureId: idSchema, title: str(500), dueYear: yearSchema.nullable(), dueQuarter: quarter.nullable(), done: z.boolean(),
  position: z.number().int().min(0).max(1_000_000),
});
export const indicatorImage = z.object({
  id: idSchema, measureId: idSchema, name: str(500), baseline: str(500), target: str(500), targetYear: yearSchema.nullable(), dataSource: str(1_000),
  position: z.number().int().min(0).max(1_000_000),
});
export const dependencyImage = z.object({ measureId: idSchema, dependsOnId: idSchema });
export const frageAnswerImage = z.object({ frageId: idSchema, answer: str(20_000), answeredBy: str(200), updatedAt: iso });
export const metaImage = z.object({ key: z.enum(['title', 'landkreis']), value: str(200) });
export const snapshotImage = z.object({
  id: idSchema, name: str(500), date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/u), gremium: str(500), createdAt: iso, createdBy: str(200),
  measureCount: z.number().int().min(0), totalCents: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER), contentJson: z.string().max(200_000_000),
});
export const vorlageSettingsImage = z.object({ json: z.string().max(10_000_000), updatedAt: iso, updatedBy: str(200) });
export const criterionImage = z.object({
  id: idSchema, name: str(200), description: str(5_000), weight: z.number().min(0).max(100), ko: z.boolean(),
  koThreshold: z.number().min(0).max(10).nullable(), position: z.number().int().min(0).max(1_000_000),
});
export const scoreImage = z.object({ measureId: idSchema, criterionId: idSchema, rater: z.union([z.literal(1), z.literal(2)]), score: z.number().min(0).max(10) });
export const frameImage = z.object({ year: yearSchema, amountCents: centsSchema, note: str(2_000) });
export const decisionImage = z.object({ measureId: idSchema, fixed: z.enum(['in', 'out']), reason: str(2_000) });
export const scenarioImage = z.object({
  id: idSchema, name: str(200), description: str(5_000),
  settings: z.object({
    weights: z.record(z.string().max(100), z.number().min(0).max(100)),
    frames: z.record(z.string().max(10), centsSchema),
    fixed: z.record(z.string().max(100), z.object({ fixed: z.enum(['in', 'out']), reason: str(2_000) })),
  }),
  createdAt: iso, createdBy: str(200), updatedAt: iso,
});
/** A step header carries no images at all. */
export const stepImage = z.never();
