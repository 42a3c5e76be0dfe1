// Error shapes of the stand-in. SDK-style errors mirror wx-server-sdk: message `<api>:fail <detail>`, plus errCode
// and errMsg, so code that inspects `err.errCode` behaves the same locally and in WeChat.

/** Error codes the real SDK uses for the failures we reproduce. */
export const ERR = {
  SYSTEM: -1,
  INVALID_PARAM: -501007,
  DB_REQUEST_FAIL: -502001,
  COLLECTION_NOT_EXIST: -502005,
  STORAGE_FILE_NOT_EXIST: -503003,
  /** callFunction of an invocation that ran past its configured timeout. */
  FUNCTION_TIMEOUT: -504003,
} as const;

export interface SdkError extends Error {
  errCode: number;
  errMsg: string;
}

export function sdkError(api: string, detail: string, errCode: number = ERR.SYSTEM): SdkError {
  const err = new Error(`${api}:fail ${detail}`) as SdkError;
  err.errCode = errCode;
  err.errMsg = err.message;
  return err;
}

export function invalidParam(api: string, detail: string): SdkError {
  return sdkError(api, detail, ERR.INVALID_PARAM);
}

/** document.get of a record that is not there, worded as WeChat words it. */
export function missingDocument(api: string, id: string): SdkError {
  return sdkError(api, `document with _id ${id} does not exist`, ERR.SYSTEM);
}

/** Thrown for any part of the wx-server-sdk surface the stand-in deliberately leaves out, so a gap is loud. */
export class UnsupportedError extends Error {
  constructor(what: string) {
    super(`wx-server-sdk stand-in: ${what} is not supported`);
    this.name = 'UnsupportedError';
  }
}

export function unsupported(what: string): UnsupportedError {
  return new UnsupportedError(what);
}

function isSdkError(e: unknown): e is SdkError {
  return e instanceof Error && typeof (e as Partial<SdkError>).errMsg === 'string';
}

/**
 * Turns whatever an operation threw into what the caller sees: SDK errors and unsupported-operation errors pass
 * through; SQLite constraint violations become the duplicate-key failure WeChat reports; anything else is wrapped
 * as an SDK error of that API.
 */
export function toOperationError(api: string, e: unknown): unknown {
  if (isSdkError(e) || e instanceof UnsupportedError) return e;
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && code.startsWith('SQLITE_CONSTRAINT')) {
    const message = e instanceof Error ? e.message : String(e);
    return sdkError(api, `[DuplicateWrite] E11000 duplicate key error (${message})`, ERR.DB_REQUEST_FAIL);
  }
  if (e instanceof Error) {
    const wrapped = sdkError(api, e.message, ERR.SYSTEM);
    wrapped.stack = e.stack;
    return wrapped;
  }
  return sdkError(api, String(e), ERR.SYSTEM);
}
