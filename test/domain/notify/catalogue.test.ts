// One catalogue for the messages (issue 14): functions take a message's title and body from MESSAGE_TEXTS and never
// spell them. A scan of the server functions for a title written as a literal, and the texts the catalogue builds.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CASE_KIND_LABELS, RESIDENT_STATE_LABELS } from '../../../src/core/cases';
import { MESSAGE_TEXTS } from '../../../src/core/notify/catalogue';

const FUNCTIONS = resolve(__dirname, '../../../server/functions');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : name.endsWith('.ts') ? [path] : [];
  });
}

it('leaves no message title written in a server function', () => {
  const literal = /\btitle:\s*['"`]/;
  const found = sources(FUNCTIONS).flatMap((path) =>
    readFileSync(path, 'utf8')
      .split('\n')
      .flatMap((line, i) => (literal.test(line) ? [`${path.slice(FUNCTIONS.length + 1)}:${i + 1}: ${line.trim()}`] : [])),
  );
  expect(found).toEqual([]);
});

it('writes a staff case notice with the deadline running, from the core labels', () => {
  const text = MESSAGE_TEXTS.caseNotice({ audience: 'staff', message: 'stateChanged', applicantName: '张三', kind: 'dibao', state: 'received', due: { step: 'townInvestigation', dueAt: 0, dueDate: '2026-11-10', estimated: true } });
  expect(text.title).toBe('办理进度更新');
  expect(text.body).toMatch(/^张三的.+：.+。乡镇调查核实期限 2026-11-10（按工作日估算）$/);
});

it('tells a resident where the case is in their words, with no office deadline or office state', () => {
  const due = { step: 'writtenNotice' as const, dueAt: 0, dueDate: '2026-11-10', estimated: false };
  const text = MESSAGE_TEXTS.caseNotice({ audience: 'resident', message: 'stateChanged', applicantName: '张三', kind: 'dibao', state: 'denied', due });
  expect(text.body).toBe(`张三的${CASE_KIND_LABELS.dibao}：${RESIDENT_STATE_LABELS.denied}`);
  expect(text.body).not.toMatch(/期限|待告知/);
});

it('says whether a decision approved, how much and from which month; a denial says why and how to object', () => {
  const approved = MESSAGE_TEXTS.caseNotice({
    audience: 'resident',
    message: 'decision',
    applicantName: '张三',
    kind: 'dibao',
    state: 'closed',
    decision: { outcome: 'approve', amountYuan: 560, benefitStartMonth: '2027-01' },
  });
  expect(approved).toEqual({ title: '申请已批准', body: `张三的${CASE_KIND_LABELS.dibao}已批准，每月560元，从2027年1月起发放。有疑问可以咨询镇民政办。` });
  const once = MESSAGE_TEXTS.caseNotice({ audience: 'resident', message: 'decision', applicantName: '李四', kind: 'temporaryEmergency', state: 'closed', decision: { outcome: 'approve', amountYuan: 1500 } });
  expect(once.body).toContain('救助金1500元');
  expect(once.body).not.toContain('每月');
  const denied = MESSAGE_TEXTS.caseNotice({
    audience: 'resident',
    message: 'decision',
    applicantName: '张三',
    kind: 'dibao',
    state: 'denied',
    decision: { outcome: 'deny', reasons: ['家庭人均收入高于当地低保标准'] },
  });
  expect(denied.title).toBe('申请未获批准');
  expect(denied.body).toContain('理由：家庭人均收入高于当地低保标准');
  expect(denied.body).toMatch(/异议.*镇民政办.*行政复议/);
  expect(denied.body).not.toContain('待告知');
});

it('titles the visit digest for the day it speaks of', () => {
  const text = MESSAGE_TEXTS.visitDigest({ dueTomorrow: 3, overdue: 1 });
  expect(text.title).toContain('明日');
  expect(text.body).toMatch(/^明天应走访3人/);
});
