/**
 * Model constraints (required, length, value range, pattern, enum) over a decoded input, reported
 * the way AWS reports them: every violation in one ValidationError.
 */
import { WardenError } from '../core/index.ts';
import { ownPatternMessage } from './iam-name-messages.ts';
import { shapeOf, type ServiceModel, type Shape, type StringShape } from './model.ts';
import {
  constraintText as c,
  formatViolations,
  lowerFirst,
  showValue,
  type Violation,
} from './validation-message.ts';

interface Walk {
  readonly model: ServiceModel;
  readonly violations: Violation[];
  /** Pattern failures the service words itself; reported only when nothing else failed. */
  readonly ownMessages: string[];
}

export function validateInput(model: ServiceModel, shapeName: string, input: Record<string, unknown>): void {
  const walk: Walk = { model, violations: [], ownMessages: [] };
  checkStructure(walk, shapeName, input, '');
  if (walk.violations.length > 0) throw new WardenError('ValidationError', formatViolations(walk.violations));
  const [own] = walk.ownMessages;
  if (own !== undefined) throw new WardenError('ValidationError', own);
}

function checkStructure(walk: Walk, shapeName: string, value: Record<string, unknown>, path: string): void {
  const shape = shapeOf(walk.model, shapeName);
  if (shape.type !== 'structure') return;
  const required = new Set(shape.required);
  for (const [name, ref] of Object.entries(shape.members)) {
    const memberPath = path === '' ? lowerFirst(name) : `${path}.${lowerFirst(name)}`;
    const member = value[name];
    if (member === undefined) {
      if (required.has(name)) walk.violations.push({ path: memberPath, shown: null, constraint: c.notNull });
      continue;
    }
    checkValue(walk, ref.shape, member, memberPath);
  }
}

function checkValue(walk: Walk, shapeName: string, value: unknown, path: string): void {
  const shape = shapeOf(walk.model, shapeName);
  const shown = shape.sensitive === true ? undefined : showValue(value);
  const add = (constraint: string): void => void walk.violations.push({ path, shown, constraint });
  switch (shape.type) {
    case 'structure':
      return checkStructure(walk, shapeName, value as Record<string, unknown>, path);
    case 'list':
      return checkList(walk, shape.member.shape, value as unknown[], path, add, shape);
    case 'string':
      return checkString(walk, shapeName, shape, value as string, path, add);
    case 'integer':
    case 'long':
      if (shape.max !== undefined && (value as number) > shape.max) add(c.maxValue(shape.max));
      if (shape.min !== undefined && (value as number) < shape.min) add(c.minValue(shape.min));
      return;
    default:
      return;
  }
}

function checkString(
  walk: Walk,
  shapeName: string,
  shape: StringShape,
  value: string,
  path: string,
  add: (constraint: string) => void,
): void {
  if (shape.max !== undefined && value.length > shape.max) add(c.maxLength(shape.max));
  if (shape.min !== undefined && value.length < shape.min) add(c.minLength(shape.min));
  if (shape.pattern !== undefined && !matches(walk.model, shape.pattern, value)) {
    const own = ownPatternMessage(walk.model.name, shapeName);
    if (own === undefined) add(c.pattern(shape.pattern));
    else walk.ownMessages.push(own(path));
  }
  if (shape.enum !== undefined && !shape.enum.includes(value)) add(c.enumSet(shape.enum));
}

/**
 * List length, then its elements: structures are checked member by member at `list.N.member.x`;
 * scalars that fail are reported once, on the list, with every element constraint (as AWS does).
 */
function checkList(
  walk: Walk,
  memberShape: string,
  items: unknown[],
  path: string,
  add: (constraint: string) => void,
  shape: { max?: number; min?: number },
): void {
  if (shape.max !== undefined && items.length > shape.max) add(c.maxLength(shape.max));
  if (shape.min !== undefined && items.length < shape.min) add(c.minLength(shape.min));
  const element = shapeOf(walk.model, memberShape);
  if (element.type === 'structure' || element.type === 'list') {
    items.forEach((item, i) => checkValue(walk, memberShape, item, `${path}.${i + 1}.member`));
    return;
  }
  if (items.some((item) => !scalarOk(walk.model, element, item)))
    add(c.elements(elementConstraints(element)));
}

function scalarOk(model: ServiceModel, shape: Shape, value: unknown): boolean {
  if (shape.type === 'string' && typeof value === 'string') {
    if (shape.max !== undefined && value.length > shape.max) return false;
    if (shape.min !== undefined && value.length < shape.min) return false;
    if (shape.pattern !== undefined && !matches(model, shape.pattern, value)) return false;
    return shape.enum === undefined || shape.enum.includes(value);
  }
  if ((shape.type === 'integer' || shape.type === 'long') && typeof value === 'number') {
    return (shape.max === undefined || value <= shape.max) && (shape.min === undefined || value >= shape.min);
  }
  return true;
}

function elementConstraints(shape: Shape): string[] {
  const parts: string[] = [];
  if (shape.type === 'string') {
    if (shape.max !== undefined) parts.push(c.maxLength(shape.max));
    if (shape.min !== undefined) parts.push(c.minLength(shape.min));
    if (shape.pattern !== undefined) parts.push(c.pattern(shape.pattern));
    if (shape.enum !== undefined) parts.push(c.enumSet(shape.enum));
  } else if (shape.type === 'integer' || shape.type === 'long') {
    if (shape.max !== undefined) parts.push(c.maxValue(shape.max));
    if (shape.min !== undefined) parts.push(c.minValue(shape.min));
  }
  parts.push(c.notNull);
  return parts;
}

function matches(model: ServiceModel, pattern: string, value: string): boolean {
  const regex = model.patterns.get(pattern);
  return regex === undefined || regex.test(value);
}
