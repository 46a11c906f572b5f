// Fields that save themselves: on blur, on Enter (Strg+Enter in a text area) or, for choices, on
// change. Each shows its state in words ("nicht gespeichert", "wird gespeichert …", "gespeichert")
// in a polite live region, keeps typed text when the saved value changes underneath (undo, another
// view), and registers as pending (forms/pending.ts) until its text is in the plan file.
import { useCallback, useEffect, useId, useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { messageOf } from '../lib/format.ts';
import { clearPending, setPending } from './pending.ts';

export type SaveState = 'idle' | 'dirty' | 'saving' | 'saved' | 'error';

export interface AutoSaveOptions<T> {
  /** The value in the plan (as last loaded). */
  value: T;
  /** German field label, used in messages and in the "unsaved input" question. */
  label: string;
  save: (v: T) => Promise<unknown>;
  /** A German message when the input cannot be saved as it is; null when it can. */
  validate?: (v: T) => string | null;
  equals?: (a: T, b: T) => boolean;
}

export interface AutoSave<T> {
  draft: T;
  setDraft: (v: T) => void;
  /** Saves the draft if it differs from the plan; true when the plan holds the draft afterwards. */
  commit: (v?: T) => Promise<boolean>;
  state: SaveState;
  error: string | null;
  dirty: boolean;
  /** Ref for the element that gets the focus back when the planner chooses to fix the input. */
  attach: (el: HTMLElement | null) => void;
}

const same = <T,>(a: T, b: T) => (typeof a === 'object' ? JSON.stringify(a) === JSON.stringify(b) : a === b);

export function useAutoSave<T>({ value, label, save, validate, equals = same }: AutoSaveOptions<T>): AutoSave<T> {
  const key = useId();
  const [draft, setDraftState] = useState<T>(value);
  const [base, setBase] = useState<T>(value);
  const [state, setState] = useState<SaveState>('idle');
  const [error, setError] = useState<string | null>(null);
  const [element, attach] = useState<HTMLElement | null>(null);
  const latest = useRef({ draft, base, save, validate, equals, label });
  // Event handlers and the registry read the newest values (updated before any event can fire).
  useLayoutEffect(() => { latest.current = { draft, base, save, validate, equals, label }; });
  const inFlight = useRef<Promise<boolean> | null>(null);

  // The plan changed underneath (undo, another view, a refresh after our own save): take the new
  // value as the base; the typed text stays as long as it differs.
  const [seen, setSeen] = useState<T>(value);
  if (!equals(value, seen)) {
    setSeen(value);
    setBase(value);
    if (equals(draft, base)) setDraftState(value);
  }

  const dirty = !equals(draft, base);

  const commit = useCallback(async (v?: T): Promise<boolean> => {
    if (inFlight.current) await inFlight.current;
    const cur = latest.current;
    const next = v === undefined ? cur.draft : v;
    if (cur.equals(next, cur.base)) return true;
    const invalid = cur.validate?.(next) ?? null;
    if (invalid) { setError(invalid); setState('error'); return false; }
    setState('saving'); setError(null);
    const run = (async () => {
      try {
        await cur.save(next);
        setBase(next);
        latest.current = { ...latest.current, base: next };
        setState('saved');
        return true;
      } catch (e) {
        setError(messageOf(e));
        setState('error');
        return false;
      } finally {
        inFlight.current = null;
      }
    })();
    inFlight.current = run;
    return run;
  }, []);

  const setDraft = useCallback((v: T) => {
    setDraftState(v);
    const cur = latest.current;
    if (cur.equals(v, cur.base)) { setState((s) => (s === 'dirty' || s === 'error' ? 'idle' : s)); setError(null); }
    else {
      setState('dirty');
      // Checked while typing, so a too long text is told at once (and never cut).
      setError(cur.validate?.(v) ?? null);
    }
  }, []);

  // Registered while the field holds text the plan does not have.
  useEffect(() => {
    if (!dirty) { clearPending(key); return; }
    setPending(key, {
      label,
      flush: () => commit(),
      discard: () => { setDraftState(latest.current.base); setState('idle'); setError(null); },
      focus: () => element?.focus(),
    });
  }, [dirty, key, label, commit, element]);
  useEffect(() => () => clearPending(key), [key]);

  return { draft, setDraft, commit, state, error, dirty, attach };
}

const STATE_TEXT: Record<SaveState, string> = {
  idle: '', dirty: 'nicht gespeichert', saving: 'wird gespeichert …', saved: 'gespeichert', error: 'nicht gespeichert',
};

/** The state of a field in words; a polite live region, so a screen reader hears "gespeichert". */
export function SaveStateText({ state, id }: { state: SaveState; id?: string }) {
  return (
    <span role="status" id={id} className={`save-state save-${state}`}>
      {state === 'idle' ? null : <><span aria-hidden="true">{state === 'saved' ? '✓ ' : state === 'saving' ? '' : '● '}</span>{STATE_TEXT[state]}</>}
    </span>
  );
}

/** "12 / 200 Zeichen", and a German message once the text is longer than allowed. */
export function lengthMessage(label: string, text: string, max: number): string | null {
  const n = [...text].length;
  return n > max ? `${label}: höchstens ${max.toLocaleString('de-DE')} Zeichen – ${(n - max).toLocaleString('de-DE')} zu viel. Bitte kürzen; es wird nichts abgeschnitten.` : null;
}

export interface TextFieldProps {
  label: string;
  value: string;
  save: (v: string) => Promise<unknown>;
  max: number;
  required?: boolean;
  /** Shows "n / max Zeichen" all the time (otherwise from 90 % of the limit on). */
  counter?: boolean;
  multiline?: boolean;
  rows?: number;
  hint?: ReactNode;
  className?: string;
  placeholder?: string;
  /** Extra check before saving (German message or null). */
  validate?: (v: string) => string | null;
  inputMode?: 'numeric' | 'decimal' | 'text';
  size?: number;
  id?: string;
}

export function TextField({ label, value, save, max, required, counter, multiline, rows = 3, hint, className, placeholder, validate, inputMode, size, id: givenId }: TextFieldProps) {
  const autoId = useId();
  const id = givenId ?? autoId;
  const { attach, ...f } = useAutoSave<string>({
    value, label, save,
    validate: (v) => (required && !v.trim() ? `Bitte ${label} angeben.` : null) ?? lengthMessage(label, v, max) ?? validate?.(v) ?? null,
  });
  const length = [...f.draft].length;
  const showCounter = counter || length >= max * 0.9;
  const over = length > max;
  const describedBy = [hint ? `${id}-h` : '', showCounter ? `${id}-c` : '', f.error ? `${id}-e` : '', `${id}-s`].filter(Boolean).join(' ');
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement | HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && (!multiline || e.ctrlKey || e.metaKey)) { e.preventDefault(); void f.commit(); }
  };
  const common = {
    id, value: f.draft, placeholder,
    onChange: (e: { target: { value: string } }) => f.setDraft(e.target.value),
    onBlur: () => { void f.commit(); },
    onKeyDown,
    'aria-describedby': describedBy,
    'aria-invalid': f.error ? true : undefined,
    'aria-required': required ? true : undefined,
    'data-save-state': f.state,
  };
  return (
    <div className={`field auto-field ${f.dirty ? 'is-dirty' : ''} ${className ?? ''}`.trim()}>
      <div className="field-label-row">
        <label htmlFor={id}>{label}{required ? <> <span className="req">(Pflichtfeld)</span></> : null}</label>
        <SaveStateText state={f.state} id={`${id}-s`} />
      </div>
      {multiline
        ? <textarea {...common} rows={rows} ref={attach} />
        : <input {...common} inputMode={inputMode} size={size} ref={attach} />}
      {hint ? <p id={`${id}-h`} className="hint">{hint}</p> : null}
      {showCounter ? <p id={`${id}-c`} className={`counter ${over ? 'over' : ''}`}>{length.toLocaleString('de-DE')} / {max.toLocaleString('de-DE')} Zeichen{over ? ' – zu lang' : ''}</p> : null}
      {f.error ? <p id={`${id}-e`} className="field-error" role="alert">{f.error}</p> : null}
    </div>
  );
}

export interface ChoiceOption { value: string; label: string }

/** A choice that saves as soon as it is changed. */
export function SelectField({ label, value, options, save, className }: {
  label: string; value: string; options: ChoiceOption[]; save: (v: string) => Promise<unknown>; className?: string;
}) {
  const id = useId();
  const { attach, ...f } = useAutoSave<string>({ value, label, save });
  return (
    <div className={`field auto-field ${className ?? ''}`.trim()}>
      <div className="field-label-row">
        <label htmlFor={id}>{label}</label>
        <SaveStateText state={f.state} id={`${id}-s`} />
      </div>
      <select id={id} value={f.draft} aria-describedby={f.error ? `${id}-s ${id}-e` : `${id}-s`}
        ref={attach}
        onChange={(e) => { const v = e.target.value; f.setDraft(v); void f.commit(v); }}>
        {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
      {f.error ? <p id={`${id}-e`} className="field-error" role="alert">{f.error}</p> : null}
    </div>
  );
}
