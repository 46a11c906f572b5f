// The Maßnahmenblatt, Fragen, bulk edits, overviews, saved views: behaviour and bad input,
// on real plan files through the real contract.
import { afterEach, describe, expect, it } from 'vitest';
import { laufzeitOf } from '../../shared/domain/period.ts';
import type { Api } from '../../shared/api/contract.ts';
import type { MeasureRow } from '../../shared/domain/types.ts';
import { expectRefused, fingerprint } from '../helpers/fingerprint.ts';
import { openTestPlan, type TestPlan } from '../helpers/plan.ts';

let t: TestPlan | undefined;
afterEach(() => {
  t?.cleanup();
  t = undefined;
});

async function byCode(api: Api): Promise<Record<string, MeasureRow>> {
  return Object.fromEntries((await api['measures.list']({})).map((r) => [r.code, r]));
}

describe('Laufzeit', () => {
  it('is kurz up to 3 years, mittel up to 7, lang beyond, null while open', () => {
    const p = (startYear: number | null, startQuarter: 1 | 2 | 3 | 4 | null, endYear: number | null, endQuarter: 1 | 2 | 3 | 4 | null) => ({ startYear, startQuarter, endYear, endQuarter });
    expect(laufzeitOf(p(2026, 1, 2026, 1))).toBe('kurz');
    expect(laufzeitOf(p(2026, 1, 2028, 4))).toBe('kurz'); // 12 quarters
    expect(laufzeitOf(p(2026, 1, 2029, 1))).toBe('mittel'); // 13 quarters
    expect(laufzeitOf(p(2026, null, 2029, null))).toBe('mittel'); // whole years: 4 years
    expect(laufzeitOf(p(2026, 1, 2032, 4))).toBe('mittel'); // 28 quarters
    expect(laufzeitOf(p(2026, 1, 2033, 1))).toBe('lang');
    expect(laufzeitOf(p(2026, 1, null, null))).toBeNull();
    expect(laufzeitOf(p(null, null, 2030, 4))).toBeNull();
  });

  it('is derived on every read and on update, Ausgangslage and risks are stored', async () => {
    t = await openTestPlan();
    const { api } = t;
    const m = await api['measures.create']({ title: 'Lotsenprogramm', baustelleId: 'B2', ausgangslage: 'Bisher keine Lotsen.', risks: 'Ehrenamtliche fehlen.', startYear: 2026, endYear: 2027 });
    expect(m.laufzeit).toBe('kurz');
    expect(m.ausgangslage).toBe('Bisher keine Lotsen.');
    const u = await api['measures.update']({ id: m.id, patch: { endYear: 2034, risks: 'Finanzierung offen.' } });
    expect(u.laufzeit).toBe('lang');
    const d = await api['measures.get']({ id: m.id });
    expect(d.measure).toMatchObject({ laufzeit: 'lang', risks: 'Finanzierung offen.', ausgangslage: 'Bisher keine Lotsen.' });
    const [row] = await api['measures.list']({});
    expect(row.laufzeit).toBe('lang');
    await expectRefused(t.path, () => api['measures.update']({ id: m.id, patch: { risks: 'x'.repeat(20_001) } }), /Hemmnisse\/Risiken: höchstens 20000 Zeichen/);
  });
});

