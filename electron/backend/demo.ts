// The demo plan "Landkreis Musterland": a dozen realistic measures, actors and budget
// lines, so a first start shows the main job at once. Fictional names throughout.
import type { ActorKind, CostKind, FundingKind, BudgetState, MeasureStatus, Quarter, Role } from '../../shared/domain/enums.ts';
import { newId } from '../../shared/domain/ids.ts';
import type { Actor } from '../../shared/domain/types.ts';
import type { Db } from './db/open.ts';
import { insertActor, upsertResponsibility } from './repos/actors.ts';
import { insertBudgetLine } from './repos/budget.ts';
import { setMeta } from './repos/meta.ts';
import { logChange, type ChangeContext } from './repos/changelog.ts';
import { putFrageAnswer } from './repos/fragen.ts';
import { insertMeasure } from './repos/measures.ts';
import { putDependency, putIndicator, putMilestone } from './repos/sheet.ts';
import { putDecision, putFrame, putScore } from './repos/priorities.ts';
import { fillDemoMonitoring } from './demo-monitoring.ts';

type ActorSeed = [key: string, name: string, kind: ActorKind, orgUnit: string, contactPerson: string];
const ACTORS: ActorSeed[] = [
  ['integration', 'Stabsstelle Integration und Teilhabe', 'kreisverwaltung', 'Dezernat II – Soziales', 'Frau Dr. Yildiz'],
  ['soziales', 'Fachdienst Soziales und Wohnen', 'kreisverwaltung', 'Dezernat II – Soziales', 'Herr Brandt'],
  ['wirtschaft', 'Amt für Wirtschaftsförderung und Regionalentwicklung', 'kreisverwaltung', 'Dezernat I – Landrat', 'Frau Keller'],
  ['verkehr', 'Fachdienst ÖPNV und Mobilität', 'kreisverwaltung', 'Dezernat III – Bauen und Verkehr', 'Herr Nowak'],
  ['presse', 'Büro Landrat / Pressestelle', 'kreisverwaltung', 'Dezernat I – Landrat', 'Frau Albers'],
  ['sozialausschuss', 'Kreistag – Ausschuss für Soziales und Integration', 'kreistag', 'Kreistag', ''],
  ['beirat', 'Integrationsbeirat des Landkreises', 'beirat', '', 'Vorsitz: Herr Haddad'],
  ['jobcenter', 'Jobcenter Musterland', 'jobcenter', 'Markt und Integration', 'Frau Schulte'],
  ['ihk', 'IHK Musterland-Süd', 'kammer', 'Fachkräftesicherung', ''],
  ['hwk', 'Handwerkskammer Musterland', 'kammer', 'Ausbildungsberatung', ''],
  ['lindenau', 'Gemeinde Lindenau', 'gemeinde', 'Bürgermeisteramt', 'Bürgermeisterin Vogt'],
  ['bergheim', 'Stadt Bergheim', 'gemeinde', 'Fachbereich Bürgerdienste', ''],
  ['ksb', 'Kreissportbund Musterland e. V.', 'verein', '', ''],
  ['bruecke', 'Brücke e. V. – Verein der Zugewanderten in Musterland', 'migrantenorganisation', '', 'Frau Osei'],
  ['unternehmer', 'Unternehmerverband Musterland', 'arbeitgeber', '', ''],
  ['vgm', 'Verkehrsgesellschaft Musterland mbH', 'sonstige', 'Angebotsplanung', ''],
];

type Line = [year: number, cents: number, cost: CostKind, funding: FundingKind, state: BudgetState, extra?: { programme?: string; quoteBp?: number; produkt?: string; kostenstelle?: string }];
interface MeasureSeed {
  code: string; baustelle: string; title: string; goal: string; need: string; description: string;
  status: MeasureStatus; start: [number, Quarter]; end: [number, Quarter]; items: string[];
  roles: [string, Role][]; lines: Line[];
}

