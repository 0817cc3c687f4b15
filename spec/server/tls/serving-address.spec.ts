import { expect } from 'chai';
import { networkInterfaces, hostname } from 'node:os';
import { servingAddress } from '../../../lib/server/tls/serving-address.js';

describe('servingAddress', () => {
  it('should keep loopback addresses on the process-wide certificate', () => {
    expect(servingAddress('127.0.0.1')).to.deep.equal({ urlHost: '127.0.0.1', certificateNames: undefined });
    expect(servingAddress('::1')).to.deep.equal({ urlHost: '[::1]', certificateNames: undefined });
    expect(servingAddress('localhost')).to.deep.equal({ urlHost: 'localhost', certificateNames: undefined });
  });

  it('should dial loopback for a wildcard and name every IPv4 interface address and the hostname', () => {
    const wildcard = servingAddress('0.0.0.0');
    expect(wildcard.urlHost).to.equal('127.0.0.1');
    const v4 = Object.values(networkInterfaces()).flatMap((l) => l ?? []).filter((e) => e.family === 'IPv4').map((e) => e.address);
    expect(wildcard.certificateNames).to.include.members(['127.0.0.1', '::1', 'localhost', hostname(), ...v4]);
    expect(servingAddress('::').urlHost).to.equal('[::1]');
  });

  it('should dial and name any other address or host', () => {
    expect(servingAddress('127.0.0.2')).to.deep.equal({ urlHost: '127.0.0.2', certificateNames: ['127.0.0.1', '::1', 'localhost', '127.0.0.2'] });
    expect(servingAddress('fd00::5').urlHost).to.equal('[fd00::5]');
    expect(servingAddress('[fd00::5]').certificateNames).to.include('fd00::5');
  });
});
