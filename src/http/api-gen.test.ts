// The web client's API types (web/src/api.gen.ts) are generated from this server's OpenAPI document:
// a route schema changed without `npm run gen:api` fails here, so it fails CI.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GENERATED_FILE, generateApiTypes } from '../../scripts/gen-api.js';

describe('web/src/api.gen.ts', () => {
  it('is what `npm run gen:api` writes from the current routes (run npm run gen:api)', async () => {
    const fresh = await generateApiTypes();
    const committed = readFileSync(GENERATED_FILE, 'utf8');
    // a plain equality: on a mismatch, name the first differing line instead of printing 15,000
    const a = committed.split('\n');
    const b = fresh.split('\n');
    const first = a.findIndex((line, i) => line !== b[i]);
    const where = first === -1 ? (a.length === b.length ? null : Math.min(a.length, b.length) + 1) : first + 1;
    expect(
      where === null
        ? null
        : `web/src/api.gen.ts is out of date from line ${where} (committed: ${JSON.stringify(a[where - 1])}, now: ${JSON.stringify(b[where - 1])}); run npm run gen:api`,
    ).toBeNull();
  }, 60_000);
});
