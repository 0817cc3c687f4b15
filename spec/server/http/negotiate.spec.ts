import { expect } from 'chai';
import { isApiError } from '../../../lib/core/index.js';
import { negotiateOutput, wantsPretty } from '../../../lib/server/http/negotiate.js';

describe('negotiateOutput', () => {
  it('should pick the first range the server can produce', () => {
    expect(negotiateOutput(undefined)).to.deep.equal({ yaml: false, as: 'object' });
    expect(negotiateOutput('application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json')).to.deep.equal({ yaml: false, as: 'table' });
    expect(negotiateOutput('application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1')).to.deep.equal({ yaml: false, as: 'metadata' });
    expect(negotiateOutput('application/vnd.kubernetes.protobuf, application/json')).to.deep.equal({ yaml: false, as: 'object' });
    expect(negotiateOutput('application/yaml')).to.deep.equal({ yaml: true, as: 'object' });
    expect(negotiateOutput('*/*')).to.deep.equal({ yaml: false, as: 'object' });
  });

  it('should answer 406 when nothing can be produced', () => {
    let error: unknown;
    try {
      negotiateOutput('text/html');
    } catch (e) {
      error = e;
    }
    expect(isApiError(error) && error.status.code).to.equal(406);
  });
});

describe('wantsPretty', () => {
  it('should follow pretty=, else curl, wget and browsers', () => {
    expect(wantsPretty(new URLSearchParams('pretty=false'), 'curl/8')).to.equal(false);
    expect(wantsPretty(new URLSearchParams('pretty'), 'kubectl')).to.equal(true);
    expect(wantsPretty(new URLSearchParams(), 'Wget/1.2')).to.equal(true);
    expect(wantsPretty(new URLSearchParams(), 'kubectl/v1.32')).to.equal(false);
  });
});
