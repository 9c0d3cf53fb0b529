/**
 * A strict RFC 8259 JSON reader that keeps source positions and JSON pointers, reports duplicate
 * object keys, and bounds nesting depth. `JSON.parse` can do none of these, and policy diagnostics
 * need them. It never throws: every failure comes back as `error`.
 */
import type { Position } from './types.ts';
import type { Span } from './ast.ts';

interface NodeBase {
  readonly span: Span;
}
export interface JsonString extends NodeBase {
  readonly kind: 'string';
  readonly value: string;
}
export interface JsonNumber extends NodeBase {
  readonly kind: 'number';
  /** The number exactly as written (`1.0`, `1e3`): policies compare numbers as text or decimals. */
  readonly raw: string;
}
export interface JsonBoolean extends NodeBase {
  readonly kind: 'boolean';
  readonly value: boolean;
}
export interface JsonNull extends NodeBase {
  readonly kind: 'null';
}
export interface JsonArray extends NodeBase {
  readonly kind: 'array';
  readonly items: readonly JsonNode[];
}
export interface JsonMember {
  readonly key: string;
  readonly keySpan: Span;
  readonly value: JsonNode;
}
export interface JsonObject extends NodeBase {
  readonly kind: 'object';
  readonly members: readonly JsonMember[];
}
export type JsonNode = JsonString | JsonNumber | JsonBoolean | JsonNull | JsonArray | JsonObject;

export interface JsonError {
  readonly message: string;
  readonly position: Position;
  readonly pointer: string;
}

export interface JsonReadResult {
  readonly root?: JsonNode;
  /** The first syntax error; reading stops there. */
  readonly error?: JsonError;
  /** Keys that appear twice in one object (the later occurrence). */
  readonly duplicateKeys: readonly JsonMember[];
}

/** Policies nest at most ~5 levels; a bound keeps hostile input from exhausting the stack. */
export const MAX_JSON_DEPTH = 64;

export function escapePointerToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Thrown inside the reader to unwind on the first syntax error; caught in `readJson`. */
class ReadError extends Error {
  constructor(
    message: string,
    readonly offset: number,
    readonly pointer: string,
  ) {
    super(message);
  }
}

export function readJson(text: string): JsonReadResult {
  const reader = new Reader(text);
  try {
    const root = reader.readDocument();
    return { root, duplicateKeys: reader.duplicates };
  } catch (caught) {
    // Anything other than our own ReadError (a RangeError on absurd input, say) is still a syntax error.
    const err = caught instanceof ReadError ? caught : new ReadError('unreadable input', reader.index, '');
    const position = positionAt(text, Math.min(err.offset, text.length));
    return {
      error: { message: err.message, position, pointer: err.pointer },
      duplicateKeys: reader.duplicates,
    };
  }
}

/** Line/column (1-based, columns in UTF-16 units) of an offset; CRLF, CR and LF each end a line. */
export function positionAt(text: string, offset: number): Position {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1, offset };
}

const WS_SPACE = 32;
const WS_TAB = 9;
const WS_LF = 10;
const WS_CR = 13;

class Reader {
  index = 0;
  private line = 1;
  private lineStart = 0;
  readonly duplicates: JsonMember[] = [];

  constructor(private readonly text: string) {}

  readDocument(): JsonNode {
    this.skipWhitespace();
    const root = this.readValue('', 0);
    this.skipWhitespace();
    if (this.index < this.text.length) this.fail('unexpected text after the JSON value', '');
    return root;
  }

  private position(offset = this.index): Position {
    return { line: this.line, column: offset - this.lineStart + 1, offset };
  }

  private fail(message: string, pointer: string, offset = this.index): never {
    throw new ReadError(message, offset, pointer);
  }

  private skipWhitespace(): void {
    const text = this.text;
    while (this.index < text.length) {
      const c = text.charCodeAt(this.index);
      if (c === WS_SPACE || c === WS_TAB) {
        this.index++;
      } else if (c === WS_LF || c === WS_CR) {
        this.index++;
        if (c === WS_CR && text.charCodeAt(this.index) === WS_LF) this.index++;
        this.line++;
        this.lineStart = this.index;
      } else {
        return;
      }
    }
  }

