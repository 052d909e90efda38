// Headless-browser test of the riskmap web viewer against a running
// `riskmap serve`.
//
//   RISKMAP_NODE_MODULES=build/engine/viewer/node_modules \
//     node tests/browser/viewer.test.mjs http://127.0.0.1:8080
//
// Env: RISKMAP_NODE_MODULES  directory holding playwright-core (the build's
//                            viewer node_modules); if unset, normal Node
//                            resolution from this file is tried.
//      CHROMIUM              browser binary (default /usr/bin/chromium); we
//                            never download Playwright's own browser.
//      RISKMAP_SCREENSHOT    where to save a PNG of the final page.
// Exit 0 on success; otherwise one "FAIL: reason" line and exit 1.

import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';

const OVERALL_TIMEOUT_MS = 120_000;
const TILE_TIMEOUT_MS = 60_000;
const COLOR_TOLERANCE = 40;
const MIN_PIXELS = 50;
const CLICK_ZOOM = 14;

let browser = null;
let page = null;
let finished = false;

async function finish(code, message) {
  if (finished) return;
  finished = true;
  if (message) (code === 0 ? console.log : console.error)(message);
  const shot = process.env.RISKMAP_SCREENSHOT;
  if (page && shot) {
    try {
      fs.mkdirSync(path.dirname(path.resolve(shot)), { recursive: true });
      await page.screenshot({ path: shot, timeout: 10_000 });
      console.log(`screenshot: ${shot}`);
    } catch (e) {
      console.error(`(could not save screenshot: ${e.message.split('\n')[0]})`);
    }
  }
  if (browser) await browser.close().catch(() => {});
  process.exit(code);
}

const fail = (reason) => finish(1, `FAIL: ${reason}`);

class TestFailure extends Error {}
function check(cond, reason) {
  if (!cond) throw new TestFailure(reason);
}

function loadPlaywright() {
  const dir = process.env.RISKMAP_NODE_MODULES;
  const req = dir
    ? createRequire(path.join(path.resolve(dir), 'noop.js'))
    : createRequire(import.meta.url);
  try {
    return req('playwright-core');
  } catch (e) {
    throw new TestFailure(
      `cannot load playwright-core from ${dir || 'default Node resolution'} ` +
        `(set RISKMAP_NODE_MODULES to the viewer's node_modules): ${e.message.split('\n')[0]}`);
  }
}

async function getJSON(url) {
  const res = await fetch(url);
  check(res.ok, `GET ${url} → HTTP ${res.status}`);
  return res.json();
}

