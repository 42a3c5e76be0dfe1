// Which build each part of a deployment runs. Every function bundle and the mini-program carry the build's
// version; each function records its own on the first call it answers, so the admin sees a half-finished upload.

/** This build's version (the bundler's BUILD_VERSION); 'dev' where code runs unbundled (tests). */
export const THIS_BUILD: string = typeof BUILD_VERSION === 'string' ? BUILD_VERSION : 'dev';

/** The mini-program, in a mismatch list beside the cloud functions. */
export const APP_PART = 'app';

export interface PartVersion {
  fn: string;
  version: string;
}

export interface DeploymentStatus {
  ok: boolean;
  /** The version the answering function runs: what every part should run. */
  version: string;
  mismatched: PartVersion[];
}

/** Every part whose version differs from `expected`; a function not called since it was deployed has no record yet. */
export function deploymentStatus(expected: string, parts: readonly PartVersion[]): DeploymentStatus {
  const mismatched = parts.filter((part) => part.version !== expected).sort((a, b) => a.fn.localeCompare(b.fn));
  return { ok: mismatched.length === 0, version: expected, mismatched };
}

/** The admin's warning, or null when every part runs the same build. */
export function deploymentWarning(status: DeploymentStatus): string | null {
  if (status.ok) return null;
  const parts = status.mismatched.map((part) => `${part.fn === APP_PART ? '小程序' : `云函数 ${part.fn}`}（版本 ${part.version}）`);
  return `部署不完整：${parts.join('、')}与当前版本 ${status.version} 不一致。请用同一次构建重新上传这些部分。`;
}
