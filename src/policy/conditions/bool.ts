/** `Bool`: `true`/`false` (JSON booleans or strings), compared without regard to case. */
import { defineOperator, SLOT } from './operator.ts';

function parseBool(value: string): string | undefined {
  const lower = value.toLowerCase();
  return lower === 'true' || lower === 'false' ? lower : undefined;
}

export const bool = defineOperator<string, string>({
  name: 'Bool',
  variables: false,
  slot: SLOT.bool,
  preparePolicy: parseBool,
  prepareRequest: parseBool,
  test: (policy, request) => policy === request,
});
