/**
 * The IAM and STS service models (botocore JSON, documentation stripped), read once at start-up and
 * indexed by operation name. Everything the wire does is driven by these shapes.
 */
import { readFileSync } from 'node:fs';
import { compilePattern } from './pattern.ts';

export type ServiceName = 'iam' | 'sts';

export interface MemberRef {
  readonly shape: string;
}

interface ShapeBase {
  readonly sensitive?: boolean;
}

export interface StringShape extends ShapeBase {
  readonly type: 'string';
  readonly min?: number;
  readonly max?: number;
  readonly pattern?: string;
  readonly enum?: readonly string[];
}
export interface NumberShape extends ShapeBase {
  readonly type: 'integer' | 'long';
  readonly min?: number;
  readonly max?: number;
}
export interface ScalarShape extends ShapeBase {
  readonly type: 'boolean' | 'timestamp' | 'blob';
}
export interface ListShape extends ShapeBase {
  readonly type: 'list';
  readonly member: MemberRef;
  readonly min?: number;
  readonly max?: number;
}
export interface MapShape extends ShapeBase {
  readonly type: 'map';
  readonly key: MemberRef;
  readonly value: MemberRef;
  readonly min?: number;
  readonly max?: number;
}
export interface StructureShape extends ShapeBase {
  readonly type: 'structure';
  readonly members: Readonly<Record<string, MemberRef>>;
  readonly required?: readonly string[];
}

export type Shape = StringShape | NumberShape | ScalarShape | ListShape | MapShape | StructureShape;

export interface Operation {
  readonly name: string;
  readonly input?: MemberRef;
  readonly output?: MemberRef & { readonly resultWrapper?: string };
  readonly auth?: readonly string[];
}

export interface ServiceModel {
  readonly name: ServiceName;
  readonly apiVersion: string;
  readonly xmlNamespace: string;
  readonly operations: ReadonlyMap<string, Operation>;
  readonly shapes: ReadonlyMap<string, Shape>;
  /** Every string pattern of the model, compiled once (key: the model's Java pattern text). */
  readonly patterns: ReadonlyMap<string, RegExp>;
}

export interface ModelFile {
  readonly metadata: { readonly apiVersion: string; readonly xmlNamespace: string };
  readonly operations: Record<string, Operation>;
  readonly shapes: Record<string, Shape>;
}

function loadModel(name: ServiceName): ServiceModel {
  const text = readFileSync(new URL(`./models/${name}.json`, import.meta.url), 'utf8');
  return buildModel(name, JSON.parse(text) as ModelFile);
}

/** Indexes a parsed model file (exported for tests that need a synthetic model). */
export function buildModel(name: ServiceName, file: ModelFile): ServiceModel {
  const patterns = new Map<string, RegExp>();
  for (const shape of Object.values(file.shapes)) {
    if (shape.type === 'string' && shape.pattern !== undefined)
      patterns.set(shape.pattern, compilePattern(shape.pattern));
  }
  return {
    name,
    apiVersion: file.metadata.apiVersion,
    xmlNamespace: file.metadata.xmlNamespace,
    operations: new Map(Object.entries(file.operations)),
    shapes: new Map(Object.entries(file.shapes)),
    patterns,
  };
}

/** Both models, parsed once when the module loads (immutable afterwards). */
const MODELS: Readonly<Record<ServiceName, ServiceModel>> = { iam: loadModel('iam'), sts: loadModel('sts') };

export function serviceModel(service: ServiceName): ServiceModel {
  return MODELS[service];
}

export function hasOperation(service: ServiceName, action: string): boolean {
  return MODELS[service].operations.has(action);
}

/** Which service owns an action name (the two name spaces do not overlap). */
export function serviceOfAction(action: string): ServiceName | undefined {
  if (MODELS.iam.operations.has(action)) return 'iam';
  if (MODELS.sts.operations.has(action)) return 'sts';
  return undefined;
}

/** The model's `Version` value for a service: `2010-05-08` (IAM) or `2011-06-15` (STS). */
export function apiVersion(service: ServiceName): string {
  return MODELS[service].apiVersion;
}

/** True for the operations AWS serves without a signature (AssumeRoleWithWebIdentity/SAML). */
export function isUnsignedOperation(service: ServiceName, action: string): boolean {
  return MODELS[service].operations.get(action)?.auth?.includes('smithy.api#noAuth') ?? false;
}

export function operationOf(service: ServiceName, action: string): Operation | undefined {
  return MODELS[service].operations.get(action);
}

/** A shape by name; the model is closed, so a missing name is a bug in the model file. */
export function shapeOf(model: ServiceModel, name: string): Shape {
  const shape = model.shapes.get(name);
  if (shape === undefined) throw new Error(`model ${model.name} has no shape ${name}`);
  return shape;
}
