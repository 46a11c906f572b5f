// Money is integer cents everywhere; these are the only places that turn cents
// into text or text into cents. No floating point touches an amount.

const groupFormat = new Intl.NumberFormat('de-DE', { maximumFractionDigits: 0, useGrouping: true });

/** 123456 -> "1.234,56 €" */
export function formatCents(cents: number, opts: { symbol?: boolean } = {}): string {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`not an integer amount of cents: ${cents}`);
  const negative = cents < 0;
  const abs = Math.abs(cents);
  const euros = Math.trunc(abs / 100);
  const rest = abs % 100;
  const text = `${negative ? '−' : ''}${groupFormat.format(euros)},${String(rest).padStart(2, '0')}`;
  return opts.symbol === false ? text : `${text} €`;
}

/** 123456 -> "1.235 €" (rounded half up to whole euros, for dense tables) */
export function formatEuros(cents: number): string {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`not an integer amount of cents: ${cents}`);
  const negative = cents < 0;
  const euros = Math.trunc((Math.abs(cents) + 50) / 100);
  return `${negative && euros > 0 ? '−' : ''}${groupFormat.format(euros)} €`;
}

/**
 * Parses a German amount typed by a user ("1.234,56", "1234,5", "1234 €", "1 234")
 * into integer cents. Returns null when the text is not an amount.
 */
export function parseEuroToCents(input: string): number | null {
  let s = input.trim().replace(/\s*€\s*$/u, '').replace(/[\s\u00a0\u202f]/gu, '');
  if (s === '') return null;
  let sign = 1;
  if (s.startsWith('-') || s.startsWith('−')) { sign = -1; s = s.slice(1); }
  const m = /^(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d{1,2}))?$/u.exec(s);
  if (!m) return null;
  const euros = Number(m[1].replaceAll('.', ''));
  const cents = m[2] === undefined ? 0 : Number(m[2].padEnd(2, '0'));
  const value = sign * (euros * 100 + cents);
  return Number.isSafeInteger(value) ? value : null;
}

export function sumCents(values: Iterable<number>): number {
  let total = 0;
  for (const v of values) total += v;
  if (!Number.isSafeInteger(total)) throw new RangeError('sum of cents exceeds the safe integer range');
  return total;
}
