// MapLibre GL JS, on a page of another origin, draws riskmap's vector tiles
// with the server's generated /style.json: the server's CORS headers let
// it read the style, TileJSON and tiles; where explain says "major", the
// canvas is the zone red; the console stays free of errors.
//
//   RISKMAP_NODE_MODULES=build/engine/viewer/node_modules \
//     node tests/browser/maplibre.test.mjs http://127.0.0.1:8080
import path from 'node:path';

import { checkMajorIsRed, majorSource, modules, openPage, probeOffsets, run, serveOrigin } from './clientPage.mjs';

run('maplibre.test.mjs', async (base, state) => {
  const dist = path.join(modules, 'maplibre-gl', 'dist');
  const files = {};
  // MapLibre 6 is ES modules: the map, its shared chunk and its worker.
  for (const f of ['maplibre-gl.mjs', 'maplibre-gl-shared.mjs', 'maplibre-gl-worker.mjs'])
    files[`/dist/${f}`] = [path.join(dist, f), 'text/javascript'];
  files['/dist/maplibre-gl.css'] = [path.join(dist, 'maplibre-gl.css'), 'text/css'];
  const url = await serveOrigin(`<!doctype html><html><head><meta charset="utf-8">
<link rel="stylesheet" href="/dist/maplibre-gl.css">
<script type="module">import * as m from '/dist/maplibre-gl.mjs'; window.maplibregl = m.default ?? m;</script>
<style>html,body,#map{margin:0;width:800px;height:600px;background:#fff}</style></head>
<body><div id="map"></div></body></html>`, files);
  const [lon, lat] = await majorSource(base);
  const { browser, page, errors } = await openPage(url);
  state.browser = browser;
  await page.waitForFunction(() => window.maplibregl && window.maplibregl.Map, null, { timeout: 20_000 });
  await page.evaluate(({ style, lon, lat }) => new Promise((resolve, reject) => {
    const map = new maplibregl.Map({ container: 'map', style, center: [lon, lat], zoom: 13, fadeDuration: 0,
      canvasContextAttributes: { preserveDrawingBuffer: true } });
    window.map = map;
    map.on('error', (e) => reject(new Error(`map error: ${e.error && e.error.message}`)));
    map.once('idle', resolve);
  }), { style: `${base}/style.json`, lon, lat });
  const probes = await page.evaluate(({ lon, lat, offsets }) => {
    const c = window.map.project([lon, lat]);
    const copy = document.createElement('canvas');
    copy.width = window.map.getCanvas().width, copy.height = window.map.getCanvas().height;
    const ctx = copy.getContext('2d');
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, copy.width, copy.height);
    ctx.drawImage(window.map.getCanvas(), 0, 0);
    return offsets.map(([dx, dy]) => {
      const x = Math.round(c.x + dx), y = Math.round(c.y + dy);
      const ll = window.map.unproject([x, y]);
      return { x, y, lon: ll.lng, lat: ll.lat, rgb: [...ctx.getImageData(x, y, 1, 1).data].slice(0, 3) };
    });
  }, { lon, lat, offsets: probeOffsets() });
  await checkMajorIsRed(base, probes);
  if (errors.length) throw new Error(`console errors: ${errors.join(' | ')}`);
  return 'MapLibre draws the vector tiles with /style.json from another origin';
});
