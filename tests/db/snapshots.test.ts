// Decision snapshots ("Stand festschreiben") and their Änderungsliste, and the remembered Vorlage
// settings: frozen in the plan file, compared by stable id, undoable like every other change.
import { afterEach, describe, expect, it } from 'vitest';
import { formatCents } from '../../shared/domain/money.ts';
import type { MeasureRow } from '../../shared/domain/types.ts';
import type { Api } from '../../shared/api/contract.ts';
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

describe('decision snapshots', () => {
  it('freeze the plan: list, unchanged diff, and every kind of change against it', async () => {
    t = await openTestPlan({ demo: true });
    const { api } = t;
    const totals = await api['budget.totals']({});
    const snap = await api['snapshots.create']({ name: 'Beschluss Kreistag', date: '2026-03-12', gremium: 'Kreistag' });
    expect(snap).toMatchObject({ name: 'Beschluss Kreistag', date: '2026-03-12', gremium: 'Kreistag', measureCount: 12, totalCents: totals.totalCents, createdBy: 'test' });
    expect(await api['snapshots.list']({})).toEqual([snap]);

    const same = await api['snapshots.diff']({ snapshotId: snap.id });
    expect(same.added).toEqual([]);
    expect(same.removed).toEqual([]);
    expect(same.changed).toEqual([]);
    expect(same.unchangedCount).toBe(12);
    expect(same.summary).toBe(`Seit „Beschluss Kreistag“ (12.03.2026): keine neuen Maßnahmen, keine geänderten, keine entfallenen; Gesamtkosten ${formatCents(totals.totalCents)} → ${formatCents(totals.totalCents)}.`);

    const m = await byCode(api);
    const actors = await api['actors.list']({});
    const integration = actors.find((a) => a.name === 'Stabsstelle Integration und Teilhabe')!;
    // added
    const added = await api['measures.create']({ title: 'Sprachcafé in jeder Gemeinde', baustelleId: 'B2' });
    await api['budget.create']({ measureId: added.id, year: 2027, amountCents: 500_000 });
    // removed (with its costs)
    await api['measures.delete']({ id: m['M-3.01'].id });
    // cost: one line changed, one new year
    const detail = await api['measures.get']({ id: m['M-5.01'].id });
    await api['budget.update']({ id: detail.budgetLines[0].id, patch: { amountCents: detail.budgetLines[0].amountCents + 1_234_56 } });
    await api['budget.create']({ measureId: m['M-5.01'].id, year: 2027, amountCents: 10_000_00 });
    // responsibility
    await api['measures.bulkUpdate']({ ids: [m['M-2.02'].id], patch: { responsibleActorId: integration.id } });
    // period and status
    await api['measures.update']({ id: m['M-6.01'].id, patch: { startYear: 2028, startQuarter: 1, status: 'beschlossen' } });
    // priority: M-7.02 gets top marks from both raters
    const criteria = await api['criteria.list']({});
    await api['scores.setMany']({ scores: criteria.flatMap((c) => ([1, 2] as const).map((rater) => ({ measureId: m['M-7.02'].id, criterionId: c.id, rater, score: 10 }))) });

    const d = await api['snapshots.diff']({ snapshotId: snap.id });
    expect(d.added).toEqual([{ measureId: added.id, code: added.code, title: 'Sprachcafé in jeder Gemeinde', totalCents: 500_000, status: 'idee' }]);
    expect(d.removed).toEqual([{ measureId: m['M-3.01'].id, code: 'M-3.01', title: m['M-3.01'].title, totalCents: m['M-3.01'].totalCents, status: 'beschlossen' }]);
    const changed = Object.fromEntries(d.changed.map((c) => [c.code, c]));

    const cost = changed['M-5.01'];
    expect(cost.totalBeforeCents).toBe(m['M-5.01'].totalCents);
    expect(cost.totalAfterCents).toBe(m['M-5.01'].totalCents + 1_234_56 + 10_000_00);
    expect(cost.costByYear).toEqual([
      { year: 2026, beforeCents: 4_500_000, afterCents: 4_500_000 + 1_234_56, deltaCents: 1_234_56 },
      { year: 2027, beforeCents: 0, afterCents: 10_000_00, deltaCents: 10_000_00 },
    ]);
    expect(cost.changes.find((c) => c.field === 'cost')).toEqual({ field: 'cost', label: 'Kosten', before: formatCents(4_500_000), after: formatCents(4_500_000 + 1_234_56 + 10_000_00) });

    expect(changed['M-2.02'].changes).toContainEqual({ field: 'responsibility', label: 'verantwortlich', before: 'Fachdienst Soziales und Wohnen', after: 'Stabsstelle Integration und Teilhabe' });
    expect(changed['M-6.01'].changes).toEqual(expect.arrayContaining([
      { field: 'period', label: 'Zeitraum', before: 'Q1/2027 – Q4/2029', after: 'Q1/2028 – Q4/2029' },
      { field: 'status', label: 'Status', before: 'beschlussreif', after: 'beschlossen' },
    ]));
    const prio = changed['M-7.02'].changes.find((c) => c.field === 'priority');
    expect(prio?.before).toMatch(/^Rang \d+ \(Nutzwert \d,\d\d\)$/u);
    expect(prio?.after).toBe('Rang 1 (Nutzwert 10,00)');
    // Every measure that moved in the ranking is listed; the rest is unchanged.
    expect(d.unchangedCount + d.changed.length).toBe(11);

    // Totals per year: the sum of the changes.
    const now = await api['budget.totals']({});
    expect(d.totals).toMatchObject({ beforeCents: totals.totalCents, afterCents: now.totalCents, deltaCents: now.totalCents - totals.totalCents });
    const y2027 = d.totals.byYear.find((y) => y.year === 2027)!;
    expect(y2027.deltaCents).toBe(500_000 + 10_000_00 - m['M-3.01'].costsByYear['2027']);
    expect(d.summary).toBe(`Seit „Beschluss Kreistag“ (12.03.2026): 1 neue Maßnahme, ${d.changed.length} geänderte, 1 entfallene; Gesamtkosten ${formatCents(totals.totalCents)} → ${formatCents(now.totalCents)}.`);
  });

  it('a renumbered measure is changed, not removed and added', async () => {
    t = await openTestPlan({ demo: true });
    const m = await byCode(t.api);
    const snap = await t.api['snapshots.create']({ name: 'Stand Sozialausschuss', date: '2026-02-01' });
    await t.api['measures.update']({ id: m['M-1.01'].id, patch: { code: 'M-1.10', title: 'Beteiligungswerkstätten in allen Gemeinden' } });
    const d = await t.api['snapshots.diff']({ snapshotId: snap.id });
    expect(d.added).toEqual([]);
    expect(d.removed).toEqual([]);
    expect(d.changed).toHaveLength(1);
    expect(d.changed[0].changes).toEqual([
      { field: 'code', label: 'Nummer', before: 'M-1.01', after: 'M-1.10' },
      { field: 'title', label: 'Titel', before: m['M-1.01'].title, after: 'Beteiligungswerkstätten in allen Gemeinden' },
    ]);
  });

  it('are kept in the plan file and undone like every change', async () => {
    t = await openTestPlan({ demo: true });
    const { api, path } = t;
    const before = fingerprint(path);
    const snap = await api['snapshots.create']({ name: 'Beschluss Kreistag', date: '2026-03-12', gremium: 'Kreistag' });
    const after = fingerprint(path);
    expect(after).not.toBe(before);
    const u = await api['history.undo']({});
    expect(u.summary).toMatch(/^Rückgängig gemacht: Stand „Beschluss Kreistag“ \(12\.03\.2026\) festgeschrieben: 12 Maßnahmen, /u);
    expect(fingerprint(path)).toBe(before);
    expect(await api['snapshots.list']({})).toEqual([]);
    await api['history.redo']({});
    expect(fingerprint(path)).toBe(after);

    await api['snapshots.delete']({ id: snap.id });
    expect(await api['snapshots.list']({})).toEqual([]);
    await api['history.undo']({});
    expect(fingerprint(path)).toBe(after);
    expect((await api['snapshots.diff']({ snapshotId: snap.id })).unchangedCount).toBe(12);

    // Survives closing and reopening the plan.
    await api['plan.close']({});
    await api['plan.open']({ path });
    expect((await api['snapshots.list']({})).map((s) => s.name)).toEqual(['Beschluss Kreistag']);
  });

  it('refuse bad input in German and change nothing', async () => {
    t = await openTestPlan({ demo: true });
    const { api, path } = t;
    await expectRefused(path, () => api['snapshots.create']({ name: '  ', date: '2026-03-12' }), /Bitte einen Namen für den Stand angeben/u);
    await expectRefused(path, () => api['snapshots.create']({ name: 'X', date: '12.03.2026' }), /Format JJJJ-MM-TT/u);
    await expectRefused(path, () => api['snapshots.create']({ name: 'X', date: '' }), /Bitte das Datum der Sitzung angeben/u);
    await expectRefused(path, () => api['snapshots.delete']({ id: 'gibt-es-nicht' }), /Der festgeschriebene Stand wurde nicht gefunden/u);
    await expect(api['snapshots.diff']({ snapshotId: 'gibt-es-nicht' })).rejects.toThrow(/Der festgeschriebene Stand wurde nicht gefunden/u);
  });
});

