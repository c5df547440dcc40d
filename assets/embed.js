/* Dials embed script. Add it once to a page that embeds Dials:
 *
 *   <dials-embed scene="ring/node-joins"></dials-embed>
 *   <script src="https://…/dials/embed.js" defer></script>
 *
 * A <dials-embed> element becomes the scene (or, with view="ring" and
 * state="nodes=10&vnodes=100", the whole widget in that state), served from
 * where this script comes from. Attributes theme, accent, controls, caption,
 * play, fit and export pass on as the embed's options; height="560" reserves
 * that height; load="eager" | "lazy" | "click" says when the live figure
 * loads. Until it does, the element shows the scene's picture with a play
 * button, as tall as the live figure will be: with several embeds on a page
 * (the default there is "lazy") nothing heavy downloads before one nears the
 * screen or is clicked, and they load one at a time, the one in view first.
 * Whatever the element holds (a link and an image, say) is what readers
 * without JavaScript see.
 *
 * Plain iframes marked data-dials work too. Every embed is sized to its
 * content, and follows DialsEmbed.setTheme('dark' | 'light' | 'auto') or a
 * click on any element with data-dials-theme="dark": an embed announces
 * itself when ready and is answered with the theme set so far, so the order
 * of loading never matters. Messages are checked against a small versioned
 * schema; anything else is ignored. No dependencies. */
