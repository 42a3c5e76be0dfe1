// Coded errors: a stable code for programs, a Chinese message for people.
// Expected failures are values (`Result`); `AppFailure` only carries one across a handler boundary.

export const ERROR_MESSAGES = {
  'REQUEST.MALFORMED': '请求格式不正确',
  'REQUEST.TOO_LARGE': '提交的内容过大',
  'FUNCTION.UNKNOWN': '没有这个功能',
  'ACTION.UNKNOWN': '没有这个操作',
  'INPUT.INVALID': '填写的内容有误',
  'AUTH.REQUIRED': '请先登录',
  'AUTH.INVALID_SESSION': '登录已失效，请重新登录',
  'ROLE.FORBIDDEN': '当前身份不能进行这个操作',
  'SCOPE.FORBIDDEN': '只能查看和办理自己负责范围内的事项',
  'RECORD.NOT_FOUND': '没有找到这条记录',
  'RECORD.CONFLICT': '这条记录刚被其他人修改过，请查看最新内容后再提交',
  'ID_NUMBER.INVALID': '身份证号码不正确，请核对后重新输入',
  'PHONE.INVALID': '手机号码不正确',
  'PERSON.DUPLICATE': '这个人已经登记过了',
  'VISIT.MEMBER_NOT_IN_HOUSEHOLD': '走访的成员不属于这一户',
  'VISIT.TIME_INVALID': '走访时间不正确',
  'ISSUE.INVALID_TRANSITION': '这个问题当前的状态不能进行这个操作',
  'WARNING.INVALID_TRANSITION': '这条预警当前的状态不能进行这个操作',
  'PLAN.FREQUENCY_TOO_LOW': '跟踪帮扶的走访频次不能低于规定频次',
  'IMPORT.INVALID_ROWS': '表格中有错误，没有导入任何数据，请改正后重新导入',
  'IMPORT.TOO_MANY_ROWS': '一次导入的行数过多，请分批导入',
  'NETWORK.FAILED': '网络不稳定，请稍后重试',
  'INTERNAL': '系统繁忙，请稍后再试',
} as const;

export type ErrorCode = keyof typeof ERROR_MESSAGES;

export interface AppError {
  code: ErrorCode;
  message: string;
  /** Field-level problems for forms, or the fresh record on a conflict. */
  details?: unknown;
}

export type Ok<T> = { ok: true; data: T };
export type Err = { ok: false; error: AppError };
export type Result<T> = Ok<T> | Err;

export function appError(code: ErrorCode, message?: string, details?: unknown): AppError {
  const error: AppError = { code, message: message ?? ERROR_MESSAGES[code] };
  if (details !== undefined) error.details = details;
  return error;
}

export const ok = <T>(data: T): Ok<T> => ({ ok: true, data });
export const err = (code: ErrorCode, message?: string, details?: unknown): Err => ({
  ok: false,
  error: appError(code, message, details),
});

/** Thrown inside a handler to stop it with a coded error; the function boundary turns it into an `Err`. */
export class AppFailure extends Error {
  readonly error: AppError;
  constructor(code: ErrorCode, message?: string, details?: unknown) {
    const error = appError(code, message, details);
    super(`${error.code}: ${error.message}`);
    this.error = error;
  }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ERROR_MESSAGES, value);
}