describe('Umsetzungsschritte and Erfolgsindikatoren', () => {
  it('are created at the end, updated field by field, deleted, and shown on the measure', async () => {
    t = await openTestPlan({ demo: true });
    const { api } = t;
    const m = (await byCode(api))['M-7.02'];
    const a = await api['milestones.save']({ measureId: m.id, title: '  Leitfaden veröffentlicht ', dueYear: 2027, dueQuarter: 2 });
    const b = await api['milestones.save']({ measureId: m.id, title: 'Erste Workshops' });
    expect(a).toMatchObject({ title: 'Leitfaden veröffentlicht', position: 0, done: false, dueYear: 2027, dueQuarter: 2 });
    expect(b.position).toBe(1);
    const done = await api['milestones.save']({ id: a.id, measureId: m.id, done: true });
    expect(done).toMatchObject({ title: 'Leitfaden veröffentlicht', done: true, dueYear: 2027 });
    const i = await api['indicators.save']({ measureId: m.id, name: 'Vereine mit überarbeitetem Auftritt', baseline: '0', target: '40', targetYear: 2028, dataSource: 'Kreissportbund' });
    await api['indicators.save']({ id: i.id, measureId: m.id, target: '45' });
    let d = await api['measures.get']({ id: m.id });
    expect(d.milestones.map((x) => x.title)).toEqual(['Leitfaden veröffentlicht', 'Erste Workshops']);
    expect(d.indicators).toEqual([{ ...i, target: '45' }]);
    await api['milestones.delete']({ id: b.id });
    await api['indicators.delete']({ id: i.id });
    d = await api['measures.get']({ id: m.id });
    expect(d.milestones.map((x) => x.id)).toEqual([a.id]);
    expect(d.indicators).toEqual([]);
  });

  it('refuse bad input in German and change nothing', async () => {
    t = await openTestPlan({ demo: true });
    const { api, path } = t;
    const rows = await byCode(api);
    const m = rows['M-1.01'];
    const other = rows['M-1.02'];
    const [step] = (await api['measures.get']({ id: m.id })).milestones;
    await expectRefused(path, () => api['milestones.save']({ measureId: m.id }), /Titel für den Umsetzungsschritt/);
    await expectRefused(path, () => api['milestones.save']({ measureId: m.id, title: '   ' }), /Titel für den Umsetzungsschritt/);
    await expectRefused(path, () => api['milestones.save']({ measureId: m.id, title: 'X', dueQuarter: 3 }), /fehlt das Jahr/);
    await expectRefused(path, () => api['milestones.save']({ id: step.id, measureId: m.id, dueYear: null }), /fehlt das Jahr/);
    await expectRefused(path, () => api['milestones.save']({ measureId: m.id, title: 'X', dueYear: 1999 }), /zwischen 2000 und 2100/);
    await expectRefused(path, () => api['milestones.save']({ measureId: 'unbekannt', title: 'X' }), /Maßnahme wurde nicht gefunden/);
    await expectRefused(path, () => api['milestones.save']({ id: 'unbekannt', measureId: m.id, title: 'X' }), /Umsetzungsschritt wurde nicht gefunden/);
    await expectRefused(path, () => api['milestones.save']({ id: step.id, measureId: other.id, title: 'X' }), /anderen Maßnahme/);
    await expectRefused(path, () => api['milestones.save']({ measureId: m.id, title: 'X', done: 'ja' as unknown as boolean }), /ja oder nein/);
    await expectRefused(path, () => api['milestones.delete']({ id: 'unbekannt' }), /nicht gefunden/);
    await expectRefused(path, () => api['indicators.save']({ measureId: m.id, baseline: '3' }), /Namen für den Indikator/);
    await expectRefused(path, () => api['indicators.save']({ measureId: m.id, name: 'X', targetYear: 2101 }), /zwischen 2000 und 2100/);
    await expectRefused(path, () => api['indicators.save']({ measureId: m.id, name: 'X', dataSource: 'y'.repeat(501) }), /Datenquelle: höchstens 500 Zeichen/);
    await expectRefused(path, () => api['indicators.delete']({ id: 'unbekannt' }), /Indikator wurde nicht gefunden/);
  });
});

