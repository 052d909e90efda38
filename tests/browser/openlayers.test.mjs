// OpenLayers, on a page of another origin, reads the WMTS capabilities
// (CORS) and draws the CGCS2000 (EPSG:4490) tile matrix set with
// optionsFromCapabilities: its requests are CGCS2000 tiles, the canvas is
// readable (crossOrigin, so the map can be exported), where explain says
// "major" it is the zone red, and the console stays free of errors.
//
//   RISKMAP_NODE_MODULES=build/engine/viewer/node_modules \
//     node tests/browser/openlayers.test.mjs http://127.0.0.1:8080
import path from 'node:path';

import { checkMajorIsRed, majorSource, modules, openPage, probeOffsets, run, serveOrigin } from './clientPage.mjs';

run('openlayers.test.mjs', async (base, state) => {
  const url = await serveOrigin(`<!doctype html><html><head><meta charset="utf-8">
<link rel="stylesheet" href="/ol.css"><script src="/ol.js"></script>
<style>html,body,#map{margin:0;width:800px;height:600px;background:#fff}</style></head>
<body><div id="map"></div></body></html>`, {
    '/ol.js': [path.join(modules, 'ol', 'dist', 'ol.js'), 'text/javascript'],
    '/ol.css': [path.join(modules, 'ol', 'ol.css'), 'text/css'],
  });
  const [lon, lat] = await majorSource(base);
  const { browser, page, errors } = await openPage(url);
  state.browser = browser;
  const tileRequests = [];
  page.on('request', (r) => { if (r.url().includes('/wmts')) tileRequests.push(r.url()); });
  const grid = await page.evaluate(({ caps, lon, lat }) => new Promise(async (resolve, reject) => {
    try {
      // CGCS2000 as OpenLayers defines EPSG:4326: degrees, latitude first in
      // OGC documents (so the TopLeftCorner "90 -180" is read as 90 N, 180 W).
      // metersPerUnit as OGC 07-057r7 Annex E.3 (and OpenLayers' EPSG:4326):
      // 2 pi 6378137 / 360 m a degree, so scale denominators give the cell size.
      ol.proj.addProjection(new ol.proj.Projection({ code: 'EPSG:4490', units: 'degrees', axisOrientation: 'neu',
        extent: [-180, -90, 180, 90], global: true, metersPerUnit: Math.PI * 6378137 / 180 }));
      // CGCS2000 and WGS 84 differ by centimetres: the layer's WGS84BoundingBox needs the identity between them.
      ol.proj.addEquivalentProjections([ol.proj.get('EPSG:4326'), ol.proj.get('EPSG:4490')]);
      const text = await (await fetch(caps)).text();
      const parsed = new ol.format.WMTSCapabilities().read(text);
      const options = ol.source.WMTS.optionsFromCapabilities(parsed,
        { layer: 'riskmap', matrixSet: 'CGCS2000', crossOrigin: 'anonymous' });
      const source = new ol.source.WMTS(options);
      const view = new ol.View({ projection: 'EPSG:4490', center: [lon, lat], resolution: 360 / 256 / 8192 });
      const map = new ol.Map({ target: 'map', layers: [new ol.layer.Tile({ source })], view });
      window.map = map;
      map.once('rendercomplete', () => resolve({
        projection: options.projection.getCode(), origin: options.tileGrid.getOrigin(13),
        resolution: options.tileGrid.getResolution(13 - 1) }));
    } catch (e) {
      reject(e);
    }
  }), { caps: `${base}/wmts/1.0.0/WMTSCapabilities.xml`, lon, lat });
  console.log(`OpenLayers: ${grid.projection}, origin ${grid.origin}, level-13 resolution ${grid.resolution}`);
  // The CGCS2000 grid as riskmap defines it: corner (180 W, 90 N), 360 / 256 / 2^13 degrees at level 13.
  if (!/4490/.test(grid.projection)) throw new Error(`projection ${grid.projection}, expected EPSG:4490`);
  if (grid.origin[0] !== -180 || grid.origin[1] !== 90) throw new Error(`tile grid origin ${grid.origin}, expected -180,90`);
  if (Math.abs(grid.resolution - 360 / 256 / 8192) > 1e-12) throw new Error(`level 13 resolution ${grid.resolution}`);
  // RESTful (…/CGCS2000/13/row/col.png) or KVP (…&TileMatrixSet=CGCS2000&TileMatrix=13…), as OpenLayers picks.
  const level13 = tileRequests.filter((u) => u.includes('/CGCS2000/13/') ||
    (/TileMatrixSet=CGCS2000(&|$)/i.test(u) && /TileMatrix=13(&|$)/i.test(u)));
  console.log(`${tileRequests.length} WMTS requests, ${level13.length} for CGCS2000 level-13 tiles, e.g. ${level13[0]}`);
  if (!level13.length) throw new Error(`no CGCS2000 level-13 tile requested: ${tileRequests.slice(0, 3)}`);
  const probes = await page.evaluate(({ lon, lat, offsets }) => {
    const canvas = window.map.getViewport().querySelector('canvas');
    const ctx = canvas.getContext('2d');
    const c = window.map.getPixelFromCoordinate([lon, lat]);
    return offsets.map(([dx, dy]) => {
      const x = Math.round(c[0] + dx), y = Math.round(c[1] + dy);
      const [plon, plat] = window.map.getCoordinateFromPixel([x, y]);
      const [r, g, b, a] = ctx.getImageData(x, y, 1, 1).data;  // throws if the canvas were tainted
      const over = (v) => Math.round(v * a / 255 + 255 * (1 - a / 255));
      return { x, y, lon: plon, lat: plat, rgb: [over(r), over(g), over(b)] };
    });
  }, { lon, lat, offsets: probeOffsets() });
  await checkMajorIsRed(base, probes);
  if (errors.length) throw new Error(`console errors: ${errors.join(' | ')}`);
  return 'OpenLayers draws the CGCS2000 WMTS matrix from another origin';
});
