// One catalogue for the messages (issue 14): functions take a message's title and body from MESSAGE_TEXTS and never
// spell them. A scan of the server functions for a title written as a literal, and the texts the catalogue builds.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
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

it('writes a case notice with the deadline running, from the core labels', () => {
  const text = MESSAGE_TEXTS.caseNotice({ message: 'stateChanged', applicantName: '张三', kind: 'dibao', state: 'received', due: { step: 'townInvestigation', dueAt: 0, dueDate: '2026-11-10', estimated: true } });
  expect(text.title).toBe('办理进度更新');
  expect(text.body).toMatch(/^张三的.+：.+。乡镇调查核实期限 2026-11-10（按工作日估算）$/);
  expect(MESSAGE_TEXTS.caseNotice({ message: 'decision', applicantName: '张三', kind: 'dibao', state: 'received' }).body).not.toContain('期限');
});
