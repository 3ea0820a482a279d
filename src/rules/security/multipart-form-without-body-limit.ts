import type { Node } from 'web-tree-sitter';
import { defineRule, type RuleContext, type Visitors } from '../define-rule.js';
import { callArgs, unparen } from '../../go/ast.js';
import { resolveBinding } from '../_shared/security-bindings.js';
import { limitsRequestBody } from '../_shared/http-body-limit.js';
import { isQualifiedType } from '../_shared/declared-type.js';


/** Whether `recv` is visibly an *http.Request: a parameter or variable declared with that type, or `x.Request`. */
function isRequest(ctx: RuleContext, recv: Node): boolean {
  if (recv.type === 'selector_expression') return recv.childForFieldName('field')?.text === 'Request';
  if (recv.type === 'call_expression') return /\.Request$/.test(unparen(recv.childForFieldName('function'))?.text ?? '');
  if (recv.type !== 'identifier') return false;
  const t = resolveBinding(recv.text, recv, ctx.root).typeText;
  return !!t && isQualifiedType(ctx, t, 'net/http', ['Request']);
}

export default defineRule({
  meta: {
    id: 'SEC1016',
    name: 'multipart-form-without-body-limit',
    dimension: 'security',
    severity: 'medium',
    confidence: 'medium',
    lifecycle: 'experimental',
    experimentalReason:
      'Blind record over the samples of 2026-12-07 to 2026-12-14 (repositories not used in development; `node dist/scripts/blind-record.js`): 1 TP, 4 FP, 0 "nobody would act" of 5 judged — precision 20.0 % < 90.0 %, below the bar for a default rule (precision 90 %, at most a third nobody acts on). Main classes: form reads after a parse already reported, and helpers whose every caller sets a MaxBytesReader first. It returns to the default set when a fresh blind record clears the bar.',
    title: 'Multipart form parsed without a request body limit',
    passCriterion: 'every multipart form is parsed behind a request body limit (http.MaxBytesReader)',
    rationale:
      'ParseMultipartForm (and FormFile, which calls it) reads the whole request body: up to maxMemory in memory and ' +
      'every byte beyond it into temporary files, with no upper bound. Unlike ParseForm, which stops url-encoded bodies ' +
      'at 10 MB, a multipart upload is limited only by what the client sends, so one request can fill the temporary ' +
      'directory or keep a handler busy for as long as the attacker likes.',
    fix: {
      text: 'Cap the body before parsing: r.Body = http.MaxBytesReader(w, r.Body, maxUpload) (or wrap the handler in ' +
        'http.MaxBytesHandler), then call r.ParseMultipartForm(maxMemory) and answer 413 when it fails with *http.MaxBytesError.',
      effort: 'low',
    },
    examples: [
      {
        bad: 'package upload\n\nimport "net/http"\n\nfunc Handle(w http.ResponseWriter, r *http.Request) {\n\tif err := r.ParseMultipartForm(32 << 20); err != nil {\n\t\thttp.Error(w, err.Error(), http.StatusBadRequest)\n\t\treturn\n\t}\n\tw.WriteHeader(http.StatusNoContent)\n}\n',
        good: 'package upload\n\nimport "net/http"\n\nconst maxUpload = 50 << 20\n\nfunc Handle(w http.ResponseWriter, r *http.Request) {\n\tr.Body = http.MaxBytesReader(w, r.Body, maxUpload)\n\tif err := r.ParseMultipartForm(32 << 20); err != nil {\n\t\thttp.Error(w, err.Error(), http.StatusRequestEntityTooLarge)\n\t\treturn\n\t}\n\tw.WriteHeader(http.StatusNoContent)\n}\n',
      },
    ],
    messages: {
      parse: '{{call}} reads the whole multipart body (beyond maxMemory into temporary files) with no size cap: wrap the body with http.MaxBytesReader first',
    },
    sources: ['gosec:G120'],
    notes:
      'Reported: X.ParseMultipartForm(n) on any receiver, and X.FormFile(name) when X is visibly an *http.Request. Not ' +
      'reported when the file installs a body limit anywhere (http.MaxBytesReader, http.MaxBytesHandler, ' +
      'io.LimitReader(r.Body, …); a LimitReader over an HTTP client\'s response body does not count): a limit set in a ' +
      'middleware of another file is not seen (medium confidence). ' +
      'ParseForm, FormValue and PostFormValue are not reported: url-encoded bodies are capped at 10 MB by net/http. ' +
      'gosec G120 also reports ParseMultipartForm after MaxBytesReader (its documented limitation); goready does not.',
  },
  prefilter: ['ParseMultipartForm', 'FormFile'],
  create(ctx): Visitors {
    if (limitsRequestBody(ctx)) return {};
    return {
      call_expression(call) {
        const fn = unparen(call.childForFieldName('function'));
        if (fn?.type !== 'selector_expression') return;
        const method = fn.childForFieldName('field')?.text;
        const recv = unparen(fn.childForFieldName('operand'));
        if (!recv || callArgs(call).length !== 1) return;
        if (method === 'ParseMultipartForm' || (method === 'FormFile' && isRequest(ctx, recv))) {
          ctx.report({ node: call, messageId: 'parse', data: { call: `${recv.text.slice(0, 30)}.${method}` } });
        }
      },
    };
  },
});