// Resolves once at least one tile has loaded and no tile <img> has been
// pending for a full second (404s count as settled: tiles outside the county
// may legitimately be missing).
async function waitForTiles(what) {
  try {
    await page.evaluate(async (timeoutMs) => {
      const deadline = Date.now() + timeoutMs;
      let quietSince = null;
      while (Date.now() < deadline) {
        const imgs = [...document.querySelectorAll('img.leaflet-tile')];
        const loaded = imgs.filter((i) => i.classList.contains('leaflet-tile-loaded')).length;
        const pending = imgs.filter((i) => !i.complete).length;
        if (loaded > 0 && pending === 0) {
          quietSince ??= Date.now();
          if (Date.now() - quietSince >= 1000) return;
        } else {
          quietSince = null;
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error('tiles did not finish loading');
    }, TILE_TIMEOUT_MS);
  } catch (e) {
    throw new TestFailure(`${what}: ${e.message.split('\n')[0]}`);
  }
}

async function countLegendColours(legend, tolerance) {
  return page.evaluate(({ legend, tolerance }) => {
    const targets = legend.map((l) => {
      const h = l.color.replace('#', '');
      return { grade: l.grade, rgb: [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16)) };
    });
    const counts = Object.fromEntries(targets.map((t) => [t.grade, 0]));
    let tiles = 0;
    for (const img of document.querySelectorAll('img.leaflet-tile-loaded')) {
      if (!img.complete || !img.naturalWidth) continue;
      const c = document.createElement('canvas');
      c.width = img.naturalWidth;
      c.height = img.naturalHeight;
      const ctx = c.getContext('2d');
      ctx.drawImage(img, 0, 0);
      const d = ctx.getImageData(0, 0, c.width, c.height).data;
      tiles++;
      for (let p = 0; p < d.length; p += 4) {
        if (d[p + 3] === 0) continue;
        for (const t of targets) {
          if (Math.abs(d[p] - t.rgb[0]) <= tolerance &&
              Math.abs(d[p + 1] - t.rgb[1]) <= tolerance &&
              Math.abs(d[p + 2] - t.rgb[2]) <= tolerance) {
            counts[t.grade]++;
            break;
          }
        }
      }
    }
    return { tiles, counts };
  }, { legend, tolerance });
}

// A source whose own location explains as "major", with the name of the
// zone that decided it.
async function findMajorPoint(base) {
  const fc = await getJSON(`${base}/api/sources.geojson`);
  const feats = (fc.features || []).filter(
    (f) => f.geometry && f.geometry.type === 'Point');
  check(feats.length > 0, 'api/sources.geojson has no Point features');
  const ordered = [
    ...feats.filter((f) => f.properties?.grade === 'major'),
    ...feats.filter((f) => f.properties?.grade !== 'major'),
  ].slice(0, 25);
  for (const f of ordered) {
    const [lon, lat] = f.geometry.coordinates;
    const ans = await getJSON(`${base}/api/explain?lon=${lon}&lat=${lat}`);
    if (ans.grade !== 'major') continue;
    const zones = ans.zones || [];
    const zone = zones.find((z) => z.decides) || zones[0];
    check(zone && zone.name, `explain at ${lon},${lat} is major but names no zone`);
    return { lon, lat, name: zone.name, source: f.properties?.name, ringZh: zone.ring_zh, ring: zone.ring };
  }
  throw new TestFailure(`none of ${ordered.length} sources explains as grade "major"`);
}

async function run(base) {
  const { chromium } = loadPlaywright();
  const exe = process.env.CHROMIUM || '/usr/bin/chromium';
  check(fs.existsSync(exe), `chromium not found at ${exe} (set CHROMIUM)`);
  browser = await chromium.launch({
    executablePath: exe,
    headless: true,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-gpu',
      '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'],
  });
  page = await browser.newPage({ viewport: { width: 1024, height: 768 } });
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));

  const resp = await page.goto(`${base}/`, { waitUntil: 'load', timeout: 30_000 });
  check(resp && resp.ok(), `GET ${base}/ → HTTP ${resp ? resp.status() : 'no response'}`);
  try {
    await page.waitForFunction(() => window.riskmapViewer && window.riskmapViewer.ready,
      null, { timeout: 10_000 });
    await page.evaluate(() => window.riskmapViewer.ready);
  } catch (e) {
    throw new TestFailure(`viewer did not become ready: ${e.message.split('\n')[0]}`);
  }
  const title = await page.title();
  check(title.endsWith('安全风险四色图'), `unexpected page title "${title}"`);
  console.log(`ready: "${title}"`);

  await waitForTiles('initial view');
  const chrome = await page.evaluate(() => ({
    scale: document.querySelector('.leaflet-control-scale-line')?.textContent || '',
    overlays: [...document.querySelectorAll('.leaflet-control-layers-overlays label')].map((e) => e.textContent.trim()),
  }));
  check(/^\d+ k?m$/.test(chrome.scale), `no metric scale bar (got "${chrome.scale}")`);
  check(chrome.overlays.join('|') === '四色风险分区|县界|风险源', `layer switcher order: ${chrome.overlays.join(', ')}`);
  const legend = await getJSON(`${base}/api/legend`);
  check(Array.isArray(legend) && legend.length === 4, 'api/legend is not a list of 4 grades');
  const { tiles, counts } = await countLegendColours(legend, COLOR_TOLERANCE);
  console.log(`tiles read: ${tiles}; pixels per grade: ` +
    legend.map((l) => `${l.grade}=${counts[l.grade]}`).join(' '));
  const present = legend.filter((l) => counts[l.grade] >= MIN_PIXELS).length;
  check(present >= 3, `only ${present} of 4 legend colours have >= ${MIN_PIXELS} pixels`);
  check(counts.major > 0, 'no red (major) pixels in the loaded tiles');

  const target = await findMajorPoint(base);
  console.log(`clicking major source at ${target.lon},${target.lat}, expecting "${target.name}"`);
  await page.evaluate(({ lon, lat, zoom }) => {
    const { map } = window.riskmapViewer;
    map.setView([lat, lon], Math.min(zoom, map.getMaxZoom()), { animate: false });
  }, { lon: target.lon, lat: target.lat, zoom: CLICK_ZOOM });
  await waitForTiles('zoomed view');
  const pt = await page.evaluate(({ lon, lat }) => {
    const p = window.riskmapViewer.map.latLngToContainerPoint([lat, lon]);
    return { x: p.x, y: p.y };
  }, target);
  const box = await page.locator('#map').boundingBox();
  check(box, 'map container has no bounding box');
  await page.mouse.click(box.x + pt.x, box.y + pt.y);

  try {
    await page.waitForFunction(() => {
      const c = document.querySelector('.leaflet-popup-content');
      return c && !c.textContent.includes('查询中');
    }, null, { timeout: 15_000 });
  } catch (e) {
    throw new TestFailure('no explain popup appeared after clicking the map');
  }
  const text = await page.locator('.leaflet-popup-content').innerText();
  const oneLine = text.replace(/\s+/g, ' ').trim();
  console.log(`popup: ${oneLine.slice(0, 200)}`);
  check(text.includes('重大风险'), `popup does not say 重大风险: "${oneLine.slice(0, 120)}"`);
  check(text.includes(target.name), `popup does not name "${target.name}": "${oneLine.slice(0, 120)}"`);
  // In Chinese: the zone by its Chinese name, never its ring id or the English rule.
  check(target.ringZh && text.includes(target.ringZh), `popup lacks the zone name "${target.ringZh}": "${oneLine.slice(0, 160)}"`);
  check(!text.includes(target.ring) && !/R = alpha|level \d|people within|highest grade wins/.test(text),
    `popup shows English rule text or the ring id "${target.ring}": "${oneLine.slice(0, 200)}"`);
  check(pageErrors.length === 0, `page raised errors: ${pageErrors.join(' | ')}`);

  // Let the popup finish fading in and drop the marker's hover tooltip so
  // the screenshot shows what a person would see.
  await page.mouse.move(box.x + 5, box.y + box.height - 5);
  await page.waitForTimeout(500);
}

const base = (process.argv[2] || '').replace(/\/+$/, '');
if (!base) {
  console.error('usage: node tests/browser/viewer.test.mjs BASE_URL');
  process.exit(1);
}
const timer = setTimeout(() => fail(`overall timeout of ${OVERALL_TIMEOUT_MS / 1000} s`),
  OVERALL_TIMEOUT_MS);
run(base).then(
  () => { clearTimeout(timer); return finish(0, 'PASS: viewer browser test'); },
  (e) => {
    clearTimeout(timer);
    return fail(e instanceof TestFailure ? e.message : (e.stack || String(e)).split('\n')[0]);
  });
