/**
 * P13: the script the company's own site includes (`<script src="…/collect.js" defer></script>`). It sets
 * its first-party visitor cookie only after the visitor consents, sends each page view with the time
 * spent on it when the page is left, and offers consent given and withdrawn (`window.Rekisteri`).
 * Without a consent it sends nothing at all.
 */
export function collectScript(noticeVersion: string): string {
  return `(function () {
  'use strict';
  var script = document.currentScript;
  var base = new URL(script.src).origin;
  var notice = script.getAttribute('data-notice-version') || ${JSON.stringify(noticeVersion)};
  var VISITOR = 'rekisteri_visitor', CHOICE = 'rekisteri_consent', DAYS = 390;
  function read(name) {
    var m = document.cookie.match(new RegExp('(?:^|; )' + name + '=([^;]*)'));
    return m ? decodeURIComponent(m[1]) : null;
  }
  function write(name, value, days) {
    document.cookie = name + '=' + encodeURIComponent(value) + '; Max-Age=' + Math.round(days * 86400) + '; Path=/; SameSite=Lax' +
      (location.protocol === 'https:' ? '; Secure' : '');
  }
  function newId() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID().replace(/-/g, '');
    var bytes = new Uint8Array(16); crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ('0' + b.toString(16)).slice(-2); }).join('');
  }
  function post(path, body) {
    // text/plain: a simple request, no preflight; no credentials: the register sets no cookie of its own.
    return fetch(base + path, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'text/plain' },
      keepalive: true, mode: 'cors', credentials: 'omit' }).then(function (r) { return r.json(); });
  }
  function categories() {
    var c = read(CHOICE);
    return c && c !== 'none' ? c.split('.') : [];
  }
  function fillForms(id) {
    var inputs = document.querySelectorAll('form input[name="visitorId"]');
    for (var i = 0; i < inputs.length; i++) inputs[i].value = id || '';
  }
  var started = Date.now();
  function flush() {
    var id = read(VISITOR);
    if (!id || categories().length === 0 || started === null) return;
    var duration = Math.min(Date.now() - started, 86400000);
    started = null;
    post('/collect', { visitorId: id, events: [{ page: location.pathname, durationMs: duration }] }).catch(function () {});
  }
  document.addEventListener('visibilitychange', function () {
    if (document.visibilityState === 'hidden') flush(); else started = Date.now();
  });
  window.addEventListener('pagehide', flush);
  var api = {
    /** Consent to some of ANALYTICS and MARKETING; none withdraws. */
    consent: function (given) {
      if (!given || given.length === 0) return api.withdraw();
      var id = read(VISITOR) || newId();
      write(VISITOR, id, DAYS);
      write(CHOICE, given.join('.'), DAYS);
      fillForms(id);
      return post('/collect/consent', { visitorId: id, categories: given, noticeVersion: notice });
    },
    /** Withdraws consent: the register deletes this browser's events, and the visitor cookie goes. */
    withdraw: function () {
      var id = read(VISITOR);
      write(CHOICE, 'none', DAYS);
      write(VISITOR, '', 0);
      fillForms(null);
      return id ? post('/collect/consent', { visitorId: id, categories: [], noticeVersion: notice }) : Promise.resolve({ withdrawn: false, deletedEvents: 0 });
    },
    visitorId: function () { return categories().length ? read(VISITOR) : null; },
    categories: categories,
  };
  window.Rekisteri = api;
  fillForms(api.visitorId());
  if (script.getAttribute('data-banner') === 'true' && read(CHOICE) === null) {
    var fi = (document.documentElement.lang || 'fi').slice(0, 2) !== 'en';
    var t = fi
      ? ['Käytämme evästeitä sivujen tilastointiin ja markkinoinnin kohdentamiseen vain suostumuksellasi.', 'Hyväksy kaikki', 'Vain tilastot', 'Kieltäydyn']
      : ['We use cookies for page statistics and targeted marketing only with your consent.', 'Accept all', 'Statistics only', 'Decline'];
    var bar = document.createElement('div');
    bar.setAttribute('role', 'dialog');
    bar.setAttribute('aria-label', fi ? 'Evästeet' : 'Cookies');
    bar.style.cssText = 'position:fixed;left:0;right:0;bottom:0;padding:12px;background:#fff;border-top:1px solid #888;z-index:2147483647';
    var p = document.createElement('p'); p.textContent = t[0]; bar.appendChild(p);
    [[t[1], ['ANALYTICS', 'MARKETING']], [t[2], ['ANALYTICS']], [t[3], []]].forEach(function (choice) {
      var b = document.createElement('button'); b.type = 'button'; b.textContent = choice[0];
      b.addEventListener('click', function () { api.consent(choice[1]); bar.remove(); });
      bar.appendChild(b);
    });
    document.body.appendChild(bar);
  }
})();
`;
}