describe('dependencies', () => {
  it('are set and replaced, shown in both directions, and cascade with a deleted measure', async () => {
    t = await openTestPlan({ demo: true });
    const { api } = t;
    const r = await byCode(api);
    let d = await api['measures.get']({ id: r['M-4.01'].id });
    expect(d.dependents).toEqual([r['M-4.02'].id]);
    expect(d.dependsOn).toEqual([]);
    const res = await api['dependencies.set']({ measureId: r['M-6.01'].id, dependsOnIds: [r['M-5.01'].id, r['M-5.01'].id, r['M-6.02'].id] });
    expect(new Set(res.dependsOn)).toEqual(new Set([r['M-5.01'].id, r['M-6.02'].id]));
    await api['dependencies.set']({ measureId: r['M-6.01'].id, dependsOnIds: [r['M-6.02'].id] });
    d = await api['measures.get']({ id: r['M-5.01'].id });
    expect(d.dependents).toEqual([r['M-2.02'].id]);
    await api['measures.delete']({ id: r['M-6.02'].id });
    d = await api['measures.get']({ id: r['M-6.01'].id });
    expect(d.dependsOn).toEqual([]);
  });

  it('refuse self-dependency, unknown measures and cycles, naming the codes', async () => {
    t = await openTestPlan({ demo: true });
    const { api, path } = t;
    const r = await byCode(api);
    const id = (code: string) => r[code].id;
    await expectRefused(path, () => api['dependencies.set']({ measureId: id('M-1.01'), dependsOnIds: [id('M-1.01')] }), /M-1\.01 kann nicht von sich selbst abhängen/);
    await expectRefused(path, () => api['dependencies.set']({ measureId: id('M-1.01'), dependsOnIds: ['unbekannt'] }), /nicht gefunden/);
    await expectRefused(path, () => api['dependencies.set']({ measureId: 'unbekannt', dependsOnIds: [] }), /Maßnahme wurde nicht gefunden/);
    // Demo: M-4.02 depends on M-4.01.
    await expectRefused(path, () => api['dependencies.set']({ measureId: id('M-4.01'), dependsOnIds: [id('M-4.02')] }), /Kreis: M-4\.01 → M-4\.02 → M-4\.01/);
    // A longer one: M-7.02 → M-7.01 (demo), M-7.01 → M-2.02 (new), M-2.02 → M-5.01 (demo); then M-5.01 → M-7.02 closes it.
    await api['dependencies.set']({ measureId: id('M-7.01'), dependsOnIds: [id('M-2.02')] });
    await expectRefused(path, () => api['dependencies.set']({ measureId: id('M-5.01'), dependsOnIds: [id('M-1.01'), id('M-7.02')] }),
      /M-5\.01 → M-7\.02 → M-7\.01 → M-2\.02 → M-5\.01/);
  });
});