const KH = { produkt: '31.10.01', kostenstelle: '5010' };
const MEASURES: MeasureSeed[] = [
  {
    code: 'M-1.01', baustelle: 'B1', title: 'Beteiligungswerkstätten „Gemeinsam in Musterland“ in allen Gemeinden',
    goal: 'Bis Ende 2027 hat jede Gemeinde mindestens eine offene Beteiligungswerkstatt durchgeführt; die Ergebnisse fließen in den Maßnahmenplan ein.',
    need: 'Alle, die bisher selten gehört werden: Neuzugezogene, junge Menschen, Ältere in kleinen Ortsteilen.',
    description: 'Moderierte Werkstätten vor Ort, diversitätssensibel geplant (Zeiten, Orte, Sprachen, Kinderbetreuung).',
    status: 'beschlossen', start: [2026, 1], end: [2027, 4], items: ['B1-G-LV-1', 'B1-F-LV-1'],
    roles: [['integration', 'verantwortlich'], ['lindenau', 'mitwirkend'], ['bergheim', 'mitwirkend'], ['beirat', 'mitwirkend'], ['sozialausschuss', 'zu-informieren']],
    lines: [[2026, 1_800_000, 'sachkosten', 'kreishaushalt', 'bewilligt', KH], [2027, 1_500_000, 'sachkosten', 'kreishaushalt', 'geplant', KH]],
  },
  {
    code: 'M-1.02', baustelle: 'B1', title: 'Integrationsbeirat mit echten Mitbestimmungsrechten stärken',
    goal: 'Der Beirat erhält ein Antrags- und Rederecht im Kreistag und in allen Fachausschüssen.',
    need: 'Menschen, deren Anliegen in den Gremien bisher nicht vertreten sind.',
    description: 'Satzungsänderung, Geschäftsstelle mit halber Stelle, Qualifizierung der Mitglieder.',
    status: 'beschlussreif', start: [2026, 2], end: [2028, 4], items: ['B1-G-LV-3'],
    roles: [['integration', 'verantwortlich'], ['beirat', 'federfuehrend'], ['sozialausschuss', 'mitwirkend']],
    lines: [[2026, 2_600_000, 'personal', 'kreishaushalt', 'geplant', KH], [2027, 3_500_000, 'personal', 'kreishaushalt', 'geplant', KH], [2028, 3_600_000, 'personal', 'kreishaushalt', 'geplant', KH]],
  },
  {
    code: 'M-2.01', baustelle: 'B2', title: 'Mehrsprachige und leichte Bürgerinformation im Kreishaus und online',
    goal: 'Die 30 meistgenutzten Leistungen sind in fünf Sprachen und Leichter Sprache erklärt.',
    need: 'Alle, die Behördentexte schwer verstehen – unabhängig von Herkunft.',
    description: 'Übersetzung, digitale Übersetzungshilfen am Empfang, Piktogramm-Leitsystem.',
    status: 'in-umsetzung', start: [2025, 3], end: [2026, 4], items: ['B2-G-LV-1', 'B2-F-LV-1'],
    roles: [['integration', 'verantwortlich'], ['presse', 'mitwirkend']],
    lines: [[2026, 4_200_000, 'sachkosten', 'foerdermittel', 'bewilligt', { programme: 'Landesprogramm „Teilhabe vor Ort“', quoteBp: 8000 }]],
  },
  {
    code: 'M-2.02', baustelle: 'B2', title: 'Fachstelle Wohnen: Zugangshürden am Wohnungsmarkt abbauen',
    goal: 'Vermittlung von 60 Wohnungen pro Jahr an Menschen mit Zugangshürden.',
    need: 'Haushalte, die am Wohnungsmarkt benachteiligt sind: Alleinerziehende, Geflüchtete, Menschen mit geringem Einkommen.',
    description: 'Beratung von Wohnungssuchenden und Vermietenden, Mietausfallfonds, Kooperation mit Wohnungsbaugesellschaften.',
    status: 'in-planung', start: [2027, 1], end: [2029, 4], items: ['B2-G-PE-1'],
    roles: [['soziales', 'verantwortlich'], ['bergheim', 'mitwirkend'], ['lindenau', 'mitwirkend']],
    lines: [[2027, 9_500_000, 'personal', 'kreishaushalt', 'geplant', KH], [2028, 9_800_000, 'personal', 'kreishaushalt', 'geplant', KH], [2029, 10_100_000, 'personal', 'kreishaushalt', 'geplant', KH], [2027, 5_000_000, 'sachkosten', 'drittmittel', 'beantragt']],
  },
  {
    code: 'M-3.01', baustelle: 'B3', title: 'Jahresdialog Zusammenhalt mit dem Landrat',
    goal: 'Einmal jährlich ein öffentlicher Dialog, der Vielfalt als Teil der Kreisgeschichte sichtbar macht.',
    need: 'Die ganze Bevölkerung; besonders Menschen, die sich von der Politik nicht angesprochen fühlen.',
    description: 'Veranstaltung mit Livestream und Social-Media-Begleitung, Porträtserie „Menschen in Musterland“.',
    status: 'beschlossen', start: [2026, 2], end: [2029, 4], items: ['B3-G-PE-1', 'B3-G-PE-3', 'B3-F-PE-1'],
    roles: [['presse', 'verantwortlich'], ['integration', 'mitwirkend'], ['beirat', 'mitwirkend']],
    lines: [[2026, 1_200_000, 'sachkosten', 'kreishaushalt', 'bewilligt', KH], [2027, 1_200_000, 'sachkosten', 'kreishaushalt', 'geplant', KH], [2028, 1_250_000, 'sachkosten', 'kreishaushalt', 'geplant', KH]],
  },
  {
    code: 'M-4.01', baustelle: 'B4', title: 'Welcome Center Fachkräfte mit Kammern und Arbeitgebern',
    goal: 'Ein Anlaufpunkt für Betriebe und zuziehende Fachkräfte; Verfahren in höchstens 8 Wochen.',
    need: 'Betriebe mit Fachkräftebedarf und alle Zuziehenden, die Arbeit, Wohnung und Anerkennung suchen.',
    description: 'Gemeinsame Anlaufstelle von Ausländerbehörde, Wirtschaftsförderung, Jobcenter und Kammern; kurze Wege in der Verwaltung.',
    status: 'beschlussreif', start: [2026, 3], end: [2028, 4], items: ['B4-G-LV-1', 'B4-G-LV-2', 'B4-F-LV-1'],
    roles: [['wirtschaft', 'verantwortlich'], ['jobcenter', 'mitwirkend'], ['ihk', 'mitwirkend'], ['hwk', 'mitwirkend'], ['unternehmer', 'mitwirkend']],
    lines: [[2026, 6_000_000, 'personal', 'foerdermittel', 'beantragt', { programme: 'ESF Plus – Fachkräftesicherung', quoteBp: 6000 }], [2027, 12_000_000, 'personal', 'foerdermittel', 'geplant', { programme: 'ESF Plus – Fachkräftesicherung', quoteBp: 6000 }], [2028, 12_000_000, 'personal', 'foerdermittel', 'geplant', { programme: 'ESF Plus – Fachkräftesicherung', quoteBp: 6000 }], [2026, 2_500_000, 'investition', 'kreishaushalt', 'geplant', { produkt: '57.10.01', kostenstelle: '7020' }]],
  },
  {
    code: 'M-4.02', baustelle: 'B4', title: 'Berufsbegleitender Spracherwerb im Betrieb',
    goal: '150 Beschäftigte pro Jahr lernen Deutsch am Arbeitsplatz.',
    need: 'Beschäftigte mit geringen Deutschkenntnissen, gleich welcher Herkunft.',
    description: 'Job-Sprachkurse in Kooperation mit Betrieben und Volkshochschule.',
    status: 'idee', start: [2027, 1], end: [2028, 4], items: ['B2-G-LV-2'],
    roles: [['jobcenter', 'federfuehrend'], ['unternehmer', 'mitwirkend']],
    lines: [[2027, 3_000_000, 'sachkosten', 'eigenmittel-dritter', 'geplant'], [2028, 3_000_000, 'sachkosten', 'eigenmittel-dritter', 'geplant']],
  },
  {
    code: 'M-5.01', baustelle: 'B5', title: 'Sozialraumanalyse Daseinsvorsorge für alle Gemeinden',
    goal: 'Reale Problemursachen (Kita-Plätze, Hausärzte, Wohnraum) belegt benennen, statt sie der Migration zuzuschreiben.',
    need: 'Alle Menschen vor Ort, die von Engpässen der Infrastruktur betroffen sind.',
    description: 'Datenauswertung und Befragung; Ergebnisse werden in öffentlichen Sitzungen vorgestellt.',
    status: 'in-planung', start: [2026, 2], end: [2026, 4], items: ['B5-G-AM-1', 'B5-G-LV-1', 'B5-F-PE-1'],
    roles: [['soziales', 'verantwortlich'], ['integration', 'mitwirkend'], ['sozialausschuss', 'zu-informieren']],
    lines: [[2026, 4_500_000, 'sachkosten', 'kreishaushalt', 'geplant', KH]],
  },
  {
    code: 'M-6.01', baustelle: 'B6', title: 'Rufbus für Randlagen und Abendstunden',
    goal: 'Jeder Ortsteil ist werktags bis 22 Uhr erreichbar.',
    need: 'Alle ohne Auto: Jugendliche, Ältere, Schichtarbeitende, Neuzugezogene.',
    description: 'On-Demand-Rufbus in drei Bediengebieten, abgestimmt mit Nachbarkreisen.',
    status: 'beschlussreif', start: [2027, 1], end: [2029, 4], items: ['B6-G-PE-1', 'B6-G-PE-2'],
    roles: [['verkehr', 'verantwortlich'], ['vgm', 'federfuehrend'], ['lindenau', 'mitwirkend']],
    lines: [[2027, 18_000_000, 'investition', 'foerdermittel', 'beantragt', { programme: 'Landesförderung ÖPNV im ländlichen Raum', quoteBp: 7500 }], [2027, 9_000_000, 'sachkosten', 'kreishaushalt', 'geplant', { produkt: '54.70.01', kostenstelle: '6610' }], [2028, 9_200_000, 'sachkosten', 'kreishaushalt', 'geplant', { produkt: '54.70.01', kostenstelle: '6610' }], [2029, 9_400_000, 'sachkosten', 'kreishaushalt', 'geplant', { produkt: '54.70.01', kostenstelle: '6610' }]],
  },
  {
    code: 'M-6.02', baustelle: 'B6', title: 'Führerschein- und Mobilitätsförderung über das Jobcenter',
    goal: '80 Führerscheine pro Jahr für Arbeitsuchende ohne ÖPNV-Anbindung an den Arbeitsort.',
    need: 'Arbeitsuchende, die ohne Auto keinen Arbeitsplatz erreichen.',
    description: 'Spielräume im SGB II nutzen, ergänzt um eine Fahrradwerkstatt mit Verleih.',
    status: 'in-umsetzung', start: [2025, 1], end: [2027, 4], items: ['B6-G-LV-3', 'B6-G-LV-2'],
    roles: [['jobcenter', 'verantwortlich'], ['ksb', 'mitwirkend']],
    lines: [[2026, 7_200_000, 'sachkosten', 'drittmittel', 'bewilligt'], [2027, 7_200_000, 'sachkosten', 'drittmittel', 'geplant']],
  },
  {
    code: 'M-7.01', baustelle: 'B7', title: 'Förderfonds Begegnungsorte für Vereine und Initiativen',
    goal: '25 niedrigschwellige Begegnungsprojekte pro Jahr in Vereinen, Kirchengemeinden und Dorfläden.',
    need: 'Alle, die im Ort wenige Kontakte haben.',
    description: 'Kleinförderung bis 5.000 € je Projekt, einfaches Antragsverfahren, Beratung durch den Kreissportbund und Brücke e. V.',
    status: 'beschlossen', start: [2026, 1], end: [2029, 4], items: ['B7-G-PE-1', 'B7-G-LV-2', 'B7-F-LV-1'],
    roles: [['integration', 'verantwortlich'], ['ksb', 'mitwirkend'], ['bruecke', 'mitwirkend'], ['sozialausschuss', 'zu-informieren']],
    lines: [[2026, 10_000_000, 'sachkosten', 'kreishaushalt', 'bewilligt', KH], [2027, 10_000_000, 'sachkosten', 'kreishaushalt', 'geplant', KH], [2028, 10_000_000, 'sachkosten', 'kreishaushalt', 'geplant', KH], [2029, 10_000_000, 'sachkosten', 'kreishaushalt', 'geplant', KH]],
  },
  {
    code: 'M-7.02', baustelle: 'B7', title: 'Fortbildungsreihe vielfaltssensible Öffnung für Vereine',
    goal: '40 Vereine überprüfen ihren Außenauftritt und ihre Angebote auf ausschließende Mechanismen.',
    need: 'Vereine, die neue Mitglieder gewinnen wollen, und Menschen, die bisher keinen Zugang finden.',
    description: 'Leitfaden, sechs Workshops pro Jahr, Mentoring durch Migrant:innenorganisationen.',
    status: 'idee', start: [2027, 1], end: [2028, 4], items: ['B7-G-LV-3', 'B7-G-ZO-2'],
    roles: [['bruecke', 'federfuehrend'], ['ksb', 'mitwirkend']],
    lines: [[2027, 1_600_000, 'sachkosten', 'kreishaushalt', 'geplant', KH], [2028, 1_600_000, 'sachkosten', 'kreishaushalt', 'geplant', KH]],
  },
];

