// Hostile input (issue 10): zod checks an array's every element before its length, so 30,000 empty visit members
// (under the 100 KB body limit) held the runtime for seconds building issues nobody reads. No action's schema takes
// an array longer than INPUT_ARRAY_MAX (test/functions/input-bounds.test.ts keeps it so), so a longer one is refused
// here, before the schema, by a walk as cheap as the body is small.

export const INPUT_ARRAY_MAX = 100;

/** The path of the first array in `input` longer than INPUT_ARRAY_MAX, or undefined. Iterative: the input may nest deeply. */
export function overlongArray(input: unknown): string | undefined {
  const stack: { value: unknown; path: string }[] = [{ value: input, path: '' }];
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    if (typeof value !== 'object' || value === null) continue;
    if (Array.isArray(value)) {
      if (value.length > INPUT_ARRAY_MAX) return path;
      value.forEach((item, i) => stack.push({ value: item, path: path ? `${path}.${i}` : String(i) }));
    } else {
      for (const [key, item] of Object.entries(value)) stack.push({ value: item, path: path ? `${path}.${key}` : key });
    }
  }
  return undefined;
}
