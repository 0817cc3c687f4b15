import { expect } from 'chai';
import { isApiError } from '../../../lib/core/index.js';
import { negotiateErrorMedia, negotiateOutput, wantsPretty } from '../../../lib/server/http/negotiate.js';

describe('negotiateOutput', () => {
  const pick = (header: string | undefined, options = {}) => {
    const { media, as } = negotiateOutput(header, options);
    return `${media} ${as}`;
  };

  it('should pick the first range the server can produce', () => {
    expect(pick(undefined)).to.equal('json object');
    expect(pick('application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json')).to.equal('json table');
    expect(pick('application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1')).to.equal('json metadata');
    expect(pick('application/yaml')).to.equal('yaml object');
    expect(pick('*/*')).to.equal('json object');
    expect(pick('application/*')).to.equal('json object');
  });

  it('should answer protobuf for built-in kinds, as kubectl and client-go ask for it', () => {
    expect(pick('application/vnd.kubernetes.protobuf')).to.equal('protobuf object');
    expect(pick('application/vnd.kubernetes.protobuf,application/json')).to.equal('protobuf object');
    expect(pick('application/vnd.kubernetes.protobuf, */*')).to.equal('protobuf object');
    expect(pick('application/vnd.kubernetes.protobuf;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json')).to.equal('protobuf metadata');
  });

  it('should fall back to JSON where kube-apiserver does: custom resources and Tables', () => {
    expect(pick('application/vnd.kubernetes.protobuf,application/json', { protobuf: false })).to.equal('json object');
    expect(pick('application/vnd.kubernetes.protobuf;as=PartialObjectMetadata;g=meta.k8s.io;v=v1', { protobuf: false })).to.equal('protobuf metadata');
    // A Table is never protobuf: the next acceptable clause (a plain list here) wins.
    expect(pick('application/vnd.kubernetes.protobuf;as=Table;v=v1;g=meta.k8s.io, application/json')).to.equal('json object');
  });

  it("should order clauses by q, then concreteness, as goautoneg does", () => {
    expect(pick('application/json;q=0.5, application/vnd.kubernetes.protobuf')).to.equal('protobuf object');
    expect(pick('application/vnd.kubernetes.protobuf;q=0.1, application/json')).to.equal('json object');
    expect(pick('*/*, application/yaml')).to.equal('yaml object');
    expect(pick('application/yaml;q=0.9, application/json;q=0.9')).to.equal('yaml object');
    expect(pick('application/yaml;q=bad, application/json;q=0.001')).to.equal('json object');
  });

  it('should refuse YAML, stream parameters other than watch and server versions for watches', () => {
    expect(pick('application/yaml, application/json', { stream: true })).to.equal('json object');
    expect(pick('application/vnd.kubernetes.protobuf;stream=watch', { stream: true })).to.equal('protobuf object');
    expect(pick('application/json;stream=other, application/yaml')).to.equal('yaml object');
    expect(pick('application/json;sv=v1, application/yaml')).to.equal('yaml object');
  });

  it('should answer 406 naming the media types when nothing can be produced', () => {
    const message = (header: string, options = {}): unknown => {
      try {
        negotiateOutput(header, options);
      } catch (error) {
        return isApiError(error) ? [error.status.code, error.status.message] : error;
      }
      return 'produced';
    };
    expect(message('text/html')).to.deep.equal([406, 'only the following media types are accepted: application/json, application/yaml, application/vnd.kubernetes.protobuf']);
    expect(message('application/vnd.kubernetes.protobuf', { protobuf: false })).to.deep.equal([
      406,
      'only the following media types are accepted: application/json, application/yaml, application/vnd.kubernetes.protobuf',
    ]);
    expect(message('application/yaml', { stream: true })).to.deep.equal([
      406,
      'only the following media types are accepted: application/json;stream=watch, application/vnd.kubernetes.protobuf;stream=watch',
    ]);
    expect(message('application/vnd.kubernetes.protobuf;as=Table;v=v1;g=meta.k8s.io')).to.deep.equal([
      406,
      'only the following media types are accepted: application/json, application/yaml, application/vnd.kubernetes.protobuf',
    ]);
  });
});

describe('negotiateErrorMedia', () => {
  it('should write Status in the accepted media type without conversions, JSON when nothing matches', () => {
    expect(negotiateErrorMedia('application/vnd.kubernetes.protobuf, application/json')).to.equal('protobuf');
    expect(negotiateErrorMedia('application/yaml')).to.equal('yaml');
    expect(negotiateErrorMedia('application/vnd.kubernetes.protobuf;as=Table;v=v1;g=meta.k8s.io')).to.equal('json');
    expect(negotiateErrorMedia('text/html')).to.equal('json');
    expect(negotiateErrorMedia(undefined)).to.equal('json');
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
