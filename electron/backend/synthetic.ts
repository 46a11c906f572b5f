// Synthetic plans for benchmarks and scale tests: realistic, seeded and reproducible.
// The same seed and size give the same measures, actors, responsibilities and budget lines
// (ids included), so figures from two machines describe the same plan.
//
// Sizes: S = 50 measures, M = 500, L = 5,000 measures with 1,000 actors, 50,000 budget lines and
// 20,000 responsibility links (S and M scaled proportionally). Everything is written through the
// repositories in one transaction, into a plan made by the normal create path (catalogue installed).
import { CATALOGUE } from '../../shared/catalogue/index.ts';
import {
  type ActorKind, type BudgetState, type CostKind, type FundingKind, type MeasureStatus, type Quarter, type Role,
} from '../../shared/domain/enums.ts';
import type { Actor, BudgetLine, Responsibility } from '../../shared/domain/types.ts';
import { createPlanDb, type Db } from './db/open.ts';
import { initPlan } from './handlers/plan.ts';
import { insertActor, upsertResponsibility } from './repos/actors.ts';
import { insertBudgetLine } from './repos/budget.ts';
import { logChange, type ChangeContext } from './repos/changelog.ts';
import { insertMeasure, type StoredMeasure } from './repos/measures.ts';
import type { Session } from './session.ts';

export type PlanSize = 'S' | 'M' | 'L';

export interface PlanSpec {
  measures: number;
  actors: number;
  budgetLines: number;
  responsibilities: number;
}

export const PLAN_SIZES: Record<PlanSize, PlanSpec> = {
  S: { measures: 50, actors: 10, budgetLines: 500, responsibilities: 200 },
  M: { measures: 500, actors: 100, budgetLines: 5_000, responsibilities: 2_000 },
  L: { measures: 5_000, actors: 1_000, budgetLines: 50_000, responsibilities: 20_000 },
};

export interface SyntheticPlan {
  spec: PlanSpec;
  seed: number;
  meta: { title: string; landkreis: string };
  actors: Actor[];
  measures: StoredMeasure[];
  responsibilities: Responsibility[];
  budgetLines: BudgetLine[];
}

export interface GeneratedPlan {
  path: string;
  seed: number;
  spec: PlanSpec;
  /** Wall time of synthesis + writing, in ms. */
  ms: number;
}

// ---------------------------------------------------------------------------------------------
// Randomness: mulberry32, a tiny 32-bit PRNG. Good enough for test data, identical everywhere.

export type Rng = () => number;

export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const int = (r: Rng, min: number, max: number) => min + Math.floor(r() * (max - min + 1));
const pick = <T>(r: Rng, list: readonly T[]): T => list[Math.floor(r() * list.length)];
function weighted<T>(r: Rng, table: readonly (readonly [T, number])[]): T {
  let total = 0;
  for (const [, w] of table) total += w;
  let x = r() * total;
  for (const [v, w] of table) {
    x -= w;
    if (x < 0) return v;
  }
  return table[table.length - 1][0];
}

