// The h1 of a view. After a change of view it takes the focus, so keyboard and screen reader
// users start at the top of the new content. Views that load first render a placeholder
// heading; the focus then waits for the real one.
import { useLayoutEffect, useRef, type ReactNode } from 'react';

let focusPending = false;

/** Called by the shell after the route changed. */
export function requestHeadingFocus(): void {
  const h = document.getElementById('main-heading');
  if (h && !h.hasAttribute('data-placeholder')) {
    focusPending = false;
    h.focus();
  } else {
    focusPending = true;
  }
}

export function ViewHeading({ children, placeholder }: { children: ReactNode; placeholder?: boolean }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useLayoutEffect(() => {
    if (!placeholder && focusPending) {
      focusPending = false;
      ref.current?.focus();
    }
  }, [placeholder]);
  return <h1 id="main-heading" tabIndex={-1} ref={ref} data-placeholder={placeholder ? '' : undefined}>{children}</h1>;
}
