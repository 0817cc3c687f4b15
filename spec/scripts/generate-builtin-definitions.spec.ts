// Checks that the committed built-in definitions table matches Kubernetes 1.32's OpenAPI documents and Go types (read from the Go module cache).
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { DEFINITIONS_FILE, generateBuiltinDefinitions } from '../../scripts/generate-builtin-definitions.js';

describe('generateBuiltinDefinitions', function () {
  this.timeout(60_000);
  it('should reproduce the committed lib/server/openapi/builtin-definitions-data.ts (run npm run generate:definitions)', () => {
    expect(readFileSync(DEFINITIONS_FILE, 'utf8') === generateBuiltinDefinitions()).to.equal(true);
  });
});
