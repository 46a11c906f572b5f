// The one typed contract between UI and backend. Every method takes one JSON
// args object (validated by the schema below at the backend boundary) and
// resolves to a JSON result. Errors travel as { code, message } with a German
// message for the planner.
import { z } from 'zod';
import type { Catalogue } from '../catalogue/types.ts';
import {
  actorCreateSchema, actorPatchSchema, budgetCreateSchema, budgetPatchSchema, idSchema, measureCreateSchema,
  measurePatchSchema, planPathSchema, roleSchema,
} from '../domain/schemas.ts';
import type {
  Actor, BudgetLine, Measure, MeasureDetail, MeasureRow, PlanInfo, RecentPlan, Responsibility, Totals,
} from '../domain/types.ts';

const none = z.object({}).strict();

export const ARGS = {
  'plan.info': none,
  'plan.recent': none,
  'plan.new': z.object({ path: planPathSchema, title: z.string().max(200).optional(), landkreis: z.string().max(200).optional() }),
  'plan.createDemo': z.object({ path: planPathSchema }),
  'plan.open': z.object({ path: planPathSchema }),
  'plan.saveAs': z.object({ path: planPathSchema }),
  'plan.close': none,
  'plan.update': z.object({ title: z.string().trim().min(1, { error: 'Bitte einen Plantitel angeben.' }).max(200).optional(), landkreis: z.string().trim().max(200).optional() }),

  'catalogue.get': none,

  'measures.list': none,
  'measures.get': z.object({ id: idSchema }),
  'measures.create': measureCreateSchema,
  'measures.adopt': z.object({ grundmauerId: idSchema }),
  'measures.update': z.object({ id: idSchema, patch: measurePatchSchema }),
  'measures.delete': z.object({ id: idSchema }),

  'actors.list': none,
  'actors.create': actorCreateSchema,
  'actors.update': z.object({ id: idSchema, patch: actorPatchSchema }),
  'actors.delete': z.object({ id: idSchema }),

  'responsibilities.list': none,
  'responsibilities.set': z.object({ measureId: idSchema, actorId: idSchema, role: roleSchema }),
  'responsibilities.remove': z.object({ measureId: idSchema, actorId: idSchema }),

  'budget.create': budgetCreateSchema,
  'budget.update': z.object({ id: idSchema, patch: budgetPatchSchema }),
  'budget.delete': z.object({ id: idSchema }),
  'budget.totals': none,

  'export.docx': z.object({}).strict(),
} as const;

export interface ApiResults {
  'plan.info': PlanInfo | null;
  'plan.recent': RecentPlan[];
  'plan.new': PlanInfo;
  'plan.createDemo': PlanInfo;
  'plan.open': PlanInfo;
  'plan.saveAs': PlanInfo;
  'plan.close': null;
  'plan.update': PlanInfo;

  'catalogue.get': Catalogue;

  'measures.list': MeasureRow[];
  'measures.get': MeasureDetail;
  'measures.create': Measure;
  'measures.adopt': Measure;
  'measures.update': Measure;
  'measures.delete': null;

  'actors.list': Actor[];
  'actors.create': Actor;
  'actors.update': Actor;
  'actors.delete': null;

  'responsibilities.list': Responsibility[];
  'responsibilities.set': Responsibility[];
  'responsibilities.remove': Responsibility[];

  'budget.create': BudgetLine;
  'budget.update': BudgetLine;
  'budget.delete': null;
  'budget.totals': Totals;

  'export.docx': { fileName: string; base64: string };
}

export type Method = keyof typeof ARGS & keyof ApiResults;
export type ApiArgs = { [K in Method]: z.input<(typeof ARGS)[K]> };
export type ApiParsedArgs = { [K in Method]: z.output<(typeof ARGS)[K]> };
export type Api = { [K in Method]: (args: ApiArgs[K]) => Promise<ApiResults[K]> };
/** What a backend implements: args already validated. */
export type Handlers = { [K in Method]: (args: ApiParsedArgs[K]) => ApiResults[K] | Promise<ApiResults[K]> };

export const METHODS = Object.keys(ARGS) as Method[];
export function isMethod(name: unknown): name is Method {
  return typeof name === 'string' && Object.hasOwn(ARGS, name);
}

export interface ApiError { code: string; message: string }
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** Events the host pushes to the renderer (menu commands, plan switched). */
export interface HostEvents {
  'menu': { command: 'plan.new' | 'plan.open' | 'plan.saveAs' | 'export.docx' | 'plan.demo' };
  'plan.changed': { path: string | null };
}
