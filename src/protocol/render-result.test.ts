import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderResult } from './render-result.ts';
import { renderError } from './render-error.ts';

const IAM_NS = 'https://iam.amazonaws.com/doc/2010-05-08/';
const META = '<ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata>';

test('renders the spec examples', () => {
  const cases: [string, string, Record<string, unknown> | undefined, string][] = [
    [
      'ListUsers',
      'iam',
      {
        IsTruncated: false,
        Users: [
          {
            Path: '/',
            UserName: 'bob',
            UserId: 'AIDAEXAMPLEEXAMPLE01',
            Arn: 'arn:aws:iam::123456789012:user/bob',
            CreateDate: new Date('2024-01-01T00:00:00Z'),
          },
        ],
      },
      `<ListUsersResponse xmlns="${IAM_NS}"><ListUsersResult><Users><member><Path>/</Path><UserName>bob</UserName><UserId>AIDAEXAMPLEEXAMPLE01</UserId><Arn>arn:aws:iam::123456789012:user/bob</Arn><CreateDate>2024-01-01T00:00:00Z</CreateDate></member></Users><IsTruncated>false</IsTruncated></ListUsersResult>${META}</ListUsersResponse>`,
    ],
    [
      'GetAccountSummary',
      'iam',
      { SummaryMap: { Users: 3, UsersQuota: 5000 } },
      `<GetAccountSummaryResponse xmlns="${IAM_NS}"><GetAccountSummaryResult><SummaryMap><entry><key>Users</key><value>3</value></entry><entry><key>UsersQuota</key><value>5000</value></entry></SummaryMap></GetAccountSummaryResult>${META}</GetAccountSummaryResponse>`,
    ],
    ['DeleteUser', 'iam', undefined, `<DeleteUserResponse xmlns="${IAM_NS}">${META}</DeleteUserResponse>`],
    [
      'ListUsers',
      'iam',
      undefined,
      `<ListUsersResponse xmlns="${IAM_NS}"><ListUsersResult><Users/><IsTruncated>false</IsTruncated></ListUsersResult>${META}</ListUsersResponse>`,
    ],
    [
      'GetCredentialReport',
      'iam',
      undefined,
      `<GetCredentialReportResponse xmlns="${IAM_NS}"><GetCredentialReportResult/>${META}</GetCredentialReportResponse>`,
    ],
    [
      'GetCallerIdentity',
      'sts',
      {
        Arn: 'arn:aws:iam::123456789012:user/Alice',
        UserId: 'AIDACKCEVSQ6C2EXAMPLE',
        Account: '123456789012',
      },
      `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><UserId>AIDACKCEVSQ6C2EXAMPLE</UserId><Account>123456789012</Account><Arn>arn:aws:iam::123456789012:user/Alice</Arn></GetCallerIdentityResult>${META}</GetCallerIdentityResponse>`,
    ],
  ];
  for (const [action, service, output, xml] of cases)
    assert.equal(renderResult(service as 'iam' | 'sts', action, output, 'req-1'), xml, action);
});

test('empty lists, absent optionals, escaping, timestamps with milliseconds, booleans', () => {
  const xml = renderResult(
    'iam',
    'ListUserTags',
    { Tags: [{ Key: 'a<b', Value: 'x & y\r\n' }], IsTruncated: true, Marker: undefined },
    'r',
  );
  assert.equal(
    xml.includes(
      '<Tags><member><Key>a&lt;b</Key><Value>x &amp; y&#13;\n</Value></member></Tags><IsTruncated>true</IsTruncated></ListUserTagsResult>',
    ),
    true,
    xml,
  );
  assert.match(
    renderResult('iam', 'ListUsers', { Users: [], IsTruncated: false }, 'r'),
    /<Users\/><IsTruncated>false<\/IsTruncated>/,
  );
  const user = {
    Path: '/',
    UserName: 'u',
    UserId: 'AIDA',
    Arn: 'arn',
    CreateDate: new Date('2015-03-09T18:39:23.411Z'),
    PasswordLastUsed: undefined,
  };
  const got = renderResult('iam', 'GetUser', { User: user }, 'r');
  assert.match(got, /<CreateDate>2015-03-09T18:39:23.411Z<\/CreateDate><\/User>/);
  assert.doesNotMatch(got, /PasswordLastUsed/);
  assert.match(renderResult('iam', 'GetUser', { User: { ...user, Unknown: 'x' } }, 'r'), /<User><Path>/);
  assert.doesNotMatch(renderResult('iam', 'GetUser', { User: { ...user, Unknown: 'x' } }, 'r'), /Unknown/);
});

test('policy documents are percent-encoded like encodeURIComponent (spaces as %20), other strings are not', () => {
  const doc =
    '{\n  "Version": "2012-10-17",\n  "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "a+b"}]\n}';
  const xml = renderResult(
    'iam',
    'GetRolePolicy',
    { RoleName: 'r 1', PolicyName: 'p', PolicyDocument: doc },
    'r',
  );
  assert.match(xml, /<RoleName>r 1<\/RoleName>/);
  assert.ok(xml.includes(`<PolicyDocument>${encodeURIComponent(doc)}</PolicyDocument>`));
  assert.ok(encodeURIComponent(doc).includes('%20') && encodeURIComponent(doc).includes('%2B'));
  const role = {
    Path: '/',
    RoleName: 'r',
    RoleId: 'AROA',
    Arn: 'arn',
    CreateDate: new Date(0),
    AssumeRolePolicyDocument: '{"a": 1}',
  };
  assert.match(
    renderResult('iam', 'GetRole', { Role: role }, 'r'),
    /<AssumeRolePolicyDocument>%7B%22a%22%3A%201%7D<\/AssumeRolePolicyDocument>/,
  );
  const version = { Document: '{ }', VersionId: 'v1', IsDefaultVersion: true, CreateDate: new Date(0) };
  assert.match(
    renderResult('iam', 'GetPolicyVersion', { PolicyVersion: version }, 'r'),
    /<Document>%7B%20%7D<\/Document><VersionId>v1<\/VersionId><IsDefaultVersion>true<\/IsDefaultVersion>/,
  );
});

test('blobs are base64, maps may be Map objects', () => {
  const xml = renderResult(
    'iam',
    'GetCredentialReport',
    { Content: new TextEncoder().encode('user,arn\n'), ReportFormat: 'text/csv' },
    'r',
  );
  assert.match(xml, /<Content>dXNlcixhcm4K<\/Content>/);
  assert.match(
    renderResult('iam', 'GetAccountSummary', { SummaryMap: new Map([['Users', 1]]) }, 'r'),
    /<entry><key>Users<\/key><value>1<\/value><\/entry>/,
  );
});

test('errors render in the service namespace with the request id outside Error', () => {
  assert.equal(
    renderError(
      'iam',
      { code: 'NoSuchEntity', message: 'The user with name nobody cannot be found.', type: 'Sender' },
      '689b',
    ),
    `<ErrorResponse xmlns="${IAM_NS}"><Error><Type>Sender</Type><Code>NoSuchEntity</Code><Message>The user with name nobody cannot be found.</Message></Error><RequestId>689b</RequestId></ErrorResponse>`,
  );
  assert.match(
    renderError('sts', { code: 'X', message: '<&>', type: 'Receiver' }, 'r'),
    /^<ErrorResponse xmlns="https:\/\/sts.amazonaws.com\/doc\/2011-06-15\/"><Error><Type>Receiver<\/Type><Code>X<\/Code><Message>&lt;&amp;&gt;<\/Message>/,
  );
});