  private readValue(pointer: string, depth: number): JsonNode {
    if (depth > MAX_JSON_DEPTH) this.fail(`nesting deeper than ${MAX_JSON_DEPTH}`, pointer);
    const c = this.text[this.index];
    switch (c) {
      case '{':
        return this.readObject(pointer, depth);
      case '[':
        return this.readArray(pointer, depth);
      case '"': {
        const start = this.position();
        const value = this.readStringBody(pointer);
        return { kind: 'string', value, span: { start, end: this.position(), pointer } };
      }
      case 't':
        return this.readLiteral('true', { kind: 'boolean', value: true }, pointer);
      case 'f':
        return this.readLiteral('false', { kind: 'boolean', value: false }, pointer);
      case 'n':
        return this.readLiteral('null', { kind: 'null' }, pointer);
      case undefined:
        return this.fail('unexpected end of input', pointer);
      default:
        if (c === '-' || (c >= '0' && c <= '9')) return this.readNumber(pointer);
        return this.fail(`unexpected character ${JSON.stringify(c)}`, pointer);
    }
  }

  private readLiteral<T extends { kind: string }>(word: string, node: T, pointer: string): T & NodeBase {
    const start = this.position();
    if (!this.text.startsWith(word, this.index)) this.fail('invalid literal', pointer);
    this.index += word.length;
    return { ...node, span: { start, end: this.position(), pointer } };
  }

  private readNumber(pointer: string): JsonNumber {
    const start = this.position();
    const match = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
    match.lastIndex = this.index;
    const found = match.exec(this.text);
    if (!found) return this.fail('invalid number', pointer);
    this.index += found[0].length;
    return { kind: 'number', raw: found[0], span: { start, end: this.position(), pointer } };
  }

  /** Reads a string starting at the opening quote; returns its decoded value. */
  private readStringBody(pointer: string): string {
    const text = this.text;
    this.index++; // opening quote
    let out = '';
    let runStart = this.index;
    while (this.index < text.length) {
      const c = text.charCodeAt(this.index);
      if (c === 34 /* " */) {
        out += text.slice(runStart, this.index);
        this.index++;
        return out;
      }
      if (c < 0x20) this.fail('control character in string', pointer);
      if (c === 92 /* \ */) {
        out += text.slice(runStart, this.index);
        out += this.readEscape(pointer);
        runStart = this.index;
      } else {
        this.index++;
      }
    }
    return this.fail('unterminated string', pointer);
  }

  private readEscape(pointer: string): string {
    const e = this.text[this.index + 1];
    this.index += 2;
    switch (e) {
      case '"':
        return '"';
      case '\\':
        return '\\';
      case '/':
        return '/';
      case 'b':
        return '\b';
      case 'f':
        return '\f';
      case 'n':
        return '\n';
      case 'r':
        return '\r';
      case 't':
        return '\t';
      case 'u': {
        const hex = this.text.slice(this.index, this.index + 4);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail('invalid \\u escape', pointer, this.index - 2);
        this.index += 4;
        return String.fromCharCode(parseInt(hex, 16));
      }
      default:
        return this.fail('invalid escape', pointer, this.index - 2);
    }
  }

  private readArray(pointer: string, depth: number): JsonArray {
    const start = this.position();
    this.index++;
    const items: JsonNode[] = [];
    this.skipWhitespace();
    if (this.text[this.index] === ']') {
      this.index++;
      return { kind: 'array', items, span: { start, end: this.position(), pointer } };
    }
    for (;;) {
      this.skipWhitespace();
      items.push(this.readValue(`${pointer}/${items.length}`, depth + 1));
      this.skipWhitespace();
      const c = this.text[this.index];
      this.index++;
      if (c === ']') return { kind: 'array', items, span: { start, end: this.position(), pointer } };
      if (c !== ',') this.fail("expected ',' or ']'", pointer, this.index - 1);
    }
  }

  private readObject(pointer: string, depth: number): JsonObject {
    const start = this.position();
    this.index++;
    const members: JsonMember[] = [];
    const seen = new Set<string>();
    this.skipWhitespace();
    if (this.text[this.index] === '}') {
      this.index++;
      return { kind: 'object', members, span: { start, end: this.position(), pointer } };
    }
    for (;;) {
      this.skipWhitespace();
      if (this.text[this.index] !== '"') this.fail('expected a quoted key', pointer);
      const keyStart = this.position();
      const key = this.readStringBody(pointer);
      const memberPointer = `${pointer}/${escapePointerToken(key)}`;
      const keySpan = { start: keyStart, end: this.position(), pointer: memberPointer };
      this.skipWhitespace();
      if (this.text[this.index] !== ':') this.fail("expected ':'", memberPointer);
      this.index++;
      this.skipWhitespace();
      const member = { key, keySpan, value: this.readValue(memberPointer, depth + 1) };
      if (seen.has(key)) this.duplicates.push(member);
      seen.add(key);
      members.push(member);
      this.skipWhitespace();
      const c = this.text[this.index];
      this.index++;
      if (c === '}') return { kind: 'object', members, span: { start, end: this.position(), pointer } };
      if (c !== ',') this.fail("expected ',' or '}'", pointer, this.index - 1);
    }
  }
}
