// Starts reveal.js on the recipe page at a 16:9 slide size.
// eslint-disable-next-line no-undef
Reveal.initialize({ width: 960, height: 540, margin: 0, hash: false, controls: false, progress: false });
