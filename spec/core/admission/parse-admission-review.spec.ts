import { expect } from 'chai';
import { admissionReviewResponse, allowed, isAdmissionError, parseAdmissionReview } from '../../../lib/core/index.js';

const body = {
  apiVersion: 'admission.k8s.io/v1',
  kind: 'AdmissionReview',
  request: {
    uid: 'u-1',
    kind: { group: '', version: 'v1', kind: 'Pod' },
    resource: { group: '', version: 'v1', resource: 'pods' },
    operation: 'CREATE',
    userInfo: { username: 'admin' },
    object: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' } },
    oldObject: null,
    dryRun: false,
  },
};

function reason(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return isAdmissionError(error) ? `${error.reason}: ${error.message}` : String(error);
  }
  return undefined;
}

describe('parseAdmissionReview', () => {
  it('should read a v1 and a v1beta1 review', () => {
    expect(parseAdmissionReview(body).request.object).to.deep.equal(body.request.object);
    expect(parseAdmissionReview({ ...body, apiVersion: 'admission.k8s.io/v1beta1' }).apiVersion).to.equal('admission.k8s.io/v1beta1');
  });

  it('should refuse what is not an AdmissionReview request, saying why', () => {
    expect(reason(() => parseAdmissionReview([]))).to.equal('MalformedReview: malformed AdmissionReview: the body is not a JSON object');
    expect(reason(() => parseAdmissionReview({ ...body, apiVersion: 'v1' }))).to.equal('MalformedReview: malformed AdmissionReview: unsupported apiVersion "v1"');
    expect(reason(() => parseAdmissionReview({ ...body, request: undefined }))).to.equal('MalformedReview: malformed AdmissionReview: request is missing');
    expect(reason(() => parseAdmissionReview({ ...body, request: { ...body.request, uid: '' } }))).to.equal('MalformedReview: malformed AdmissionReview: request.uid is missing');
    expect(reason(() => parseAdmissionReview({ ...body, request: { ...body.request, operation: 'PATCH' } }))).to.equal(
      'MalformedReview: malformed AdmissionReview: request.operation "PATCH" is not one of CREATE, UPDATE, DELETE, CONNECT',
    );
    expect(reason(() => parseAdmissionReview({ ...body, request: { ...body.request, object: 'x' } }))).to.equal('MalformedReview: malformed AdmissionReview: request.object is not an object');
  });

  it("should answer in the request's version with the request's uid", () => {
    const review = parseAdmissionReview({ ...body, apiVersion: 'admission.k8s.io/v1beta1' });
    expect(admissionReviewResponse(review, allowed({ uid: 'something else' }))).to.deep.equal({
      apiVersion: 'admission.k8s.io/v1beta1',
      kind: 'AdmissionReview',
      response: { uid: 'u-1', allowed: true },
    });
  });
});
