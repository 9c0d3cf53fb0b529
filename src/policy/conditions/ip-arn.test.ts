import assert from 'node:assert/strict';
import { test } from 'node:test';
import { failures, type Row } from './condition-test-kit.ts';
import { parseAddress, parseCidr } from './ip.ts';

const IP = 'aws:SourceIp';

test('IpAddress / NotIpAddress: IPv4 and IPv6 CIDRs, bare addresses, NOR for the negation', () => {
  const rows: Row[] = [
    ['IpAddress', IP, '10.0.0.0/8', '10.20.30.40', true],
    ['IpAddress', IP, '10.0.0.0/8', '11.0.0.1', false],
    ['IpAddress', IP, '203.0.113.0/24', '203.0.113.255', true],
    ['IpAddress', IP, '203.0.113.7/24', '203.0.113.1', true],
    ['IpAddress', IP, '203.0.113.7', '203.0.113.7', true],
    ['IpAddress', IP, '203.0.113.7', '203.0.113.8', false],
    ['IpAddress', IP, '0.0.0.0/0', '198.51.100.1', true],
    ['IpAddress', IP, ['10.20.0.0/16', '192.168.1.0/24'], '192.168.1.77', true],
    ['IpAddress', IP, '2001:DB8:1234:5678::/64', '2001:db8:1234:5678:abcd::1', true],
    ['IpAddress', IP, '2001:DB8:1234:5678::/64', '2001:db8:1234:5679::1', false],
    ['IpAddress', IP, '2001:db8::/32', '2001:db8:ffff::1', true],
    ['IpAddress', IP, '::/0', '2001:db8::1', true],
    ['IpAddress', IP, '::/0', '10.0.0.1', false],
    ['IpAddress', IP, '10.0.0.0/8', '2001:db8::1', false],
    ['IpAddress', IP, '10.0.0.0/8', '::ffff:10.1.2.3', true],
    ['IpAddress', IP, '10.0.0.0/8', 'not-an-ip', false],
    ['IpAddress', IP, '10.0.0.0/8', '10.0.0', false],
    ['IpAddress', IP, '10.0.0.0/8', '010.0.0.1', false],
    ['IpAddress', IP, 'garbage', '10.0.0.1', false],
    ['IpAddress', IP, '10.0.0.0/33', '10.0.0.1', false],
    ['IpAddress', IP, '10.0.0.0/8', undefined, false],
    ['NotIpAddress', IP, '10.0.0.0/8', '11.0.0.1', true],
    ['NotIpAddress', IP, ['10.0.0.0/8', '192.168.0.0/16'], '192.168.3.3', false],
    ['NotIpAddress', IP, '10.0.0.0/8', undefined, true],
    ['IpAddressIfExists', IP, '10.0.0.0/8', undefined, true],
    ['NotIpAddressIfExists', IP, '10.0.0.0/8', '10.0.0.1', false],
  ];
  assert.deepEqual(failures(rows), []);
});

test('address and CIDR parsing', () => {
  assert.deepEqual(parseAddress('10.1.2.3')?.words, [0, 0, 0, 0x0a010203]);
  assert.deepEqual(parseAddress('255.255.255.255')?.words, [0, 0, 0, 0xffffffff]);
  assert.equal(parseAddress('256.1.1.1'), undefined);
  assert.equal(parseAddress('1.2.3.4.5'), undefined);
  assert.equal(parseAddress('1..3.4'), undefined);
  assert.deepEqual(parseAddress('2001:db8::1')?.words, [0x20010db8, 0, 0, 1]);
  assert.equal(parseCidr('10.0.0.0/x'), undefined);
  assert.deepEqual(parseCidr('10.1.2.3/16')?.words, [0, 0, 0, 0x0a010000]);
});

test('ArnEquals / ArnLike (same behaviour) and their negations: six fields, case-sensitive', () => {
  const A = 'aws:PrincipalArn';
  const rows: Row[] = [
    ['ArnLike', A, 'arn:aws:iam::123456789012:role/*', 'arn:aws:iam::123456789012:role/admin', true],
    ['ArnEquals', A, 'arn:aws:iam::123456789012:role/*', 'arn:aws:iam::123456789012:role/admin', true],
    ['ArnEquals', A, 'arn:aws:iam::123456789012:role/admin', 'arn:aws:iam::123456789012:role/Admin', false],
    ['ArnLike', A, 'arn:aws:iam::*:role/admin', 'arn:aws:iam::999999999999:role/admin', true],
    ['ArnLike', A, 'arn:aws:iam::?23456789012:*', 'arn:aws:iam::123456789012:user/x', true],
    [
      'ArnLike',
      'aws:SourceArn',
      'arn:aws:someservice:*:111122223333:finance/*',
      'arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt',
      false,
    ],
    [
      'StringLike',
      'aws:SourceArn',
      'arn:aws:someservice:*:111122223333:finance/*',
      'arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt',
      true,
    ],
    ['ArnLike', A, 'arn:aws:iam::*:role/*', 'not-an-arn', false],
    ['ArnNotLike', A, 'arn:aws:iam::*:role/admin', 'arn:aws:iam::1:role/dev', true],
    ['ArnNotEquals', A, ['arn:aws:iam::1:role/a', 'arn:aws:iam::1:role/b'], 'arn:aws:iam::1:role/b', false],
    ['ArnNotLike', A, 'arn:aws:iam::*:role/admin', undefined, true],
    ['ArnLike', A, 'arn:aws:iam::*:role/admin', undefined, false],
    ['ArnLikeIfExists', A, 'arn:aws:iam::*:role/admin', undefined, true],
  ];
  assert.deepEqual(failures(rows), []);
});
