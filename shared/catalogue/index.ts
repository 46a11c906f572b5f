// The shipped Baustellen catalogue and small lookup helpers. Pure TypeScript.
import { IMPULSPAPIER_2024 } from './impulspapier-2024.ts';
import type { Baustelle, Catalogue, CatalogueItem } from './types.ts';

export type { ActorGroup, Baustelle, Catalogue, CatalogueItem, CatalogueSource } from './types.ts';
export { ACTOR_GROUPS, ACTOR_GROUP_CODES, ACTOR_GROUP_LABELS } from './types.ts';
export { IMPULSPAPIER_2024 } from './impulspapier-2024.ts';

/** The catalogue new plans are created with. */
export const CATALOGUE: Catalogue = IMPULSPAPIER_2024;
export const CATALOGUE_VERSION: number = CATALOGUE.version;

/** The Baustelle with this id (`B1` … `B7`), if any. */
export function findBaustelle(id: string, catalogue: Catalogue = CATALOGUE): Baustelle | undefined {
  return catalogue.baustellen.find((b) => b.id === id);
}

/** The Grundmauer or Frage with this id (e.g. `B1-G-LV-1`, `B6-F-PE-1`), if any. */
export function findItem(id: string, catalogue: Catalogue = CATALOGUE): CatalogueItem | undefined {
  for (const b of catalogue.baustellen) {
    const item = b.grundmauern.find((g) => g.id === id) ?? b.fragen.find((f) => f.id === id);
    if (item) return item;
  }
  return undefined;
}

/** All Grundmauern, Baustelle by Baustelle, in printed order. */
export function allGrundmauern(catalogue: Catalogue = CATALOGUE): CatalogueItem[] {
  return catalogue.baustellen.flatMap((b) => b.grundmauern);
}

/** All Fragen für den gemeinsamen Weiterbau, Baustelle by Baustelle, in printed order. */
export function allFragen(catalogue: Catalogue = CATALOGUE): CatalogueItem[] {
  return catalogue.baustellen.flatMap((b) => b.fragen);
}
