// Tells the region tree that a region changed (e.g. renamed) so it can refresh that branch.
const EVENT = 'shequ:region-changed';

export function announceRegionChanged(code: string): void {
  window.dispatchEvent(new CustomEvent<string>(EVENT, { detail: code }));
}

export function onRegionChanged(handler: (code: string) => void): () => void {
  const listener = (e: Event) => handler((e as CustomEvent<string>).detail);
  window.addEventListener(EVENT, listener);
  return () => window.removeEventListener(EVENT, listener);
}
