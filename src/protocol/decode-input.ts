/**
 * Form parameters -> the operation's typed input, walking the model's input shape. Values are typed
 * here (numbers, booleans, Dates, bytes); constraints are checked afterwards by validate-input.ts.
 * Parameters the shape does not name are ignored, as AWS ignores them.
 */
import { WardenError } from '../core/index.ts';
import { buildFormTree, indexedChildren, type FormNode } from './form-tree.ts';
import {
  operationOf,
  serviceModel,
  shapeOf,
  type ServiceModel,
  type ServiceName,
  type Shape,
} from './model.ts';
import { validateInput } from './validate-input.ts';

/** Decodes and validates; throws WardenError (InvalidAction, InvalidParameterValue, ValidationError). */
export function decodeInput(
  service: ServiceName,
  action: string,
  params: URLSearchParams,
): Record<string, unknown> {
  const operation = operationOf(service, action);
  if (operation === undefined) {
    throw new WardenError(
      'InvalidAction',
      `Could not find operation ${action} for version ${serviceModel(service).apiVersion}`,
    );
  }
  if (operation.input === undefined) return {};
  return decodeShape(serviceModel(service), operation.input.shape, params);
}

/** Decodes `params` as the structure `shapeName` of `model`, then validates it. */
export function decodeShape(
  model: ServiceModel,
  shapeName: string,
  params: URLSearchParams,
): Record<string, unknown> {
  const shape = shapeOf(model, shapeName);
  const members = shape.type === 'structure' ? shape.members : {};
  const tree = buildFormTree(params, (name) => Object.hasOwn(members, name));
  const input = decodeStructure(model, shapeName, tree, '');
  validateInput(model, shapeName, input);
  return input;
}

function decodeStructure(
  model: ServiceModel,
  shapeName: string,
  node: FormNode,
  wirePath: string,
): Record<string, unknown> {
  const shape = shapeOf(model, shapeName);
  if (shape.type !== 'structure') throw new Error(`${shapeName} is not a structure`);
  const out: Record<string, unknown> = {};
  for (const [name, ref] of Object.entries(shape.members)) {
    const child = node.children.get(name);
    if (child === undefined) continue;
    const value = decodeValue(model, ref.shape, child, wirePath === '' ? name : `${wirePath}.${name}`);
    if (value !== undefined) out[name] = value;
  }
  return out;
}

function decodeValue(model: ServiceModel, shapeName: string, node: FormNode, wirePath: string): unknown {
  const shape = shapeOf(model, shapeName);
  switch (shape.type) {
    case 'structure':
      // A structure is present when any of its members was sent.
      return node.children.size === 0 ? undefined : decodeStructure(model, shapeName, node, wirePath);
    case 'list':
      return decodeList(model, shape.member.shape, node, wirePath);
    case 'map':
      return decodeMap(model, shape.key.shape, shape.value.shape, node, wirePath);
    default:
      return node.value === undefined ? undefined : decodeScalar(shape, node.value, wirePath);
  }
}

/** `X.member.N...` sorted by N; `X=` with no members is the empty list (both SDKs send it so). */
function decodeList(
  model: ServiceModel,
  memberShape: string,
  node: FormNode,
  wirePath: string,
): unknown[] | undefined {
  const members = node.children.get('member');
  if (members === undefined) return node.value === '' ? [] : undefined;
  return indexedChildren(members).flatMap((child, i) => {
    const value = decodeValue(model, memberShape, child, `${wirePath}.member.${i + 1}`);
    return value === undefined ? [] : [value];
  });
}

/** `X.entry.N.key=k&X.entry.N.value=v`; entries without a key are dropped. */
function decodeMap(
  model: ServiceModel,
  keyShape: string,
  valueShape: string,
  node: FormNode,
  wirePath: string,
): Record<string, unknown> | undefined {
  const entries = node.children.get('entry');
  if (entries === undefined) return node.value === '' ? {} : undefined;
  const out: Record<string, unknown> = {};
  indexedChildren(entries).forEach((entry, i) => {
    const path = `${wirePath}.entry.${i + 1}`;
    const key = entry.children.get('key');
    const value = entry.children.get('value');
    if (key?.value === undefined || value === undefined) return;
    decodeValue(model, keyShape, key, `${path}.key`);
    out[key.value] = decodeValue(model, valueShape, value, `${path}.value`);
  });
  return out;
}

function invalid(wirePath: string, raw: string, expected: string): WardenError {
  return new WardenError(
    'InvalidParameterValue',
    `Invalid value '${raw}' for parameter ${wirePath}: expected ${expected}.`,
  );
}

const INTEGER = /^[+-]?[0-9]{1,16}$/;
const BOOLEAN = /^(true|false)$/i;
const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:?\d{2})$/i;
const EPOCH_SECONDS = /^[0-9]{1,12}(\.[0-9]{1,9})?$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function decodeScalar(shape: Shape, raw: string, wirePath: string): unknown {
  switch (shape.type) {
    case 'integer':
    case 'long': {
      const n = Number(raw);
      if (!INTEGER.test(raw) || !Number.isSafeInteger(n)) throw invalid(wirePath, raw, 'an integer');
      return n;
    }
    case 'boolean':
      if (!BOOLEAN.test(raw)) throw invalid(wirePath, raw, 'true or false');
      return raw.toLowerCase() === 'true';
    case 'timestamp':
      return decodeTimestamp(raw, wirePath);
    case 'blob':
      if (!BASE64.test(raw)) throw invalid(wirePath, raw, 'base64-encoded bytes');
      return new Uint8Array(Buffer.from(raw, 'base64'));
    default:
      return raw;
  }
}

/** ISO-8601 with a zone (what SDKs send, with or without milliseconds), or epoch seconds. */
function decodeTimestamp(raw: string, wirePath: string): Date {
  let date: Date | undefined;
  if (ISO_TIMESTAMP.test(raw)) date = new Date(raw.toUpperCase().replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  else if (EPOCH_SECONDS.test(raw)) date = new Date(Number(raw) * 1000);
  if (date === undefined || Number.isNaN(date.getTime()))
    throw invalid(wirePath, raw, 'an ISO-8601 timestamp');
  return date;
}
