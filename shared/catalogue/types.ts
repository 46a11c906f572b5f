// Types of the Baustellen catalogue (the seven "Baustellen" of the Impulspapier with their
// "Grundmauern" and "Fragen für den gemeinsamen Weiterbau"). Pure data, no runtime imports.

/** The actor groups the paper addresses. Stored values are ASCII slugs; labels are German. */
export const ACTOR_GROUPS = ['lokale-verwaltung', 'politik', 'zivilgesellschaft', 'alle-menschen'] as const;
export type ActorGroup = (typeof ACTOR_GROUPS)[number];

export const ACTOR_GROUP_LABELS: Record<ActorGroup, string> = {
  'lokale-verwaltung': 'Lokale Verwaltung',
  politik: 'Politische Entscheidungsträger:innen',
  zivilgesellschaft: 'Zivilgesellschaftliche Organisationen',
  'alle-menschen': 'Alle Menschen vor Ort',
};

/** Short codes used inside item ids (`B1-G-LV-1`). */
export const ACTOR_GROUP_CODES: Record<ActorGroup, string> = {
  'lokale-verwaltung': 'LV',
  politik: 'PE',
  zivilgesellschaft: 'ZO',
  'alle-menschen': 'AM',
};

/** One Grundmauer or one Frage, word for word from the paper. */
export interface CatalogueItem {
  /** `B<n>-<G|F>-<LV|PE|ZO|AM>-<position>`, e.g. `B1-G-LV-1`. */
  id: string;
  /** `B1` … `B7`. */
  baustelleId: string;
  actorGroup: ActorGroup;
  /** The group heading exactly as printed above the item (e.g. `Verwaltung` in Baustelle 6, Fragen). */
  printedGroupHeading: string;
  /** 1-based position within its Baustelle, kind (Grundmauer/Frage) and actor group. */
  position: number;
  text: string;
}

export interface Baustelle {
  /** `B1` … `B7`. */
  id: string;
  number: number;
  /** The part of the heading before the colon, e.g. `Klare Haltung`. */
  shortTitle: string;
  /** The full heading without footnote mark. */
  title: string;
  /** The part of the heading after the colon. */
  subtitle: string;
  /** The first paragraph of the Baustelle's body text (link markup of the source file removed). */
  summary: string;
  /** Pages in the paper, from its table of contents, e.g. `8–9`. */
  pages: string;
  /** Established recommendations ("Grundmauern"), in printed order. */
  grundmauern: CatalogueItem[];
  /** "Fragen für den gemeinsamen Weiterbau", in printed order. */
  fragen: CatalogueItem[];
}

export interface CatalogueSource {
  title: string;
  subtitle: string;
  kind: 'Impulspapier';
  publisher: string;
  year: number;
  authors: string[];
  programme: string;
  /** A full German citation line. */
  citation: string;
  /** The copyright note of the Impressum, verbatim (lines joined with `\n`). */
  licence: string;
}

export interface Catalogue {
  id: 'impulspapier-2024';
  version: number;
  source: CatalogueSource;
  baustellen: Baustelle[];
}
