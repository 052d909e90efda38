// Shared by the third-party client tests (maplibre.test.mjs,
// openlayers.test.mjs): a page of another origin served from this process,
// Debian's Chromium headless with SwiftShader WebGL, and the check that
// where riskmap explains "major" the client drew the zone red.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';

export const modules = path.resolve(process.env.RISKMAP_NODE_MODULES || 'node_modules');

// html at "/", and files: URL path -> [file, content type]. Resolves to the page's URL.
export async function serveOrigin(html, files) {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://page').pathname;  // MapLibre's worker comes with ?v=
    if (url === '/favicon.ico') {
      res.writeHead(204);
      res.end();
    } else if (url === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(html);
    } else if (files[url] && fs.existsSync(files[url][0])) {
      res.writeHead(200, { 'content-type': files[url][1] });
      res.end(fs.readFileSync(files[url][0]));
    } else {
      console.log(`(test page server: no ${req.url})`);
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  server.unref();
  return `http://127.0.0.1:${server.address().port}/`;
}

// The browser and a page whose console errors and page errors are collected.
export async function openPage(url) {
  const { chromium } = createRequire(path.join(modules, 'noop.js'))('playwright-core');
  const browser = await chromium.launch({
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
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('requestfailed', (r) => console.log(`(request failed: ${r.url()} ${r.failure() && r.failure().errorText})`));
  await page.goto(url, { waitUntil: 'load' });
  return { browser, page, errors };
}

// A point riskmap explains as "major": the first major source's site.
export async function majorSource(base) {
  const sources = await (await fetch(`${base}/api/sources.geojson`)).json();
  const majors = sources.features.filter((f) => f.properties.grade === 'major' && f.geometry.type === 'Point');
  if (!majors.length) throw new Error('no major source in /api/sources.geojson');
  return majors[0].geometry.coordinates;
}

// Probe offsets 20-40 px around the source (clear of its own symbol).
export function probeOffsets() {
  const out = [];
  for (const r of [20, 30, 40])
    for (let a = 0; a < 8; ++a) out.push([r * Math.cos(a * Math.PI / 4), r * Math.sin(a * Math.PI / 4)]);
  return out;
}

// probes: {x, y, lon, lat, rgb} with rgb composited over white. Of those
// riskmap explains as major, at least half must be the zone red: #e60012
// at 0.78 over white is (235, 56, 70).
export async function checkMajorIsRed(base, probes) {
  let major = 0, red = 0;
  for (const p of probes) {
    const ans = await (await fetch(`${base}/api/explain?lon=${p.lon}&lat=${p.lat}`)).json();
    if (ans.grade !== 'major') continue;
    ++major;
    const [r, g, b] = p.rgb;
    if (r > 180 && g < 120 && b < 130) ++red;
    else console.log(`not red at ${p.x},${p.y} (major): rgb(${p.rgb})`);
  }
  console.log(`${major} of ${probes.length} probes explain as major; ${red} of them are red`);
  if (major === 0) throw new Error('no probe point explains as major');
  if (red * 2 < major) throw new Error(`only ${red} of ${major} major probe points are red`);
}

// Runs main(base) with an overall timeout; one PASS or FAIL line.
export function run(name, main) {
  const base = (process.argv[2] || '').replace(/\/+$/, '');
  if (!base) {
    console.error(`usage: node ${name} BASE_URL`);
    process.exit(1);
  }
  const state = { browser: null };
  const timer = setTimeout(() => { console.error('FAIL: timeout'); process.exit(1); }, 120_000);
  main(base, state).then(async (pass) => {
    clearTimeout(timer);
    if (state.browser) await state.browser.close();
    console.log(`PASS: ${pass}`);
    process.exit(0);
  }, async (e) => {
    clearTimeout(timer);
    console.error(`FAIL: ${e.message.split('\n')[0]}`);
    if (state.browser) await state.browser.close().catch(() => {});
    process.exit(1);
  });
}
