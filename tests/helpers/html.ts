import { HtmlValidate, type RuleConfig } from "html-validate";
import { expect } from "vitest";

/**
 * An HTML5 check with html-validate's recommended rules plus the project's decisions (see
 * tests/http/public/valid-html.test.ts for why each exists); `rules` adds or overrides some.
 */
export function htmlChecker(rules: RuleConfig = {}) {
  const validator = new HtmlValidate({
    extends: ["html-validate:recommended"],
    rules: { "no-trailing-whitespace": "off", "tel-non-breaking": ["error", { ignoreClasses: ["tel-nowrap"] }], ...rules },
  });
  return async function expectValid(html: string, label: string): Promise<void> {
    const report = await validator.validateString(html, label);
    const messages = report.results.flatMap((r) => r.messages.map((m) => `${m.ruleId} ${m.line}:${m.column} ${m.message}`));
    expect(messages, label).toEqual([]);
  };
}
