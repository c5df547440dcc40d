// Embeds the scene named by ?scene=widget/name at each width of ?widths=
// (comma-separated px), side by side and all in view, and records the heights
// the embeds report, each frame taking its height as a host's would: the tests
// measure every scene this way to keep the embed script's table of heights.
(function () {
  var q = new URLSearchParams(location.search);
  var parts = (q.get('scene') || '').split('/');
  var widths = (q.get('widths') || '').split(',').map(Number);
  window.__heights = {};
  window.__ready = {};
  window.__changed = performance.now();
  window.addEventListener('message', function (e) {
    var d = e.data;
    if (!d || d.source !== 'dials' || typeof d.height !== 'number') return;
    document.querySelectorAll('iframe').forEach(function (f) {
      if (f.contentWindow === e.source) {
        var w = Number(f.dataset.width);
        // As the embed script does: heights count from `ready` on, once
        // every block the scene shows is built.
        if (d.type === 'ready') window.__ready[w] = true;
        if (!window.__ready[w]) return;
        if (window.__heights[w] !== d.height) window.__changed = performance.now();
        window.__heights[w] = d.height;
        // As the embed script does: the frame takes the height it reports.
        f.style.height = Math.ceil(d.height) + 'px';
      }
    });
  });
  widths.forEach(function (w) {
    var f = document.createElement('iframe');
    f.dataset.width = String(w);
    f.style.width = w + 'px';
    f.style.height = '300px';
    f.style.border = '0';
    f.style.display = 'inline-block';
    f.style.verticalAlign = 'top';
    f.src = q.get('app') + '?view=' + encodeURIComponent(parts[0]) + '&scene=' + encodeURIComponent(parts[1]) + '&embed=1';
    document.body.appendChild(f);
  });
})();
