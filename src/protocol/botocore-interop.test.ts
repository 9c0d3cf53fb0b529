/**
 * The other family of clients: botocore (the AWS CLI and boto3) parses our XML with its own
 * QueryParser and signs requests with its own SigV4Auth/SigV4QueryAuth. Skipped where Python's
 * botocore is not installed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { renderError, renderResult, verifySignature } from './index.ts';

const SCRIPT = String.raw`
import json, sys, datetime
import botocore.session, botocore.auth, botocore.handlers
from botocore.parsers import QueryParser
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials
job = json.load(sys.stdin)
session = botocore.session.get_session()
out = {"parsed": [], "signed": []}
for item in job["parse"]:
    op = session.get_service_model(item["service"]).operation_model(item["action"])
    shape = op.output_shape if item["status"] == 200 else None
    parsed = QueryParser().parse({"body": item["xml"].encode(), "headers": {}, "status_code": item["status"]}, shape)
    if item["status"] == 200:
        botocore.handlers.json_decode_policies(parsed, op)
    out["parsed"].append(parsed)
at = datetime.datetime(2026, 11, 28, 10, 0, 0)
botocore.auth.get_current_datetime = lambda *a, **k: at
creds = Credentials(job["akid"], job["secret"], job.get("token"))
for item in job["sign"]:
    req = AWSRequest(method=item["method"], url=item["url"], data=item["body"].encode(), headers=item["headers"])
    if item["presign"]:
        botocore.auth.SigV4QueryAuth(creds, item["service"], item["region"], expires=900).add_auth(req)
    else:
        botocore.auth.SigV4Auth(creds, item["service"], item["region"]).add_auth(req)
    out["signed"].append({"url": req.url, "headers": dict(req.headers.items())})
json.dump(out, sys.stdout, default=str)
`;

const hasBotocore = spawnSync('python3', ['-c', 'import botocore'], { stdio: 'ignore' }).status === 0;

const AKID = 'AKIABOTOCOREINTEROP1';
const SECRET = 'botocore/interop+secret/0000000000000000';
const lookup = (id: string) => Promise.resolve(id === AKID ? SECRET : undefined);
const POLICY =
  '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "a+b c"}]}';

interface BotocoreResult {
  parsed: Record<string, unknown>[];
  signed: { url: string; headers: Record<string, string> }[];
}

function runBotocore(job: unknown): BotocoreResult {
  const result = spawnSync('python3', ['-c', SCRIPT], { input: JSON.stringify(job), encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  return JSON.parse(result.stdout) as BotocoreResult;
}

test(
  'botocore parses our XML and signs requests we verify',
  { skip: !hasBotocore && 'botocore not installed' },
  async () => {
    const user = {
      Path: '/',
      UserName: 'bob',
      UserId: 'AIDAEXAMPLEEXAMPLE01',
      Arn: 'arn:aws:iam::123456789012:user/bob',
      CreateDate: new Date('2024-01-01T00:00:00Z'),
    };
    const parse = [
      {
        service: 'iam',
        action: 'ListUsers',
        status: 200,
        xml: renderResult('iam', 'ListUsers', { Users: [user], IsTruncated: true, Marker: 'm' }, 'r1'),
      },
      {
        service: 'iam',
        action: 'ListUsers',
        status: 200,
        xml: renderResult('iam', 'ListUsers', { Users: [], IsTruncated: false }, 'r2'),
      },
      {
        service: 'iam',
        action: 'GetAccountSummary',
        status: 200,
        xml: renderResult('iam', 'GetAccountSummary', { SummaryMap: { Users: 3 } }, 'r3'),
      },
      {
        service: 'iam',
        action: 'GetUserPolicy',
        status: 200,
        xml: renderResult(
          'iam',
          'GetUserPolicy',
          { UserName: 'bob', PolicyName: 'p', PolicyDocument: POLICY },
          'r4',
        ),
      },
      {
        service: 'iam',
        action: 'GetUser',
        status: 404,
        xml: renderError(
          'iam',
          { code: 'NoSuchEntity', message: 'The user with name x cannot be found.', type: 'Sender' },
          'r5',
        ),
      },
      {
        service: 'iam',
        action: 'DeleteUser',
        status: 200,
        xml: renderResult('iam', 'DeleteUser', undefined, 'r6'),
      },
    ];
    const body =
      'Action=CreateUser&Version=2010-05-08&UserName=bob&Tags.member.1.Key=k1&Tags.member.1.Value=v+1%2B2';
    const sign = [
      {
        method: 'POST',
        url: 'http://127.0.0.1:8642/',
        body,
        headers: { 'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8' },
        service: 'iam',
        region: 'eu-west-1',
        presign: false,
      },
      {
        method: 'GET',
        url: 'http://127.0.0.1:8642/?Action=GetCallerIdentity&Version=2011-06-15',
        body: '',
        headers: {},
        service: 'sts',
        region: 'us-east-1',
        presign: true,
      },
    ];
    const out = runBotocore({ parse, sign, akid: AKID, secret: SECRET, token: 'session-token' });

    const [list, empty, summary, policy, error, deleted] = out.parsed;
    assert.equal((list?.Users as { UserName: string }[])[0]?.UserName, 'bob');
    assert.equal(list?.IsTruncated, true);
    assert.equal(list?.Marker, 'm');
    assert.deepEqual(empty?.Users, []);
    assert.equal(empty?.IsTruncated, false);
    assert.deepEqual(summary?.SummaryMap, { Users: 3 });
    // botocore's json_decode_policies turned the %20-encoded document back into the JSON object.
    assert.deepEqual(policy?.PolicyDocument, JSON.parse(POLICY));
    assert.deepEqual((error?.Error as Record<string, string>).Code, 'NoSuchEntity');
    assert.deepEqual(
      (error?.Error as Record<string, string>).Message,
      'The user with name x cannot be found.',
    );
    assert.equal((deleted?.ResponseMetadata as Record<string, string>).RequestId, 'r6');

    const now = new Date('2026-11-28T10:05:00Z');
    const [post, presigned] = out.signed;
    assert.ok(post !== undefined && presigned !== undefined);
    const headers = Object.fromEntries(Object.entries(post.headers).map(([k, v]) => [k.toLowerCase(), v]));
    headers.host = '127.0.0.1:8642';
    assert.equal(headers['x-amz-content-sha256'], undefined);
    assert.match(
      headers.authorization ?? '',
      /SignedHeaders=content-type;host;x-amz-date;x-amz-security-token,/,
    );
    const verified = await verifySignature(
      { method: 'POST', path: '/', rawQuery: '', headers, body: Buffer.from(body) },
      lookup,
      now,
    );
    assert.deepEqual(
      [verified.region, verified.service, verified.securityToken],
      ['eu-west-1', 'iam', 'session-token'],
    );

    const url = new URL(presigned.url);
    const fromUrl = await verifySignature(
      {
        method: 'GET',
        path: url.pathname,
        rawQuery: url.search.slice(1),
        headers: { host: url.host },
        body: new Uint8Array(),
      },
      lookup,
      now,
    );
    assert.deepEqual([fromUrl.presigned, fromUrl.service], [true, 'sts']);
  },
);
