// UI figures for the benchmark: the real renderer in Debian's Chromium against the real backend
// (dev server + Session, as in tests/ui/fixtures.ts) on a generated L plan, measured with the
// Performance API inside the page. Reports figures, never asserts them. When the renderer is not
// built (and cannot be) or the measures view is not there yet, the rows say n/a instead of failing.
//
//   node tests/bench/ui-bench.ts            (also run by `npm run bench` unless --no-ui)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createClient, createHandlers } from '../../electron/backend/backend.ts';
import { startDevServer, type DevServer } from '../../electron/backend/dev-server.ts';
import { Session } from '../../electron/backend/session.ts';
import { generatePlan } from '../../electron/backend/synthetic.ts';
import { median, type BenchRow } from './steps.ts';

export interface UiBenchOptions {
  dir: string;
  seed?: number;
  /** An L plan to use; generated in `dir` when missing. */
  planPath?: string;
  runs?: number;
  log?: (line: string) => void;
}

const ROOT = resolve(import.meta.dirname, '../..');
const STATIC_DIR = join(ROOT, 'dist/renderer');
const MEASURES_HASH = '#/massnahmen';
const LAUNCH_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

const SIZE = 'L (UI)';
const STEPS = {
  firstRows: 'UI: navigation → first table rows',
  keystroke: 'UI: filter keystroke → updated rows',
  filterFull: 'UI: filter from full list → rows',
  clear: 'UI: clear filter → all rows back',
  scroll: 'UI: blank rows while scrolling',
  edit: 'UI: edit → visible',
  editBytes: 'UI: bytes transferred per edit',
};

function na(reason: string): BenchRow[] {
  return Object.values(STEPS).map((step) => ({ size: SIZE, step, ours: null, floor: null, note: `n/a: ${reason}` }));
}

/** Newest modification time of the files a renderer build is made from. */
function newestSource(): number {
  let newest = 0;
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else newest = Math.max(newest, statSync(p).mtimeMs);
    }
  };
  for (const d of ['renderer', 'shared']) walk(join(ROOT, d));
  return newest;
}

/**
 * The built renderer to serve: dist/renderer when it is up to date; otherwise a fresh build into
 * the bench's own folder (dist/ is left alone, other runs may be serving it).
 */
