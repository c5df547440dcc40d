/* Dials service worker: after one visit the app works with no network.
 *
 * This file is a template. The post-build hook (scripts/service_worker.py)
 * fills in the build's version and the list of its files, with each file's
 * SHA-256, and writes the result to sw.js next to index.html. Its scope is
 * that folder, whatever path the folder is served under.
 *
 * One build, one cache, never a mix:
 * - install: every file of this build goes into the cache `dials-<version>`.
 *   Each file is fetched past the HTTP cache and checked against its hash, so
 *   a stale file or a half-finished upload fails the install and the build
 *   already installed stays in charge.
 * - activate: every other `dials-*` cache is deleted.
 * - fetch: files are answered from this version's cache only.
 *
 * There is no skipWaiting(): a new build waits until no tab runs the old one,
 * then takes over. Taking over at once would let a running page, whose code
 * is the old build, load files of the new one. */
'use strict';

const VERSION = '__DIALS_VERSION__';
// Paths relative to this file, each with its subresource-integrity hash.
const FILES = __DIALS_FILES__;

const PREFIX = 'dials-';
const CACHE = PREFIX + VERSION;
// The folder itself, and index.html in it: both are the app's page.
const FOLDER = new URL('./', self.location).href;
const INDEX = new URL('./index.html', self.location).href;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE)
    .then((cache) => cache.addAll(Object.entries(FILES).map(([file, integrity]) =>
      new Request(file, { cache: 'no-cache', integrity }))))
    // addAll stores all or nothing; leave no empty cache behind either.
    .catch((error) => caches.delete(CACHE).then(() => { throw error; })));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys()
    .then((names) => Promise.all(names
      .filter((name) => name.startsWith(PREFIX) && name !== CACHE)
      .map((name) => caches.delete(name))))
    // Take charge of the first visit's page too, so it is offline-ready at
    // once. It was loaded from the network, not from a cache, and has already
    // loaded every file it needs.
    .then(() => self.clients.claim()));
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  // The app routes by its query string (?view=ring), so every page of it is
  // index.html, or a widget's or scene's own page (ring.node-joins.html);
  // the query plays no part in finding a page.
  const path = url.origin + url.pathname;
  const key = path === FOLDER || path === INDEX ? INDEX : request;
  const page = request.mode === 'navigate' || request.destination === 'document';
  event.respondWith(caches.open(CACHE)
    .then((cache) => cache.match(key, { ignoreSearch: page }))
    // Not part of this build (or the cache was cleared): ask the network.
    .then((hit) => hit || fetch(request)));
});