// The Maßnahmenblatt of each demo measure: Ausgangslage, Hemmnisse/Risiken, Umsetzungsschritte
// [title, year, quarter, done] and Erfolgsindikatoren [name, baseline, target, target year, source].
interface SheetSeed {
  ausgangslage: string; risks: string;
  milestones?: [title: string, year: number, quarter: Quarter, done: boolean][];
  indicators?: [name: string, baseline: string, target: string, targetYear: number, dataSource: string][];
}
const SHEETS: Record<string, SheetSeed> = {
  'M-1.01': {
    ausgangslage: 'Beteiligung findet bisher fast nur in Bergheim statt; in den kleinen Gemeinden kommen überwiegend dieselben Personen zu Sitzungen.',
    risks: 'Geringe Resonanz in Gemeinden ohne eigene Ansprechperson; Moderation muss früh ausgeschrieben werden.',
    milestones: [['Moderationsteam beauftragt', 2026, 1, true], ['Erste Werkstatt in Lindenau', 2026, 2, false], ['Werkstätten in allen Gemeinden durchgeführt', 2027, 3, false], ['Ergebnisbericht an den Sozialausschuss', 2027, 4, false]],
    indicators: [['Gemeinden mit mindestens einer Werkstatt', '1 von 14', '14 von 14', 2027, 'Dokumentation der Stabsstelle Integration'], ['Anteil Teilnehmender, die zum ersten Mal an einer Beteiligung teilnehmen', 'unbekannt', 'mindestens 50 %', 2027, 'Kurzbefragung am Ende jeder Werkstatt']],
  },
  'M-1.02': {
    ausgangslage: 'Der Integrationsbeirat berät bisher nur auf Einladung; Anträge an den Kreistag kann er nicht stellen.',
    risks: 'Mehrheit für die Satzungsänderung im Kreistag ist offen; Nachbesetzung der Geschäftsstelle.',
    milestones: [['Entwurf der Satzungsänderung', 2026, 2, false], ['Beschluss des Kreistags', 2026, 4, false], ['Geschäftsstelle besetzt', 2027, 1, false]],
    indicators: [['Anträge des Beirats an Kreistag und Ausschüsse pro Jahr', '0', '4', 2028, 'Sitzungsdienst (Ratsinformationssystem)']],
  },
  'M-2.01': {
    ausgangslage: 'Informationen im Kreishaus und auf der Website gibt es fast nur auf Deutsch in Verwaltungssprache.',
    risks: 'Pflege der Übersetzungen nach Rechtsänderungen; Qualität maschineller Übersetzung.',
    milestones: [['Die 30 meistgenutzten Leistungen ausgewählt', 2025, 3, true], ['Texte in Leichter Sprache online', 2026, 2, true], ['Übersetzungen in fünf Sprachen online', 2026, 4, false]],
    indicators: [['Leistungen mit mehrsprachiger Erklärung', '0', '30', 2026, 'Redaktionssystem der Website'], ['Abrufe der übersetzten Seiten pro Monat', '0', '2.000', 2026, 'Webstatistik']],
  },
  'M-2.02': {
    ausgangslage: 'Die Leerstandsquote ist niedrig; Haushalte mit geringem Einkommen und Geflüchtete suchen im Schnitt über ein Jahr.',
    risks: 'Zu wenige Vermietende machen mit; Finanzierung des Mietausfallfonds über Drittmittel noch nicht gesichert.',
    milestones: [['Kooperationsvereinbarung mit den Wohnungsbaugesellschaften', 2027, 1, false], ['Fachstelle eröffnet', 2027, 2, false]],
    indicators: [['Vermittelte Wohnungen pro Jahr', '12', '60', 2029, 'Fallstatistik der Fachstelle']],
  },
  'M-3.01': {
    ausgangslage: 'Öffentliche Debatten über Zuwanderung werden im Kreis vor allem über Konflikte geführt.',
    risks: 'Störungen der Veranstaltung; zu geringe Reichweite außerhalb der Kreisstadt.',
    milestones: [['Erster Jahresdialog', 2026, 4, false], ['Porträtserie „Menschen in Musterland“ gestartet', 2026, 3, false]],
    indicators: [['Teilnehmende vor Ort und im Livestream', '–', '400', 2027, 'Anmeldeliste und Streaming-Statistik']],
  },
  'M-4.01': {
    ausgangslage: 'Betriebe und zuziehende Fachkräfte müssen bis zu fünf Stellen aufsuchen; Anerkennungsverfahren dauern oft über sechs Monate.',
    risks: 'ESF-Plus-Bewilligung steht aus; Datenaustausch zwischen Ausländerbehörde und Jobcenter datenschutzrechtlich zu klären.',
    milestones: [['Förderantrag ESF Plus eingereicht', 2026, 2, true], ['Räume im Kreishaus hergerichtet', 2026, 3, false], ['Welcome Center eröffnet', 2026, 4, false]],
    indicators: [['Durchschnittliche Verfahrensdauer bis zur Arbeitsaufnahme', '26 Wochen', 'höchstens 8 Wochen', 2028, 'Fallstatistik Welcome Center'], ['Beratene Betriebe pro Jahr', '0', '120', 2028, 'Fallstatistik Welcome Center']],
  },
  'M-4.02': {
    ausgangslage: 'Integrationskurse finden am Vormittag statt und sind für Beschäftigte im Schichtdienst kaum erreichbar.',
    risks: 'Betriebe stellen Beschäftigte nicht frei; Kursleitungen fehlen.',
    indicators: [['Beschäftigte in Job-Sprachkursen pro Jahr', '0', '150', 2028, 'Teilnahmelisten der Volkshochschule']],
  },
  'M-5.01': {
    ausgangslage: 'Engpässe bei Kita-Plätzen, Hausärzten und Wohnraum werden in Bürgerversammlungen häufig der Zuwanderung zugeschrieben; belastbare Zahlen je Gemeinde fehlen.',
    risks: 'Datenlücken bei den Gemeinden; Ergebnisse können politisch umstritten sein.',
    milestones: [['Daten der Gemeinden zusammengeführt', 2026, 2, false], ['Befragung abgeschlossen', 2026, 3, false], ['Vorstellung im Kreistag', 2026, 4, false]],
    indicators: [['Gemeinden mit ausgewerteten Daten', '0 von 14', '14 von 14', 2026, 'Projektbericht']],
  },
  'M-6.01': {
    ausgangslage: 'Nach 19 Uhr fährt in acht von 14 Gemeinden kein Bus mehr; Randlagen haben am Wochenende kein Angebot.',
    risks: 'Förderbescheid des Landes steht aus; Fahrpersonal schwer zu gewinnen.',
    milestones: [['Bediengebiete mit den Nachbarkreisen abgestimmt', 2026, 4, false], ['Start des Rufbusses im ersten Bediengebiet', 2027, 2, false]],
    indicators: [['Ortsteile werktags bis 22 Uhr erreichbar', '6 von 41', '41 von 41', 2029, 'Fahrplanauswertung der VGM'], ['Fahrgäste im Rufbus pro Monat', '0', '3.000', 2029, 'Buchungssystem der VGM']],
  },
  'M-6.02': {
    ausgangslage: 'Viele Arbeitsuchende in Randlagen erreichen potenzielle Arbeitsorte ohne Auto nicht.',
    risks: 'Fahrschulen mit langen Wartezeiten; Mittel im Eingliederungstitel begrenzt.',
    milestones: [['Förderrichtlinie des Jobcenters angepasst', 2025, 1, true], ['Fahrradwerkstatt eröffnet', 2025, 3, true]],
    indicators: [['Geförderte Führerscheine pro Jahr', '25', '80', 2027, 'Förderstatistik des Jobcenters']],
  },
  'M-7.01': {
    ausgangslage: 'Vereine und Initiativen finden für kleine Begegnungsprojekte kaum passende Förderung; Anträge sind zu aufwendig.',
    risks: 'Mittel fließen vor allem an bereits gut vernetzte Vereine.',
    milestones: [['Förderrichtlinie beschlossen', 2026, 1, true], ['Erste Förderrunde', 2026, 2, false]],
    indicators: [['Geförderte Begegnungsprojekte pro Jahr', '0', '25', 2027, 'Förderdatenbank der Stabsstelle'], ['Anteil der Projekte außerhalb der Kreisstadt', '–', 'mindestens 60 %', 2027, 'Förderdatenbank der Stabsstelle']],
  },
  'M-7.02': {
    ausgangslage: 'Viele Vereine verlieren Mitglieder, erreichen Zugezogene aber nicht.',
    risks: 'Bereitschaft der Vereine zur Teilnahme; Kapazität der Migrant:innenorganisationen für das Mentoring.',
  },
};

