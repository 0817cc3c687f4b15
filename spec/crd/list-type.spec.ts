// Specs for listSet, listMap, listAtomic and mapAtomic: the list/map topology markers.
import { expect } from 'chai';
import { isCrdError, listAtomic, listMap, listSet, mapAtomic, toStructural, type JSONSchemaType } from '../../lib/crd/index.js';

interface Port { name: string; port: number }
const port: JSONSchemaType<Port> = { type: 'object', properties: { name: { type: 'string' }, port: { type: 'integer' } }, required: ['name', 'port'] };

describe('listSet', () => {
  it('should mark a scalar list as a set', () => {
    expect(toStructural(listSet({ type: 'string' }, { maxItems: 5 }))).to.deep.equal({ type: 'array', items: { type: 'string' }, 'x-kubernetes-list-type': 'set', maxItems: 5 });
  });

  it('should accept atomic objects as set items and refuse granular ones', () => {
    const atomicItems = { type: 'array', items: mapAtomic(port), 'x-kubernetes-list-type': 'set' };
    expect(toStructural(atomicItems).items?.['x-kubernetes-map-type']).to.equal('atomic');
    try {
      toStructural({ ...atomicItems, items: port });
      expect.fail('expected a CrdError');
    } catch (error) {
      expect(isCrdError(error) && error.message).to.equal('[*]: must be atomic as item of a list with x-kubernetes-list-type=set (or use listMap with keys)');
    }
  });
});

describe('listMap', () => {
  it('should mark a list of objects as a map keyed by required fields', () => {
    expect(toStructural(listMap(port, ['name', 'port']))).to.deep.equal({
      type: 'array',
      items: { type: 'object', properties: { name: { type: 'string' }, port: { type: 'integer' } }, required: ['name', 'port'] },
      'x-kubernetes-list-type': 'map',
      'x-kubernetes-list-map-keys': ['name', 'port'],
    });
  });
});

describe('listAtomic', () => {
  it('should mark a list atomic', () => {
    expect(toStructural(listAtomic<number>({ type: 'integer' }))).to.deep.equal({ type: 'array', items: { type: 'integer' }, 'x-kubernetes-list-type': 'atomic' });
  });
});

describe('mapAtomic', () => {
  it('should mark an object atomic', () => {
    expect(toStructural(mapAtomic(port))['x-kubernetes-map-type']).to.equal('atomic');
  });
});
