/* 安全风险四色图 viewer for `riskmap serve`.
 *
 * Plain script (no bundler): Leaflet is loaded as a global from leaflet/.
 * All API URLs are relative so the viewer also works behind a path prefix.
 * Every string that comes from the server is inserted with textContent,
 * never innerHTML, because source names and rules are free text.
 */
(function () {
  'use strict';

  var UNKNOWN_COLOR = '#9e9e9e';

  var statusEl = document.getElementById('status');
  var titleEl = document.getElementById('title');

  // Build a DOM node; children may be strings (as text nodes) or nodes.
  function el(tag, className, children) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    (children || []).forEach(function (child) {
      if (child === null || child === undefined) return;
      node.appendChild(typeof child === 'string' || typeof child === 'number'
        ? document.createTextNode(String(child)) : child);
    });
    return node;
  }

  function swatch(color) {
    var s = el('span', 'swatch');
    s.style.background = color;
    return s;
  }

  function setStatus(text, isError) {
    statusEl.textContent = text;
    statusEl.classList.toggle('error', !!isError);
  }

  function getJSON(url) {
    return fetch(url, { headers: { Accept: 'application/json' } }).then(function (res) {
      if (!res.ok) {
        var err = new Error(url + ' → HTTP ' + res.status);
        err.status = res.status;
        throw err;
      }
      return res.json();
    });
  }

  // The map starts somewhere neutral; it is re-fitted once /api/info arrives.
  var map = L.map('map', { center: [30.1, 120.65], zoom: 10, zoomControl: true });
  var layersControl = L.control.layers(null, null, { collapsed: false }).addTo(map);
  L.control.scale({ metric: true, imperial: false, position: 'bottomleft' }).addTo(map);
  // A fixed drawing order whatever answers first: base map, four-colour
  // tiles (tile pane), county boundary, then the sources on top.
  map.createPane('boundary').style.zIndex = 410;
  map.createPane('sources').style.zIndex = 420;
  var overlays = {};  // name → layer; added to the control in one fixed order below

  // grade key ("major", ...) → {name, color}; filled from /api/legend so
  // the palette stays defined in one place (the server's style).
  var grades = {};

  function gradeColor(grade) {
    return (grade && grades[grade] && grades[grade].color) || UNKNOWN_COLOR;
  }

  function gradeName(grade, fallback) {
    return (grade && grades[grade] && grades[grade].name) || fallback || grade || '未定级';
  }

  var infoP = getJSON('api/info').then(function (info) {
    var full = (info.name || '') + '安全风险四色图';
    document.title = full;
    titleEl.textContent = full;

    var bounds = null;
    if (Array.isArray(info.bounds) && info.bounds.length === 4) {
      var b = info.bounds; // [west, south, east, north]
      bounds = L.latLngBounds([b[1], b[0]], [b[3], b[2]]);
    }
    if (typeof info.minzoom === 'number') map.setMinZoom(info.minzoom);
    if (typeof info.maxzoom === 'number') map.setMaxZoom(info.maxzoom);
    if (bounds) {
      map.fitBounds(bounds, { padding: [16, 16] });
    } else if (Array.isArray(info.center)) {
      map.setView([info.center[1], info.center[0]], info.center[2] || 10);
    }

    // Restricting the layer to the county bounds stops Leaflet from asking
    // for tiles the server would only answer with 404.
    var tileOpts = {
      tileSize: info.tileSize || 256,
      minZoom: typeof info.minzoom === 'number' ? info.minzoom : 0,
      maxZoom: typeof info.maxzoom === 'number' ? info.maxzoom : 18,
      opacity: 0.85
    };
    if (bounds) tileOpts.bounds = bounds;
    tileOpts.zIndex = 200;
    overlays['四色风险分区'] = L.tileLayer('tiles/{z}/{x}/{y}.png', tileOpts).addTo(map);
    // The project's [web] basemap (e.g. Tianditu with its key), under everything.
    if (typeof info.basemap === 'string' && info.basemap) {
      var base = L.tileLayer(info.basemap, {
        zIndex: 100,
        subdomains: /t\{s\}/.test(info.basemap) ? '01234567' : 'abc',
        attribution: info.basemap_attribution || '',
        maxZoom: 18
      }).addTo(map);
      layersControl.addBaseLayer(base, '底图');
    }
    return info;
  });

  var legendP = getJSON('api/legend').then(function (legend) {
    legend.forEach(function (item) { grades[item.grade] = item; });
    var control = L.control({ position: 'bottomright' });
    control.onAdd = function () {
      var box = el('div', 'legend', [el('h4', null, ['风险等级'])]);
      legend.forEach(function (item) {
        box.appendChild(el('div', 'row', [swatch(item.color), el('span', null, [item.name])]));
      });
      return box;
    };
    control.addTo(map);
    return legend;
  });

  var boundaryP = getJSON('api/boundary.geojson').then(function (gj) {
    var outline = L.geoJSON(gj, {
      pane: 'boundary',
      interactive: false,
      style: { color: '#333333', weight: 2, opacity: 0.9, fill: false }
    }).addTo(map);
    overlays['县界'] = outline;
    return outline;
  });

  // Marker colours need the legend, so sources wait for it.
  var sourcesP = Promise.all([getJSON('api/sources.geojson'), legendP]).then(function (r) {
    var sources = L.geoJSON(r[0], {
      pointToLayer: function (feature, latlng) {
        var p = feature.properties || {};
        return L.circleMarker(latlng, {
          pane: 'sources',
          radius: 5,
          color: '#222222',
          weight: 1,
          fillColor: gradeColor(p.grade),
          fillOpacity: 0.95
        });
      },
      onEachFeature: function (feature, layer) {
        var p = feature.properties || {};
        var tip = el('span', null, [p.name || p.id || '风险源']);
        if (p.grade_zh) tip.appendChild(document.createTextNode('（' + p.grade_zh + '）'));
        layer.bindTooltip(tip, { direction: 'top', offset: [0, -4] });
      }
    }).addTo(map);
    overlays['风险源'] = sources;
    return sources;
  });

  // The layer switcher lists the overlays in drawing order, however the answers arrived.
  Promise.all([infoP, boundaryP, sourcesP].map(function (p) { return p.catch(function () {}); })).then(function () {
    ['四色风险分区', '县界', '风险源'].forEach(function (name) {
      if (overlays[name]) layersControl.addOverlay(overlays[name], name);
    });
  });

  function fmtNumber(x, digits) {
    if (typeof x !== 'number' || !isFinite(x)) return '—';
    return x.toLocaleString('zh-CN', { maximumFractionDigits: digits || 0 });
  }

  function describeTargets(targets) {
    if (!Array.isArray(targets) || targets.length === 0) return null;
    var names = targets.map(function (t) {
      return t && typeof t === 'object' && t.name ? String(t.name) : null;
    }).filter(Boolean);
    var text = '敏感目标 ' + targets.length + ' 处';
    if (names.length) {
      text += '：' + names.slice(0, 5).join('、') + (names.length > 5 ? ' 等' : '');
    }
    return el('div', null, [text]);
  }

  function renderZone(z) {
    var node = el('div', 'zone' + (z.decides ? ' decides' : ''), [
      el('b', null, [z.name || z.source_id || '风险源']),
      z.decides ? el('span', 'muted', ['（决定等级）']) : null
    ]);
    // The server sends each text in Chinese (*_zh) beside the English keys;
    // the English stands in only for a library assessed before the Chinese.
    var grading = [z.source_grade_zh || z.source_grade, z.standard_zh || z.standard].filter(Boolean).join(' · ');
    if (grading) node.appendChild(el('div', null, [grading]));
    var rule = z.source_rule_zh || z.source_rule;
    if (rule) node.appendChild(el('div', 'muted', [rule]));
    // A grade made on partial exposure data says so where it is read.
    var incomplete = z.incomplete_zh || z.incomplete;
    if (incomplete) node.appendChild(el('div', 'incomplete', ['数据不完整：' + incomplete]));

    var ring = el('div', null, [
      (z.ring_zh || (typeof z.distance_m === 'number' ? z.distance_m + ' m 范围' : '影响范围')) + '：',
      swatch(gradeColor(z.zone_grade)), ' ',
      gradeName(z.zone_grade, z.zone_grade_zh)
    ]);
    if (z.uplifted) {
      ring.appendChild(el('span', 'uplift', [
        ' 人口密集上调' + (z.base_zone_grade ? '（原' + gradeName(z.base_zone_grade) + '）' : '')
      ]));
    }
    node.appendChild(ring);

    var people = '区内人口约 ' + fmtNumber(Math.round(z.people_in_zone)) + ' 人';
    if (typeof z.people_coverage === 'number' && z.people_coverage < 0.9995) {  // below 100.0 %
      people += '（人口数据仅覆盖 ' + (z.people_coverage * 100).toFixed(1) + '%）';
    }
    if (typeof z.density_per_km2 === 'number') {
      people += '（' + fmtNumber(z.density_per_km2) + ' 人/km²）';
    }
    node.appendChild(el('div', null, [people]));
    var targets = describeTargets(z.sensitive_targets);
    if (targets) node.appendChild(targets);
    return node;
  }

  function renderExplain(ans) {
    var box = el('div', 'explain');
    if (!ans || ans.grade === null || ans.grade === undefined) {
      box.appendChild(el('div', 'grade', ['研究区外']));
      var why = ans && (ans.why_zh || ans.why);
      if (why && why !== '研究区外') box.appendChild(el('div', 'muted', [why]));
      return box;
    }
    box.appendChild(el('div', 'grade', [
      swatch(gradeColor(ans.grade)), gradeName(ans.grade, ans.grade_zh)
    ]));
    if (ans.rule_zh || ans.rule) box.appendChild(el('div', 'rule', [ans.rule_zh || ans.rule]));
    // The deciding zone(s) first; the rest keep the server's order.
    var zones = (ans.zones || []).map(function (z, i) { return { z: z, i: i }; });
    zones.sort(function (a, b) {
      return (b.z.decides ? 1 : 0) - (a.z.decides ? 1 : 0) || a.i - b.i;
    });
    zones.forEach(function (e) { box.appendChild(renderZone(e.z)); });
    if (!zones.length) box.appendChild(el('div', 'muted', ['无风险源影响范围覆盖此处']));
    return box;
  }

  // Only the latest click may fill the popup; slower earlier answers are dropped.
  var clickSeq = 0;
  map.on('click', function (e) {
    var seq = ++clickSeq;
    var lng = e.latlng.lng.toFixed(6), lat = e.latlng.lat.toFixed(6);
    var popup = L.popup({ maxWidth: 360, minWidth: 220 })
      .setLatLng(e.latlng)
      .setContent(el('div', 'explain muted', ['查询中…']))
      .openOn(map);
    getJSON('api/explain?lon=' + lng + '&lat=' + lat).then(function (ans) {
      if (seq === clickSeq) popup.setContent(renderExplain(ans));
    }, function (err) {
      if (seq !== clickSeq) return;
      popup.setContent(el('div', 'explain', [
        el('b', null, ['查询失败']),
        ' ' + (err.status ? 'HTTP ' + err.status : err.message)
      ]));
    });
  });

  var ready = Promise.all([infoP, legendP, boundaryP, sourcesP]).then(function () {
    setStatus('');
    return true;
  });
  ready.catch(function (err) {
    setStatus('加载失败：' + err.message, true);
  });

  window.riskmapViewer = { map: map, ready: ready };
})();
