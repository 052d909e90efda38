// MapLibre GL JS, on a page of another origin, draws riskmap's vector tiles
// with the server's generated /style.json: the server's CORS headers let
// it read the style, TileJSON and tiles; where explain says "major", the
// canvas is the zone red; the labels are drawn from riskmap's own glyphs
// (every character, the Chinese ones too: localIdeographFontFamily off), and
// icons and hatching from its sprite; the console stays free of errors.
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
  const assets = [];  // glyph ranges and sprite files the map asked riskmap for
  page.on('response', (r) => {
    if (/\/(fonts\/|sprite)/.test(r.url())) assets.push(`${r.status()} ${new URL(r.url()).pathname}`);
  });
  await page.waitForFunction(() => window.maplibregl && window.maplibregl.Map, null, { timeout: 20_000 });
  await page.evaluate(({ style, lon, lat }) => new Promise((resolve, reject) => {
    const map = new maplibregl.Map({ container: 'map', style, center: [lon, lat], zoom: 13, fadeDuration: 0,
      localIdeographFontFamily: false, canvasContextAttributes: { preserveDrawingBuffer: true } });
    window.map = map;
    map.on('error', (e) => reject(new Error(`map error: ${e.error && e.error.message}`)));
    map.once('idle', resolve);
  }), { style: `${base}/style.json`, lon, lat });
  // The zones' colour with the symbols and hatching off (they cover some
  // probes, as in the PNG tiles); checkSymbols turns them on again.
  const overlays = await page.evaluate(() => new Promise((resolve) => {
    const ids = window.map.getStyle().layers
      .filter((l) => l.type === 'symbol' || (l.paint && l.paint['fill-pattern'])).map((l) => l.id);
    for (const id of ids) window.map.setLayoutProperty(id, 'visibility', 'none');
    window.map.once('idle', () => resolve(ids));
    window.map.triggerRepaint();
  }));
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
  await page.evaluate((ids) => new Promise((resolve) => {
    for (const id of ids) window.map.setLayoutProperty(id, 'visibility', 'visible');
    window.map.once('idle', resolve);
    window.map.triggerRepaint();
  }), overlays);
  await checkSymbols(page, assets);
  if (errors.length) throw new Error(`console errors: ${errors.join(' | ')}`);
  return 'MapLibre draws the vector tiles with /style.json from another origin, labels, icons and hatching included';
});

// Each kind of layer that needs riskmap's glyphs or sprite (text, icons,
// fill patterns), switched off and on again: the canvas must change where
// MapLibre says it placed that layer's features, and the glyph ranges and
// sprite must have been fetched from riskmap with 200.
async function checkSymbols(page, assets) {
  const result = await page.evaluate(async () => {
    const map = window.map;
    const grab = () => {
      const c = document.createElement('canvas');
      c.width = map.getCanvas().width, c.height = map.getCanvas().height;
      const ctx = c.getContext('2d');
      ctx.fillStyle = '#fff';
      ctx.fillRect(0, 0, c.width, c.height);
      ctx.drawImage(map.getCanvas(), 0, 0);
      return ctx.getImageData(0, 0, c.width, c.height).data;
    };
    const idle = () => new Promise((r) => { map.once('idle', r); map.triggerRepaint(); });
    const layers = map.getStyle().layers;
    const groups = {
      text: layers.filter((l) => l.type === 'symbol' && l.layout && l.layout['text-field']).map((l) => l.id),
      icons: layers.filter((l) => l.type === 'symbol' && l.layout && l.layout['icon-image']).map((l) => l.id),
      hatching: layers.filter((l) => l.paint && l.paint['fill-pattern']).map((l) => l.id),
    };
    const out = {};
    for (const [group, ids] of Object.entries(groups)) {
      const features = map.queryRenderedFeatures({ layers: ids });
      const shown = grab();
      for (const id of ids) map.setLayoutProperty(id, 'visibility', 'none');
      await idle();
      const hidden = grab();
      for (const id of ids) map.setLayoutProperty(id, 'visibility', 'visible');
      await idle();
      let changed = 0;
      for (let i = 0; i < shown.length; i += 4)
        if (Math.abs(shown[i] - hidden[i]) + Math.abs(shown[i + 1] - hidden[i + 1]) + Math.abs(shown[i + 2] - hidden[i + 2]) > 60) ++changed;
      out[group] = { layers: ids, features: features.length, changed,
        sample: features.slice(0, 3).map((f) => f.properties.name || f.properties.kind || f.properties.grade) };
    }
    return out;
  });
  console.log(`symbols: ${JSON.stringify(result)}`);
  console.log(`assets: ${[...new Set(assets)].join(', ')}`);
  for (const [group, r] of Object.entries(result)) {
    if (!r.layers.length) throw new Error(`the style has no ${group} layer`);
    if (r.features === 0) throw new Error(`MapLibre placed no ${group} feature (${r.layers})`);
    if (r.changed < 40) throw new Error(`${group}: only ${r.changed} pixels change when ${r.layers} are switched off`);
  }
  const failed = assets.filter((a) => !a.startsWith('200 '));
  if (failed.length) throw new Error(`riskmap did not serve ${failed.join(', ')}`);
  if (!assets.some((a) => a.includes('/fonts/'))) throw new Error('no glyph range was asked for');
  if (!assets.some((a) => /\/sprite(@2x)?\.png$/.test(a))) throw new Error('no sprite image was asked for');
  // A CJK range: the labels' Chinese characters came from riskmap, not the browser.
  if (!assets.some((a) => { const m = a.match(/\/(\d+)-\d+\.pbf$/); return m && Number(m[1]) >= 0x4e00; }))
    throw new Error('no CJK glyph range was asked for');
}
