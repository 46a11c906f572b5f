import type { ReactNode } from 'react';

/** A message that something failed; screen readers announce it at once. */
export function ErrorAlert({ message, id }: { message: string | null | undefined; id?: string }) {
  if (!message) return null;
  return (
    <div role="alert" className="alert" id={id}>
      {message}
    </div>
  );
}

/** A polite live region for confirmations ("Gespeichert."); always present so updates are announced. */
export function StatusLine({ children, className }: { children?: ReactNode; className?: string }) {
  return <div role="status" className={`status ${className ?? ''}`.trim()}>{children}</div>;
}