describe('Vorlage settings', () => {
  it('are saved per plan, drawn from the plan until then, and undoable', async () => {
    t = await openTestPlan({ demo: true });
    const { api, path } = t;
    const first = await api['vorlage.settings.get']({});
    expect(first.saved).toBeNull();
    expect(first.defaults.kopf).toMatchObject({ vorlageart: 'beschlussvorlage', oeffentlich: true, federfuehrung: 'Stabsstelle Integration und Teilhabe', produkt: '31.10.01', bearbeiter: '' });
    expect(first.defaults.beratungsfolge.map((b) => `${b.gremium}/${b.zustaendigkeit}`)).toEqual(['Ausschuss für Soziales und Integration/vorberatung', 'Kreistag/entscheidung']);
    expect(first.effective).toEqual(first.defaults);

    const settings = {
      ...first.defaults,
      kopf: { ...first.defaults.kopf, vorlagennummer: 'VO/2026/045', bearbeiter: 'Frau Dr. Yildiz' },
      beratungsfolge: [{ gremium: 'Kreistag', sitzungsdatum: '2027-02-17', zustaendigkeit: 'entscheidung' as const }],
      beschlussvorschlag: null,
    };
    const before = fingerprint(path);
    await api['vorlage.settings.save'](settings);
    const saved = await api['vorlage.settings.get']({});
    expect(saved.saved).toEqual(settings);
    // The default Beschlussvorschlag follows the saved Beratungsfolge: the Kreistag decides and is reported to.
    expect(saved.effective.beschlussvorschlag?.at(-1)).toContain('berichtet dem Kreistag einmal jährlich');
    // Saving the same again is no change (no undo step).
    const status = await api['history.status']({});
    await api['vorlage.settings.save'](settings);
    expect(await api['history.status']({})).toEqual(status);
    const u = await api['history.undo']({});
    expect(u.summary).toBe('Rückgängig gemacht: Einstellungen der Sitzungsvorlage gespeichert');
    expect(fingerprint(path)).toBe(before);
    expect((await api['vorlage.settings.get']({})).saved).toBeNull();

    // Informationsvorlage: Kenntnisnahme, one point.
    const info = await api['vorlage.settings.get']({ vorlageart: 'informationsvorlage', selection: { kind: 'status', statuses: ['beschlossen'] } });
    expect(info.measureCount).toBe(3);
    expect(info.defaults.beratungsfolge.every((b) => b.zustaendigkeit === 'kenntnisnahme')).toBe(true);
    expect(info.defaults.beschlussvorschlag).toEqual([expect.stringMatching(/nimmt den Maßnahmenplan „Gemeinsam in Musterland“ 2026–2029 mit den 3 in Anlage 1 aufgeführten Maßnahmen .* zur Kenntnis\.$/u)]);

    await expectRefused(path, () => api['vorlage.settings.save']({ ...settings, beratungsfolge: [{ gremium: '', sitzungsdatum: '', zustaendigkeit: 'entscheidung' }] }), /Bitte in jeder Zeile der Beratungsfolge ein Gremium angeben/u);
    await expectRefused(path, () => api['vorlage.settings.save']({ ...settings, beschlussvorschlag: ['Punkt', ' '] }), /Ein Punkt des Beschlussvorschlags ist leer/u);
  });
});
