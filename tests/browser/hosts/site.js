// The host's own script: a dark-mode switch that tells the embeds at once,
// as a blog would call it while the page loads (?theme=dark), and a log of
// layout shifts for the tests.
(function () {
  var q = new URLSearchParams(location.search);
  window.__shifts = 0;
  window.__ready = [];
  if (window.PerformanceObserver) {
    new PerformanceObserver(function (list) {
      list.getEntries().forEach(function (e) { if (!e.hadRecentInput) window.__shifts += e.value; });
    }).observe({ type: 'layout-shift', buffered: true });
  }
  document.addEventListener('dials-ready', function (e) {
    window.__ready.push({ at: performance.now(), id: e.target.id });
  });
  window.siteTheme = function (t) {
    document.documentElement.classList.toggle('dark', t === 'dark');
    if (window.DialsEmbed) window.DialsEmbed.setTheme(t);
  };
  if (q.get('theme')) window.siteTheme(q.get('theme'));
  var box = q.get('box');
  if (box) {
    var wh = box.split('x');
    document.querySelectorAll('.frame').forEach(function (f) {
      f.style.width = wh[0] + 'px';
      f.style.height = wh[1] + 'px';
    });
  }
})();
