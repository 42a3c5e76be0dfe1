// Coded errors: a stable code for programs, a Chinese message for people.
// Expected failures are values (`Result`); `AppFailure` only carries one across a handler boundary.

export const ERROR_MESSAGES = {
  'REQUEST.MALFORMED': '请求格式不正确',
  'REQUEST.TOO_LARGE': '提交的内容过大',
  'FUNCTION.UNKNOWN': '没有这个功能',
  'FUNCTION.TIMEOUT': '处理时间过长，已中止，请稍后查看结果或重试',
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
  'VISIT.UNANSWERED': '还有问题没有回答',
  'ISSUE.INVALID_TRANSITION': '这个问题当前的状态不能进行这个操作',
  'REFERRAL.INVALID_TRANSITION': '这件转介当前的状态不能进行这个操作',
  'REFERRAL.DATE_INVALID': '日期不对，请核对后再填',
  'REFERRAL.OUTCOME_INCOMPLETE': '办理结果还不完整，请补充后再提交',
  'REFERRAL.SOURCE_INVALID': '这个人不在这次走访的这一户里',
  'APPRAISAL.CASE_OUTSIDE_VILLAGE': '评议的办件必须是本村的',
  'WARNING.INVALID_TRANSITION': '这条预警当前的状态不能进行这个操作',
  'PLAN.FREQUENCY_TOO_LOW': '跟踪帮扶的走访频次不能低于规定频次',
  'IMPORT.INVALID_ROWS': '表格中有错误，没有导入任何数据，请改正后重新导入',
  'IMPORT.TOO_MANY_ROWS': '一次导入的行数过多，请分批导入',
  'EXPORT.TOO_LARGE': '要导出的数据过多，请按村分别导出',
  'VERIFY.LISTING': '核查名单还在生成中，请稍后再试',
  'VERIFY.RESULTS_IMPORTED': '这次核查的比对结果已经导入过了',
  'VERIFY.TASK_NOT_OPEN': '这项复核任务已经办理过了',
  'VERIFY.AMOUNT_NOT_DIBAO': '只有低保对象按收入差额调整金额，其他对象请选择“核实无变化”或“退出”',
  'VERIFY.INCOME_OVER_LINE': '人均收入已达到低保标准，没有差额可发，请选择“不再符合条件，退出”',
  'VERIFY.NO_CASE': '系统中没有此人的批准记录，请按线下档案办理终止',
  'NETWORK.FAILED': '网络不稳定，请稍后重试',
  'INTERNAL': '系统繁忙，请稍后再试',
  'CASE.ILLEGAL_TRANSITION': '这件事当前的办理环节不能进行这个操作',
  'CASE.STEP_ON_OWN_RECORD': '转介结果请在这件办件的转介记录里登记，登记后办件自动办结',
  'CASE.NOT_CONFIRMED': '代办申请还没有得到居民本人确认，镇里暂不能办理',
  'CASE.MATERIALS_INCOMPLETE': '材料还不齐全',
  'CASE.MATERIALS_ALREADY_REQUESTED': '补正材料只能一次性告知，这件申请已经告知过了',
  'CASE.NOTHING_MISSING': '材料已经齐全，不需要补正，可以直接受理',
  'CASE.COUNTY_INVESTIGATION_REQUIRED': '申请人是经办人员或村(居)委会成员的近亲属，入户调查须由县级民政部门进行',
  'CASE.DATA_CHECK_PENDING': '家庭经济状况核对结果还没有登记',
  'CASE.DATA_CHECK_REQUIRED': '逢进必核：须先登记家庭经济状况核对结果（报告编号、日期、结论），才能批准低保或特困',
  'CASE.SELF_CARE_NOT_ASSESSED': '还没有完成生活自理能力评估',
  'CASE.NOTICE_NOT_POSTABLE': '这件申请不能张榜公示',
  'CASE.NOTICE_REQUIRED': '这件申请需要先公示7天',
  'CASE.NOTICE_NOT_ENDED': '7天公示期还没有结束',
  'CASE.ALREADY_EXTENDED': '办理期限只能延长一次，已经延长过了',
  'CASE.OVER_TOWN_APPROVAL_CAP': '金额超过乡镇审批权限，需要报县级民政部门一事一议',
  'CASE.AMOUNT_OVER_CEILING': '批准金额超过本地规定的上限',
  'NOTICE.NOTHING_TO_POST': '本村目前没有待公示的低保、特困初审意见',
  'NOTICE.NOT_RUNNING': '这次公示不在公示期内，不能提出异议',
  'NOTICE.OBJECTION_LIMIT': '对这次公示提出的异议已经达到上限',
  'NOTICE.OBJECTION_ANSWERED': '这条异议已经答复过了',
  'CASE.AMOUNT_REASON_REQUIRED': '批准金额高于测算金额，需要写明理由（分档或特殊情况）',
  'NOTIFY.FIELD_EMPTY': '订阅消息的内容不能为空',
  'NOTIFY.FIELD_TOO_LONG': '订阅消息的内容超过了字数限制',
  'NOTIFY.FIELD_FORMAT': '订阅消息的内容格式不符合要求',
  'NOTIFY.FIELD_TYPE_UNKNOWN': '订阅消息模板中有不支持的字段类型',
  'NOTIFY.TEMPLATE_UNKNOWN': '没有配置这个订阅消息模板',
  'OUTBOX.INVALID_TRANSITION': '这条待发消息当前的状态不能进行这个操作',
  'ALERT.CLOSED': '这次预警点名已经结束',
  'ALERT.NOTHING_TO_MARK': '这一户没有需要点名的人员',
  'ALERT.ALREADY_NEEDS_HELP': '已转为紧急求助的人员不能再改为其他状态',
  'FILE.REFERENCE_INVALID': '照片无效：只能使用本人在本程序中刚上传的 jpg 或 png 照片，请重新上传',
  'FILE.NOT_ATTACHED': '这张照片不属于这条记录',
  'FILE.LINK_INVALID': '照片链接无效或已过期，请重新打开页面',
  'INVITATION.INVALID': '邀请码不正确，请核对后重新输入',
  'INVITATION.USED': '这个邀请码已经用过了；如需重新绑定，请联系管理员重新邀请',
  'INVITATION.EXPIRED': '这个邀请码已过期（有效72小时），请联系管理员重新邀请',
  'INVITATION.REVOKED': '这个邀请码已被管理员撤销，请联系管理员重新邀请',
  'INVITATION.ALREADY_BOUND': '这个微信已经绑定了工作账号；如需更换，请联系管理员重新邀请',
  'ATTEMPTS.TOO_MANY': '尝试次数过多，请10分钟后再试',
  'LINK.NO_MATCH': '没有找到匹配的登记信息，请核对姓名、身份证号和手机号；也可以请网格员上门时帮你关联',
  'LINK.ALREADY_LINKED': '你的账号已经关联了本人信息',
  'LINK.CODE_INVALID': '关联码不正确或已过期，请居民刷新后重新出示',
  'PHONE_NUMBER.FAILED': '没有取到微信绑定的手机号，请直接填写',
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
