/* Dials embed helper. Add it once to a page that embeds Dials widgets:
 *
 *   <iframe src="https://…/?view=ring&embed=1" data-dials title="…"></iframe>
 *   <script src="https://…/embed.js" defer></script>
 *
 * It sizes every iframe marked data-dials to its content, and passes theme
 * changes to them: call DialsEmbed.setTheme('dark' | 'light' | 'auto'), or give
 * any element data-dials-theme="dark" to make a click do it. Messages from the
 * embeds are checked against a small versioned schema; anything else is
 * ignored. No dependencies; without it the iframes keep their given height. */
(function () {
  'use strict';
  var SOURCE = 'dials';
  var VERSION = 1;
  var THEMES = { auto: 1, light: 1, dark: 1 };

  function frames() {
    return Array.prototype.slice.call(document.querySelectorAll('iframe[data-dials]'));
  }

  function originOf(frame) {
    try {
      return new URL(frame.getAttribute('src'), document.baseURI).origin;
    } catch (e) {
      return null;
    }
  }

  window.addEventListener('message', function (event) {
    var d = event.data;
    if (!d || typeof d !== 'object' || d.source !== SOURCE || d.version !== VERSION || d.type !== 'height') return;
    var h = d.height;
    if (typeof h !== 'number' || !isFinite(h) || h < 0 || h > 100000) return;
    frames().forEach(function (f) {
      // Only the iframe that sent it, and only from the origin it was loaded from.
      if (f.contentWindow === event.source && originOf(f) === event.origin) {
        f.style.height = Math.ceil(h) + 'px';
      }
    });
  });

  function setTheme(theme) {
    if (!Object.prototype.hasOwnProperty.call(THEMES, theme)) return;
    frames().forEach(function (f) {
      var origin = originOf(f);
      if (f.contentWindow && origin && origin !== 'null') {
        f.contentWindow.postMessage({ source: SOURCE, version: VERSION, type: 'theme', theme: theme }, origin);
      }
    });
  }

  document.addEventListener('click', function (event) {
    var el = event.target && event.target.closest ? event.target.closest('[data-dials-theme]') : null;
    if (el) setTheme(el.getAttribute('data-dials-theme'));
  });

  window.DialsEmbed = { setTheme: setTheme, version: VERSION };
})();
