// The workbench shell: skip link, header with the plan and the file actions, navigation, main area.
import { useEffect, useRef } from 'react';
import { ErrorBoundary } from './components/ErrorBoundary.tsx';
import { FileMenu } from './components/FileMenu.tsx';
import { ErrorAlert, StatusLine } from './components/Messages.tsx';
import { currentHash, hrefFor, useRoute, type Route, type ViewName } from './lib/useRoute.ts';
import { useWorkbench, WorkbenchProvider } from './useWorkbench.tsx';
import { ActorsView } from './views/people/ActorsView.tsx';
import { CatalogueView } from './views/catalogue/CatalogueView.tsx';
import { ExportView } from './views/documents/ExportView.tsx';
import { FinanceView } from './views/money/FinanceView.tsx';
import { MeasuresView } from './views/measures/MeasuresView.tsx';
import { MeasureView } from './views/measures/sheet/MeasureView.tsx';
import { PlanView } from './views/plan/PlanView.tsx';
import { requestHeadingFocus, ViewHeading } from './components/ViewHeading.tsx';
import { UndoRedo } from './components/UndoRedo.tsx';
import { ActorLoadView } from './views/people/ActorLoadView.tsx';
import { CoverageView } from './views/catalogue/CoverageView.tsx';
import { FragenView } from './views/catalogue/FragenView.tsx';
import { HistoryView } from './views/history/HistoryView.tsx';
import { MatrixView } from './views/people/MatrixView.tsx';
import { TimelineView } from './views/measures/TimelineView.tsx';
import { FinanzplanView } from './views/money/FinanzplanView.tsx';
import { OptimierungView } from './views/priorities/OptimierungView.tsx';
import { PrioritiesView } from './views/priorities/PrioritiesView.tsx';
import { SzenarienView } from './views/priorities/SzenarienView.tsx';
import { RoundsView } from './views/priorities/RoundsView.tsx';
import { LeaveGuard } from './forms/LeaveGuard.tsx';
import { SaveNote } from './forms/SaveNote.tsx';
import { SkipToTable } from './forms/SkipToTable.tsx';
import { CollaborationView } from './views/collaboration/CollaborationView.tsx';
import { FortschreibungView } from './views/monitoring/FortschreibungView.tsx';
import { SteuerungView } from './views/monitoring/SteuerungView.tsx';
import { UmsetzungMeasureView } from './views/monitoring/UmsetzungMeasureView.tsx';

const NAV: { view: ViewName; label: string; also?: ViewName[] }[] = [
  { view: 'plan', label: 'Plan' },
  { view: 'katalog', label: 'Katalog' },
  { view: 'abdeckung', label: 'Abdeckung' },
  { view: 'fragen', label: 'Fragen' },
  { view: 'massnahmen', label: 'Maßnahmen', also: ['massnahme', 'neu'] },
  { view: 'zeitplan', label: 'Zeitplan' },
  { view: 'matrix', label: 'Zuständigkeiten' },
  { view: 'akteure', label: 'Akteure' },
  { view: 'auslastung', label: 'Auslastung' },
  { view: 'finanzen', label: 'Finanzen' },
  { view: 'prioritaeten', label: 'Prioritäten' },
  { view: 'finanzplan', label: 'Finanzplan' },
  { view: 'optimierung', label: 'Optimierung' },
  { view: 'szenarien', label: 'Szenarien' },
  { view: 'beteiligung', label: 'Beteiligung' },
  { view: 'umsetzung', label: 'Umsetzung', also: ['umsetzung-massnahme', 'fortschreibung'] },
  { view: 'protokoll', label: 'Protokoll' },
  { view: 'zusammenarbeit', label: 'Zusammenarbeit' },
  { view: 'export', label: 'Export' },
];

const DOC_TITLES: Record<ViewName, string> = {
  plan: 'Plan', katalog: 'Katalog', massnahmen: 'Maßnahmen', massnahme: 'Maßnahme', neu: 'Neue Maßnahme',
  akteure: 'Akteure', finanzen: 'Finanzen', export: 'Export',
  auslastung: 'Auslastung der Akteure', matrix: 'Zuständigkeitsmatrix', abdeckung: 'Abdeckung', fragen: 'Fragen-Werkstatt',
  zeitplan: 'Zeitplan', protokoll: 'Änderungsprotokoll',
  prioritaeten: 'Prioritäten', finanzplan: 'Finanzplan', optimierung: 'Optimierung', szenarien: 'Szenarien', beteiligung: 'Beteiligungsrunde',
  zusammenarbeit: 'Zusammenarbeit',
  umsetzung: 'Umsetzung', 'umsetzung-massnahme': 'Umsetzung einer Maßnahme', fortschreibung: 'Fortschreibung',
};

export function App() {
  return (
    <WorkbenchProvider>
      <Shell />
    </WorkbenchProvider>
  );
}

