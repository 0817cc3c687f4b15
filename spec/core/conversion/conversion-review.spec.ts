import { expect } from 'chai';
import { conversionFailed, conversionReviewResponse, converted, isAdmissionError, parseConversionReview } from '../../../lib/core/index.js';

const body = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'ConversionReview',
  request: {
    uid: 'c-1',
    desiredAPIVersion: 'example.com/v2',
    objects: [{ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' }, spec: { size: 1 } }],
  },
};

describe('ConversionReview', () => {
  it('should read a request and answer with the converted objects', () => {
    const review = parseConversionReview(body);
    const objects = review.request.objects.map((o) => ({ ...o, apiVersion: 'example.com/v2' }));
    expect(conversionReviewResponse(review, converted(review.request, objects))).to.deep.equal({
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'ConversionReview',
      response: { uid: 'c-1', result: { metadata: {}, status: 'Success' }, convertedObjects: objects },
    });
  });

  it('should answer a failure with its message', () => {
    expect(conversionFailed({ uid: 'c-1' }, 'no way from v1 to v9')).to.deep.equal({ uid: 'c-1', result: { metadata: {}, status: 'Failure', message: 'no way from v1 to v9' }, convertedObjects: [] });
  });

  it('should refuse answers kube-apiserver would refuse', () => {
    const review = parseConversionReview(body);
    for (const [objects, message] of [
      [[], 'conversion returned 0 objects, expected 1'],
      [review.request.objects, 'converted object 0 has apiVersion "example.com/v1", expected "example.com/v2"'],
    ] as const) {
      let caught: unknown;
      try {
        converted(review.request, objects);
      } catch (error) {
        caught = error;
      }
      expect(isAdmissionError(caught) && `${caught.reason}: ${caught.message}`).to.equal(`MalformedResponse: ${message}`);
    }
  });

  it('should refuse a body that is not a ConversionReview request', () => {
    let caught: unknown;
    try {
      parseConversionReview({ ...body, request: { uid: 'x' } });
    } catch (error) {
      caught = error;
    }
    expect(isAdmissionError(caught) && caught.message).to.equal('malformed ConversionReview: request.desiredAPIVersion is missing');
  });
});
