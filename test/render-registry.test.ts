/** One printer registry (format → printer per report kind) and one rule-doc model behind every rule text. */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { PRINTERS, parseFormatSpecs, printerFor } from '../src/printers/index.js';
import { formatChoices, formatsFor, REPORT_KINDS, resolveFormat } from '../src/printers/formats.js';
import { ruleMetadata } from '../src/rules/metadata.generated.js';
import { reportRuleOf } from '../src/report/model.js';
import { ruleDocOf, ruleDocOfReport } from '../src/report/rule-doc.js';
import { ruleHelpMarkdown } from '../src/printers/rule-doc-markdown.js';
import { ruleDocText, ruleHelpText } from '../src/printers/rule-doc-text.js';
import { ruleDocDetails } from '../src/printers/rule-doc-html.js';

describe('printer registry', () => {
  test('each report kind has a printer for exactly the formats the table gives it', () => {
    for (const kind of REPORT_KINDS) assert.deepEqual(Object.keys(PRINTERS[kind]).sort(), [...formatsFor(kind)].sort(), kind);
    assert.deepEqual(formatsFor('audit'), ['text', 'json', 'sarif', 'markdown', 'junit', 'html']);
    assert.deepEqual(formatsFor('fleet'), ['json', 'markdown', 'html']);
    assert.deepEqual(formatsFor('diff'), ['text', 'json', 'markdown']);
  });

  test('names and aliases resolve per kind; an unknown one names the formats of that kind', () => {
    assert.equal(resolveFormat(' MD ', 'fleet'), 'markdown');
    assert.equal(resolveFormat('htm', 'audit'), 'html');
    assert.equal(printerFor('diff', 'txt'), PRINTERS.diff.text);
    assert.throws(() => resolveFormat('sarif', 'fleet'), /unknown format 'sarif' \(one of json, markdown, html\)/);
    assert.throws(() => resolveFormat('html', 'diff'), /one of text, json, markdown\)/);
    assert.deepEqual(formatChoices('fleet'), ['json', 'markdown', 'html', 'md', 'htm']);
    assert.deepEqual(parseFormatSpecs(['XML=out.xml', 'md']), [{ name: 'junit', path: 'out.xml' }, { name: 'markdown', path: undefined }]);
    assert.throws(() => parseFormatSpecs(['pdf']), /unknown format 'pdf' \(one of text, json, sarif, markdown, junit, html\)/);
  });
});

describe('rule-doc model', () => {
  test('a rule documented from its metadata and from a report says the same in every shared part', () => {
    for (const meta of ruleMetadata) {
      const fromMeta = ruleDocOf(meta);
      const fromReport = ruleDocOfReport(reportRuleOf(meta, { applicable: true }));
      assert.equal(ruleHelpMarkdown(fromReport), ruleHelpMarkdown(fromMeta), meta.id);
      assert.equal(ruleHelpText(fromReport), ruleHelpText(fromMeta), meta.id);
      assert.equal(String(ruleDocDetails(fromReport, 0)), String(ruleDocDetails(fromMeta, 0)), meta.id);
      assert.deepEqual(fromReport.weight, fromMeta.weight, meta.id);
    }
  });

  test('a configured severity is the one documented, with its score weight', () => {
    const meta = ruleMetadata.find((m) => m.severity === 'medium' && m.confidence === 'high')!;
    const doc = ruleDocOfReport(reportRuleOf(meta, { applicable: true, severity: 'critical' }));
    assert.equal(doc.severity, 'critical');
    assert.ok(doc.weight.points > ruleDocOf(meta).weight.points);
    assert.match(String(ruleDocDetails(doc, 2)), /<span class="sev critical">critical<\/span>.*\(2 finding\(s\)\)/);
  });

  test('rule text reaches HTML escaped and the terminal as is', () => {
    const meta = { ...ruleMetadata[0]!, title: 'a <b> & "c"', rationale: '<script>x</script>' };
    const html = String(ruleDocDetails(ruleDocOf(meta), 0));
    assert.ok(html.includes('a &lt;b&gt; &amp; &quot;c&quot;') && html.includes('&lt;script&gt;x&lt;/script&gt;'));
    assert.ok(!html.includes('<script>'));
    assert.ok(ruleDocText(ruleDocOf(meta), false).includes('<script>x</script>'));
  });
});
