import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePolicy } from './parse.ts';

const ok = (statement: object, extra: object = {}) =>
  JSON.stringify({ Version: '2012-10-17', ...extra, Statement: statement }, null, 2);

test('parses a document into the normalized AST', () => {
  const { document, diagnostics } = parsePolicy(
    ok([
      { Sid: 'A', Effect: 'Allow', Action: 's3:GetObject', Resource: ['arn:aws:s3:::b/*', '*'] },
      {
        Effect: 'Deny',
        NotAction: ['iam:*'],
        NotResource: '*',
        Condition: { Bool: { 'aws:SecureTransport': false } },
      },
    ]),
    'identity',
  );
  assert.deepEqual(diagnostics, []);
  assert.ok(document);
  assert.equal(document.version, '2012-10-17');
  assert.equal(document.statementIsArray, true);
  const [first, second] = document.statements;
  assert.equal(first?.sid, 'A');
  assert.deepEqual(first?.action?.values, ['s3:GetObject']);
  assert.equal(first?.action?.isArray, false);
  assert.deepEqual(first?.resource?.values, ['arn:aws:s3:::b/*', '*']);
  assert.equal(first?.resource?.valueSpans[1]?.pointer, '/Statement/0/Resource/1');
  assert.equal(second?.effect, 'Deny');
  assert.deepEqual(second?.notAction?.values, ['iam:*']);
  assert.deepEqual(second?.conditions[0], {
    ...second?.conditions[0],
    operator: 'Bool',
    baseOperator: 'Bool',
    ifExists: false,
    key: 'aws:SecureTransport',
    values: ['false'],
    valueTypes: ['boolean'],
    valuesIsArray: false,
  });
});

test('a single Statement object, principals and condition modifiers', () => {
  const text = JSON.stringify({
    Id: 'x',
    Statement: {
      Effect: 'Allow',
      Principal: { AWS: ['123456789012', 'arn:aws:iam::123456789012:root'], Service: 'ec2.amazonaws.com' },
      Action: 'sts:AssumeRole',
      Condition: {
        'ForAllValues:NumericLessThanEquals': { 'x:n': [1.5, 2] },
        StringLikeIfExists: { 'a:b': 'c' },
      },
    },
  });
  const { document } = parsePolicy(text, 'trust');
  assert.ok(document);
  assert.equal(document.version, undefined);
  assert.equal(document.id, 'x');
  assert.equal(document.statementIsArray, false);
  const statement = document.statements[0];
  assert.equal(statement?.span.pointer, '/Statement');
  const principal = statement?.principal;
  assert.ok(principal && !principal.wildcard);
  assert.deepEqual(
    principal.entries.map((e) => [e.type, e.values]),
    [
      ['AWS', ['123456789012', 'arn:aws:iam::123456789012:root']],
      ['Service', ['ec2.amazonaws.com']],
    ],
  );
  const [set, ifExists] = statement?.conditions ?? [];
  assert.equal(set?.set, 'ForAllValues');
  assert.equal(set?.baseOperator, 'NumericLessThanEquals');
  assert.deepEqual(set?.values, ['1.5', '2']);
  assert.equal(ifExists?.ifExists, true);
  assert.equal(ifExists?.baseOperator, 'StringLike');
  assert.equal(ifExists?.set, undefined);
});

