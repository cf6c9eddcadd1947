/** Escapes LIKE wildcards so user text matches literally (`%` and `_` are not patterns). */
export const escapeLike = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);
