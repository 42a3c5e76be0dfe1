import { z } from 'zod';
import { zhErrorMap } from '../../src/core/zod-messages';

const messageOf = (schema: z.ZodTypeAny, value: unknown) => {
  const parsed = schema.safeParse(value, { errorMap: zhErrorMap });
  return parsed.success ? null : parsed.error.issues[0].message;
};

describe('Chinese validation messages', () => {
  it('names the problem in Chinese', () => {
    expect(messageOf(z.object({ a: z.string() }), {})).toBe('此项必填');
    expect(messageOf(z.number(), 'x')).toBe('应为数字');
    expect(messageOf(z.string().max(150), 'a'.repeat(151))).toBe('不能超过150个字');
    expect(messageOf(z.string().min(5), 'abc')).toBe('至少5个字');
    expect(messageOf(z.array(z.string()).max(9), Array(10).fill('x'))).toBe('最多9项');
    expect(messageOf(z.enum(['a', 'b']), 'c')).toBe('不是可选的值');
    expect(messageOf(z.object({}).strict(), { x: 1 })).toBe('不认识的字段：x');
  });

  it('keeps a schema’s own message', () => {
    expect(messageOf(z.string().max(3, '备注太长'), 'abcd')).toBe('备注太长');
  });
});