describe('Fragen', () => {
  it('lists every Frage with answer and links; answers record the user; an empty answer removes it', async () => {
    t = await openTestPlan({ demo: true, user: 'p.planer' });
    const { api } = t;
    const list = await api['fragen.list']({});
    expect(list).toHaveLength(34);
    expect(list[0].frageId).toBe('B1-F-LV-1');
    expect(list.filter((f) => f.answer !== null).map((f) => f.frageId).sort()).toEqual(['B1-F-LV-1', 'B2-F-LV-1', 'B4-F-PE-3', 'B5-F-PE-1', 'B6-F-LV-1']);
    const r = await byCode(api);
    expect(list.find((f) => f.frageId === 'B1-F-LV-1')!.measureIds).toEqual([r['M-1.01'].id]);
    const a = await api['fragen.answer']({ frageId: 'B7-F-PE-2', answer: '  Über den Integrationsbeirat und Brücke e. V.  ' });
    expect(a).toMatchObject({ frageId: 'B7-F-PE-2', answer: 'Über den Integrationsbeirat und Brücke e. V.', answeredBy: 'p.planer', baustelleId: 'B7' });
    expect(a.updatedAt).toBeTruthy();
    const cleared = await api['fragen.answer']({ frageId: 'B7-F-PE-2', answer: '' });
    expect(cleared).toMatchObject({ answer: null, answeredBy: null, updatedAt: null });
  });

  it('a measure grows from a Frage under its Baustelle, linked to it', async () => {
    t = await openTestPlan({ demo: true });
    const { api, path } = t;
    const m = await api['measures.createFromFrage']({ frageId: 'B6-F-LV-2' });
    expect(m).toMatchObject({ code: 'M-6.03', baustelleId: 'B6', frageIds: ['B6-F-LV-2'], status: 'idee', grundmauerIds: [] });
    expect(m.title).toMatch(/^Welche Rolle können digitale Angebote/);
    const named = await api['measures.createFromFrage']({ frageId: 'B6-F-LV-2', title: 'Digitale Sprechstunde' });
    expect(named).toMatchObject({ code: 'M-6.04', title: 'Digitale Sprechstunde' });
    const f = (await api['fragen.list']({})).find((x) => x.frageId === 'B6-F-LV-2')!;
    expect(f.measureIds.sort()).toEqual([m.id, named.id].sort());
    await expectRefused(path, () => api['measures.createFromFrage']({ frageId: 'B6-G-LV-1' }), /Frage wurde nicht gefunden/);
    await expectRefused(path, () => api['measures.createFromFrage']({ frageId: 'B6-F-LV-2', title: '  ' }), /Titel/);
  });

  it('refuses answers to unknown Fragen and to Grundmauern', async () => {
    t = await openTestPlan({ demo: true });
    const { api, path } = t;
    await expectRefused(path, () => api['fragen.answer']({ frageId: 'B9-F-LV-1', answer: 'x' }), /Frage wurde nicht gefunden/);
    await expectRefused(path, () => api['fragen.answer']({ frageId: 'B1-G-LV-1', answer: 'x' }), /Frage wurde nicht gefunden/);
    await expectRefused(path, () => api['fragen.answer']({ frageId: 'B1-F-LV-1', answer: 3 as unknown as string }), /Antwort: Text erwartet/);
  });
});

describe('bulk update', () => {
  it('sets status and verantwortliche Stelle for all; the former one stays as mitwirkend', async () => {
    t = await openTestPlan({ demo: true });
    const { api } = t;
    const r = await byCode(api);
    const jobcenter = (await api['actors.list']({})).find((a) => a.name === 'Jobcenter Musterland')!;
    const ids = [r['M-4.02'].id, r['M-7.02'].id, r['M-6.01'].id];
    const out = await api['measures.bulkUpdate']({ ids, patch: { status: 'in-planung', responsibleActorId: jobcenter.id } });
    expect(out.map((m) => m.status)).toEqual(['in-planung', 'in-planung', 'in-planung']);
    const after = await byCode(api);
    for (const code of ['M-4.02', 'M-7.02', 'M-6.01']) expect(after[code].responsibleActorId).toBe(jobcenter.id);
    const resp = (await api['measures.get']({ id: r['M-6.01'].id })).responsibilities;
    expect(resp.find((x) => x.actorId === r['M-6.01'].responsibleActorId)?.role).toBe('mitwirkend');
    // M-4.02: the Jobcenter was federführend and is now verantwortlich.
    const r402 = (await api['measures.get']({ id: r['M-4.02'].id })).responsibilities;
    expect(r402.filter((x) => x.actorId === jobcenter.id)).toEqual([{ measureId: r['M-4.02'].id, actorId: jobcenter.id, role: 'verantwortlich' }]);
  });

  it('is all or nothing, with German messages naming the measure', async () => {
    t = await openTestPlan({ demo: true });
    const { api, path } = t;
    const r = await byCode(api);
    // M-7.02 is an Idee without verantwortliche Stelle; M-1.01 alone would be fine.
    await expectRefused(path, () => api['measures.bulkUpdate']({ ids: [r['M-1.01'].id, r['M-7.02'].id], patch: { status: 'beschlossen' } }), /M-7\.02: .*verantwortliche Stelle.*keine der ausgewählten/);
    await expectRefused(path, () => api['measures.bulkUpdate']({ ids: [r['M-1.01'].id, 'unbekannt'], patch: { status: 'beschlossen' } }), /nicht gefunden.*nichts geändert/);
    await expectRefused(path, () => api['measures.bulkUpdate']({ ids: [r['M-1.01'].id], patch: { responsibleActorId: 'niemand' } }), /Akteur wurde nicht gefunden/);
    await expectRefused(path, () => api['measures.bulkUpdate']({ ids: [], patch: { status: 'beschlossen' } }), /mindestens eine Maßnahme/);
    await expectRefused(path, () => api['measures.bulkUpdate']({ ids: [r['M-1.01'].id], patch: {} }), /was geändert werden soll/);
    await expectRefused(path, () => api['measures.bulkUpdate']({ ids: [r['M-1.01'].id], patch: { title: 'X' } as never }), /nur Status und verantwortliche Stelle/);
    await expectRefused(path, () => api['measures.bulkUpdate']({ ids: [r['M-1.01'].id], patch: { status: 'fertig' as never } }), /Unbekannter Status/);
  });
});

