/**
 * JSON parameters -> Query-protocol form parameters, walking the operation's input shape: how the
 * console API hands a call to the SAME decoding and validation path as a form request
 * (decodeInput), so there is one implementation of every action's wire rules. Members the shape
 * does not name are dropped, as decodeInput ignores them.
 */
import { WardenError } from '../core/index.ts';
import { operationOf, serviceModel, shapeOf, type ServiceModel, type ServiceName } from './model.ts';

export function encodeJsonInput(service: ServiceName, action: string, json: unknown): URLSearchParams {
  const params = new URLSearchParams();
  const operation = operationOf(service, action);
  if (operation?.input === undefined || json === undefined || json === null) return params;
  if (!isObject(json)) throw invalid('parameters', 'a JSON object');
  encodeStructure(serviceModel(service), operation.input.shape, json, '', params);
  return params;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const invalid = (path: string, expected: string): WardenError =>
  new WardenError('InvalidParameterValue', `Invalid value for parameter ${path}: expected ${expected}.`);

function encodeStructure(
  model: ServiceModel,
  shapeName: string,
  value: Record<string, unknown>,
  prefix: string,
  out: URLSearchParams,
): void {
  const shape = shapeOf(model, shapeName);
  if (shape.type !== 'structure') return;
  for (const [name, ref] of Object.entries(shape.members)) {
    const member = value[name];
    if (member === undefined || member === null) continue;
    encodeValue(model, ref.shape, member, prefix === '' ? name : `${prefix}.${name}`, out);
  }
}

function encodeValue(
  model: ServiceModel,
  shapeName: string,
  value: unknown,
  path: string,
  out: URLSearchParams,
) {
  const shape = shapeOf(model, shapeName);
  switch (shape.type) {
    case 'structure':
      if (!isObject(value)) throw invalid(path, 'a JSON object');
      return encodeStructure(model, shapeName, value, path, out);
    case 'list':
      if (!Array.isArray(value)) throw invalid(path, 'a JSON array');
      if (value.length === 0) out.append(path, '');
      value.forEach((item, i) =>
        encodeValue(model, shape.member.shape, item, `${path}.member.${i + 1}`, out),
      );
      return;
    case 'map': {
      if (!isObject(value)) throw invalid(path, 'a JSON object');
      const entries = Object.entries(value);
      if (entries.length === 0) out.append(path, '');
      entries.forEach(([key, item], i) => {
        out.append(`${path}.entry.${i + 1}.key`, key);
        encodeValue(model, shape.value.shape, item, `${path}.entry.${i + 1}.value`, out);
      });
      return;
    }
    case 'integer':
    case 'long':
      if (typeof value !== 'number' && typeof value !== 'string') throw invalid(path, 'a number');
      return out.append(path, String(value));
    case 'boolean':
      if (typeof value !== 'boolean' && typeof value !== 'string') throw invalid(path, 'true or false');
      return out.append(path, String(value));
    case 'timestamp':
      if (typeof value === 'number') return out.append(path, String(value));
      if (typeof value !== 'string') throw invalid(path, 'an ISO-8601 timestamp');
      return out.append(path, value);
    default:
      // strings, and blobs as base64 text (what the form carries too)
      if (typeof value !== 'string') throw invalid(path, 'a string');
      return out.append(path, value);
  }
}

/** An action's output as JSON: dates as ISO-8601 text, bytes as base64. */
export function outputToJson(output: Record<string, unknown> | void): string {
  return JSON.stringify(output ?? {}, (_key, value: unknown) =>
    value instanceof Uint8Array ? Buffer.from(value).toString('base64') : value,
  );
}
