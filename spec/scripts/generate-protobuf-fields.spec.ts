// Checks that the committed protobuf field table matches the generated.proto files and Go types it is read from.
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { generateProtobufFields, PROTOBUF_FIELDS_FILE } from '../../scripts/generate-protobuf-fields.js';

describe('generateProtobufFields', () => {
  it('should reproduce the committed lib/server/protobuf/protobuf-fields-data.ts (run npm run generate:protobuf)', function () {
    this.timeout(60_000);
    expect(readFileSync(PROTOBUF_FIELDS_FILE, 'utf8') === generateProtobufFields()).to.equal(true);
  });
});
