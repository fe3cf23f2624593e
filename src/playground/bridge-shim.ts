/**
 * The `google.script` object the playground injects into the add-on's sidebar and dialog HTML, in
 * place of Google's: `google.script.run` (handler chaining, any server function name via a Proxy,
 * JSON-only arguments) posts to the playground server, which runs the function in the emulator;
 * `google.script.host` closes the panel or hands focus back to the grid. Panels run in sandboxed
 * iframes with an opaque origin, as Sheets serves them from another origin: they cannot call the
 * playground's API themselves, so each call is relayed by the page (postMessage) to /api/run only.
 * It tells the page after
 * every call so the grid shows what the script changed.
 */

/** Browser-side source of the shim (kept as plain ES2019 so any sidebar can load it). */
function shimSource(frame: 'sidebar' | 'dialog'): string {
  return `(function () {
  'use strict';
  var FRAME = ${JSON.stringify(frame)};
  function tell(type, extra) {
    // The frame's origin is opaque ("null"), so it cannot name its own origin as the target.
    try { window.parent.postMessage(Object.assign({ source: 'mapspec-bridge', type: type, frame: FRAME }, extra || {}), '*'); } catch (e) {}
  }
  // google.script.run calls waiting for the page's answer, by id.
  var pending = {};
  var nextId = 1;
  window.addEventListener('message', function (e) {
    var d = e.data;
    if (e.source !== window.parent || !d || d.source !== 'mapspec-host' || d.type !== 'run-result' || !pending[d.id]) return;
    var done = pending[d.id];
    delete pending[d.id];
    done(d);
  });
  function relay(body) {
    return new Promise(function (resolve) {
      var id = nextId++;
      pending[id] = resolve;
      tell('run', { id: id, body: body });
    });
  }
  // Why a value can't cross google.script.run (JSON only), or '' when it can.
  function problem(v, where, seen) {
    if (v === null || typeof v === 'string' || typeof v === 'boolean') return '';
    if (typeof v === 'number') return isFinite(v) ? '' : where + ' is ' + v;
    if (v === undefined) return '';
    if (typeof v === 'function') return where + ' is a function';
    if (typeof v !== 'object') return where + ' is a ' + typeof v;
    if (Object.prototype.toString.call(v) === '[object Date]') return where + ' is a Date (send a string or a number of milliseconds)';
    if (typeof Node !== 'undefined' && v instanceof Node) return where + ' is a DOM node';
    if (seen.indexOf(v) >= 0) return where + ' is a circular reference';
    seen.push(v);
    if (Array.isArray(v)) {
      for (var i = 0; i < v.length; i++) { var p = problem(v[i], where + '[' + i + ']', seen); if (p) return p; }
      return '';
    }
    var proto = Object.getPrototypeOf(v);
    if (proto !== null && proto !== Object.prototype) return where + ' is a ' + ((v.constructor && v.constructor.name) || 'non-plain') + ' object';
    for (var k in v) { if (Object.prototype.hasOwnProperty.call(v, k)) { var q = problem(v[k], where + '.' + k, seen); if (q) return q; } }
    return '';
  }
  function makeRunner(success, failure, userObject) {
    return new Proxy({}, {
      get: function (_t, name) {
        if (typeof name !== 'string' || name === 'then') return undefined;
        if (name === 'withSuccessHandler') return function (f) { return makeRunner(f, failure, userObject); };
        if (name === 'withFailureHandler') return function (f) { return makeRunner(success, f, userObject); };
        if (name === 'withUserObject') return function (o) { return makeRunner(success, failure, o); };
        return function () {
          var args = Array.prototype.slice.call(arguments);
          var fail = function (message) {
            var err = new Error(message);
            setTimeout(function () {
              if (failure) failure(err, userObject);
              else console.error('google.script.run.' + name + ' failed (no failure handler):', message);
            }, 0);
          };
          for (var i = 0; i < args.length; i++) {
            var p = problem(args[i], args.length === 1 ? 'the payload' : 'argument ' + (i + 1), []);
            if (p) return fail('google.script.run.' + name + ': ' + p + '; only JSON values can be sent to the server');
          }
          tell('busy', { fn: name });
          // One argument travels as the payload (left out when undefined); several as an array.
          var body = JSON.stringify(args.length > 1 ? { fn: name, args: args } : { fn: name, payload: args[0] });
          relay(body).then(function (r) {
            tell('changed', { fn: name });
            if (r.data && r.data.ok) { if (success) success(r.data.value, userObject); }
            else fail(r.error ? 'The playground server did not answer: ' + r.error : (r.data && r.data.message) || ('HTTP ' + r.status));
          });
        };
      }
    });
  }
  var host = {
    close: function () { tell('close'); },
    // Sheets ignores these for sidebars; dialogs keep the size the add-on gave them here.
    setHeight: function () { notEmulated('google.script.host.setHeight'); },
    setWidth: function () { notEmulated('google.script.host.setWidth'); },
    editor: { focus: function () { tell('focus-editor'); } },
    origin: window.location.origin
  };
  window.google = window.google || {};
  window.google.script = {
    run: makeRunner(null, null, undefined),
    host: host,
    url: { getLocation: function () { notEmulated('google.script.url.getLocation'); } },
    history: {
      push: function () { notEmulated('google.script.history.push'); },
      replace: function () { notEmulated('google.script.history.replace'); },
      setChangeHandler: function () { notEmulated('google.script.history.setChangeHandler'); }
    }
  };
  function notEmulated(name) { throw new Error('not emulated: ' + name); }
})();`;
}

/**
 * The panel's HTML with the shim injected before its first script (or at the top of <head>, or at
 * the very top), so google.script exists before any of the add-on's code runs.
 */
export function injectShim(html: string, frame: 'sidebar' | 'dialog'): string {
  // The shim is our own constant code; "</script" cannot occur in it.
  const tag = `<script data-mapspec-shim>${shimSource(frame)}</script>`;
  const firstScript = html.search(/<script\b/i);
  if (firstScript >= 0) return html.slice(0, firstScript) + tag + html.slice(firstScript);
  const head = /<head\b[^>]*>/i.exec(html);
  if (head) return html.slice(0, head.index + head[0].length) + tag + html.slice(head.index + head[0].length);
  return tag + html;
}
