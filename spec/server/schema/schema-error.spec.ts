// Specs for SchemaError.
import { expect } from 'chai';
import { isKubeError } from '../../../lib/core/index.js';
import { isSchemaError, SchemaError } from '../../../lib/server/schema/schema-error.js';

describe('SchemaError', () => {
  it('should carry its causes and list them in the message', () => {
    const error = new SchemaError('NotStructural', 'Widget.example.com', [{ reason: 'FieldValueRequired', message: 'Required value: must not be empty at the root', field: 'openAPIV3Schema.type' }]);
    expect(error.name).to.equal('SchemaError');
    expect(error.causes).to.have.length(1);
    expect(error.message).to.equal('the schema of Widget.example.com is not structural: openAPIV3Schema.type: Required value: must not be empty at the root');
    expect(isSchemaError(error) && isKubeError(error)).to.equal(true);
  });
});