(function () {
  'use strict';
  if (window.DialsEmbed && window.DialsEmbed.version) return;
  var SOURCE = 'dials';
  var VERSION = 1;
  var THEMES = { auto: 1, light: 1, dark: 1 };
  var OPTIONS = ['theme', 'accent', 'controls', 'caption', 'play', 'fit', 'export'];
  var NAME = /^[a-z0-9-]{1,40}$/;
  // How long a loading embed may take before the next one starts anyway, ms.
  var PATIENCE = 20000;
  var me = document.currentScript;
  var BASE = new URL('./', (me && me.src) || document.baseURI).href;

  // Each scene's title, and its height (px) at widths (px) as measured in a
  // browser: between two widths the height is interpolated.
  /* scenes: written by the browser tests (DIALS_SIZES=write), do not edit */
  var SCENES = {
    "cache/lru-and-fifo": ["LRU, one request at a time",[320,1002],[340,956],[360,870],[400,828],[480,745],[600,671],[601,725],[700,656],[800,563],[960,563]],
    "cache/opt": ["The unreachable best",[320,1024],[340,978],[360,911],[400,793],[480,737],[600,703],[601,712],[700,690],[800,587],[960,568]],
    "cache/clock-and-sieve": ["Cheap approximations",[320,1144],[340,1105],[360,1019],[400,882],[480,845],[600,791],[601,825],[700,783],[800,658],[960,639]],
    "cache/zipf": ["Popularity at scale",[320,781],[340,781],[360,715],[400,666],[480,633],[600,625],[601,673],[700,621],[800,621],[960,621]],
    "cache/scans": ["Scans flush LRU",[320,837],[340,791],[360,791],[400,700],[480,687],[600,656],[601,746],[700,672],[800,672],[960,649]],
    "cache/loop": ["A loop just too big",[320,795],[340,756],[360,708],[400,658],[480,645],[600,636],[601,702],[700,649],[800,627],[960,627]],
    "cache/hotspot-moves": ["The hotspot moves",[320,737],[340,737],[360,691],[400,641],[480,606],[600,617],[601,680],[700,649],[800,605],[960,605]],
    "cells/one-shared-deployment": ["One shared deployment",[320,753],[340,733],[360,683],[400,664],[480,623],[600,581],[601,559],[700,539],[800,496],[960,474]],
    "cells/ten-cells": ["Ten cells",[320,875],[340,870],[360,800],[400,780],[480,747],[600,692],[601,513],[700,493],[800,473],[960,487]],
    "cells/a-hundred-cells": ["A hundred cells",[320,978],[340,947],[360,927],[400,907],[480,874],[600,832],[601,512],[700,496],[800,502],[960,518]],
    "cells/the-largest-tenant-alone": ["The largest tenant alone",[320,1035],[340,1049],[360,1009],[400,990],[480,930],[600,845],[601,576],[700,576],[800,532],[960,532]],
    "cells/shuffle-sharding": ["Shuffle sharding",[320,1217],[340,1172],[360,1172],[400,1111],[480,1087],[600,983],[601,763],[700,722],[800,670],[960,649]],
    "cells/a-large-fleet": ["A large fleet",[320,1282],[340,1256],[360,1256],[400,1196],[480,1173],[600,1088],[601,830],[700,787],[800,757],[960,737]],
    "cells/a-bad-deploy-in-waves": ["A bad deploy, in waves",[320,1231],[340,1211],[360,1171],[400,1106],[480,1073],[600,967],[601,732],[700,709],[800,643],[960,643]],
    "queue/one-server": ["One server: why 90 % busy means ten times the wait",[320,1052],[340,1033],[360,978],[400,959],[480,897],[600,852],[601,686],[700,661],[800,612],[960,584]],
    "queue/slow-server": ["A slow server and round robin",[320,1105],[340,1037],[360,997],[400,978],[480,915],[600,871],[601,614],[700,559],[800,554],[960,524]],
    "queue/least-outstanding": ["Least outstanding steers around it",[320,1137],[340,1038],[360,953],[400,895],[480,848],[600,777],[601,592],[700,569],[800,539],[960,489]],
    "queue/two-choices": ["Two random choices, almost as good as knowing everything",[320,1165],[340,1097],[360,1002],[400,937],[480,913],[600,867],[601,745],[700,723],[800,648],[960,557]],
    "queue/fan-out": ["Fan-out: the tail becomes the median",[320,1065],[340,1045],[360,1036],[400,990],[480,936],[600,845],[601,656],[700,656],[800,634],[960,625]],
    "queue/hedging": ["Hedging: the tail for a few per cent more load",[320,957],[340,901],[360,824],[400,797],[480,763],[600,743],[601,618],[700,569],[800,519],[960,457]],
    "quorum/overlap": ["Overlapping quorums",[320,1065],[340,1062],[360,1060],[400,1048],[480,1055],[600,1069],[601,657],[700,634],[800,677],[960,755]],
    "quorum/one-each": ["Faster, looser",[320,999],[340,997],[360,995],[400,1009],[480,1014],[600,1050],[601,634],[700,612],[800,655],[960,711]],
    "quorum/slow-motion": ["One write, one read, in slow motion",[320,1141],[340,1122],[360,1080],[400,979],[480,873],[600,759],[601,799],[700,733],[800,733],[960,711]],
    "quorum/how-long": ["Stale, for how long?",[320,905],[340,843],[360,824],[400,716],[480,709],[600,649],[601,671],[700,648],[800,604],[960,604]],
    "quorum/replica-down": ["A replica crashes",[320,1070],[340,1061],[360,1058],[400,1072],[480,1108],[600,1162],[601,732],[700,669],[800,647],[960,688]],
    "quorum/across-regions": ["Across regions",[320,1006],[340,986],[360,986],[400,905],[480,927],[600,868],[601,886],[700,788],[800,744],[960,744]],
    "rate-limit/one-stream-six-limiters": ["One stream, six limiters",[320,903],[340,883],[360,864],[400,844],[480,786],[600,766],[601,719],[700,697],[800,675],[960,675]],
    "rate-limit/the-window-edge": ["The window edge",[320,1033],[340,1014],[360,972],[400,933],[480,920],[600,836],[601,811],[700,774],[800,752],[960,725]],
    "rate-limit/room-for-a-burst": ["Room for a burst",[320,959],[340,914],[360,894],[400,875],[480,824],[600,804],[601,719],[700,697],[800,675],[960,675]],
    "rate-limit/on-a-live-clock": ["On a live clock",[320,933],[340,914],[360,894],[400,831],[480,798],[600,759],[601,841],[700,775],[800,753],[960,753]],
    "rate-limit/one-noisy-client": ["One noisy client",[320,883],[340,856],[360,837],[400,818],[480,804],[600,747],[601,675],[700,675],[800,653],[960,653]],
    "rate-limit/many-gateways-one-limit": ["Many gateways, one limit",[320,978],[340,912],[360,872],[400,872],[480,782],[600,743],[601,759],[700,737],[800,717],[960,717]],
    "rate-limit/a-central-counter": ["A central counter",[320,855],[340,808],[360,768],[400,749],[480,704],[600,685],[601,695],[700,695],[800,653],[960,653]],
    "ring/one-node": ["One node holds everything",[320,680],[340,674],[360,674],[400,714],[480,742],[600,862],[601,469],[700,503],[800,561],[960,653]],
    "ring/one-spot-each": ["A few nodes, one spot each",[320,889],[340,909],[360,909],[400,930],[480,977],[600,1078],[601,520],[700,526],[800,583],[960,675]],
    "ring/node-joins": ["A node joins",[320,961],[340,941],[360,942],[400,962],[480,986],[600,1087],[601,575],[700,570],[800,627],[960,719]],
    "ring/virtual-nodes": ["Virtual nodes",[320,901],[340,901],[360,921],[400,941],[480,996],[600,1096],[601,559],[700,537],[800,583],[960,675]],
    "ring/node-leaves": ["A node leaves",[320,740],[340,739],[360,740],[400,780],[480,823],[600,943],[601,469],[700,503],[800,561],[960,653]],
    "ring/replicas": ["Replicas on the ring",[320,793],[340,793],[360,813],[400,789],[480,843],[600,944],[601,513],[700,548],[800,605],[960,697]],
    "ring/bounded-loads": ["Bounded loads",[320,900],[340,842],[360,842],[400,804],[480,824],[600,740],[601,776],[700,710],[800,710],[960,645]]
  };
  /* end scenes */

  var theme = null; // what the host page asked for, once it has
  var records = []; // one per embed: { el, frame, origin, fit, state }
  var queue = [];
  var loading = null;

  function sceneKey(url) {
    var view = url.searchParams.get('view');
    var scene = url.searchParams.get('scene');
    return view && scene ? view + '/' + scene : null;
  }

  /** The height a scene takes at `width`, or 0 if it was not measured. */
  function sceneHeight(key, width) {
    var s = key && Object.prototype.hasOwnProperty.call(SCENES, key) ? SCENES[key] : null;
    if (!s || s.length < 2) return 0;
    var pts = s.slice(1);
    if (width <= pts[0][0]) return pts[0][1];
    for (var i = 1; i < pts.length; i++) {
      if (width <= pts[i][0]) {
        var a = pts[i - 1];
        var b = pts[i];
        return Math.round(a[1] + (b[1] - a[1]) * (width - a[0]) / (b[0] - a[0]));
      }
    }
    return pts[pts.length - 1][1];
  }

  function post(rec, message) {
    if (rec.frame && rec.frame.contentWindow && rec.origin && rec.origin !== 'null') {
      message.source = SOURCE;
      message.version = VERSION;
      rec.frame.contentWindow.postMessage(message, rec.origin);
    }
  }

  function originOf(src) {
    try {
      return new URL(src, document.baseURI).origin;
    } catch (e) {
      return null;
    }
  }

  /** The record of a plain iframe marked data-dials, made on first sight. */
  function plainRecord(frame) {
    for (var i = 0; i < records.length; i++) if (records[i].frame === frame) return records[i];
    var src = frame.getAttribute('src') || '';
    var url = null;
    try { url = new URL(src, document.baseURI); } catch (e) { /* not ours */ }
    var rec = {
      el: frame, frame: frame, origin: originOf(src), state: 'loading',
      fit: Boolean(url && url.searchParams.get('fit') === '1'),
    };
    records.push(rec);
    return rec;
  }

  function allRecords() {
    var frames = document.querySelectorAll('iframe[data-dials]');
    for (var i = 0; i < frames.length; i++) plainRecord(frames[i]);
    return records;
  }

  window.addEventListener('message', function (event) {
    var d = event.data;
    if (!d || typeof d !== 'object' || d.source !== SOURCE || d.version !== VERSION) return;
    if (d.type !== 'ready' && d.type !== 'height') return;
    var h = d.height;
    var hasHeight = typeof h === 'number' && isFinite(h) && h >= 0 && h <= 100000;
    if (h !== undefined && !hasHeight) return;
    var list = allRecords();
    for (var i = 0; i < list.length; i++) {
      var rec = list[i];
      // Only the iframe that sent it, and only from the origin it was loaded from.
      if (!rec.frame || rec.frame.contentWindow !== event.source || rec.origin !== event.origin) continue;
      // Heights count from `ready` on: before it the embed is still building,
      // and the height it holds (the reserved one) is the better guess.
      if (d.type === 'height' && !rec.answered) continue;
      if (hasHeight && !rec.fit) rec.frame.style.height = Math.ceil(h) + 'px';
      if (d.type === 'ready' && !rec.answered) ready(rec);
    }
  });

  /** An embed answered: it gets the theme set so far, and shows. */
  function ready(rec) {
    rec.answered = true;
    if (theme) post(rec, { type: 'theme', theme: theme });
    reveal(rec);
    rec.el.dispatchEvent(new CustomEvent('dials-ready', { bubbles: true }));
  }

  /** The live figure takes the picture's place, and the next embed may load. */
  function reveal(rec) {
    rec.state = 'ready';
    if (rec.placeholder) {
      var f = rec.frame.style;
      // A fitted one stays laid over the element, which the page sizes.
      if (!rec.fit) f.position = 'static';
      f.opacity = '1';
      rec.placeholder.remove();
      rec.placeholder = null;
      if (rec.focus) rec.frame.focus();
    }
    rec.el.setAttribute('data-state', 'ready');
    if (loading === rec) {
      loading = null;
      pump();
    }
  }

  function setTheme(t) {
    if (!Object.prototype.hasOwnProperty.call(THEMES, t)) return;
    theme = t;
    var list = allRecords();
    for (var i = 0; i < list.length; i++) {
      post(list[i], { type: 'theme', theme: t });
      paintPlaceholder(list[i]);
    }
  }

  function dark() {
    if (theme === 'dark' || theme === 'light') return theme === 'dark';
    return Boolean(window.matchMedia && window.matchMedia('(prefers-color-scheme: dark)').matches);
  }

  /** The address an element names; null (and a message on the element) if it names none. */
  function address(el) {
    var url;
    var src = el.getAttribute('src');
    if (src) {
      try { url = new URL(src, document.baseURI); } catch (e) { return null; }
      if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
      if (!NAME.test(url.searchParams.get('view') || '')) return null;
    } else {
      var scene = (el.getAttribute('scene') || '').trim().split('/');
      var view = scene[0] || (el.getAttribute('view') || '').trim();
      if (!NAME.test(view) || (scene.length > 1 && !NAME.test(scene[1])) || scene.length > 2) return null;
      var params = new URLSearchParams();
      params.set('view', view);
      if (scene.length > 1) params.set('scene', scene[1]);
      new URLSearchParams(el.getAttribute('state') || '').forEach(function (v, k) {
        if (k !== 'view' && k !== 'scene' && k !== 'embed') params.append(k, v);
      });
      url = new URL(BASE);
      url.search = params.toString();
    }
    OPTIONS.forEach(function (o) {
      var v = el.getAttribute(o);
      if (v !== null) url.searchParams.set(o, v === '' ? '1' : v);
    });
    url.searchParams.set('embed', '1');
    return url;
  }

  function style(node, rules) {
    for (var k in rules) node.style.setProperty(k, rules[k]);
    return node;
  }

  function paintPlaceholder(rec) {
    var p = rec.placeholder;
    if (!p) return;
    var img = p.querySelector('img');
    // The picture is drawn in light colours; on a dark page it is inverted
    // (and its hues turned back), as the live figure would be dark.
    if (img) img.style.filter = dark() ? 'invert(1) hue-rotate(180deg)' : 'none';
  }

  function reserve(rec) {
    var el = rec.el;
    var given = parseInt(el.getAttribute('height') || '', 10);
    if (!(given > 0 && given < 100000)) given = 0;
    if (rec.fit) {
      // A fitted embed fills the element, as large as the page makes it (or
      // as asked), and at least 540 px tall (a percentage of a parent with no
      // height of its own comes to nothing). Picture and frame are laid over
      // it, so they take its size whatever sets it, and whenever.
      if (given) el.style.height = given + 'px';
      el.style.minHeight = '540px';
      var over = { position: 'absolute', top: '0', left: '0', width: '100%', height: '100%' };
      style(rec.frame, over);
      if (rec.placeholder) style(rec.placeholder, over);
      return;
    }
    // The snippet's own height (which holds the place before this script
    // runs) gives way to the one for this width.
    el.style.removeProperty('height');
    var width = el.getBoundingClientRect().width || 700;
    var h = given || sceneHeight(rec.key, width) || (rec.key ? 560 : 720);
    rec.frame.style.height = h + 'px';
    if (rec.placeholder) rec.placeholder.style.height = h + 'px';
  }

  function setup(el) {
    if (el.__dials) return;
    var url = address(el);
    var root = el.shadowRoot || el.attachShadow({ mode: 'open' });
    style(el, { display: 'block', position: 'relative' });
    if (!url) {
      var note = document.createElement('p');
      note.textContent = 'Dials: this embed names no widget (give it scene="ring/node-joins" or view="ring").';
      style(note, { border: '1px dashed currentColor', padding: '0.75rem', margin: '0' });
      root.appendChild(note);
      return;
    }
    var key = sceneKey(url);
    var known = key && Object.prototype.hasOwnProperty.call(SCENES, key) ? SCENES[key] : null;
    var title = el.getAttribute('title') || (known ? 'Dials: ' + known[0] : 'Dials: ' + url.searchParams.get('view'));
    var frame = document.createElement('iframe');
    frame.title = title;
    frame.setAttribute('allow', 'fullscreen');
    style(frame, { display: 'block', width: '100%', border: '0' });
    var rec = {
      el: el, frame: frame, origin: url.origin, key: key, url: url.href, state: 'idle',
      fit: url.searchParams.get('fit') === '1', placeholder: null,
    };
    el.__dials = rec;
    records.push(rec);

    var button = document.createElement('button');
    button.type = 'button';
    button.setAttribute('aria-label', 'Load the live figure: ' + title.replace(/^Dials: /, ''));
    style(button, {
      display: 'flex', 'flex-direction': 'column', 'align-items': 'center', 'justify-content': 'center',
      gap: '0.5rem', width: '100%', margin: '0', padding: '0.75rem', 'box-sizing': 'border-box',
      font: 'inherit', color: 'inherit', background: 'transparent', cursor: 'pointer',
      border: '1px solid rgba(128, 128, 128, 0.45)', 'border-radius': '8px',
    });
    var view = url.searchParams.get('view');
    var img = document.createElement('img');
    img.alt = '';
    img.src = new URL('previews/' + (key || view) + '.svg', url.origin + url.pathname).href;
    // At most 420 px wide, smaller if the room is.
    style(img, { width: 'min(100%, 420px)', height: 'auto', 'max-height': '100%', 'min-height': '0', flex: '0 1 auto', 'object-fit': 'contain' });
    img.addEventListener('error', function () { img.remove(); });
    var label = document.createElement('span');
    label.textContent = '▶ ' + title.replace(/^Dials: /, '');
    style(label, { 'font-weight': '600' });
    var hint = document.createElement('span');
    hint.textContent = 'Live figure: click to run it here';
    style(hint, { 'font-size': '0.85em', opacity: '0.75' });
    button.appendChild(img);
    button.appendChild(label);
    button.appendChild(hint);
    button.addEventListener('click', function () {
      rec.focus = true;
      hint.textContent = 'Loading…';
      start(rec);
    });
    rec.placeholder = button;
    rec.hint = hint;
    root.appendChild(button);
    paintPlaceholder(rec);
    reserve(rec);
    if (window.ResizeObserver) {
      new ResizeObserver(function () { if (rec.placeholder) reserve(rec); }).observe(el);
    }

    var mode = (el.getAttribute('load') || '').trim();
    if (mode !== 'eager' && mode !== 'lazy' && mode !== 'click') {
      mode = document.getElementsByTagName('dials-embed').length > 1 ? 'lazy' : 'eager';
    }
    if (mode === 'lazy') hint.textContent = 'Live figure: it runs as you reach it, or click';
    el.setAttribute('data-state', 'idle');
    if (mode === 'eager') enqueue(rec);
    else if (mode === 'lazy') approach(rec);
  }

  var watcher = null;
  function approach(rec) {
    if (!window.IntersectionObserver) { enqueue(rec); return; }
    if (!watcher) {
      // "Near": within half a screen of the viewport.
      watcher = new IntersectionObserver(function (entries) {
        entries.forEach(function (e) {
          if (!e.isIntersecting) return;
          watcher.unobserve(e.target);
          if (e.target.__dials) enqueue(e.target.__dials);
        });
      }, { rootMargin: '50% 0px 50% 0px' });
    }
    watcher.observe(rec.el);
  }

  function enqueue(rec) {
    if (rec.state !== 'idle') return;
    rec.state = 'queued';
    rec.el.setAttribute('data-state', 'queued');
    rec.hint.textContent = 'Loading…';
    queue.push(rec);
    pump();
  }

  /** Distance from the viewport, px: 0 for an embed on screen. */
  function distance(rec) {
    var r = rec.el.getBoundingClientRect();
    var h = window.innerHeight || 0;
    return r.bottom < 0 ? -r.bottom : r.top > h ? r.top - h : 0;
  }

  /** Starts the next queued embed, nearest to the viewport first, if none is loading. */
  function pump() {
    if (loading || queue.length === 0) return;
    var best = 0;
    for (var i = 1; i < queue.length; i++) if (distance(queue[i]) < distance(queue[best])) best = i;
    start(queue[best]);
  }

  function start(rec) {
    if (rec.state === 'loading' || rec.state === 'ready') return;
    var at = queue.indexOf(rec);
    if (at >= 0) queue.splice(at, 1);
    rec.state = 'loading';
    rec.el.setAttribute('data-state', 'loading');
    rec.placeholder.setAttribute('aria-busy', 'true');
    rec.hint.textContent = 'Loading…';
    // Behind the picture until it answers, so the reader never sees a blank box.
    style(rec.frame, { position: 'absolute', top: '0', left: '0', opacity: '0' });
    if (!rec.fit) rec.frame.style.height = rec.placeholder.style.height;
    rec.frame.src = rec.url;
    rec.el.shadowRoot.appendChild(rec.frame);
    if (!loading) loading = rec;
    setTimeout(function () {
      if (rec.state === 'loading') reveal(rec);
    }, PATIENCE);
  }

  /** Plain iframes of a scene get the scene's height before they load. */
  function reservePlain() {
    var frames = document.querySelectorAll('iframe[data-dials]');
    for (var i = 0; i < frames.length; i++) {
      var f = frames[i];
      if (f.style.height) continue;
      var url;
      try { url = new URL(f.getAttribute('src') || '', document.baseURI); } catch (e) { continue; }
      var h = url.searchParams.get('fit') === '1' ? 0 : sceneHeight(sceneKey(url), f.getBoundingClientRect().width);
      if (h) f.style.height = h + 'px';
    }
  }

  document.addEventListener('click', function (event) {
    var el = event.target && event.target.closest ? event.target.closest('[data-dials-theme]') : null;
    if (el) setTheme(el.getAttribute('data-dials-theme'));
  });

  window.DialsEmbed = { setTheme: setTheme, version: VERSION };
  reservePlain();
  if (window.customElements && !window.customElements.get('dials-embed')) {
    window.customElements.define('dials-embed', class extends HTMLElement {
      connectedCallback() { setup(this); }
    });
  }
})();
