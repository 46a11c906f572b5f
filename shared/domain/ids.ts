// Stable random ids (text), so two copies of a plan can later be compared and merged.
export function newId(): string {
  return globalThis.crypto.randomUUID();
}
