// Chinese messages for schema validation, so a form problem reads the same on the page and from a function.
import { z, ZodIssueCode, type ZodErrorMap } from 'zod';

const TYPE_NAMES: Record<string, string> = {
  string: '文字',
  number: '数字',
  integer: '整数',
  boolean: '是或否',
  array: '列表',
  object: '对象',
  date: '日期',
};

export const zhErrorMap: ZodErrorMap = (issue) => {
  switch (issue.code) {
    case ZodIssueCode.invalid_type:
      return { message: issue.received === 'undefined' ? '此项必填' : `应为${TYPE_NAMES[issue.expected] ?? issue.expected}` };
    case ZodIssueCode.too_small:
      if (issue.type === 'string') return { message: Number(issue.minimum) <= 1 ? '此项必填' : `至少${issue.minimum}个字` };
      if (issue.type === 'array') return { message: `至少选择${issue.minimum}项` };
      return { message: `不能小于${issue.minimum}` };
    case ZodIssueCode.too_big:
      if (issue.type === 'string') return { message: `不能超过${issue.maximum}个字` };
      if (issue.type === 'array') return { message: `最多${issue.maximum}项` };
      return { message: `不能大于${issue.maximum}` };
    case ZodIssueCode.invalid_enum_value:
    case ZodIssueCode.invalid_literal:
    case ZodIssueCode.invalid_union:
    case ZodIssueCode.invalid_union_discriminator:
      return { message: '不是可选的值' };
    case ZodIssueCode.unrecognized_keys:
      return { message: `不认识的字段：${issue.keys.join('、')}` };
    case ZodIssueCode.invalid_string:
      return { message: '格式不正确' };
    case ZodIssueCode.invalid_date:
      return { message: '日期不正确' };
    default:
      return { message: '填写的内容有误' };
  }
};

/** Installs the Chinese messages for every schema in this bundle (functions and pages call it once at start). */
export function installChineseValidationMessages(): void {
  z.setErrorMap(zhErrorMap);
}
