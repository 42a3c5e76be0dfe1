// Hostile input (issue 10): every array and string an action accepts has an upper bound, so no request can make a
// handler (or its error) grow with the input, and no array bound is above what the pipeline lets through to the
// schema (INPUT_ARRAY_MAX). Walks every action's input schema, whatever its nesting.
import { z } from 'zod';
import { FUNCTION_TABLES } from '../../server/functions/registry';
import { INPUT_ARRAY_MAX } from '../../server/platform/input-guard';

/** A pattern that matches only strings of a bounded length: anchored, with no open-ended repetition. */
function boundedPattern(regex: RegExp): boolean {
  const source = regex.source;
  return source.startsWith('^') && source.endsWith('$') && !/[*+]|\{\d+,\}/.test(source.replace(/\\./g, ''));
}

/** Paths of unbounded arrays, strings and records inside `schema`. */
function unbounded(schema: z.ZodTypeAny, path: string, seen = new Set<z.ZodTypeAny>()): string[] {
  if (seen.has(schema)) return [];
  seen.add(schema);
  const def = schema._def as { typeName: string } & Record<string, unknown>;
  switch (def.typeName) {
    case 'ZodString': {
      const checks = (def.checks as { kind: string; regex?: RegExp }[]) ?? [];
      return checks.some((c) => c.kind === 'max' || c.kind === 'length' || c.kind === 'uuid' || (c.kind === 'regex' && c.regex && boundedPattern(c.regex))) ? [] : [path];
    }
    case 'ZodArray': {
      // Bounded, and within what the pipeline lets through to the schema (server/platform/input-guard.ts).
      const bound = ((def.maxLength ?? def.exactLength) as { value: number } | null)?.value;
      return [...(bound !== undefined && bound <= INPUT_ARRAY_MAX ? [] : [path]), ...unbounded(def.type as z.ZodTypeAny, `${path}[]`, seen)];
    }
    case 'ZodRecord':
      return [`${path}{}`, ...entriesOf(def, path, seen)];
    case 'ZodObject':
      return Object.entries((schema as z.AnyZodObject).shape).flatMap(([key, value]) => unbounded(value as z.ZodTypeAny, `${path}.${key}`, seen));
    case 'ZodUnion':
    case 'ZodDiscriminatedUnion':
      return [...((def.options as z.ZodTypeAny[] | Map<unknown, z.ZodTypeAny>) instanceof Map ? [...(def.options as Map<unknown, z.ZodTypeAny>).values()] : (def.options as z.ZodTypeAny[]))].flatMap((o) => unbounded(o, path, seen));
    case 'ZodIntersection':
      return [...unbounded(def.left as z.ZodTypeAny, path, seen), ...unbounded(def.right as z.ZodTypeAny, path, seen)];
    case 'ZodOptional':
    case 'ZodNullable':
    case 'ZodDefault':
    case 'ZodReadonly':
    case 'ZodCatch':
      return unbounded(def.innerType as z.ZodTypeAny, path, seen);
    case 'ZodEffects': {
      // A refined record counts its keys in the refinement (a record of a known set of keys, or a few answers).
      const inner = def.schema as z.ZodTypeAny;
      if ((inner._def as { typeName: string }).typeName === 'ZodRecord') return entriesOf(inner._def as Record<string, unknown>, path, seen);
      return unbounded(inner, path, seen);
    }
    case 'ZodPipeline':
      return unbounded(def.in as z.ZodTypeAny, path, seen);
    case 'ZodLazy':
      return unbounded((def.getter as () => z.ZodTypeAny)(), path, seen);
    case 'ZodUnknown':
    case 'ZodAny':
      return [`${path}(unknown)`];
    default:
      return [];
  }
}

function entriesOf(def: Record<string, unknown>, path: string, seen: Set<z.ZodTypeAny>): string[] {
  return [...unbounded(def.keyType as z.ZodTypeAny, `${path}{key}`, seen), ...unbounded(def.valueType as z.ZodTypeAny, `${path}{value}`, seen)];
}

const actions = Object.entries(FUNCTION_TABLES).flatMap(([fn, table]) => Object.entries(table).map(([action, def]) => [`${fn}.${action}`, def.input as z.ZodTypeAny] as const));

it.each(actions)('%s bounds every array and string it accepts', (_name, schema) => {
  expect(unbounded(schema, 'input')).toEqual([]);
});