describe('overviews of the demo plan, checked by hand', () => {
  it('actor load: the Stabsstelle Integration carries 4 of 10 active measures and is flagged', async () => {
    t = await openTestPlan({ demo: true });
    const load = await t.api['actors.load']({});
    expect(load.activeMeasures).toBe(10);
    expect(load.rule).toMatch(/mehr als 5 laufende/);
    const by = Object.fromEntries(load.actors.map((a) => [a.name, a]));
    expect(by['Stabsstelle Integration und Teilhabe']).toMatchObject({
      counts: { verantwortlich: 4, federfuehrend: 0, mitwirkend: 2, 'zu-informieren': 0 }, total: 6, activeResponsible: 4, overloaded: true,
    });
    expect(by['Stabsstelle Integration und Teilhabe'].overloadReason).toMatch(/4 von 10 .*40 %/);
    expect(by['Kreistag – Ausschuss für Soziales und Integration']).toMatchObject({
      counts: { verantwortlich: 0, federfuehrend: 0, mitwirkend: 1, 'zu-informieren': 3 }, total: 4, overloaded: false,
    });
    expect(by['Jobcenter Musterland']).toMatchObject({ counts: { verantwortlich: 1, federfuehrend: 1, mitwirkend: 1, 'zu-informieren': 0 }, total: 3, activeResponsible: 1 });
    expect(load.actors.filter((a) => a.overloaded).map((a) => a.name)).toEqual(['Stabsstelle Integration und Teilhabe']);
    expect(load.actors).toHaveLength(16);
  });

  it('actor load: more than 5 active measures flags an actor even below a quarter of the plan', async () => {
    t = await openTestPlan({ demo: true });
    const { api } = t;
    const actors = await api['actors.list']({});
    const vgm = actors.find((a) => a.name.startsWith('Verkehrsgesellschaft'))!;
    const others = actors.filter((a) => ['Gemeinde Lindenau', 'Stadt Bergheim', 'IHK Musterland-Süd', 'Handwerkskammer Musterland', 'Kreissportbund Musterland e. V.', 'Unternehmerverband Musterland', 'Integrationsbeirat des Landkreises'].includes(a.name));
    expect(others).toHaveLength(7);
    const add = (actorId: string, i: number) => api['measures.create']({ title: `Linie ${i}`, baustelleId: 'B6', status: 'in-planung', responsibleActorId: actorId });
    for (let i = 0; i < 6; i++) await add(vgm.id, i);
    for (let i = 0; i < 14; i++) await add(others[i % 7].id, 100 + i);
    const load = await api['actors.load']({});
    expect(load.activeMeasures).toBe(30);
    const row = load.actors.find((a) => a.actorId === vgm.id)!;
    expect(row).toMatchObject({ activeResponsible: 6, overloaded: true, overloadReason: 'verantwortlich für 6 laufende Maßnahmen (mehr als 5)' });
    // 4 of 30 is under a quarter: the Stabsstelle is no longer flagged.
    expect(load.actors.find((a) => a.name === 'Stabsstelle Integration und Teilhabe')!.overloaded).toBe(false);
  });

  it('coverage: Grundmauern adopted, funded measures and answered Fragen per Baustelle', async () => {
    t = await openTestPlan({ demo: true });
    const c = await t.api['coverage.get']({});
    expect(c.actorGroups).toEqual(['lokale-verwaltung', 'politik', 'zivilgesellschaft', 'alle-menschen']);
    const by = Object.fromEntries(c.baustellen.map((b) => [b.baustelleId, b]));
    const pick = (k: 'measureCount' | 'fundedMeasureCount' | 'grundmauernAdopted' | 'fragenAnswered') => c.baustellen.map((b) => b[k]);
    expect(pick('measureCount')).toEqual([2, 2, 1, 2, 1, 2, 2]);
    // Everything but M-4.02 (Eigenmittel Dritter, geplant) has a bewilligt or Kreishaushalt line.
    expect(pick('fundedMeasureCount')).toEqual([2, 2, 1, 1, 1, 2, 2]);
    expect(pick('grundmauernAdopted')).toEqual([2, 3, 2, 2, 2, 4, 4]);
    expect(pick('fragenAnswered')).toEqual([1, 1, 0, 1, 1, 1, 0]);
    expect(c.baustellen.reduce((a, b) => a + b.grundmauernCount, 0)).toBe(40);
    expect(c.baustellen.reduce((a, b) => a + b.fragenCount, 0)).toBe(34);
    // B2: M-2.01 (B2-G-LV-1) and M-4.02 (B2-G-LV-2) adopt Grundmauern of the Verwaltung; M-2.02 one of the Politik.
    expect(by.B2.cells['lokale-verwaltung'].grundmauernAdopted).toEqual(['B2-G-LV-1', 'B2-G-LV-2']);
    expect(by.B2.cells.politik.grundmauernAdopted).toEqual(['B2-G-PE-1']);
    expect(by.B5.cells['alle-menschen'].grundmauernAdopted).toEqual(['B5-G-AM-1']);
    expect(by.B1.cells['lokale-verwaltung'].fragenAnswered).toEqual(['B1-F-LV-1']);
    for (const b of c.baustellen) {
      const cells = Object.values(b.cells);
      expect(cells.reduce((a, x) => a + x.grundmauernAdopted.length + x.grundmauernOpen.length, 0)).toBe(b.grundmauernCount);
      expect(cells.reduce((a, x) => a + x.fragenAnswered.length + x.fragenOpen.length, 0)).toBe(b.fragenCount);
    }
    expect(c.fundedRule).toMatch(/bewilligten Budgetposition/);
  });

  it('timeline: quarters Q1/2025 … Q4/2030 (the Planungszeitraum 2026–2030 reaches to 2030), measures by start with milestones placed', async () => {
    t = await openTestPlan({ demo: true });
    const { api } = t;
    const tl = await api['timeline.get']({});
    expect(tl.quarters).toHaveLength(24);
    expect(tl.quarters[0]).toEqual({ year: 2025, quarter: 1, label: 'Q1/2025' });
    expect(tl.quarters.at(-1)!.label).toBe('Q4/2030');
    expect(tl.rows.map((r) => r.code).slice(0, 2)).toEqual(['M-6.02', 'M-2.01']);
    const m201 = tl.rows.find((r) => r.code === 'M-2.01')!;
    expect(m201).toMatchObject({ startIndex: 2, endIndex: 7, laufzeit: 'kurz' });
    expect(m201.milestones.map((s) => [s.index, s.done])).toEqual([[2, true], [5, true], [7, false]]);
    expect(tl.rows.find((r) => r.code === 'M-7.01')!.laufzeit).toBe('mittel');
    const r = await byCode(api);
    expect(tl.rows.find((x) => x.code === 'M-4.02')!.dependsOn).toEqual([r['M-4.01'].id]);
    // An undated measure comes last, with open indexes.
    await api['measures.create']({ title: 'Ohne Termin', baustelleId: 'B1' });
    const tl2 = await api['timeline.get']({});
    expect(tl2.rows.at(-1)).toMatchObject({ title: 'Ohne Termin', startIndex: null, endIndex: null, laufzeit: null });
  });

  it('an empty plan has an empty timeline and zero coverage', async () => {
    t = await openTestPlan();
    const tl = await t.api['timeline.get']({});
    expect(tl).toEqual({ quarters: [], rows: [] });
    const c = await t.api['coverage.get']({});
    expect(c.baustellen.every((b) => b.measureCount === 0 && b.grundmauernAdopted === 0)).toBe(true);
    expect((await t.api['actors.load']({})).actors).toEqual([]);
  });
});