function rendererDir(dir: string, log: (s: string) => void): { dir: string; note?: string } | { problem: string } {
  const index = join(STATIC_DIR, 'index.html');
  const built = existsSync(index);
  if (built && statSync(index).mtimeMs >= newestSource()) return { dir: STATIC_DIR };
  const out = join(dir, 'renderer');
  log(`${built ? 'dist/renderer is older than the sources' : 'dist/renderer missing'}: npx vite build --outDir ${out} …`);
  const r = spawnSync('npx', ['vite', 'build', '--logLevel', 'error', '--outDir', out, '--emptyOutDir'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' }, shell: process.platform === 'win32' });
  if (r.status === 0 && existsSync(join(out, 'index.html'))) return { dir: out };
  const why = `${r.stdout ?? ''}\n${r.stderr ?? ''}`.split('\n').map((l) => l.trim()).find((l) => /error|Could not/iu.test(l)) ?? 'vite build failed';
  log(`renderer build failed: ${why}`);
  // The sources are mid-change (others work on the UI): measure the last good build rather than nothing.
  if (built) return { dir: STATIC_DIR, note: 'stale dist/renderer (fresh build failed)' };
  return { problem: `renderer build failed (${why.slice(0, 80)})` };
}

// In-page helpers, installed before the app's own scripts. Rows of the measures table are body rows
// with a cell holding a measure code ("M-…"), whatever else the row has (selection boxes, editors).
const INIT_SCRIPT = `(() => {
  const CODE = /^M-\\d/;
  const cells = (r) => [...r.querySelectorAll('td, th, [role="cell"], [role="gridcell"], [role="rowheader"]')];
  const codeOf = (r) => { const c = cells(r).find((c) => CODE.test((c.textContent || '').trim())); return c ? c.textContent.trim() : null; };
  const rowsOf = () => [...document.querySelectorAll('table tbody tr, [role="table"] [role="row"], [role="grid"] [role="row"]')].filter((r) => codeOf(r) !== null);
  window.__wb = { rowsOf, codeOf, firstRowsAt: null, since: 0, inflight: 0, bytes: 0, responses: 0, calls: [] };
  // Backend calls in flight and the bytes of their responses (the edit → visible figure waits for all).
  const origFetch = window.fetch.bind(window);
  window.fetch = async (...a) => {
    window.__wb.inflight++;
    try {
      const r = await origFetch(...a);
      const buf = await r.clone().arrayBuffer();
      window.__wb.bytes += buf.byteLength;
      window.__wb.calls.push(String(a[0]).split('/api/').pop() + ' ' + buf.byteLength);
      window.__wb.responses++;
      return r;
    } finally { window.__wb.inflight--; }
  };
  const seen = () => {
    if (window.__wb.firstRowsAt !== null) return;
    if (rowsOf().length > 0) {
      // First frame after the rows are in the DOM: what the planner can see.
      window.__wb.firstRowsAt = -1;
      requestAnimationFrame(() => { window.__wb.firstRowsAt = performance.now(); });
    }
  };
  new MutationObserver(seen).observe(document, { childList: true, subtree: true, characterData: true });
})();`;

interface EditFigure { ms: number; bytes: number; calls: number; which: string[] }
interface PageHelpers { __wb: { rowsOf: () => Element[]; codeOf: (r: Element) => string | null; firstRowsAt: number | null; since: number; done?: Promise<number>; edited?: Promise<EditFigure>; inflight: number; bytes: number; responses: number; calls: string[] } }

type Page = import('playwright-core').Page;

/** performance.now() of the first frame with measure rows, or null when none appear in time. */
async function firstRowsAt(page: Page, timeout: number): Promise<number | null> {
  try {
    await page.waitForFunction(() => ((window as unknown as PageHelpers).__wb.firstRowsAt ?? 0) > 0, undefined, { timeout, polling: 50 });
    return await page.evaluate(() => (window as unknown as PageHelpers).__wb.firstRowsAt);
  } catch {
    return null;
  }
}

/**
 * Arms a measurement: from the next input event in the page until, in some frame, every visible row's
 * code starts with `prefix` (filtering), or some row's code does not (`notPrefix`: the filter is gone).
 */
async function armed(page: Page, cond: { prefix?: string; notPrefix?: string }, act: () => Promise<void>): Promise<number> {
  await page.evaluate((c) => {
    const w = window as unknown as PageHelpers;
    w.__wb.done = new Promise<number>((ok, fail) => {
      const onInput = (e: Event) => {
        document.removeEventListener('input', onInput, true);
        const t0 = e.timeStamp;
        const limit = performance.now() + 120_000;
        const check = () => {
          const codes = w.__wb.rowsOf().map((r) => w.__wb.codeOf(r) ?? '');
          const done = c.prefix !== undefined
            ? codes.length > 0 && codes.every((code) => code.startsWith(c.prefix!))
            : codes.some((code) => !code.startsWith(c.notPrefix ?? ''));
          if (done) return ok(performance.now() - t0);
          if (performance.now() > limit) return fail(new Error('rows did not update within 120 s'));
          requestAnimationFrame(check);
        };
        requestAnimationFrame(check);
      };
      document.addEventListener('input', onInput, true);
    });
  }, cond);
  await act();
  return page.evaluate(() => (window as unknown as PageHelpers).__wb.done!);
}

/**
 * Scrolls the table's scroll container in big steps, one per frame, and looks at each frame: rows
 * in view without content, and how much of the visible body area no row covers (a virtualised
 * table that lags behind shows blank space).
 */
async function scrollProbe(page: Page): Promise<{ frames: number; visibleRows: number; blankRows: number; blankFrames: number; maxBlankPct: number; frameP95: number; frameMax: number }> {
  return page.evaluate(async () => {
    const table = document.querySelector('table, [role="table"], [role="grid"]')!;
    let box: Element | null = table.parentElement;
    while (box && box !== document.body) {
      const st = getComputedStyle(box);
      if (/(auto|scroll)/.test(st.overflowY) && box.scrollHeight > box.clientHeight + 10) break;
      box = box.parentElement;
    }
    const scroller = (box && box !== document.body ? box : document.scrollingElement ?? document.documentElement) as HTMLElement;
    const isDoc = scroller === document.scrollingElement || scroller === document.documentElement;
    const body = table.querySelector('tbody') ?? table;
    const head = table.querySelector('thead');
    const foot = table.querySelector('tfoot');
    const frame = () => new Promise<number>((ok) => requestAnimationFrame(ok));
    scroller.scrollTop = 0;
    await frame();
    let frames = 0;
    let visibleRows = 0;
    let blankRows = 0;
    let blankFrames = 0;
    let maxBlankPct = 0;
    const intervals: number[] = [];
    let last = await frame();
    const step = Math.max(200, Math.round((isDoc ? window.innerHeight : scroller.clientHeight) * 0.9));
    const stopAt = performance.now() + 20_000;
    for (let i = 0; i < 60 && performance.now() < stopAt; i++) {
      const before = scroller.scrollTop;
      scroller.scrollTop = before + step;
      const now = await frame();
      intervals.push(now - last);
      last = now;
      frames++;
      // The visible part of the body: the scroller's box below a sticky header, above a sticky footer.
      const sv = isDoc ? { top: 0, bottom: window.innerHeight } : scroller.getBoundingClientRect();
      const hb = head?.getBoundingClientRect();
      const fb = foot?.getBoundingClientRect();
      const bb = body.getBoundingClientRect();
      const top = Math.max(sv.top, hb && hb.bottom > sv.top && hb.bottom < sv.bottom ? hb.bottom : sv.top, bb.top);
      const bottom = Math.min(sv.bottom, fb && fb.top < sv.bottom && fb.top > sv.top ? fb.top : sv.bottom, bb.bottom);
      const area = Math.max(0, bottom - top);
      const rows = [...body.querySelectorAll('tr, [role="row"]')].map((r) => ({ r, b: r.getBoundingClientRect() }))
        .filter(({ b }) => b.bottom > top && b.top < bottom && b.height > 0);
      visibleRows += rows.length;
      blankRows += rows.filter(({ r }) => (r.textContent ?? '').trim() === '').length;
      // Covered height: union of the content rows' intervals within [top, bottom].
      const spans = rows.filter(({ r }) => (r.textContent ?? '').trim() !== '')
        .map(({ b }) => [Math.max(top, b.top), Math.min(bottom, b.bottom)] as const).sort((a, b) => a[0] - b[0]);
      let covered = 0;
      let end = top;
      for (const [a, z] of spans) {
        if (z <= end) continue;
        covered += z - Math.max(a, end);
        end = z;
      }
      const blankPct = area > 0 ? (100 * (area - covered)) / area : 0;
      if (blankPct > 5) blankFrames++;
      maxBlankPct = Math.max(maxBlankPct, blankPct);
      if (scroller.scrollTop === before) break; // at the end
    }
    intervals.sort((a, b) => a - b);
    return {
      frames, visibleRows, blankRows, blankFrames, maxBlankPct,
      frameP95: intervals[Math.min(intervals.length - 1, Math.ceil(0.95 * intervals.length) - 1)] ?? 0,
      frameMax: intervals.at(-1) ?? 0,
    };
  });
}

export async function runUiBench(opts: UiBenchOptions): Promise<BenchRow[]> {
  const log = opts.log ?? (() => {});
  const runs = opts.runs ?? 3;
  const built = rendererDir(opts.dir, log);
  if ('problem' in built) return na(built.problem);

  let playwright: typeof import('playwright-core');
  try {
    playwright = await import('playwright-core');
  } catch {
    return na('playwright-core not installed');
  }
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(executablePath)) return na(`no Chromium at ${executablePath}`);

  let planPath = opts.planPath;
  if (!planPath || !existsSync(planPath)) {
    planPath = join(opts.dir, 'ui-L.wirplan');
    log('generating the L plan …');
    generatePlan(planPath, 'L', opts.seed ?? 1);
  }
  const session = new Session({ dataDir: join(opts.dir, 'ui-data'), user: 'bench' });
  let server: DevServer | undefined;
  let browser: import('playwright-core').Browser | undefined;
  try {
    session.open(planPath);
    const total = (session.db.prepare('SELECT COUNT(*) AS n FROM measures').get() as { n: number }).n;
    const handlers = createHandlers(session);
    server = await startDevServer({ handlers, staticDir: built.dir });
    browser = await playwright.chromium.launch({ executablePath, args: LAUNCH_ARGS });
    const context = await browser.newContext({ locale: 'de-DE', timezoneId: 'Europe/Berlin', viewport: { width: 1440, height: 900 } });
    await context.addInitScript(INIT_SCRIPT);

    // 1. Navigation to the measures view → first rows painted (fresh page each run; the bundle is cached after the first).
    const firstRows: number[] = [];
    let via = 'URL #/massnahmen';
    let page: Page | undefined;
    for (let i = 0; i < runs + 1; i++) {
      await page?.close();
      page = await context.newPage();
      await page.goto(server.url + MEASURES_HASH);
      const at = await firstRowsAt(page, 120_000);
      let ms: number | null = at;
      if (at === null) {
        // Perhaps the view is reached only through the navigation: from the click.
        const link = page.getByRole('navigation').getByRole('link', { name: /^Maßnahmen/u });
        if ((await link.count()) === 0) return na('no measures table found (view not there yet?)');
        const t0 = await page.evaluate(() => { (window as unknown as PageHelpers).__wb.firstRowsAt = null; return performance.now(); });
        await link.first().click();
        const t1 = await firstRowsAt(page, 120_000);
        if (t1 === null) return na('no measures table found (view not there yet?)');
        ms = t1 - t0;
        via = 'navigation link';
      }
      if (i > 0) firstRows.push(ms!); // the first load fills the HTTP cache
    }
    const p = page!;
    const shown = await p.evaluate(() => (window as unknown as PageHelpers).__wb.rowsOf().length);
    log(`measures table: ${shown} of ${total} rows in the DOM`);

    const rows: BenchRow[] = [{
      size: SIZE, step: STEPS.firstRows, ours: { kind: 'median', ms: median(firstRows), runs: firstRows.length }, floor: null,
      note: `${total} measures, ${shown} rows in the DOM; via ${via}, first load excluded${'note' in built && built.note ? `; ${built.note}` : ''}`,
    }];

    // 2. Filter: find the search field by role, then by its label.
    let search = p.getByRole('searchbox');
    if ((await search.count()) === 0) search = p.getByRole('textbox', { name: /Suche/u });
    if ((await search.count()) === 0) {
      rows.push(...na('no search field (searchbox or textbox „Suche“)').filter((r) => r.step !== STEPS.firstRows && r.step !== STEPS.scroll));
    } else {
      const box = search.first();
      const keystroke: number[] = [];
      const fromFull: number[] = [];
      const clear: number[] = [];
      const codes = ['M-3.1', 'M-5.2', 'M-6.3', 'M-2.4', 'M-7.1'];
      for (let i = 0; i < runs; i++) {
        const term = codes[i % codes.length];
        // From the full list to the rows of one code range (one input event, like a paste).
        fromFull.push(await armed(p, { prefix: term }, () => box.fill(term)));
        // Back to everything.
        clear.push(await armed(p, { notPrefix: term }, () => box.fill('')));
        // One keystroke narrowing an already filtered list ("M-3." → "M-3.1").
        await armed(p, { prefix: term.slice(0, -1) }, () => box.fill(term.slice(0, -1)));
        await box.press('End');
        keystroke.push(await armed(p, { prefix: term }, () => box.press(term.slice(-1))));
        await armed(p, { notPrefix: term.slice(0, -1) }, () => box.fill(''));
      }
      rows.push(
        { size: SIZE, step: STEPS.keystroke, ours: { kind: 'median', ms: median(keystroke), runs: keystroke.length }, floor: null, note: 'e.g. „M-3.“ → „M-3.1“, until every row shows the new filter' },
        { size: SIZE, step: STEPS.filterFull, ours: { kind: 'median', ms: median(fromFull), runs: fromFull.length }, floor: null, note: `${total} measures → ~100 („M-3.1“)` },
        { size: SIZE, step: STEPS.clear, ours: { kind: 'median', ms: median(clear), runs: clear.length }, floor: null, note: `~100 → ${total} measures` },
      );
    }

    // 3. One inline edit (status of the first row): from the Enter that commits it until the cell shows
    //    the new value and every backend call it caused has answered; bytes of those responses.
    try {
      const editMs: number[] = [];
      const editBytes: number[] = [];
      const editCalls: number[] = [];
      for (let i = 0; i < Math.max(runs, 5) * 4; i++) {
        const code = await p.evaluate(() => { const w = (window as unknown as PageHelpers).__wb; return w.codeOf(w.rowsOf()[0]!); });
        if (!code) break;
        const cell = p.locator('tbody tr').filter({ has: p.getByRole('link', { name: code, exact: true }) }).locator('[data-col="status"]');
        const current = (await cell.innerText()).trim();
        const target = current === 'Idee' ? { value: 'zurueckgestellt', label: 'zurückgestellt' } : { value: 'idee', label: 'Idee' };
        await cell.click();
        const select = p.getByLabel(`Status von ${code}`);
        await select.selectOption(target.value);
        await p.evaluate(({ code: c, label }) => {
          const w = (window as unknown as PageHelpers).__wb;
          w.edited = new Promise<EditFigure>((ok, fail) => {
            const onKey = (e: KeyboardEvent) => {
              if (e.key !== 'Enter') return;
              document.removeEventListener('keydown', onKey, true);
              const t0 = e.timeStamp;
              const b0 = w.bytes; const r0 = w.responses; const c0 = w.calls.length;
              const limit = performance.now() + 60_000;
              const check = () => {
                const row = w.rowsOf().find((r) => w.codeOf(r) === c);
                const text = row?.querySelector('[data-col="status"]')?.textContent?.trim();
                if (text === label && w.inflight === 0 && w.responses > r0) {
                  return ok({ ms: performance.now() - t0, bytes: w.bytes - b0, calls: w.responses - r0, which: w.calls.slice(c0) });
                }
                if (performance.now() > limit) return fail(new Error('edit not visible within 60 s'));
                requestAnimationFrame(check);
              };
              requestAnimationFrame(check);
            };
            document.addEventListener('keydown', onKey, true);
          });
        }, { code, label: target.label });
        await select.press('Enter');
        const f = await p.evaluate(() => (window as unknown as PageHelpers).__wb.edited!);
        editMs.push(f.ms); editBytes.push(f.bytes); editCalls.push(f.calls);
        if (i < 2) log(`edit ${i + 1}: ${decodeURIComponent(f.which.join(', '))}`);
      }
      const sorted = [...editMs].sort((a, b) => a - b);
      const q = (f: number) => sorted[Math.min(sorted.length - 1, Math.floor(f * sorted.length))] ?? 0;
      const meanBytes = Math.round(editBytes.reduce((a, b) => a + b, 0) / Math.max(1, editBytes.length));
      const meanCalls = editCalls.reduce((a, b) => a + b, 0) / Math.max(1, editCalls.length);
      log(`edit → visible: ${sorted.map((x) => x.toFixed(0)).join(', ')} ms; bytes ${editBytes.join(', ')}`);
      rows.push(
        { size: SIZE, step: STEPS.edit, ours: { kind: 'median', ms: median(editMs), runs: editMs.length }, floor: null,
          note: `status of one row in the table of ${total} measures, Enter → cell shows it and all calls answered; p50 ${q(0.5).toFixed(0)} ms, p95 ${q(0.95).toFixed(0)} ms (target < 50 ms)` },
        { size: SIZE, step: STEPS.editBytes, ours: null, floor: null, display: `${(meanBytes / 1024).toFixed(1)} KiB`,
          note: `mean response bytes per edit over ${editBytes.length} edits (${meanCalls.toFixed(1)} calls: the write, the patched row, the queries that depend on it); the full list is ${(Buffer.byteLength(JSON.stringify(await createClient(handlers)['measures.list']({}))) / 1024).toFixed(0)} KiB` },
      );
    } catch (e) {
      rows.push({ size: SIZE, step: STEPS.edit, ours: null, floor: null, note: `n/a: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}` });
    }

    // 4. Scrolling: blank rows seen in the viewport during a scripted scroll (one big step per frame).
    const s = await scrollProbe(p);
    rows.push({
      size: SIZE, step: STEPS.scroll, ours: null, floor: null, display: `${s.blankRows} blank rows`,
      note: `${s.blankRows} blank of ${s.visibleRows} rows in view over ${s.frames} frames (one screen per frame); ${s.blankFrames} frames >5 % blank area, max ${s.maxBlankPct.toFixed(0)} %; frame interval p95 ${s.frameP95.toFixed(0)} ms, max ${s.frameMax.toFixed(0)} ms`,
    });
    return rows;
  } catch (e) {
    return na(e instanceof Error ? e.message.split('\n')[0] : String(e));
  } finally {
    await browser?.close();
    await server?.close();
    session.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const dir = mkdtempSync(join(tmpdir(), 'werkbank-ui-bench-'));
  try {
    for (const r of await runUiBench({ dir, log: console.log })) {
      const t = r.ours?.kind === 'median' ? `${r.ours.ms.toFixed(0)} ms` : 'n/a';
      console.log(`${r.step.padEnd(44)} ${t.padEnd(10)} ${r.note ?? ''}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