function Shell() {
  const route = useRoute();
  const wb = useWorkbench();
  const key = hrefFor(route);
  const first = useRef(true);

  // After a change of view, focus its heading so keyboard and screen reader users start there.
  useEffect(() => {
    document.title = `${DOC_TITLES[route.view]} – ${wb.info?.title ? `${wb.info.title} – ` : ''}Zusammenhalt-Werkbank`;
  }, [route.view, wb.info?.title]);
  const viewFocusesItself = (route.view === 'katalog' || route.view === 'fragen') && route.baustelleId !== undefined; // focuses the Baustelle
  useEffect(() => {
    if (first.current) { first.current = false; return; }
    if (!viewFocusesItself) requestHeadingFocus();
  }, [key, viewFocusesItself]);

  const info = wb.info;
  return (
    <div className="app">
      <a className="skip-link" href="#main-heading" onClick={(e) => { e.preventDefault(); document.getElementById('main-heading')?.focus(); }}>
        Zum Inhalt springen
      </a>
      <SkipToTable />
      <header className="app-header">
        <div className="brand" aria-hidden="true">ZW</div>
        <div className="plan-title">
          <p className="app-name">Zusammenhalt-Werkbank</p>
          {info ? (
            <>
              <p className="plan-name" title={info.title}>{info.title}</p>
              <p className="plan-meta">
                {info.landkreis ? <span>{info.landkreis}</span> : null}
                <span className="file-name" title={info.path}><span className="muted-label">Datei:</span> {info.fileName}</span>
              </p>
            </>
          ) : wb.loaded ? <p className="plan-name">Kein Plan geöffnet</p> : <p className="plan-name">Plan wird geladen…</p>}
        </div>
        <UndoRedo />
        <FileMenu />
      </header>
      <div className="app-body">
        <nav className="app-nav" aria-label="Hauptnavigation">
          <ul>
            {NAV.map((n) => {
              const current = route.view === n.view || (n.also?.includes(route.view) ?? false);
              return (
                <li key={n.view}>
                  <a href={hrefFor({ view: n.view } as Route)} aria-current={current ? 'page' : undefined}>{n.label}</a>
                </li>
              );
            })}
          </ul>
          <SaveNote />
        </nav>
        <main id="main" className="app-main">
          <ErrorAlert message={wb.loadError} />
          <ErrorAlert message={info?.backupProblem} id="backup-problem" />
          {info?.readOnly ? (
            <p role="status" className="notice read-only-banner">
              <strong>{info.readOnly.message}</strong> Änderungen sind nicht möglich; mit „Plan speichern unter“ entsteht eine eigene Kopie zum Bearbeiten.
            </p>
          ) : null}
          <StatusLine className="notice">{wb.notice && wb.notice.hash === currentHash() ? wb.notice.text : null}</StatusLine>
          <ErrorBoundary key={key}>
            <View route={route} />
          </ErrorBoundary>
        </main>
      </div>
      <LeaveGuard />
    </div>
  );
}

function View({ route }: { route: Route }) {
  const wb = useWorkbench();
  if (!wb.loaded) return <ViewHeading placeholder>Plan wird geladen…</ViewHeading>;
  if (!wb.info && route.view !== 'plan') {
    return (
      <>
        <ViewHeading>Kein Plan geöffnet</ViewHeading>
        <p>Bitte über „Öffnen…“ einen Plan öffnen, mit „Neuer Plan…“ einen anlegen oder unter <a href="#/plan">Plan</a> einen zuletzt geöffneten wählen.</p>
      </>
    );
  }
  switch (route.view) {
    case 'plan': return <PlanView />;
    case 'katalog': return <CatalogueView focusBaustelle={route.baustelleId} />;
    case 'massnahmen': return <MeasuresView />;
    case 'massnahme': return <MeasureView key={route.id} id={route.id} />;
    case 'neu': return <MeasureView key={`neu-${route.baustelleId ?? ''}`} baustelleId={route.baustelleId} />;
    case 'akteure': return <ActorsView />;
    case 'finanzen': return <FinanceView />;
    case 'export': return <ExportView />;
    case 'auslastung': return <ActorLoadView />;
    case 'matrix': return <MatrixView />;
    case 'abdeckung': return <CoverageView />;
    case 'fragen': return <FragenView focusBaustelle={route.baustelleId} focusFrage={route.frageId} />;
    case 'zeitplan': return <TimelineView />;
    case 'protokoll': return <HistoryView />;
    case 'prioritaeten': return <PrioritiesView />;
    case 'finanzplan': return <FinanzplanView />;
    case 'optimierung': return <OptimierungView />;
    case 'szenarien': return <SzenarienView />;
    case 'beteiligung': return <RoundsView roundId={route.roundId} />;
    case 'zusammenarbeit': return <CollaborationView />;
    case 'umsetzung': return <SteuerungView />;
    case 'umsetzung-massnahme': return <UmsetzungMeasureView key={route.id} id={route.id} />;
    case 'fortschreibung': return <FortschreibungView />;
  }
}