/** Abhängigkeiten: [measure, depends on]. */
const DEPENDENCIES: [string, string][] = [['M-4.02', 'M-4.01'], ['M-2.02', 'M-5.01'], ['M-7.02', 'M-7.01']];

/** Answers to Fragen für den gemeinsamen Weiterbau: [Frage, answer, answered by]. */
const ANSWERS: [string, string, string][] = [
  ['B1-F-LV-1', 'Betroffene Gruppen werden vor jeder größeren Maßnahme in einer Werkstatt vor Ort gehört (M-1.01); der Integrationsbeirat benennt Ansprechpersonen.', 'Frau Dr. Yildiz'],
  ['B2-F-LV-1', 'Die 30 meistgenutzten Leistungen werden mehrsprachig und in Leichter Sprache erklärt (M-2.01); Verteilung zusätzlich über Migrant:innenorganisationen und Gemeinden.', 'Frau Albers'],
  ['B5-F-PE-1', 'Nach ersten Rückmeldungen: Kita-Plätze in Lindenau, hausärztliche Versorgung im Süden, Wohnraum in Bergheim. Die Sozialraumanalyse (M-5.01) soll das belegen.', 'Herr Brandt'],
  ['B6-F-LV-1', 'Die Bahnhöfe Bergheim und Lindenau sowie die Kreisvolkshochschule; sie sollen mit dem Rufbus (M-6.01) auch abends erreichbar werden.', 'Herr Nowak'],
  ['B4-F-PE-3', 'Welcome Center über ESF Plus (60 %) und Kreishaushalt; Rufbus über die Landesförderung ÖPNV im ländlichen Raum.', 'Frau Keller'],
];

