import { expect } from 'chai';
import { CUSTOM_MESSAGE_NAMES } from '../../../lib/server/protobuf/custom-messages.js';
import { allMessageTypes, kindMessageType, messageType } from '../../../lib/server/protobuf/message-table.js';

describe('message table', () => {
  it('should find the message of a kind by apiVersion and kind', () => {
    expect(kindMessageType('v1', 'Pod')?.fullName).to.equal('k8s.io.api.core.v1.Pod');
    expect(kindMessageType('apps/v1', 'DeploymentList')?.fullName).to.equal('k8s.io.api.apps.v1.DeploymentList');
    expect(kindMessageType('apiextensions.k8s.io/v1', 'CustomResourceDefinition')?.fullName).to.equal(
      'k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinition',
    );
    expect(kindMessageType('meta.k8s.io/v1', 'PartialObjectMetadataList')?.fullName).to.equal('k8s.io.apimachinery.pkg.apis.meta.v1.PartialObjectMetadataList');
  });

  it('should find Status, WatchEvent and the option kinds under any group version, as the scheme registers them', () => {
    expect(kindMessageType('v1', 'Status')?.fullName).to.equal('k8s.io.apimachinery.pkg.apis.meta.v1.Status');
    expect(kindMessageType('apps/v1', 'DeleteOptions')?.fullName).to.equal('k8s.io.apimachinery.pkg.apis.meta.v1.DeleteOptions');
    expect(kindMessageType('batch/v1', 'WatchEvent')?.fullName).to.equal('k8s.io.apimachinery.pkg.apis.meta.v1.WatchEvent');
  });

  it('should serve meta.k8s.io/v1beta1 metadata: its own list message, and the PartialObjectMetadata alias of v1', () => {
    const list = kindMessageType('meta.k8s.io/v1beta1', 'PartialObjectMetadataList');
    expect(list?.wireOrder.map((f) => [f.number, f.json])).to.deep.equal([
      [1, 'items'],
      [2, 'metadata'],
    ]);
    expect(kindMessageType('meta.k8s.io/v1beta1', 'PartialObjectMetadata')?.fullName).to.equal('k8s.io.apimachinery.pkg.apis.meta.v1.PartialObjectMetadata');
  });

  it('should have no message for custom resources, Table, or served-nowhere versions', () => {
    expect(kindMessageType('example.com/v1', 'Widget')).to.equal(undefined);
    expect(kindMessageType('meta.k8s.io/v1', 'Table')).to.equal(undefined);
    expect(kindMessageType('apps/v1beta1', 'Deployment')).to.equal(undefined);
  });

  it('should give a JSON form to exactly the messages whose Go types marshal their own JSON', () => {
    const custom = [...allMessageTypes()].filter((t) => t.form === 'custom').map((t) => t.fullName);
    expect(new Set(custom)).to.deep.equal(CUSTOM_MESSAGE_NAMES);
  });

  it('should carry the Go facts: pointers, value structs, inlined structs, byte maps, wire order', () => {
    const meta = messageType('k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta');
    const field = (name: string) => meta?.fields.find((f) => f.json === name);
    expect(field('deletionTimestamp')).to.include({ number: 9, nilable: true, omitempty: true });
    expect(field('creationTimestamp')).to.include({ number: 8, nilable: false });
    expect(field('labels')).to.include({ map: true, scalar: 'string' });
    const volume = messageType('k8s.io.api.core.v1.Volume');
    expect(volume?.fields.map((f) => [f.number, f.json, f.inline])).to.deep.equal([
      [1, 'name', false],
      [2, '', true],
    ]);
    const secret = messageType('k8s.io.api.core.v1.Secret');
    expect(secret?.fields.find((f) => f.json === 'data')).to.include({ map: true, scalar: 'bytes' });
    expect(secret?.fields.map((f) => f.json)).to.deep.equal(['metadata', 'immutable', 'data', 'stringData', 'type']);
    expect(secret?.wireOrder.map((f) => f.number)).to.deep.equal([1, 2, 3, 4, 5]);
  });
});
