// The Baustellen catalogue of the Impulspapier "Das „gemeinsame Wir“ in ländlichen Räumen"
// (Robert Bosch Stiftung / Universität Hildesheim, 2024), word for word from
// tests/fixtures/impulspapier-2024.txt. Every text here is checked against that file by
// tests/unit/catalogue.test.ts; do not reword, correct or "fix" anything here (the paper's own
// typos such as "Teilhabebarrrieren" and "(ehrllich)" are kept on purpose).
import type { Catalogue } from './types.ts';

export const IMPULSPAPIER_2024: Catalogue = {
  id: 'impulspapier-2024',
  version: 1,
  source: {
    title: 'Das „gemeinsame Wir“ in ländlichen Räumen',
    subtitle: 'Den gesellschaftlichen Zusammenhalt vor Ort miteinander weiterbauen',
    kind: 'Impulspapier',
    publisher: 'Robert Bosch Stiftung GmbH',
    year: 2024,
    authors: ['Clara Hoppe', 'Danielle Kasparick', 'Hannes Schammann'],
    programme: 'Land.Zuhause.Zukunft – ein Programm der Robert Bosch Stiftung und der Universität Hildesheim',
    citation:
      'Hoppe, Clara; Kasparick, Danielle; Schammann, Hannes (2024): Das „gemeinsame Wir“ in ländlichen Räumen. Den gesellschaftlichen Zusammenhalt vor Ort miteinander weiterbauen. Impulspapier. Stuttgart: Robert Bosch Stiftung GmbH; Universität Hildesheim, Forschungsgruppe Migrationspolitik (Programm Land.Zuhause.Zukunft).',
    licence: 'Robert Bosch Stiftung GmbH, Stuttgart\nAlle Rechte vorbehalten\n2024',
  },
  baustellen: [
    {
      id: 'B1',
      number: 1,
      shortTitle: 'Klare Haltung',
      title: 'Klare Haltung: Demokratie, Menschenrechte und Beteiligung als Grundlage gemeinsamen Handelns',
      subtitle: 'Demokratie, Menschenrechte und Beteiligung als Grundlage gemeinsamen Handelns',
      summary:
        'Die Versprechen der Demokratie – alle Menschen sind frei, haben gleiche Rechte und dürfen sich an der Entscheidungsfindung für allgemeingültige Regeln beteiligen – müssen vor Ort eingelöst und gelebt werden. Ausländische Personen, v. a. aus Nicht-EU-Staaten, haben jedoch in Deutschland kein Wahlrecht, auch nicht auf der kommunalen Ebene. Dementsprechend müssen sich Kommunen Gedanken machen, wie Mitgestaltung ermöglicht werden kann. In unserer Kurz-Expertise „Kommunale Beteiligung von Zugewanderten in ländlichen Räumen. Mitmachen, Mitgestalten, Mitbestimmen?!“ (Gluns et al. 2021) haben wir uns daher damit beschäftigt, wie Beteiligung von Migrant:innen vor Ort gestärkt werden kann. Eine Herausforderung in ländlichen Räumen ist dabei, dass es im Gegensatz zu Städten seltener Interessenvertretungen in Form von Migrant:innenorganisationen (MO) sowie formelle Mitbestimmungsgremien in Form von Beiräten gibt. Das liegt u. a. daran, dass die Communities einzelner Gruppen von Migrant:innen in ländlichen Räumen kleiner sind (Ohliger/Schweiger 2019a: 2) und die zu überbrückenden räumlichen Distanzen größer (Ohliger/Veyhl 2019: 8). Im Zuge einer zunehmend pluralen Gesellschaft in ländlichen Räumen wird es aber immer wichtiger, auch für zugewanderte Menschen demokratische Mitbestimmungsrechte umzusetzen und damit den gesellschaftlichen Zusammenhalt zu stärken. Gerade auf Landkreisebene sollten Beiräte eingerichtet und die Gründung von MOs zum Beispiel durch Weiterbildungen, Unterstützung bei der Einwerbung von Drittmitteln oder die Bereitstellung von Räumlichkeiten gefördert werden. Zudem können auch informelle Initiativen die Partizipation von Migrant:innen stärken.',
      pages: '8–9',
      grundmauern: [
        { id: 'B1-G-LV-1', baustelleId: 'B1', actorGroup: 'lokale-verwaltung', printedGroupHeading: 'Lokale Verwaltung', position: 1, text: 'Beteiligungsmaßnahmen diversitätssensibel planen' },
        { id: 'B1-G-LV-2', baustelleId: 'B1', actorGroup: 'lokale-verwaltung', printedGroupHeading: 'Lokale Verwaltung', position: 2, text: 'MO-Gründungen durch Beratung, Infrastruktur oder Weiterbildungen fördern' },
        { id: 'B1-G-LV-3', baustelleId: 'B1', actorGroup: 'lokale-verwaltung', printedGroupHeading: 'Lokale Verwaltung', position: 3, text: 'Beiräte einrichten, die tatsächliche Mitbestimmungsbefugnisse (nicht nur in migrationsbezogenen Themen) haben' },
        { id: 'B1-G-PE-1', baustelleId: 'B1', actorGroup: 'politik', printedGroupHeading: 'Politische Entscheidungsträger:innen', position: 1, text: 'An Austauschrunden und anderen Beteiligungsformaten teilnehmen und Impulse daraus für die eigene Arbeit aufgreifen' },
        { id: 'B1-G-PE-2', baustelleId: 'B1', actorGroup: 'politik', printedGroupHeading: 'Politische Entscheidungsträger:innen', position: 2, text: 'Allianzen schmieden, um Demokratie und Menschenrechte zu verteidigen' },
      ],
      fragen: [
        { id: 'B1-F-LV-1', baustelleId: 'B1', actorGroup: 'lokale-verwaltung', printedGroupHeading: 'Lokale Verwaltung', position: 1, text: 'Wie kann ich die Gruppen, die von einer Maßnahme betroffen sind, im Vorfeld bestmöglich einbeziehen?' },
        { id: 'B1-F-LV-2', baustelleId: 'B1', actorGroup: 'lokale-verwaltung', printedGroupHeading: 'Lokale Verwaltung', position: 2, text: 'Welche Multiplikator:innen können Brücken zu Personen bilden, zu denen bisher kein Kontakt besteht?' },
        { id: 'B1-F-LV-3', baustelleId: 'B1', actorGroup: 'lokale-verwaltung', printedGroupHeading: 'Lokale Verwaltung', position: 3, text: 'Wie können zivilgesellschaftliche und politische Akteur:innen, die für Vielfalt eintreten, sowie migrantisierte Personen bestmöglich vor Anfeindungen und Angriffen geschützt werden?' },
        { id: 'B1-F-PE-1', baustelleId: 'B1', actorGroup: 'politik', printedGroupHeading: 'Politische Entscheidungsträger:innen', position: 1, text: 'In welchen Beteiligungsformaten kann ich Kontakt zu Gruppen aufbauen, mit denen ich bisher wenige Berührungspunkte habe?' },
        { id: 'B1-F-PE-2', baustelleId: 'B1', actorGroup: 'politik', printedGroupHeading: 'Politische Entscheidungsträger:innen', position: 2, text: 'Wie kann ich meine Haltung zu Demokratie und Menschenrechten sichtbar machen und ihr zu Wirkung verhelfen?' },
        { id: 'B1-F-PE-3', baustelleId: 'B1', actorGroup: 'politik', printedGroupHeading: 'Politische Entscheidungsträger:innen', position: 3, text: 'Welche konkreten lokalen Akteur:innen kann ich einbinden, um Menschenrechte und Demokratie vor Ort gemeinsam zu verteidigen und zu stärken?' },
      ],
    },
    {
      id: 'B2',
      number: 2,
      shortTitle: 'Gerechte Strukturen',
      title: 'Gerechte Strukturen: Teilhabe und soziale Gerechtigkeit als Voraussetzung für Zusammenhalt',
      subtitle: 'Teilhabe und soziale Gerechtigkeit als Voraussetzung für Zusammenhalt',
      summary:
        'Wie eingangs beschrieben, sind gleiche Teilhabemöglichkeiten und soziale Gerechtigkeit Bestandteile des gesellschaftlichen Zusammenhalts. Dazu gehört beispielsweise der Zugang zu adäquatem Wohnraum oder zum Arbeitsmarkt. In Bezug auf Teilhabe sind nicht nur Menschen mit Migrationsgeschichte von Benachteiligungen betroffen, so dass sie in einem breiteren Kontext erreicht werden muss – ‚gleichwertige Lebensverhältnisse‘ dürfen keine leere Floskel sein. So wurde z. B. im Landkreis Dachau im Rahmen von Land.Zuhause.Zukunft ein Netzwerk gegründet, um die Vermietung von leerstehendem Wohnraum an Menschen mit erschwertem Zugang zum Wohnungsmarkt zu fördern. Migrant:innen machen hier nur einen Teil der Zielgruppe aus, da es daneben weitere Personengruppen gibt, die beim Zugang zu Wohnraum benachteiligt sind.',
      pages: '10–11',
      grundmauern: [
        { id: 'B2-G-LV-1', baustelleId: 'B2', actorGroup: 'lokale-verwaltung', printedGroupHeading: 'Lokale Verwaltung', position: 1, text: 'Mehrsprachige Kommunikation – auch unter Nutzung digitaler Tools – ausbauen' },
        { id: 'B2-G-LV-2', baustelleId: 'B2', actorGroup: 'lokale-verwaltung', printedGroupHeading: 'Lokale Verwaltung', position: 2, text: 'Gemeinsam mit Arbeitgeber:innen Ideen entwickeln, um parallele Arbeitsaufnahme und Erwerb deutscher Sprachkenntnisse zu ermöglichen' },
        { id: 'B2-G-LV-3', baustelleId: 'B2', actorGroup: 'lokale-verwaltung', printedGroupHeading: 'Lokale Verwaltung', position: 3, text: 'Kampagnen gegen Diskriminierung und für Begegnung umsetzen' },
        { id: 'B2-G-PE-1', baustelleId: 'B2', actorGroup: 'politik', printedGroupHeading: 'Politische Entscheidungsträger:innen', position: 1, text: 'Fachstelle Wohnen für den Abbau von Zugangshürden am Wohnungsmarkt etablieren' },
        { id: 'B2-G-PE-2', baustelleId: 'B2', actorGroup: 'politik', printedGroupHeading: 'Politische Entscheidungsträger:innen', position: 2, text: 'Politische Maßnahmen und Verwaltungsstrukturen auf ihre Effekte für verschiedene Personengruppen und mögliche Diskriminierungen prüfen' },
      ],
      fragen: [
        { id: 'B2-F-LV-1', baustelleId: 'B2', actorGroup: 'lokale-verwaltung', printedGroupHeading: 'Lokale Verwaltung', position: 1, text: 'Wie können wir Informationen (z. B. über Unterstützungsmöglichkeiten) so verbreiten, dass sie alle relevanten Personengruppen erreichen?' },
        { id: 'B2-F-LV-2', baustelleId: 'B2', actorGroup: 'lokale-verwaltung', printedGroupHeading: 'Lokale Verwaltung', position: 2, text: 'Welche Personengruppen müssen in besonderem Maße in Kontakt gebracht werden, um Vorbehalte gezielt abzubauen?' },
        { id: 'B2-F-LV-3', baustelleId: 'B2', actorGroup: 'lokale-verwaltung', printedGroupHeading: 'Lokale Verwaltung', position: 3, text: 'Wo sind auch innerhalb der Verwaltung diskriminierende Strukturen und Einstellungen vorhanden und wie können sie abgebaut werden?' },
        { id: 'B2-F-PE-1', baustelleId: 'B2', actorGroup: 'politik', printedGroupHeading: 'Politische Entscheidungsträger:innen', position: 1, text: 'Wie können wir migrationsspezifische Teilhabebarrrieren bei uns vor Ort beheben oder zumindest reduzieren?' },
        { id: 'B2-F-PE-2', baustelleId: 'B2', actorGroup: 'politik', printedGroupHeading: 'Politische Entscheidungsträger:innen', position: 2, text: 'Wie können wir bedarfsgerechte Sprachkurse sicherstellen bzw. Ressourcen dafür akquirieren?' },
        { id: 'B2-F-PE-3', baustelleId: 'B2', actorGroup: 'politik', printedGroupHeading: 'Politische Entscheidungsträger:innen', position: 3, text: 'Wo und wie kann ich Signale gegen Diskriminierung setzen?' },
      ],
    },
    {
      id: 'B3',
      number: 3,
      shortTitle: 'Aktive Kommunikation',
      title: 'Aktive Kommunikation: politische Spitzen als Advokat:innen des Zusammenhalts',
      subtitle: 'politische Spitzen als Advokat:innen des Zusammenhalts',
      summary:
        'Damit eine demokratische Gesellschaft funktionieren kann, bedarf es Erzählungen von „sozialer Integration und Kooperation“, welche Gefühle des Zusammenhalts stärken (Forst 2020: 50-51). Migration wurde lange Zeit als städtisches Phänomen wahrgenommen und ist kein selbstverständlicher Bestandteil in der Selbstbeschreibung vieler ländlicher Räume. Die Kurz-Expertise „Wechselwirkungen, Steuerungsmaßnahmen und Handlungsempfehlungen: Vielfalt von Zuwanderung und Entwicklung ländlicher Räume“ (Kordel/Weidinger 2020) verdeutlicht jedoch, dass auch „ländliche Räume bereits in der Vergangenheit Zielgebiete unterschiedlichster Zuwanderergruppen [waren], die lokale Gesellschaften, die regionale Wirtschaft und Politik prägten. Daraus entstanden individuelle (Erfolgs-) Biographien, die meist nur Teilen der Gesellschaft bekannt sind. Eine Verbreitung dieser Biographien [...] kann dazu beitragen, das Bewusstsein für die Chancen ethnischer, sprachlicher und soziodemographischer Vielfalt zu fördern.“ (Kordel/Weidinger 2020: 18) Durch den Verweis auf die langen Erfahrungen mit Migration (auch) in ländlichen Räumen kann Zuwanderung ein Bestandteil der geteilten Selbstverständlichkeiten in der lokalen Gesellschaft werden und somit Zusammenhalt stärken, anstatt ihn in Frage zu stellen.',
      pages: '12–13',
      grundmauern: [
        { id: 'B3-G-LV-1', baustelleId: 'B3', actorGroup: 'lokale-verwaltung', printedGroupHeading: 'Lokale Verwaltung', position: 1, text: 'Politische Entscheidungsträger:innen frühzeitig einbinden' },
        { id: 'B3-G-LV-2', baustelleId: 'B3', actorGroup: 'lokale-verwaltung', printedGroupHeading: 'Lokale Verwaltung', position: 2, text: 'Menschen mit Migrationsgeschichte als Bürger:innen sichtbar machen' },
        { id: 'B3-G-LV-3', baustelleId: 'B3', actorGroup: 'lokale-verwaltung', printedGroupHeading: 'Lokale Verwaltung', position: 3, text: 'Schulungen für diversitätssensible Kommunikation anbieten und nutzen' },
        { id: 'B3-G-PE-1', baustelleId: 'B3', actorGroup: 'politik', printedGroupHeading: 'Politische Entscheidungsträger:innen', position: 1, text: 'Migration als selbstverständlichen Bestandteil der lokalen Geschichte und Identität kommunizieren' },
        { id: 'B3-G-PE-2', baustelleId: 'B3', actorGroup: 'politik', printedGroupHeading: 'Politische Entscheidungsträger:innen', position: 2, text: 'Verbindungen zwischen etablierten lokalen Narrativen und Zuwanderung herausstellen' },
        { id: 'B3-G-PE-3', baustelleId: 'B3', actorGroup: 'politik', printedGroupHeading: 'Politische Entscheidungsträger:innen', position: 3, text: 'Verschiedene – auch digitale und ‚soziale‘ – Medien bedienen, um unterschiedliche Bevölkerungsgruppen zu erreichen' },
      ],
      fragen: [
        { id: 'B3-F-LV-1', baustelleId: 'B3', actorGroup: 'lokale-verwaltung', printedGroupHeading: 'Lokale Verwaltung', position: 1, text: 'Welche lokalen Kommunikationsanlässe (z. B. Veranstaltungen, Einrichtungen oder Entwicklungen) eignen sich, um Vielfalt positiv sichtbar zu machen?' },
        { id: 'B3-F-LV-2', baustelleId: 'B3', actorGroup: 'lokale-verwaltung', printedGroupHeading: 'Lokale Verwaltung', position: 2, text: 'In welche Prozesse sollten politische Entscheidungsträger:innen unbedingt einbezogen werden?' },
        { id: 'B3-F-PE-1', baustelleId: 'B3', actorGroup: 'politik', printedGroupHeading: 'Politische Entscheidungsträger:innen', position: 1, text: 'Welche Narrative charakterisieren unseren ländlichen Raum und wie kann ich in Bezug auf Demokratie und Vielfalt daran anschließen?' },
        { id: 'B3-F-PE-2', baustelleId: 'B3', actorGroup: 'politik', printedGroupHeading: 'Politische Entscheidungsträger:innen', position: 2, text: 'Mit welchen Akteur:innen kann ich strategische Allianzen eingehen, um Narrative positiv zu prägen und Zusammenhalt zu fördern?' },
      ],
    },
    {
      id: 'B4',
      number: 4,
      shortTitle: 'Positive Effekte',
      title: 'Positive Effekte: Potenziale von Migration für die Region erschließen',
      subtitle: 'Potenziale von Migration für die Region erschließen',
      summary:
        'Für ländliche strukturschwächere wie auch strukturstarke Regionen bietet Migration verschiedene Potenziale, die es zu nutzen und gestalten gilt. So können Migrant:innen in Regionen, die von Abwanderung betroffen sind, helfen, über ihre Nachfrage z. B. nach Kitaplätzen, ärztlicher Versorgung oder Einkaufsmöglichkeiten, grundlegende Infrastruktur zu sichern. Hierfür müssen politische Entscheidungsträger:innen die Bedarfe erkennen und die notwendigen Investitionen tätigen, um Angebote auszubauen oder zu erhalten. Dementsprechend muss Migration ebenso wie die öffentliche Daseinsvorsorge als Gestaltungsaufgabe der ländlichen Entwicklung wahrgenommen werden (siehe auch Ratzmann et al. 2024).',
      pages: '14–15',
      grundmauern: [
        { id: 'B4-G-LV-1', baustelleId: 'B4', actorGroup: 'lokale-verwaltung', printedGroupHeading: 'Lokale Verwaltung', position: 1, text: 'Kurze Wege innerhalb der Verwaltung nutzen, um bürokratische Prozesse zu beschleunigen' },
        { id: 'B4-G-LV-2', baustelleId: 'B4', actorGroup: 'lokale-verwaltung', printedGroupHeading: 'Lokale Verwaltung', position: 2, text: 'Zusammenarbeit mit Arbeitgeber:innen ausbauen, um Bedarfe zu ermitteln und ein gemeinsames Verständnis der Potenziale von Migration zu entwickeln' },
        { id: 'B4-G-LV-3', baustelleId: 'B4', actorGroup: 'lokale-verwaltung', printedGroupHeading: 'Lokale Verwaltung', position: 3, text: 'Zusammenarbeit mit der Zivilgesellschaft, um Brücken in die Gesellschaft vor Ort zu bauen' },
        { id: 'B4-G-PE-1', baustelleId: 'B4', actorGroup: 'politik', printedGroupHeading: 'Politische Entscheidungsträger:innen', position: 1, text: 'Führungsrolle in der Entwicklung lokaler Strategien für die Fach- und Arbeitskräftesicherung übernehmen' },
        { id: 'B4-G-PE-2', baustelleId: 'B4', actorGroup: 'politik', printedGroupHeading: 'Politische Entscheidungsträger:innen', position: 2, text: 'Investitionen in das Anwerben, Qualifizieren und Halten von Zugewanderten vornehmen und den erwarteten Nutzen (ehrllich) kommunizieren' },
      ],
      fragen: [
        { id: 'B4-F-LV-1', baustelleId: 'B4', actorGroup: 'lokale-verwaltung', printedGroupHeading: 'Lokale Verwaltung', position: 1, text: 'Wie kann ich die Zusammenarbeit innerhalb der Kommunalverwaltung sowie mit anderen Ebenen ausbauen, um Verfahren zu beschleunigen?' },
        { id: 'B4-F-LV-2', baustelleId: 'B4', actorGroup: 'lokale-verwaltung', printedGroupHeading: 'Lokale Verwaltung', position: 2, text: 'Wie können verschiedene Verwaltungsbereiche koordiniert werden, um für alle Einwohner:innen die Lebensqualität zu erhöhen?' },
        { id: 'B4-F-PE-1', baustelleId: 'B4', actorGroup: 'politik', printedGroupHeading: 'Politische Entscheidungsträger:innen', position: 1, text: 'Gibt es lokale Herausforderungen, wo Migration die Lösung und nicht das Problem ist oder sein könnte? Was braucht es, damit dies gelingt?' },
        { id: 'B4-F-PE-2', baustelleId: 'B4', actorGroup: 'politik', printedGroupHeading: 'Politische Entscheidungsträger:innen', position: 2, text: 'Wo liegen die spezifischen Stärken unseres ländlichen Raumes und wie können wir sie für die Nutzung von Migrationspotenzialen einsetzen?' },
        { id: 'B4-F-PE-3', baustelleId: 'B4', actorGroup: 'politik', printedGroupHeading: 'Politische Entscheidungsträger:innen', position: 3, text: 'Wie kann ich die Finanzierung für erforderliche Investitionen sicherstellen?' },
      ],
    },
    {
      id: 'B5',
      number: 5,
      shortTitle: 'Ehrliche Analysen',
      title: 'Ehrliche Analysen: Problemursachen benennen, Debatten entmigrantisieren',
      subtitle: 'Problemursachen benennen, Debatten entmigrantisieren',
      summary:
        'Gleichzeitig kann Migration v. a. in strukturschwächere oder periphere Regionen strukturelle Defizite vor Ort noch einmal verstärken und so der Debatte um infrastrukturellen Abbau vs. Erhalt oder Ausbau stärkere Dringlichkeit verleihen. Doch sind fehlende Schul- oder Kitaplätze, fehlende ärztliche Infrastruktur oder unzureichende Verbindungen im Öffentlichen Personen-Nahverkehr (ÖPNV) keine Probleme, die durch Migration entstehen. Es gilt, die eigentlichen Ursachen – wie z. B. jahrzehntelang versäumte Investitionen, fehlende Ausbildung von Lehrkräften oder unattraktive Arbeitsbedingungen – klar zu benennen und so Debatten zu entmigrantisieren. Zudem kann eine Betonung der gemeinsamen Betroffenheit von diesen strukturellen Herausforderungen die Solidarität aller Menschen vor Ort fördern und damit letztlich den gesellschaftlichen Zusammenhalt stärken.',
      pages: '16–17',
      grundmauern: [
        { id: 'B5-G-AM-1', baustelleId: 'B5', actorGroup: 'alle-menschen', printedGroupHeading: 'Alle Menschen vor Ort', position: 1, text: 'Reale Problemursachen ermitteln und benennen' },
        { id: 'B5-G-AM-2', baustelleId: 'B5', actorGroup: 'alle-menschen', printedGroupHeading: 'Alle Menschen vor Ort', position: 2, text: 'Prioritäten gemeinsam aushandeln' },
        { id: 'B5-G-LV-1', baustelleId: 'B5', actorGroup: 'lokale-verwaltung', printedGroupHeading: 'Lokale Verwaltung', position: 1, text: 'Gemeinsame Betroffenheit aller Menschen vor Ort von (infrastrukturellen) Engpässen betonen' },
        { id: 'B5-G-LV-2', baustelleId: 'B5', actorGroup: 'lokale-verwaltung', printedGroupHeading: 'Lokale Verwaltung', position: 2, text: 'Unterstützungsbedarfe verschiedener Gruppen identifizieren und an die Politik kommunizieren' },
        { id: 'B5-G-LV-3', baustelleId: 'B5', actorGroup: 'lokale-verwaltung', printedGroupHeading: 'Lokale Verwaltung', position: 3, text: 'Maßnahmen inklusiv planen, so dass sie möglichst allen Personen mit den entsprechenden Bedarfen zugutekommen' },
        { id: 'B5-G-PE-1', baustelleId: 'B5', actorGroup: 'politik', printedGroupHeading: 'Politische Entscheidungsträger:innen', position: 1, text: 'Politik für alle Menschen vor Ort gestalten, anstatt einzelne Gruppen zu bevorteilen' },
        { id: 'B5-G-PE-2', baustelleId: 'B5', actorGroup: 'politik', printedGroupHeading: 'Politische Entscheidungsträger:innen', position: 2, text: 'Möglichkeiten und Grenzen der (lokalen) Problemlösung ehrlich benennen' },
        { id: 'B5-G-PE-3', baustelleId: 'B5', actorGroup: 'politik', printedGroupHeading: 'Politische Entscheidungsträger:innen', position: 3, text: 'Gestaltungsbedarfe wahrnehmen und Verantwortung übernehmen' },
      ],
      fragen: [
        { id: 'B5-F-LV-1', baustelleId: 'B5', actorGroup: 'lokale-verwaltung', printedGroupHeading: 'Lokale Verwaltung', position: 1, text: 'Welche lokalen Probleme erkenne ich in meiner täglichen Arbeit und wie kann ich sie an politische Entscheidungsträger:innen kommunizieren?' },
        { id: 'B5-F-LV-2', baustelleId: 'B5', actorGroup: 'lokale-verwaltung', printedGroupHeading: 'Lokale Verwaltung', position: 2, text: 'Welche Akteur:innen (z. B. Kammern, Unternehmen, Zivilgesellschaft) können in die Problemlösung eingebunden werden?' },
        { id: 'B5-F-PE-1', baustelleId: 'B5', actorGroup: 'politik', printedGroupHeading: 'Politische Entscheidungsträger:innen', position: 1, text: 'Wo liegen die drängendsten lokalen Herausforderungen und wer ist davon betroffen?' },
        { id: 'B5-F-PE-2', baustelleId: 'B5', actorGroup: 'politik', printedGroupHeading: 'Politische Entscheidungsträger:innen', position: 2, text: 'Welche lokalen Ressourcen zur Problemlösung sind da? Wie werden sie priorisiert?' },
        { id: 'B5-F-PE-3', baustelleId: 'B5', actorGroup: 'politik', printedGroupHeading: 'Politische Entscheidungsträger:innen', position: 3, text: 'Wo können wir ggf. weitere Ressourcen mobilisieren oder einwerben?' },
      ],
    },
    {
      id: 'B6',
      number: 6,
      shortTitle: 'Bedarfsgerechte Mobilität',
      title: 'Bedarfsgerechte Mobilität: Zugänge aus- und Hürden abbauen',
      subtitle: 'Zugänge aus- und Hürden abbauen',
      summary:
        'Gerade im Politikfeld der Mobilität zeigt sich, wie betroffen alle Menschen von einer (fehlenden) lokalen Infrastruktur und ihrem Erhalt bzw. Ausbau sind. Häufig ist der ÖPNV in ländlichen Räumen eingeschränkt; Busse fahren nur selten und die nächste Bahnhaltestelle ist oft weit entfernt. Ohne Führerschein und Auto (oder Motorroller) sind viele Alltagswege daher für die Menschen in ländlichen Räumen kaum zu bewältigen, was sich in diversen unserer Kurz-Expertisen gezeigt hat (siehe auch Mehl et al. 2023).',
      pages: '18–19',
      grundmauern: [
        { id: 'B6-G-LV-1', baustelleId: 'B6', actorGroup: 'lokale-verwaltung', printedGroupHeading: 'Lokale Verwaltung', position: 1, text: 'Angebote für Teilhabe und Mitgestaltung an vorhandene Mobilitätsangebote anpassen, z. B. in Bezug auf Uhrzeit und Ort von Veranstaltungen' },
        { id: 'B6-G-LV-2', baustelleId: 'B6', actorGroup: 'lokale-verwaltung', printedGroupHeading: 'Lokale Verwaltung', position: 2, text: 'Zusammenarbeit mit Zivilgesellschaft und Arbeitgeber:innen, um Mobilität zu fördern' },
        { id: 'B6-G-LV-3', baustelleId: 'B6', actorGroup: 'lokale-verwaltung', printedGroupHeading: 'Lokale Verwaltung', position: 3, text: 'Jobcenter: Spielräume im SGB II nutzen und Erwerb des PKW-Führerscheins finanziell fördern' },
        { id: 'B6-G-PE-1', baustelleId: 'B6', actorGroup: 'politik', printedGroupHeading: 'Politische Entscheidungsträger:innen', position: 1, text: 'Mobilitätsangebote ausbauen – entweder durch den ÖPNV oder durch die Förderung individueller Mobilität, auch durch geteilte Ressourcen' },
        { id: 'B6-G-PE-2', baustelleId: 'B6', actorGroup: 'politik', printedGroupHeading: 'Politische Entscheidungsträger:innen', position: 2, text: 'Vernetzung mit benachbarten Regionen, um Mobilitätsangebote abzustimmen und auszubauen' },
      ],
      fragen: [
        { id: 'B6-F-LV-1', baustelleId: 'B6', actorGroup: 'lokale-verwaltung', printedGroupHeading: 'Verwaltung', position: 1, text: 'Welche Orte im Landkreis sind gut erreichbar und können damit zu Ankerpunkten der sozialen Teilhabe werden?' },
        { id: 'B6-F-LV-2', baustelleId: 'B6', actorGroup: 'lokale-verwaltung', printedGroupHeading: 'Verwaltung', position: 2, text: 'Welche Rolle können digitale Angebote in meinem Bereich zum Abbau von Mobilitätshindernissen spielen?' },
        { id: 'B6-F-PE-1', baustelleId: 'B6', actorGroup: 'politik', printedGroupHeading: 'Politische Entscheidungsträger:innen', position: 1, text: 'Wie kann ich auf höheren politischen Ebenen ein Bewusstsein für die infrastrukturellen Herausforderungen ländlicher Räume schaffen und dadurch Unterstützung mobilisieren?' },
      ],
    },
    {
      id: 'B7',
      number: 7,
      shortTitle: 'Starke Beziehungen',
      title: 'Starke Beziehungen: Kontakte und Austausch fördern',
      subtitle: 'Kontakte und Austausch fördern',
      summary:
        'Wie im ersten Teil des Impulspapiers erläutert, sind Beziehungen zwischen verschiedenen Gesellschaftsmitgliedern ein essenzieller Bestandteil des Zusammenhalts. Ländliche Räume werden oft dafür gepriesen, dass hier die sozialen Beziehungen enger seien und durch eine aktive Zivilgesellschaft gestützt würden. Vereine, Kirchengemeinden und Initiativen prägen Beziehungen und ermöglichen Austausch. Auch im Kontext migrationsbedingter Vielfalt können sie Teilhabe und soziale Kontakte erleichtern. Hierfür gilt es, Engagement so auszurichten, dass es den Zugang von Migrant:innen unterstützen kann. Ehrenamtlich Engagierte müssen von der Verwaltung als wichtige Ressource wahrgenommen und einbezogen werden. Gleichzeitig müssen sich viele zivilgesellschaftliche Organisationen – ebenso wie viele lokale Verwaltungen – noch stärker für Migrant:innen öffnen. Dazu gehört, die eigenen Strukturen und Aktivitäten auf mögliche ausschließende Mechanismen zu hinterfragen. So sollte der eigene Außenauftritt (Website, Flyer, Broschüren) ebenso wie Einladungen zu gemeinsamen Aktivitäten kultur- und sprachsensibel gestaltet werden. Dazu gehört neben mehrsprachiger Kommunikation, bei Veranstaltungen auf verschiedene Bedürfnisse zu achten und so vielleicht plakativ gesagt Alternativen zu ‚Bier und Bratwurst‘ anzubieten. Einladungen sollten auf verschiedenen Wegen – auch über Social Media – verbreitet werden, um verschiedene Personengruppen zu erreichen.',
      pages: '20–21',
      grundmauern: [
        { id: 'B7-G-ZO-1', baustelleId: 'B7', actorGroup: 'zivilgesellschaft', printedGroupHeading: 'Zivilgesellschaftliche Organisationen', position: 1, text: 'Aktiv – v. a. über Multiplikator:innen – auf Personengruppen zugehen, die die eigenen Angebote bislang nicht nutzen' },
        { id: 'B7-G-ZO-2', baustelleId: 'B7', actorGroup: 'zivilgesellschaft', printedGroupHeading: 'Zivilgesellschaftliche Organisationen', position: 2, text: 'Den eigenen Außenauftritt reflektieren und ausschließende Mechanismen abbauen' },
        { id: 'B7-G-LV-1', baustelleId: 'B7', actorGroup: 'lokale-verwaltung', printedGroupHeading: 'Lokale Verwaltung', position: 1, text: 'Aktiv und aufsuchend auf verschiedene Personengruppen zugehen' },
        { id: 'B7-G-LV-2', baustelleId: 'B7', actorGroup: 'lokale-verwaltung', printedGroupHeading: 'Lokale Verwaltung', position: 2, text: 'Alltagsorte und zivilgesellschaftliche Einrichtungen fördern, damit sie als Begegnungsorte zum gesellschaftlichen Zusammenhalt beitragen können' },
        { id: 'B7-G-LV-3', baustelleId: 'B7', actorGroup: 'lokale-verwaltung', printedGroupHeading: 'Lokale Verwaltung', position: 3, text: 'Zivilgesellschaft und andere Institutionen in der vielfaltssensiblen Öffnung durch Leitfäden und Fortbildungen unterstützen' },
        { id: 'B7-G-PE-1', baustelleId: 'B7', actorGroup: 'politik', printedGroupHeading: 'Politische Entscheidungsträger:innen', position: 1, text: 'Fördermittel auch für niedrigschwellige Alltagsorte vorsehen, um Begegnung zu ermöglichen' },
      ],
      fragen: [
        { id: 'B7-F-LV-1', baustelleId: 'B7', actorGroup: 'lokale-verwaltung', printedGroupHeading: 'Lokale Verwaltung', position: 1, text: 'Was brauchen lokale Einrichtungen, um als Orte der Begegnung Beziehungen zu fördern?' },
        { id: 'B7-F-LV-2', baustelleId: 'B7', actorGroup: 'lokale-verwaltung', printedGroupHeading: 'Lokale Verwaltung', position: 2, text: 'Wer kann als Multiplikator:in zu Personengruppen fungieren, die bisher bei Aktivitäten nicht präsent sind, obwohl sie zur lokalen Gesellschaft gehören?' },
        { id: 'B7-F-LV-3', baustelleId: 'B7', actorGroup: 'lokale-verwaltung', printedGroupHeading: 'Lokale Verwaltung', position: 3, text: 'Welche zusätzlichen Aktivitäten können bestehende Angebote sinnvoll ergänzen?' },
        { id: 'B7-F-PE-1', baustelleId: 'B7', actorGroup: 'politik', printedGroupHeading: 'Politische Entscheidungsträger:innen', position: 1, text: 'Wie können etablierte Akteur:innen bei uns vor Ort für die Stärkung sozialer Beziehungen (auch) zu Migrant:innen gewonnen werden?' },
        { id: 'B7-F-PE-2', baustelleId: 'B7', actorGroup: 'politik', printedGroupHeading: 'Politische Entscheidungsträger:innen', position: 2, text: 'Wie können migrantische Initiativen in bestehende Netzwerke und Strukturen einbezogen werden?' },
      ],
    },
  ],
};
