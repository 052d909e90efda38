// MapLibre GL JS, on a page of another origin, draws riskmap's vector tiles
// with the server's generated /style.json: the server's CORS headers let
// it read the style, TileJSON and tiles; where explain says "major", the
// canvas is the zone red; the console stays free of errors.
//
//   RISKMAP_NODE_MODULES=build/engine/viewer/node_modules \
//     node tests/browser/maplibre.test.mjs http://127.0.0.1:8080
//
// The page is served by this script from its own port (another origin);
// Debian's Chromium (CHROMIUM, default /usr/bin/chromium) runs it headless
// with SwiftShader for WebGL. Exit 0 on success, else one "FAIL:" line.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';

const modules = path.resolve(process.env.RISKMAP_NODE_MODULES || 'node_modules');
const require = createRequire(path.join(modules, 'noop.js'));
const base = (process.argv[2] || '').replace(/\/+$/, '');
let browser = null;

async function main() {
  if (!base) throw new Error('usage: node maplibre.test.mjs BASE_URL');
  const dist = path.join(modules, 'maplibre-gl', 'dist');
  const page404 = (req, res) => { console.log(`(test page server: no ${req.url})`); res.writeHead(404); res.end(); };
  const origin = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://page').pathname;  // the worker comes with ?v=
    if (url === '/favicon.ico') {
      res.writeHead(204);
      res.end();
    } else if (url === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><html><head><meta charset="utf-8">
<link rel="stylesheet" href="/dist/maplibre-gl.css">
<script type="module">import * as m from '/dist/maplibre-gl.mjs'; window.maplibregl = m.default ?? m;</script>
<style>html,body,#map{margin:0;width:800px;height:600px;background:#fff}</style></head>
<body><div id="map"></div></body></html>`);
    } else if (/^\/dist\/[\w.-]+\.(mjs|css|map)$/.test(url) && fs.existsSync(path.join(dist, url.slice(6)))) {
      // MapLibre 6 is ES modules: the map, its shared chunk and its worker.
      const type = url.endsWith('.css') ? 'text/css' : url.endsWith('.map') ? 'application/json' : 'text/javascript';
      res.writeHead(200, { 'content-type': type });
      res.end(fs.readFileSync(path.join(dist, url.slice(6))));
    } else page404(req, res);
  });
  await new Promise((r) => origin.listen(0, '127.0.0.1', r));
  const pageUrl = `http://127.0.0.1:${origin.address().port}/`;

  // A point the server explains as "major", away from the source's own circle.
  const sources = await (await fetch(`${base}/api/sources.geojson`)).json();
  const majors = sources.features.filter((f) => f.properties.grade === 'major' && f.geometry.type === 'Point');
  if (!majors.length) throw new Error('no major source in /api/sources.geojson');
  const [lon, lat] = majors[0].geometry.coordinates;

  const { chromium } = require('playwright-core');
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true,
    args: ['--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--ignore-gpu-blocklist',
      '--disable-background-networking', '--no-first-run', '--disable-component-update'],
  });
  const page = await browser.newPage({ viewport: { width: 800, height: 600 }, deviceScaleFactor: 1 });
  const errors = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
    else console.log(`(console ${m.type()}: ${m.text().slice(0, 200)})`);
  });
  page.on('requestfailed', (r) => console.log(`(request failed: ${r.url()} ${r.failure() && r.failure().errorText})`));
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(pageUrl, { waitUntil: 'load' });
  await page.waitForFunction(() => window.maplibregl && window.maplibregl.Map, null, { timeout: 20_000 });
  await page.evaluate(({ style, lon, lat }) => new Promise((resolve, reject) => {
    const map = new maplibregl.Map({ container: 'map', style, center: [lon, lat], zoom: 13, fadeDuration: 0,
      canvasContextAttributes: { preserveDrawingBuffer: true } });
    window.map = map;
    map.on('error', (e) => reject(new Error(`map error: ${e.error && e.error.message}`)));
    map.once('idle', resolve);
  }), { style: `${base}/style.json`, lon, lat });

  // Candidates 20-40 px around the source; keep those explain calls major.
  const candidates = [];
  for (const r of [20, 30, 40])
    for (let a = 0; a < 8; ++a) candidates.push([r * Math.cos(a * Math.PI / 4), r * Math.sin(a * Math.PI / 4)]);
  const probes = await page.evaluate(({ lon, lat, candidates }) => {
    const c = window.map.project([lon, lat]);
    const gl = document.createElement('canvas');
    gl.width = window.map.getCanvas().width, gl.height = window.map.getCanvas().height;
    const ctx = gl.getContext('2d');
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, gl.width, gl.height);
    ctx.drawImage(window.map.getCanvas(), 0, 0);
    return candidates.map(([dx, dy]) => {
      const x = Math.round(c.x + dx), y = Math.round(c.y + dy);
      const ll = window.map.unproject([x, y]);
      return { x, y, lon: ll.lng, lat: ll.lat, rgb: [...ctx.getImageData(x, y, 1, 1).data].slice(0, 3) };
    });
  }, { lon, lat, candidates });
  let major = 0, red = 0;
  for (const p of probes) {
    const ans = await (await fetch(`${base}/api/explain?lon=${p.lon}&lat=${p.lat}`)).json();
    if (ans.grade !== 'major') continue;
    ++major;
    const [r, g, b] = p.rgb;
    // The zone red #e60012 at 0.78 over white is (235, 56, 70).
    if (r > 180 && g < 120 && b < 130) ++red;
    else console.log(`not red at ${p.x},${p.y} (major): rgb(${p.rgb})`);
  }
  console.log(`${major} of ${probes.length} probes explain as major; ${red} of them are red`);
  if (major === 0) throw new Error('no probe point explains as major');
  if (red * 2 < major) throw new Error(`only ${red} of ${major} major probe points are red`);
  if (errors.length) throw new Error(`console errors: ${errors.join(' | ')}`);
  origin.close();
}

const timer = setTimeout(() => { console.error('FAIL: timeout'); process.exit(1); }, 120_000);
main().then(async () => {
  clearTimeout(timer);
  if (browser) await browser.close();
  console.log('PASS: MapLibre draws the vector tiles with /style.json from another origin');
  process.exit(0);
}, async (e) => {
  clearTimeout(timer);
  console.error(`FAIL: ${e.message.split('\n')[0]}`);
  if (browser) await browser.close().catch(() => {});
  process.exit(1);
});
