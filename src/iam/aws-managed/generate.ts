/**
 * Builds the shipped catalog (data/index.json.gz, data/documents.bin, data/chunks.json) from the iam-dataset
 * export (`aws-managed-policies.json.gz`: PolicyName, Arn, Path, DefaultVersionId, CreateDate,
 * UpdateDate, Deprecated, Document). Run by hand when the data is refreshed:
 *
 *   node --import tsx src/iam/aws-managed/generate.ts /work/shared/spec/aws-managed-policies.json.gz
 *
 * The index holds every policy's metadata and where its document sits (chunk, offset, length);
 * documents.bin is the chunks, each deflated on its own; chunks.json their byte ranges in it.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { deflateRawSync, gunzipSync, gzipSync } from 'node:zlib';
import type { IndexEntry } from './catalog.ts';
import { formatDocument, type Json } from './format.ts';

interface SourcePolicy {
  readonly PolicyName: string;
  readonly Arn: string;
  readonly Path: string;
  readonly DefaultVersionId: string;
  readonly CreateDate: string;
  readonly UpdateDate: string;
  readonly Deprecated: boolean;
  readonly Document: { [key: string]: Json } | null;
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** A stable ANPA id per policy (AWS's real ids are not in the data): 17 base32 characters of a hash. */
function policyId(arn: string): string {
  const digest = createHash('sha256').update(arn).digest();
  let id = 'ANPA';
  for (let i = 0; i < 17; i++) id += BASE32[(digest[i] ?? 0) % 32];
  return id;
}

const iso = (date: string): string => new Date(date).toISOString();

/** About this much text per chunk: one chunk inflates in well under a millisecond. */
const CHUNK_TEXT = 64 * 1024;

function build(source: readonly SourcePolicy[]): { index: IndexEntry[]; chunks: string[] } {
  const index: IndexEntry[] = [];
  const chunks: string[] = [''];
  const sorted = [...source]
    .filter((p) => p.Document !== null)
    .sort((a, b) => a.PolicyName.localeCompare(b.PolicyName, 'en'));
  for (const p of sorted) {
    if (p.Document === null) continue;
    const text = formatDocument(p.Document);
    if ((chunks.at(-1) ?? '').length >= CHUNK_TEXT) chunks.push('');
    const chunk = chunks.length - 1;
    const start = (chunks[chunk] ?? '').length;
    chunks[chunk] = (chunks[chunk] ?? '') + text;
    index.push([
      p.PolicyName,
      p.Path,
      p.DefaultVersionId,
      iso(p.CreateDate),
      iso(p.UpdateDate),
      policyId(p.Arn),
      chunk,
      start,
      text.length,
    ]);
  }
  return { index, chunks };
}

function main(input: string | undefined): void {
  if (input === undefined) throw new Error('usage: generate.ts aws-managed-policies.json.gz');
  const source = JSON.parse(gunzipSync(readFileSync(input)).toString('utf8')) as SourcePolicy[];
  const { index, chunks } = build(source);
  const dir = new URL('./data/', import.meta.url);
  const deflated = chunks.map((text) => deflateRawSync(text, { level: 9 }));
  let offset = 0;
  const ranges = deflated.map((bytes) => {
    const range = [offset, bytes.length];
    offset += bytes.length;
    return range;
  });
  writeFileSync(new URL('index.json.gz', dir), gzipSync(JSON.stringify(index), { level: 9 }));
  writeFileSync(new URL('documents.bin', dir), Buffer.concat(deflated));
  writeFileSync(new URL('chunks.json', dir), JSON.stringify(ranges) + '\n');
  console.log(`${index.length} policies in ${chunks.length} chunks, ${offset} bytes of documents`);
}

main(process.argv[2]);
