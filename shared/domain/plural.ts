// German counts: "1 Maßnahme", "2 Maßnahmen", "1 Idee", "2 Ideen" — never "1 Maßnahmen".

/** "1 Maßnahme" / "3 Maßnahmen". */
export function countOf(n: number, one: string, many: string): string {
  return `${n.toLocaleString('de-DE')} ${n === 1 ? one : many}`;
}

/** Status labels that are nouns and change with the count; the others are adjectives ("2 beschlossen"). */
const STATUS_PLURALS: Record<string, string> = { Idee: 'Ideen' };

/** "1 Idee", "2 Ideen", "3 in Planung". */
export function statusCount(n: number, label: string): string {
  return countOf(n, label, STATUS_PLURALS[label] ?? label);
}
