import { TOKEN_HEADER } from './request-guard.js';

/**
 * A `google.script.run` stand-in for the local preview: the same shape as
 * Google's (withSuccessHandler / withFailureHandler / withUserObject, one
 * method per server function, nothing returned), calling the preview
 * server's /api/<function> over HTTP. Arguments and answers go through JSON,
 * as they do between a sidebar and Apps Script. Every call carries the
 * launch's token, read from the page's own URL (?token=…), in a header.
 */
export function standInScript(functionNames: string[]): string {
  return `(function (names) {
  var token = new URLSearchParams(location.search).get('token') || '';
  // A refused call answers { ok: false, error: { message } } in both languages.
  function refusal(text) {
    try { var e = JSON.parse(text).error; return e && e.message; } catch (err) { return text; }
  }
  function runner(success, failure, user) {
    var r = {
      withSuccessHandler: function (f) { return runner(f, failure, user); },
      withFailureHandler: function (f) { return runner(success, f, user); },
      withUserObject: function (o) { return runner(success, failure, o); }
    };
    names.forEach(function (name) {
      r[name] = function (arg) {
        var body = JSON.stringify(arg === undefined ? null : arg);
        fetch('api/' + name, { method: 'POST', headers: { 'content-type': 'application/json', '${TOKEN_HEADER}': token }, body: body })
          .then(function (res) {
            return res.text().then(function (text) {
              if (!res.ok) throw new Error(refusal(text) || res.status + ' ' + res.statusText);
              return text ? JSON.parse(text) : null;
            });
          })
          .then(function (value) { if (success) success(value, user); },
                function (err) { if (failure) failure(err, user); else console.error(err); });
      };
    });
    return r;
  }
  window.google = { script: {
    run: runner(null, null, undefined),
    host: { close: function () { window.close(); }, setHeight: function () {}, setWidth: function () {}, editor: { focus: function () {} } }
  } };
})(${JSON.stringify(functionNames)});`;
}
