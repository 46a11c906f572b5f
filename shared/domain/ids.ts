// Stable random ids (text), so two copies of a plan can later be compared and merged.
// shared/ has neither DOM nor Node types; both hosts provide Web Crypto on globalThis.
declare const crypto: { randomUUID(): string };

export function newId(): string {
  return crypto.randomUUID();
}
