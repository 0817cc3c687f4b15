import { expect } from 'chai';
import { formatFieldError } from '../../../lib/server/errors/field-error.js';
import { validateCrd } from '../../../lib/server/crd/validate-crd.js';
import { widgetCrd } from '../../helpers/widget-crd.js';

describe('validateCrd', () => {
  it('should accept the widget CRD', () => {
    expect(validateCrd(widgetCrd())).to.deep.equal([]);
  });

  it('should require plural.group as the name, a dotted group and a scope', () => {
    const crd = widgetCrd();
    crd['metadata'].name = 'widgets.other.com';
    crd['spec'].group = 'nodots';
    delete crd['spec'].scope;
    const errors = validateCrd(crd).map(formatFieldError);
    expect(errors).to.include('metadata.name: Invalid value: "widgets.other.com": must be spec.names.plural+"."+spec.group');
    expect(errors).to.include('spec.group: Invalid value: "nodots": should be a domain with at least one dot');
    expect(errors).to.include('spec.scope: Required value');
  });

  it('should require exactly one storage version and a schema per version', () => {
    const crd = widgetCrd();
    crd['spec'].versions[0].storage = false;
    delete crd['spec'].versions[1].schema;
    const errors = validateCrd(crd).map(formatFieldError);
    expect(errors.some((e) => e.endsWith('must have exactly one version marked as storage version'))).to.equal(true);
    expect(errors).to.include('spec.versions[1].schema.openAPIV3Schema: Required value: schemas are required');
  });
});