test('bare "*" principal is kept apart from {"AWS":"*"}', () => {
  const bare = parsePolicy(ok({ Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole' }), 'trust');
  assert.equal(bare.document?.statements[0]?.principal?.wildcard, true);
  const aws = parsePolicy(
    ok({ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }),
    'trust',
  );
  assert.equal(aws.document?.statements[0]?.principal?.wildcard, false);
});

test('positions are 1-based line and column of the offending element', () => {
  const text = '{\n  "Statement": [\n    {\n      "Effect": "Allow",\n      "Actions": "s3:*"\n    }\n  ]\n}';
  const { document, diagnostics } = parsePolicy(text, 'identity');
  assert.equal(document, undefined);
  const unknown = diagnostics.find((d) => d.code === 'unknown-element');
  assert.deepEqual(unknown?.position, { line: 5, column: 7, offset: text.indexOf('"Actions"') });
  assert.equal(unknown?.pointer, '/Statement/0/Actions');
  assert.equal(unknown?.message, 'Syntax errors in policy.');
});

test('CRLF line ends count as one line', () => {
  const text = '{\r\n"Statement":\r\n  5}';
  const { diagnostics } = parsePolicy(text, 'identity');
  assert.deepEqual(diagnostics[0]?.position, { line: 3, column: 3, offset: text.indexOf('5') });
});

const errorCases: [string, string, string, string][] = [
  // [name, text, code, message]
  ['not JSON', 'Version: 1', 'syntax', 'Syntax errors in policy.'],
  ['empty text', '', 'syntax', 'Syntax errors in policy.'],
  ['trailing comma', '{"Statement":[],}', 'syntax', 'Syntax errors in policy.'],
  ['top-level array', '[]', 'invalid-type', 'Syntax errors in policy.'],
  [
    'duplicate key',
    '{"Statement":{"Effect":"Allow","Effect":"Deny","Action":"*","Resource":"*"}}',
    'duplicate-key',
    'Syntax errors in policy.',
  ],
  [
    'unknown top element',
    ok({ Effect: 'Allow', Action: '*', Resource: '*' }, { Foo: 1 }),
    'unknown-element',
    'Syntax errors in policy.',
  ],
  [
    'bad version',
    ok({ Effect: 'Allow', Action: '*', Resource: '*' }, { Version: '2020-01-01' }),
    'invalid-version',
    'Syntax errors in policy.',
  ],
  ['no Statement', '{"Version":"2012-10-17"}', 'missing-statement', 'Syntax errors in policy.'],
  ['empty Statement', ok([]), 'empty-statement', 'Syntax errors in policy.'],
  ['statement not an object', ok(['x']), 'invalid-type', 'Syntax errors in policy.'],
  ['missing Effect', ok({ Action: '*', Resource: '*' }), 'missing-effect', 'Missing required field Effect'],
  [
    'Effect in other case',
    ok({ Effect: 'allow', Action: '*', Resource: '*' }),
    'invalid-effect',
    'The policy failed legacy parsing',
  ],
  [
    'Effect unknown',
    ok({ Effect: 'Permit', Action: '*', Resource: '*' }),
    'invalid-effect',
    'Syntax errors in policy.',
  ],
  [
    'Action and NotAction',
    ok({ Effect: 'Allow', Action: '*', NotAction: '*', Resource: '*' }),
    'conflicting-elements',
    'Syntax errors in policy.',
  ],
  [
    'Action object',
    ok({ Effect: 'Allow', Action: { a: 1 }, Resource: '*' }),
    'invalid-type',
    'Syntax errors in policy.',
  ],
  [
    'Resource with number',
    ok({ Effect: 'Allow', Action: '*', Resource: ['*', 5] }),
    'invalid-type',
    'Syntax errors in policy.',
  ],
  [
    'Sid number',
    ok({ Sid: 1, Effect: 'Allow', Action: '*', Resource: '*' }),
    'invalid-type',
    'Syntax errors in policy.',
  ],
  [
    'unknown operator',
    ok({ Effect: 'Allow', Action: '*', Resource: '*', Condition: { StringEqual: { 'a:b': 'c' } } }),
    'unknown-operator',
    'Syntax errors in policy.',
  ],
  [
    'NullIfExists',
    ok({ Effect: 'Allow', Action: '*', Resource: '*', Condition: { NullIfExists: { 'a:b': 'true' } } }),
    'unknown-operator',
    'Syntax errors in policy.',
  ],
  [
    'condition value object',
    ok({ Effect: 'Allow', Action: '*', Resource: '*', Condition: { Bool: { 'a:b': { x: 1 } } } }),
    'invalid-type',
    'Syntax errors in policy.',
  ],
  [
    'condition value null',
    ok({ Effect: 'Allow', Action: '*', Resource: '*', Condition: { Bool: { 'a:b': null } } }),
    'invalid-type',
    'Syntax errors in policy.',
  ],
  [
    'operator body not object',
    ok({ Effect: 'Allow', Action: '*', Resource: '*', Condition: { Bool: 'x' } }),
    'invalid-type',
    'Syntax errors in policy.',
  ],
  [
    'principal type unknown',
    ok({ Effect: 'Allow', Action: '*', Principal: { User: 'x' } }),
    'invalid-principal',
    'Syntax errors in policy.',
  ],
  [
    'principal with an empty list',
    ok({ Effect: 'Allow', Action: '*', Principal: { AWS: [] } }),
    'invalid-principal',
    'Syntax errors in policy.',
  ],
  [
    'principal string not *',
    ok({ Effect: 'Allow', Action: '*', Principal: '123456789012' }),
    'invalid-principal',
    'Syntax errors in policy.',
  ],
];

for (const [name, text, code, message] of errorCases) {
  test(`rejects: ${name}`, () => {
    const { document, diagnostics } = parsePolicy(text, 'identity');
    assert.equal(document, undefined);
    const found = diagnostics.find((d) => d.code === code);
    assert.ok(found, `expected ${code}, got ${JSON.stringify(diagnostics)}`);
    assert.equal(found.message, message);
    assert.equal(found.severity, 'error');
  });
}

const weirdInputs: [string, string][] = [
  ['deep arrays', '['.repeat(200_000)],
  ['deep objects', '{"a":'.repeat(100_000)],
  ['deep but closed', '['.repeat(70) + ']'.repeat(70)],
  ['huge string', `{"Statement":"${'a'.repeat(2_000_000)}"}`],
  ['lone surrogate escape', '{"Statement":{"Effect":"Allow","Action":"\\ud800","Resource":"*"}}'],
  ['raw lone surrogate', `{"Id":"${'\ud800'}","Statement":[]}`],
  ['BOM', '\ufeff{"Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}'],
  ['NUL byte', '{"Statement":\u0000}'],
  ['control char in string', '{"Id":"a\u0001b"}'],
  ['bad escape', '{"Id":"\\x"}'],
  ['short unicode escape', '{"Id":"\\u12"}'],
  ['lone minus', '-'],
  ['number overflow', '{"Statement":1e999999}'],
  [
    '__proto__ key',
    '{"__proto__":{"Effect":"Allow"},"Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}',
  ],
  ['only whitespace', ' \n\t\r '],
  ['unterminated string', '{"Id":"abc'],
];

for (const [name, text] of weirdInputs) {
  test(`never throws: ${name}`, () => {
    const result = parsePolicy(text, 'identity');
    assert.ok(Array.isArray(result.diagnostics));
    if (result.document === undefined) assert.ok(result.diagnostics.length > 0);
  });
}

test('never throws on non-string input from untyped callers', () => {
  const result = parsePolicy(undefined as unknown as string, 'identity');
  assert.equal(result.document, undefined);
  assert.equal(result.diagnostics[0]?.code, 'syntax');
});

test('lone surrogate escapes decode as text and the document still parses', () => {
  const { document } = parsePolicy(
    '{"Statement":{"Effect":"Allow","Action":"\\ud800","Resource":"*"}}',
    'identity',
  );
  assert.deepEqual(document?.statements[0]?.action?.values, ['\ud800']);
});

test('numbers keep their written form', () => {
  const { document } = parsePolicy(
    ok({
      Effect: 'Allow',
      Action: '*',
      Resource: '*',
      Condition: { NumericEquals: { 'a:n': 12345 } },
    }).replace('12345', '1.0e2'),
    'identity',
  );
  assert.deepEqual(document?.statements[0]?.conditions[0]?.values, ['1.0e2']);
});