/**
 * Nutzwertanalyse (Prioritäten): scores 0–10 in the order of the default criteria (Wirkung,
 * Dringlichkeit, Reichweite, Umsetzbarkeit, Beteiligung, Kosten-Wirkung). A second rater for a
 * few measures, with clear divergences on M-6.01 (Umsetzbarkeit) and M-2.02 (Kosten-Wirkung).
 */
const SCORE_CRITERIA = ['wirkung-teilhabe-zusammenhalt', 'dringlichkeit', 'reichweite-nach-bedarf', 'umsetzbarkeit-vor-ort', 'beteiligung-betroffene', 'kosten-wirkungs-verhaeltnis'];
const SCORES: Record<string, number[]> = {
  'M-1.01': [7, 6, 7, 8, 10, 7], 'M-1.02': [6, 5, 4, 6, 9, 8], 'M-2.01': [9, 8, 9, 9, 6, 9], 'M-2.02': [9, 8, 7, 5, 6, 5],
  'M-3.01': [3, 2, 5, 8, 4, 5], 'M-4.01': [8, 8, 6, 6, 5, 6], 'M-4.02': [7, 6, 6, 5, 4, 8], 'M-5.01': [6, 7, 9, 8, 7, 8],
  'M-6.01': [9, 7, 9, 5, 6, 4], 'M-6.02': [6, 6, 4, 8, 3, 7], 'M-7.01': [7, 6, 7, 8, 8, 6], 'M-7.02': [5, 4, 5, 7, 8, 7],
};
const SECOND_SCORES: Record<string, number[]> = {
  'M-6.01': [8, 7, 9, 2, 6, 4], 'M-2.02': [9, 9, 7, 6, 6, 8], 'M-1.02': [5, 5, 4, 7, 9, 8], 'M-3.01': [4, 2, 5, 9, 4, 5],
};
/** Haushaltsrahmen for the Kreis's own share: less than all measures need, so the choice is real. */
const FRAMES: [year: number, cents: number, note: string][] = [
  [2026, 23_000_000, 'Haushaltsplan 2026 (beschlossen)'], [2027, 33_000_000, 'Mittelfristige Finanzplanung'],
  [2028, 36_000_000, 'Mittelfristige Finanzplanung'], [2029, 30_000_000, 'Mittelfristige Finanzplanung'],
];
/** Fixed decisions: [measure, in/out, reason]. */
const FIXED: [string, 'in' | 'out', string][] = [['M-7.01', 'in', 'Förderrichtlinie vom Kreistag beschlossen (KT/2026/014)']];

