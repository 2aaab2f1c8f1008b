import { describe, expect, it } from 'vitest';
import { generateApiTypes, readCheckedInApiTypes } from '../../scripts/gen-api-types.ts';

// The document does not depend on the database engine: checked once, on the PGlite project.
describe('web/src/api/schema.gen.ts', () => {
  it('matches the OpenAPI document the app serves', async () => {
    const [fresh, checkedIn] = await Promise.all([generateApiTypes(), readCheckedInApiTypes()]);
    const same = fresh === checkedIn;
    expect(
      same,
      'Типы API устарели: выполните npm run gen:api и закоммитьте web/src/api/schema.gen.ts ' +
        '(API types are stale: run npm run gen:api and commit web/src/api/schema.gen.ts)',
    ).toBe(true);
  });
});