describe('saved views and preferences', () => {
  it('saves, renames, lists by name and deletes views; keeps prefs per key', async () => {
    t = await openTestPlan({ demo: true });
    const { api, path } = t;
    const state = { filter: { status: ['beschlussreif'], gremium: 'Sozialausschuss' }, sort: [{ id: 'code', desc: false }] };
    const v = await api['views.save']({ name: 'Beschlussreif für den Sozialausschuss', state });
    expect(v.state).toEqual(state);
    const w = await api['views.save']({ name: 'Alle Maßnahmen', state: {} });
    expect((await api['views.list']({})).map((x) => x.name)).toEqual(['Alle Maßnahmen', 'Beschlussreif für den Sozialausschuss']);
    await expectRefused(path, () => api['views.save']({ name: 'alle maßnahmen', state: {} }), /Ansicht „alle maßnahmen“ gibt es schon/);
    await expectRefused(path, () => api['views.save']({ name: '  ', state: {} }), /Namen für die Ansicht/);
    await expectRefused(path, () => api['views.save']({ id: 'unbekannt', name: 'X', state: {} }), /Ansicht wurde nicht gefunden/);
    await expectRefused(path, () => api['views.save']({ name: 'Zu groß', state: 'x'.repeat(200_001) }), /zu groß/);
    const renamed = await api['views.save']({ id: w.id, name: 'Alle', state: { columns: ['code'] } });
    expect(renamed).toMatchObject({ id: w.id, createdAt: w.createdAt, name: 'Alle', state: { columns: ['code'] } });
    await api['views.delete']({ id: v.id });
    expect((await api['views.list']({})).map((x) => x.name)).toEqual(['Alle']);
    await expectRefused(path, () => api['views.delete']({ id: v.id }), /nicht gefunden/);

    expect(await api['prefs.get']({ key: 'table.measures.columns' })).toBeNull();
    const cols = { visible: ['code', 'title', 'status'], order: ['code', 'title', 'status'], widths: { title: 320 } };
    await api['prefs.set']({ key: 'table.measures.columns', value: cols });
    expect(await api['prefs.get']({ key: 'table.measures.columns' })).toEqual(cols);
    await api['prefs.set']({ key: 'table.measures.columns', value: null });
    expect(await api['prefs.get']({ key: 'table.measures.columns' })).toBeNull();
    await expectRefused(path, () => api['prefs.set']({ key: 'mit leerzeichen', value: 1 }), /Schlüssel darf nur/);
    // Views and prefs are UI state: they never enter the undo history.
    expect((await api['history.status']({})).undo).toBeNull();
  });

  it('keeps views and prefs in the plan file across reopening', async () => {
    t = await openTestPlan();
    const { api, path } = t;
    await api['views.save']({ name: 'Meine Sicht', state: [1, 'zwei', { drei: true }] });
    await api['prefs.set']({ key: 'timeline.zoom', value: 2 });
    const fp = fingerprint(path);
    t.session.close();
    await api['plan.open']({ path });
    expect(fingerprint(path)).toBe(fp);
    expect((await api['views.list']({}))[0].state).toEqual([1, 'zwei', { drei: true }]);
    expect(await api['prefs.get']({ key: 'timeline.zoom' })).toBe(2);
  });
});