export const DEMO_MEASURE_COUNT = MEASURES.length;

export function fillDemoPlan(db: Db, ctx: ChangeContext): void {
  const now = ctx.now();
  const actorIds = new Map<string, string>();
  for (const [key, name, kind, orgUnit, contactPerson] of ACTORS) {
    const a: Actor = { id: newId(), name, kind, orgUnit, contactPerson, contactDetails: '', notes: '' };
    insertActor(db, a);
    actorIds.set(key, a.id);
  }
  const measureIds = new Map<string, string>();
  for (const s of MEASURES) {
    const id = newId();
    measureIds.set(s.code, id);
    const sheet = SHEETS[s.code];
    insertMeasure(db, {
      id, code: s.code, title: s.title, description: s.description, goal: s.goal, need: s.need, baustelleId: s.baustelle,
      ausgangslage: sheet?.ausgangslage ?? '', risks: sheet?.risks ?? '',
      furtherBaustellenIds: [], status: s.status, startYear: s.start[0], startQuarter: s.start[1], endYear: s.end[0], endQuarter: s.end[1],
      notes: '', grundmauerIds: s.items.filter((i) => i.includes('-G-')), frageIds: s.items.filter((i) => i.includes('-F-')),
      createdAt: now, updatedAt: now,
    });
    for (const [key, role] of s.roles) upsertResponsibility(db, { measureId: id, actorId: actorIds.get(key)!, role });
    for (const [year, cents, costKind, fundingKind, state, extra] of s.lines) {
      insertBudgetLine(db, {
        id: newId(), measureId: id, year, amountCents: cents, costKind, fundingKind, state,
        produkt: extra?.produkt ?? '', kostenstelle: extra?.kostenstelle ?? '', programme: extra?.programme ?? '',
        foerderquoteBp: extra?.quoteBp ?? null, note: '',
      });
    }
    (sheet?.milestones ?? []).forEach(([title, dueYear, dueQuarter, done], position) =>
      putMilestone(db, { id: newId(), measureId: id, title, dueYear, dueQuarter, done, position }));
    (sheet?.indicators ?? []).forEach(([name, baseline, target, targetYear, dataSource], position) =>
      putIndicator(db, { id: newId(), measureId: id, name, baseline, target, targetYear, dataSource, position }));
  }
  for (const [code, on] of DEPENDENCIES) putDependency(db, { measureId: measureIds.get(code)!, dependsOnId: measureIds.get(on)! });
  for (const [frageId, answer, answeredBy] of ANSWERS) putFrageAnswer(db, { frageId, answer, answeredBy, updatedAt: now });
  for (const [rater, sheet] of [[1, SCORES], [2, SECOND_SCORES]] as const) {
    for (const [code, scores] of Object.entries(sheet)) {
      scores.forEach((score, i) => putScore(db, { measureId: measureIds.get(code)!, criterionId: SCORE_CRITERIA[i], rater, score }));
    }
  }
  for (const [year, amountCents, note] of FRAMES) putFrame(db, { year, amountCents, note });
  // Planungszeitraum (schema 6): the Finanzplan years of the demo.
  setMeta(db, 'period_first_year', '2026');
  setMeta(db, 'period_last_year', '2030');
  for (const [code, fixed, reason] of FIXED) putDecision(db, { measureId: measureIds.get(code)!, fixed, reason });
  fillDemoMonitoring(db, now);
  logChange(db, ctx, 'plan', 'demo', 'create', 'Demoplan „Landkreis Musterland“ angelegt', undefined, undefined);
}
