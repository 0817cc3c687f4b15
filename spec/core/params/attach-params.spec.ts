// Checks exec/attach stream selection and port-forward ports.
import { expect } from 'chai';
import { resolveAttachParams, validateAttachParams, validatePorts } from '../../../lib/core/params/attach-params.js';
import { requestBuildError } from '../../helpers/errors.js';

describe('resolveAttachParams', () => {
  it('should default to stdout and stderr without a terminal', () => {
    expect(resolveAttachParams({})).to.deep.equal({ stdin: false, stdout: true, stderr: true, tty: false });
  });

  it('should default stderr off with a terminal, which merges it into stdout', () => {
    expect(resolveAttachParams({ tty: true, stdin: true })).to.deep.equal({ stdin: true, stdout: true, stderr: false, tty: true });
  });

  it('should keep explicit choices', () => {
    expect(resolveAttachParams({ stdin: true, stdout: false, stderr: false })).to.deep.equal({ stdin: true, stdout: false, stderr: false, tty: false });
  });
});

describe('validateAttachParams', () => {
  it('should accept the defaults, an interactive terminal and stdin only', () => {
    expect(() => validateAttachParams({})).to.not.throw();
    expect(() => validateAttachParams({ stdin: true, tty: true })).to.not.throw();
    expect(() => validateAttachParams({ stdin: true, stdout: false, stderr: false })).to.not.throw();
  });

  it('should refuse no streams at all', () => {
    const error = requestBuildError(() => validateAttachParams({ stdin: false, stdout: false, stderr: false }));
    expect([error.reason, error.field]).to.deep.equal(['InvalidParams', 'AttachParams']);
  });

  it('should refuse a terminal with stderr', () => {
    const error = requestBuildError(() => validateAttachParams({ tty: true, stderr: true }));
    expect([error.reason, error.field]).to.deep.equal(['InvalidParams', 'AttachParams.stderr']);
  });
});

describe('validatePorts', () => {
  it('should accept 1 to 128 distinct ports within 1-65535', () => {
    expect(() => validatePorts([80])).to.not.throw();
    expect(() => validatePorts([1, 65535])).to.not.throw();
    expect(() => validatePorts(Array.from({ length: 128 }, (_, i) => 1000 + i))).to.not.throw();
  });

  it('should refuse no ports and more than 128', () => {
    expect(requestBuildError(() => validatePorts([])).field).to.equal('ports');
    expect(requestBuildError(() => validatePorts(Array.from({ length: 129 }, (_, i) => 1000 + i))).field).to.equal('ports');
  });

  it('should name the port out of range', () => {
    expect(requestBuildError(() => validatePorts([80, 0])).field).to.equal('ports[1]');
    expect(requestBuildError(() => validatePorts([65536])).field).to.equal('ports[0]');
    expect(requestBuildError(() => validatePorts([80, 8.5])).field).to.equal('ports[1]');
  });

  it('should refuse a repeated port', () => {
    const error = requestBuildError(() => validatePorts([80, 443, 80]));
    expect([error.reason, error.field]).to.deep.equal(['InvalidParams', 'ports']);
  });
});
