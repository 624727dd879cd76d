// wtr server command "lint" (test/lint-rules.test.ts): runs the project's ESLint config on a piece
// of code as if it were the file at `filePath`, and answers the rule ids that fired. So the
// architecture rules (no cycles, no sibling-element or adapter imports) are tested to fire, not
// only to stay quiet on the code we have.
import { ESLint } from 'eslint';

export function lintRules(root) {
  let eslint;
  return {
    name: 'lint-rules',
    async executeCommand({ command, payload }) {
      if (command !== 'lint') return undefined;
      eslint ??= new ESLint({ cwd: root });
      const [result] = await eslint.lintText(payload.code, { filePath: `${root}/${payload.filePath}` });
      return (result?.messages ?? []).map((m) => ({ rule: m.ruleId, line: m.line, message: m.message }));
    },
  };
}