/** A UUID v4 drawn from the PRNG, so ids are reproducible too. */
function uuid(r: Rng): string {
  let hex = '';
  for (let i = 0; i < 4; i++) hex += ((r() * 0x100000000) >>> 0).toString(16).padStart(8, '0');
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

// ---------------------------------------------------------------------------------------------
// Vocabulary. Fictional places and people; themes follow the seven Baustellen of the Impulspapier.

const PLACE_HEADS = ['Linden', 'Berg', 'Alt', 'Neu', 'Wald', 'Hohen', 'Ober', 'Nieder', 'Kirch', 'Eich', 'Rosen', 'Stein', 'Bach', 'Mühl', 'Sonnen', 'Buchen', 'Weiden', 'Tann', 'Brun', 'Hasel', 'Wiesen', 'Roth'];
const PLACE_TAILS = ['au', 'heim', 'dorf', 'feld', 'hausen', 'stedt', 'berg', 'bach', 'ingen', 'rode', 'hagen', 'walde', 'brück', 'burg', 'kirchen', 'tal'];
const SURNAMES = ['Yildiz', 'Brandt', 'Keller', 'Nowak', 'Albers', 'Haddad', 'Schulte', 'Vogt', 'Osei', 'Meyer', 'Schmidt', 'Kowalski', 'Demir', 'Wagner', 'Becker', 'Hoffmann', 'Petrović', 'Nguyen', 'Krüger', 'Lehmann', 'Şahin', 'Fischer', 'Wolf', 'Richter', 'Popescu', 'Abdi', 'Zimmermann', 'Hartmann', 'Kaya', 'Lange'];
const GIVEN = ['Anna', 'Jonas', 'Leyla', 'Markus', 'Sabine', 'Tobias', 'Amina', 'Dariusz', 'Elif', 'Frank', 'Grace', 'Hanna', 'Ivan', 'Julia', 'Kemal', 'Lena', 'Mehmet', 'Nadine', 'Olga', 'Peter'];
const THEMES = ['Soziales', 'Integration und Teilhabe', 'Bildung', 'Jugend und Familie', 'Wirtschaftsförderung', 'ÖPNV und Mobilität', 'Gesundheit', 'Wohnen', 'Kultur und Sport', 'Ehrenamt', 'Digitalisierung', 'Ordnung und Ausländerwesen'];
const DEZERNATE = ['Dezernat I – Landrat', 'Dezernat II – Soziales', 'Dezernat III – Bauen und Verkehr', 'Dezernat IV – Ordnung', 'Dezernat V – Bildung und Kultur'];
const TARGETS = ['Jugendliche', 'Ältere', 'Neuzugezogene', 'Alleinerziehende', 'Schichtarbeitende', 'Betriebe', 'Vereine', 'Ehrenamtliche', 'Familien', 'Auszubildende', 'Pendelnde', 'Menschen mit Behinderung'];
const PHASES = ['Pilotphase', 'Ausbau', 'Verstetigung', 'kreisweit', 'Modellregion'];

interface Theme { actions: string[]; goals: string[]; needs: string[] }
const BAUSTELLE_THEMES: Record<string, Theme> = {
  B1: {
    actions: ['Beteiligungswerkstätten', 'Demokratiekonferenz', 'Bürgerrat', 'Jugendforum', 'Beirat mit Mitbestimmungsrecht', 'Schutzkonzept für Engagierte', 'Dialogreihe Menschenrechte', 'Beratung für MO-Gründungen'],
    goals: ['führt jede Gemeinde mindestens ein offenes Beteiligungsformat durch', 'haben Beiräte ein Antrags- und Rederecht in allen Fachausschüssen', 'sind Anlaufstellen für Betroffene von Anfeindungen eingerichtet'],
    needs: ['Menschen, die in Gremien bisher selten gehört werden', 'Engagierte, die Anfeindungen erleben', 'junge Menschen ohne Zugang zu politischen Gremien'],
  },
  B2: {
    actions: ['Mehrsprachige Bürgerinformation', 'Fachstelle Wohnen', 'Sprachkurse im Betrieb', 'Antidiskriminierungsberatung', 'Diskriminierungscheck der Verwaltung', 'Lotsendienst Behördengänge', 'Leichte Sprache im Kreishaus', 'Mietausfallfonds'],
    goals: ['sind die meistgenutzten Leistungen in fünf Sprachen und Leichter Sprache erklärt', 'werden jährlich 60 Wohnungen an Haushalte mit Zugangshürden vermittelt', 'ist jedes Verwaltungsverfahren auf Zugangshürden geprüft'],
    needs: ['alle, die Behördentexte schwer verstehen', 'Haushalte, die am Wohnungsmarkt benachteiligt sind', 'Beschäftigte mit geringen Deutschkenntnissen'],
  },
  B3: {
    actions: ['Jahresdialog Zusammenhalt', 'Porträtserie „Menschen vor Ort“', 'Schulung diversitätssensible Kommunikation', 'Social-Media-Kampagne', 'Ausstellung zur Migrationsgeschichte', 'Bürgersprechstunde des Landrats', 'Pressearbeit Vielfalt'],
    goals: ['macht ein jährlicher Dialog Vielfalt als Teil der Kreisgeschichte sichtbar', 'sind alle Führungskräfte in diversitätssensibler Kommunikation geschult', 'erreicht die Kreiskommunikation auch bisher unerreichte Gruppen'],
    needs: ['die ganze Bevölkerung, besonders wer sich von Politik nicht angesprochen fühlt', 'Menschen mit Migrationsgeschichte als Bürger:innen', 'Mitarbeitende mit Publikumskontakt'],
  },
  B4: {
    actions: ['Welcome Center Fachkräfte', 'Anerkennungsberatung', 'Ausbildungspatenschaften', 'Gründungsberatung für Zugewanderte', 'Jobmesse „Arbeiten vor Ort“', 'Wohnraum für Auszubildende', 'Kooperation mit Kammern'],
    goals: ['dauern Anerkennungsverfahren höchstens acht Wochen', 'finden 150 Zugewanderte jährlich eine passende Beschäftigung', 'sind 40 Ausbildungspatenschaften vermittelt'],
    needs: ['Betriebe mit Fachkräftebedarf', 'Zuziehende, die Arbeit, Wohnung und Anerkennung suchen', 'Auszubildende ohne familiäres Netz vor Ort'],
  },
  B5: {
    actions: ['Sozialraumanalyse Daseinsvorsorge', 'Bedarfserhebung Hausärzte', 'Monitoring Zusammenhalt', 'Faktencheck-Reihe', 'Befragung zur Lebensqualität', 'Kita-Bedarfsplanung', 'Infrastrukturbericht'],
    goals: ['sind die realen Ursachen von Engpässen belegt und öffentlich vorgestellt', 'liegt für jede Gemeinde ein Infrastrukturprofil vor', 'wird der Zusammenhalt jährlich mit einem Monitoring beobachtet'],
    needs: ['alle Menschen vor Ort, die von Engpässen der Infrastruktur betroffen sind', 'Gemeinden, die Planungsgrundlagen brauchen', 'Familien auf der Suche nach Kita-Plätzen'],
  },
  B6: {
    actions: ['Rufbus für Randlagen', 'Mitfahrbänke', 'Führerscheinförderung', 'Fahrradwerkstatt mit Verleih', 'Bürgerbus', 'Jobticket', 'Abendverkehr im ÖPNV'],
    goals: ['ist jeder Ortsteil werktags bis 22 Uhr erreichbar', 'erhalten 80 Arbeitsuchende jährlich eine Mobilitätsförderung', 'gibt es in jeder Gemeinde ein ergänzendes Mobilitätsangebot'],
    needs: ['alle ohne Auto: Jugendliche, Ältere, Schichtarbeitende, Neuzugezogene', 'Arbeitsuchende ohne ÖPNV-Anbindung an den Arbeitsort', 'Pendelnde in Randlagen'],
  },
  B7: {
    actions: ['Förderfonds Begegnungsorte', 'Patenschaftsprogramm', 'Dorffeste der Vielfalt', 'Sportangebote für alle', 'Erzählcafés', 'Fortbildung vielfaltssensible Vereinsarbeit', 'Dorfladen als Treffpunkt'],
    goals: ['werden jährlich 25 Begegnungsprojekte in Vereinen und Dorfläden gefördert', 'haben 40 Vereine ihre Angebote geöffnet', 'gibt es in jedem Ort einen offenen Treffpunkt'],
    needs: ['alle, die im Ort wenige Kontakte haben', 'Vereine, die neue Mitglieder gewinnen wollen', 'Neuzugezogene ohne Zugang zum Dorfleben'],
  },
};

const STATUS_MIX: (readonly [MeasureStatus, number])[] = [
  ['idee', 20], ['in-planung', 25], ['beschlussreif', 12], ['beschlossen', 15], ['in-umsetzung', 18], ['abgeschlossen', 5], ['zurueckgestellt', 5],
];
const KIND_MIX: (readonly [ActorKind, number])[] = [
  ['kreisverwaltung', 20], ['gemeinde', 20], ['verein', 20], ['migrantenorganisation', 8], ['arbeitgeber', 10], ['kammer', 3],
  ['jobcenter', 3], ['beirat', 4], ['kreistag', 4], ['land-bund', 4], ['sonstige', 4],
];
const COST_MIX: (readonly [CostKind, number])[] = [['personal', 35], ['sachkosten', 50], ['investition', 15]];
const FUNDING_MIX: (readonly [FundingKind, number])[] = [['kreishaushalt', 50], ['foerdermittel', 25], ['drittmittel', 15], ['eigenmittel-dritter', 10]];
const PROGRAMMES = ['ESF Plus – Fachkräftesicherung', 'Landesprogramm „Teilhabe vor Ort“', 'Landesförderung ÖPNV im ländlichen Raum', 'Bundesprogramm „Demokratie leben!“', 'LEADER', 'AMIF', 'Städtebauförderung „Sozialer Zusammenhalt“', 'Integrationsfonds des Landes'];
const QUOTAS_BP = [5000, 6000, 7500, 8000, 9000, 10000];
const THIRD_PARTIES = ['Bürgerstiftung', 'Sparkassenstiftung', 'Agentur für Arbeit', 'Deutsche Stiftung für Engagement und Ehrenamt', 'Unternehmensspende'];
const PRODUKTE = [['31.10.01', '5010'], ['36.30.02', '5120'], ['57.10.01', '7020'], ['54.70.01', '6610'], ['11.11.01', '1000'], ['21.10.01', '4020']] as const;
/** Euro ranges (min, max) per line and cost kind; amounts are rounded to 100 €. */
const AMOUNT_EUR: Record<CostKind, [number, number]> = { personal: [20_000, 120_000], sachkosten: [1_000, 50_000], investition: [10_000, 400_000] };
const PAST_IDEA_BEWILLIGT: MeasureStatus[] = ['beschlossen', 'in-umsetzung', 'abgeschlossen'];
const ADMIN_KINDS: ActorKind[] = ['kreisverwaltung', 'jobcenter', 'gemeinde'];

function placeNames(r: Rng): string[] {
  const all: string[] = [];
  for (const h of PLACE_HEADS) for (const t of PLACE_TAILS) all.push(`${h}${t}`);
  // Fisher-Yates, so each seed gets its own map.
  for (let i = all.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [all[i], all[j]] = [all[j], all[i]];
  }
  return all;
}

function contactPerson(r: Rng): string {
  return `${r() < 0.5 ? 'Frau' : 'Herr'} ${r() < 0.15 ? 'Dr. ' : ''}${pick(r, SURNAMES)}`;
}

function makeActor(r: Rng, kind: ActorKind, places: string[], i: number): Omit<Actor, 'id'> {
  const place = places[i % places.length];
  const person = r() < 0.7 ? contactPerson(r) : '';
  const ascii = (t: string) => t.toLowerCase().replace(/ä/gu, 'ae').replace(/ö/gu, 'oe').replace(/ü/gu, 'ue').replace(/ß/gu, 'ss').normalize('NFD').replace(/\p{M}/gu, '');
  const mail = person ? `${ascii(pick(r, GIVEN)).charAt(0)}.${ascii(person.split(' ').at(-1)!)}@example.org` : '';
  const base = { contactPerson: person, contactDetails: mail ? `${mail}, Tel. 0${int(r, 3000, 9999)} ${int(r, 10000, 99999)}` : '', notes: '' };
  switch (kind) {
    case 'kreisverwaltung': return { ...base, kind, name: `Fachdienst ${pick(r, THEMES)}`, orgUnit: pick(r, DEZERNATE) };
    case 'gemeinde': return { ...base, kind, name: `${r() < 0.3 ? 'Stadt' : 'Gemeinde'} ${place}`, orgUnit: pick(r, ['Bürgermeisteramt', 'Fachbereich Bürgerdienste', 'Hauptamt']) };
    case 'kreistag': return { ...base, kind, name: `Kreistag – Ausschuss für ${pick(r, THEMES)}`, orgUnit: 'Kreistag' };
    case 'beirat': return { ...base, kind, name: `${pick(r, ['Integrationsbeirat', 'Seniorenbeirat', 'Jugendbeirat', 'Inklusionsbeirat'])} ${place}`, orgUnit: '' };
    case 'jobcenter': return { ...base, kind, name: `Jobcenter ${place}`, orgUnit: pick(r, ['Markt und Integration', 'Leistung', 'Beratung']) };
    case 'kammer': return { ...base, kind, name: `${pick(r, ['IHK', 'Handwerkskammer', 'Landwirtschaftskammer'])} ${place}`, orgUnit: pick(r, ['Fachkräftesicherung', 'Ausbildungsberatung', '']) };
    case 'arbeitgeber': return { ...base, kind, name: `${pick(r, SURNAMES)} ${pick(r, ['Metallbau', 'Pflege', 'Logistik', 'Landtechnik', 'Holzbau', 'Gastronomie'])} GmbH`, orgUnit: pick(r, ['Personal', 'Geschäftsführung', '']) };
    case 'verein': return { ...base, kind, name: `${pick(r, ['Sportverein', 'Heimatverein', 'Förderverein', 'Kulturverein', 'Freiwillige Feuerwehr', 'Landfrauen'])} ${place} e. V.`, orgUnit: '' };
    case 'migrantenorganisation': return { ...base, kind, name: `${pick(r, ['Brücke', 'Miteinander', 'Neue Nachbarn', 'Vielfalt', 'Anadolu', 'Afrika-Forum'])} ${place} e. V.`, orgUnit: '' };
    case 'land-bund': return { ...base, kind, name: pick(r, ['Landesamt für Soziales', 'Ministerium für Integration', 'Bundesamt für Migration und Flüchtlinge – Regionalstelle', 'Landesverkehrsgesellschaft', 'Landeszentrale für politische Bildung']), orgUnit: pick(r, ['Referat 21', 'Referat 34', 'Außenstelle']) };
    default: return { ...base, kind, name: `${pick(r, ['Verkehrsgesellschaft', 'Wohnungsbaugesellschaft', 'Volkshochschule', 'Kirchengemeinde', 'Diakonie', 'Caritas'])} ${place}`, orgUnit: '' };
  }
}

/** Draws `total` items over `n` buckets, at least `min` per bucket and at most `cap`, multinomially. */
function spread(r: Rng, n: number, total: number, min: number, cap: number): number[] {
  const counts = new Array<number>(n).fill(0);
  if (n === 0) return counts;
  const base = Math.min(min, Math.floor(total / n), cap);
  counts.fill(base);
  let left = total - base * n;
  if (left > (cap - base) * n) throw new RangeError(`cannot place ${total} items in ${n} buckets of at most ${cap}`);
  while (left > 0) {
    const i = Math.floor(r() * n);
    if (counts[i] < cap) { counts[i]++; left--; }
  }
  return counts;
}

const BASE_TIME = Date.UTC(2026, 0, 5, 8, 0, 0);

/** The plan's content in memory, without touching a file. Same spec and seed: same content. */
export function synthesize(sizeOrSpec: PlanSize | PlanSpec, seed = 1): SyntheticPlan {
  const spec = typeof sizeOrSpec === 'string' ? PLAN_SIZES[sizeOrSpec] : sizeOrSpec;
  if (!spec) throw new RangeError(`unknown plan size: ${String(sizeOrSpec)}`);
  for (const [k, v] of Object.entries(spec)) {
    if (!Number.isInteger(v) || v < 0) throw new RangeError(`${k} must be a non-negative integer`);
  }
  if (spec.measures > 0 && spec.actors === 0 && spec.responsibilities > 0) throw new RangeError('responsibilities need actors');
  if (spec.budgetLines > 0 && spec.measures === 0) throw new RangeError('budget lines need measures');
  const r = mulberry32(seed);
  const places = placeNames(r);
  const catalogue = CATALOGUE.baustellen;

  // Actors: mixed kinds, names unique within the plan.
  const actors: Actor[] = [];
  const names = new Set<string>();
  for (let i = 0; i < spec.actors; i++) {
    const a = makeActor(r, weighted(r, KIND_MIX), places, i);
    let name = a.name;
    for (let n = 2; names.has(name); n++) name = `${a.name} (${places[(i + n * 7) % places.length]})`;
    names.add(name);
    actors.push({ id: uuid(r), ...a, name });
  }
  const adminActors = actors.map((a, i) => (ADMIN_KINDS.includes(a.kind) ? i : -1)).filter((i) => i >= 0);

  // Responsibility links per measure: at least one each while there are enough, never more than actors.
  const linkCounts = spread(r, spec.measures, spec.responsibilities, 1, Math.min(spec.actors, 12));
  const lineCounts = spread(r, spec.measures, spec.budgetLines, 0, Number.MAX_SAFE_INTEGER);

  const measures: StoredMeasure[] = [];
  const responsibilities: Responsibility[] = [];
  const budgetLines: BudgetLine[] = [];
  const perBaustelle = new Map<string, number>();
  for (let i = 0; i < spec.measures; i++) {
    const b = catalogue[i % catalogue.length];
    const n = (perBaustelle.get(b.id) ?? 0) + 1;
    perBaustelle.set(b.id, n);
    const theme = BAUSTELLE_THEMES[b.id] ?? BAUSTELLE_THEMES.B1;
    const place = places[int(r, 0, places.length - 1)];
    const action = pick(r, theme.actions);
    const title = weighted(r, [
      [`${action} in ${place}`, 4], [`${action} für ${pick(r, TARGETS)}`, 3], [`${action} – ${pick(r, PHASES)}`, 2], [`${action} im Raum ${place}`, 1],
    ] as const);
    const startYear = int(r, 2026, 2030);
    const endYear = Math.min(2030, startYear + int(r, 0, 2));
    const startQuarter = int(r, 1, 4) as Quarter;
    const endQuarter = (endYear === startYear ? int(r, startQuarter, 4) : int(r, 1, 4)) as Quarter;
    const links = linkCounts[i];
    const status: MeasureStatus = links === 0 ? 'idee' : weighted(r, STATUS_MIX);
    const grund = new Set<string>();
    const gCount = Math.min(b.grundmauern.length, int(r, 1, 3));
    while (grund.size < gCount) grund.add(pick(r, b.grundmauern).id);
    const fragen = new Set<string>();
    const fCount = Math.min(b.fragen.length, int(r, 0, 2));
    while (fragen.size < fCount) fragen.add(pick(r, b.fragen).id);
    const further = r() < 0.2 ? [catalogue[(i % catalogue.length + int(r, 1, catalogue.length - 1)) % catalogue.length].id] : [];
    const created = new Date(BASE_TIME + int(r, 0, 90 * 86_400) * 1000).toISOString();
    const m: StoredMeasure = {
      id: uuid(r),
      code: `M-${b.number}.${String(n).padStart(3, '0')}`,
      title,
      description: `${action} als Beitrag zur Baustelle „${b.shortTitle}“. Umsetzung ${startYear === endYear ? `im Jahr ${startYear}` : `von ${startYear} bis ${endYear}`} gemeinsam mit den beteiligten Stellen; Schwerpunkt ${place} und Umgebung. ${pick(r, ['Die Angebote werden mehrsprachig beworben.', 'Zeiten und Orte werden mit den Zielgruppen abgestimmt.', 'Erfahrungen aus der Pilotphase fließen ein.', 'Die Ergebnisse werden im Kreistag vorgestellt.'])}`,
      goal: `Bis ${endYear} ${pick(r, theme.goals)}.`,
      need: `${pick(r, theme.needs)}.`.replace(/^./u, (c) => c.toUpperCase()),
      ausgangslage: r() < 0.6 ? `In ${place} fehlt bisher ein entsprechendes Angebot; ${pick(r, ['Rückmeldungen aus den Gemeinden', 'die Sozialraumanalyse', 'Gespräche mit dem Integrationsbeirat', 'Anfragen von Vereinen'])} zeigen den Bedarf.` : '',
      risks: r() < 0.4 ? pick(r, ['Personalgewinnung schwierig.', 'Förderzusage steht noch aus.', 'Abhängig von der Beteiligung der Gemeinden.', 'Räume noch nicht gesichert.']) : '',
      baustelleId: b.id,
      furtherBaustellenIds: further,
      status,
      startYear, startQuarter, endYear, endQuarter,
      notes: r() < 0.1 ? `Abstimmung mit ${place} steht noch aus.` : '',
      grundmauerIds: [...grund],
      frageIds: [...fragen],
      createdAt: created,
      updatedAt: created,
    };
    measures.push(m);

    // Responsibilities: distinct actors; the first is verantwortlich for every measure past Idee
    // (and for about half the ideas), preferably an administration unit.
    const chosen = new Set<number>();
    if (links > 0 && adminActors.length > 0 && r() < 0.7) chosen.add(pick(r, adminActors));
    while (chosen.size < links) chosen.add(int(r, 0, spec.actors - 1));
    const withResponsible = status !== 'idee' || r() < 0.5;
    let first = true;
    for (const a of chosen) {
      const role: Role = first && withResponsible ? 'verantwortlich' : weighted(r, [['federfuehrend', 2], ['mitwirkend', 5], ['zu-informieren', 2]] as const);
      first = false;
      responsibilities.push({ measureId: m.id, actorId: actors[a].id, role });
    }

    // Budget lines over the measure's 1–3 cost years.
    for (let k = 0; k < lineCounts[i]; k++) {
      const costKind = weighted(r, COST_MIX);
      const fundingKind = weighted(r, FUNDING_MIX);
      const [lo, hi] = AMOUNT_EUR[costKind];
      const state: BudgetState = PAST_IDEA_BEWILLIGT.includes(status) && r() < 0.6 ? 'bewilligt' : weighted(r, [['geplant', 3], ['beantragt', 1]] as const);
      const [produkt, kostenstelle] = fundingKind === 'kreishaushalt' ? pick(r, PRODUKTE) : ['', ''];
      budgetLines.push({
        id: uuid(r), measureId: m.id, year: int(r, startYear, endYear),
        amountCents: Math.round(int(r, lo, hi) / 100) * 100 * 100,
        costKind, fundingKind, produkt, kostenstelle,
        programme: fundingKind === 'foerdermittel' ? pick(r, PROGRAMMES) : fundingKind === 'drittmittel' ? pick(r, THIRD_PARTIES) : '',
        foerderquoteBp: fundingKind === 'foerdermittel' ? pick(r, QUOTAS_BP) : null,
        state, note: '',
      });
    }
  }
  const label = typeof sizeOrSpec === 'string' ? sizeOrSpec : `${spec.measures} Maßnahmen`;
  return {
    spec, seed, actors, measures, responsibilities, budgetLines,
    meta: { title: `Synthetischer Plan ${label} (Seed ${seed})`, landkreis: `Landkreis ${places[0]}` },
  };
}

/** Writes a synthetic plan's content through the repositories (caller provides the transaction). */
export function writeSynthetic(db: Db, plan: SyntheticPlan, ctx: ChangeContext): void {
  for (const a of plan.actors) insertActor(db, a);
  for (const m of plan.measures) insertMeasure(db, m);
  for (const r of plan.responsibilities) upsertResponsibility(db, r);
  for (const b of plan.budgetLines) insertBudgetLine(db, b);
  logChange(db, ctx, 'plan', 'synthetic', 'create', `Synthetischer Plan angelegt (Seed ${plan.seed}, ${plan.measures.length} Maßnahmen)`, undefined, undefined);
}

/**
 * Creates a synthetic plan file at `path` (refuses to overwrite), with the catalogue installed as
 * by "plan.new", everything in one transaction. With `session`, the plan is created and left open
 * in that session (exactly the "plan.new" path); without, the file is written and closed.
 */
export function generatePlan(path: string, size: PlanSize | PlanSpec, seed = 1, opts: { session?: Session } = {}): GeneratedPlan {
  const t0 = performance.now();
  const plan = synthesize(size, seed);
  if (opts.session) {
    const s = opts.session;
    s.create(path, (db) => {
      initPlan(db, s, plan.meta);
      writeSynthetic(db, plan, s.ctx);
    });
  } else {
    const ctx: ChangeContext = { user: 'generator', now: () => new Date(BASE_TIME).toISOString() };
    const db = createPlanDb(path);
    try {
      // initPlan only reads the change context of the session.
      db.transaction(() => {
        initPlan(db, { ctx } as Session, plan.meta);
        writeSynthetic(db, plan, ctx);
      })();
    } finally {
      db.close();
    }
  }
  return { path, seed, spec: plan.spec, ms: performance.now() - t0 };
}
