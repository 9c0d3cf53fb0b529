/**
 * Output object -> the Query protocol's XML body, walking the operation's output shape:
 * `<XResponse xmlns><XResult>...</XResult><ResponseMetadata><RequestId/></ResponseMetadata></XResponse>`.
 * Absent members are omitted; the Result element is always there when the operation has an output
 * (botocore fails without it).
 */
import { element, escapeText, wellFormed } from './xml.ts';
import {
  operationOf,
  serviceModel,
  shapeOf,
  type ServiceModel,
  type ServiceName,
  type Shape,
} from './model.ts';

/** Output shapes IAM returns URL-encoded (RFC 3986, `%20` for spaces), per the spec §3.3. */
const URL_ENCODED_SHAPES: ReadonlySet<string> = new Set(['policyDocumentType']);

export function renderResult(
  service: ServiceName,
  action: string,
  output: Record<string, unknown> | undefined,
  requestId: string,
): string {
  const model = serviceModel(service);
  const operation = operationOf(service, action);
  if (operation === undefined) throw new Error(`unknown ${service} action ${action}`);
  const parts: string[] = [`<${action}Response xmlns="${model.xmlNamespace}">`];
  if (operation.output !== undefined) {
    const wrapper = operation.output.resultWrapper ?? `${action}Result`;
    parts.push(element(wrapper, renderMembers(model, operation.output.shape, output ?? {})));
  }
  parts.push(`<ResponseMetadata><RequestId>${escapeText(requestId)}</RequestId></ResponseMetadata>`);
  parts.push(`</${action}Response>`);
  return parts.join('');
}

function renderMembers(model: ServiceModel, shapeName: string, value: Record<string, unknown>): string {
  const shape = shapeOf(model, shapeName);
  if (shape.type !== 'structure') throw new Error(`${shapeName} is not a structure`);
  let out = '';
  const required = shape.required ?? [];
  for (const [name, ref] of Object.entries(shape.members)) {
    const member = value[name] ?? defaultFor(model, name, ref.shape, required);
    if (member === undefined || member === null) continue;
    out += element(name, renderValue(model, ref.shape, member));
  }
  return out;
}

/**
 * What clients need even when an action leaves it out: `IsTruncated` (paginators stop only on an
 * explicit `false`), and required lists and maps (an empty `<Users/>`). Everything else absent is
 * omitted.
 */
function defaultFor(
  model: ServiceModel,
  name: string,
  shapeName: string,
  required: readonly string[],
): unknown {
  const type = shapeOf(model, shapeName).type;
  if (name === 'IsTruncated' && type === 'boolean') return false;
  if (!required.includes(name)) return undefined;
  if (type === 'list') return [];
  if (type === 'map') return {};
  return undefined;
}

function renderValue(model: ServiceModel, shapeName: string, value: unknown): string {
  const shape = shapeOf(model, shapeName);
  switch (shape.type) {
    case 'structure':
      return renderMembers(model, shapeName, value as Record<string, unknown>);
    case 'list':
      return (value as unknown[])
        .map((item) => element('member', renderValue(model, shape.member.shape, item)))
        .join('');
    case 'map':
      return mapEntries(value)
        .map(
          ([k, v]) =>
            `<entry>${element('key', renderValue(model, shape.key.shape, k))}${element('value', renderValue(model, shape.value.shape, v))}</entry>`,
        )
        .join('');
    default:
      return escapeText(scalarText(shape, shapeName, value));
  }
}

function mapEntries(value: unknown): [string, unknown][] {
  if (value instanceof Map) return [...(value as Map<string, unknown>)];
  return Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
}

function scalarText(shape: Shape, shapeName: string, value: unknown): string {
  switch (shape.type) {
    case 'boolean':
      return value === true || value === 'true' ? 'true' : 'false';
    case 'timestamp':
      return timestampText(value);
    case 'blob':
      return value instanceof Uint8Array
        ? Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64')
        : String(value);
    case 'string':
      return URL_ENCODED_SHAPES.has(shapeName)
        ? encodeURIComponent(wellFormed(String(value)))
        : String(value);
    default:
      return String(value);
  }
}

/** RFC 3339 in UTC: `2024-01-01T00:00:00Z`, with milliseconds only when there are some. */
export function timestampText(value: unknown): string {
  const date = value instanceof Date ? value : new Date(value as string | number);
  if (Number.isNaN(date.getTime())) throw new Error(`not a timestamp: ${String(value)}`);
  const iso = date.toISOString();
  return iso.endsWith('.000Z') ? `${iso.slice(0, -5)}Z` : iso;
}
