import { expect } from 'chai';
import { formatFieldError } from '../../../lib/server/errors/field-error.js';
import { validateObjectMeta, validateObjectMetaUpdate } from '../../../lib/server/objects/validate-object-meta.js';

const messages = (errors: ReturnType<typeof validateObjectMeta>) => errors.map(formatFieldError);

describe('validateObjectMeta', () => {
  it('should accept a valid object', () => {
    expect(validateObjectMeta({ name: 'web-1', labels: { 'app.kubernetes.io/name': 'web' }, annotations: { note: 'x' }, finalizers: ['example.com/f'] }, 'subdomain')).to.deep.equal([]);
  });

  it('should word name errors as apimachinery does', () => {
    expect(messages(validateObjectMeta({ name: 'Web' }, 'subdomain'))[0]).to.match(/^metadata\.name: Invalid value: "Web": a lowercase RFC 1123 subdomain must consist of/);
    expect(messages(validateObjectMeta({ name: 'a.b' }, 'label'))[0]).to.match(/^metadata\.name: Invalid value: "a\.b": a lowercase RFC 1123 label/);
    expect(messages(validateObjectMeta({}, 'subdomain'))).to.deep.equal(['metadata.name: Required value: name or generateName is required']);
  });

  it('should refuse bad labels, orphan with foreground, and two controllers', () => {
    const errors = messages(
      validateObjectMeta(
        {
          name: 'x',
          labels: { app: 'bad value' },
          finalizers: ['orphan', 'foregroundDeletion'],
          ownerReferences: [
            { apiVersion: 'v1', kind: 'A', name: 'a', uid: '1', controller: true },
            { apiVersion: 'v1', kind: 'B', name: 'b', uid: '2', controller: true },
          ],
        },
        'subdomain',
      ),
    );
    expect(errors[0]).to.match(/^metadata\.labels: Invalid value: "bad value": a valid label must be an empty string/);
    expect(errors).to.include('metadata.finalizers: Invalid value: []string{"orphan", "foregroundDeletion"}: finalizer orphan and foregroundDeletion cannot be both set');
    expect(errors.some((e) => e.includes('Only one reference can have Controller set to true. Found "true" in references for A/a and B/b'))).to.equal(true);
  });
});

describe('validateObjectMetaUpdate', () => {
  it('should refuse a changed uid and new finalizers on a terminating object', () => {
    const errors = validateObjectMetaUpdate({ uid: 'new', finalizers: ['a', 'b'] }, { uid: 'old', finalizers: ['a'], deletionTimestamp: '2024-01-01T00:00:00Z' }).map(formatFieldError);
    expect(errors).to.deep.equal([
      'metadata.uid: Invalid value: "new": field is immutable',
      'metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{"b"}',
    ]);
  });
});
