#!/usr/bin/python3
"""Writes a Mapnik 3 XML map equivalent to a riskmap style (styles/default.json),
for the side-by-side tile benchmark (tests/benchmarks/tiles-vs-mapnik.sh).
Benchmark only: not used by riskmap, not run by CI.

usage: mapnik_style.py STYLE.json LIBRARY.gpkg OUTDIR  -> OUTDIR/map.xml (+ icons, hatch patterns)

What maps to what (MapLibre-style layer -> Mapnik symbolizers):
  fill   -> PolygonSymbolizer (+ LineSymbolizer 1 px for fill-outline-color);
            fill-pattern hatch/hatch-dense/crosshatch -> PolygonPatternSymbolizer
            with an 8 px (4 px dense) 45-degree PNG pattern drawn here
  line   -> LineSymbolizer, round joins and caps, dashes in line widths
  circle -> MarkersSymbolizer ellipse, fill + stroke, overlap allowed
  symbol -> MarkersSymbolizer with the icon written as SVG from icons.json;
            TextSymbolizer (Noto Sans CJK SC Regular, halo) for text-field
  ["match", ["get", k], v, out, ..., default] and ["palette", ["get", k]]
            -> one rule per value (filter [k]='v') plus an else rule
  minzoom/maxzoom -> scale denominators of 256 px Web Mercator tiles
Each layer's features are read with Mapnik's ogr plugin from the library and
reprojected by Mapnik (the layer's CRS from the GeoPackage).
"""
import itertools
import json
import os
import sys
import tomllib
from xml.sax.saxutils import quoteattr

import mapnik
from osgeo import ogr

Z0_SCALE = 559082264.0287178  # scale denominator of a 256 px Web Mercator tile at zoom 0
MERCATOR = ("+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m "
            "+nadgrids=@null +wktext +no_defs +over")


def keys_of(expr, found):
    """(key, values) of every match/palette on a property inside expr."""
    if isinstance(expr, list) and expr:
        if expr[0] == "match" and isinstance(expr[1], list) and expr[1][0] == "get":
            found.setdefault(expr[1][1], set()).update(str(v) for v in expr[2:-1:2])
        elif expr[0] == "palette" and isinstance(expr[1], list) and expr[1][0] == "get":
            found.setdefault(expr[1][1], set()).update(PALETTE.keys())
        for e in (expr[1:] if isinstance(expr[0], str) else expr):
            keys_of(e, found)
    return found


def evaluate(expr, case):
    """expr with the properties of `case` ({key: value or None for 'else'})."""
    if not isinstance(expr, list) or not expr or not isinstance(expr[0], str):
        return expr
    op = expr[0]
    if op == "get":
        return case.get(expr[1])
    if op == "palette":
        g = evaluate(expr[1], case)
        return "#%02x%02x%02x" % tuple(PALETTE[g]["rgb"]) if g in PALETTE else "#808080"
    if op == "match":
        v = evaluate(expr[1], case)
        for i in range(2, len(expr) - 1, 2):
            if str(expr[i]) == v:
                return evaluate(expr[i + 1], case)
        return evaluate(expr[-1], case)
    return expr


def filter_of(f):
    if not f:
        return None
    op = f[0]
    if op == "==":
        return "[%s] = '%s'" % (f[1], f[2])
    if op == "!=":
        return "[%s] != '%s'" % (f[1], f[2])
    if op == "in":
        return "(" + " or ".join("[%s] = '%s'" % (f[1], v) for v in f[2:]) + ")"
    if op in ("all", "any"):
        return "(" + (" and " if op == "all" else " or ").join(filter_of(x) for x in f[1:]) + ")"
    raise SystemExit("filter not translated: %r" % (f,))


def hatch_png(outdir, name, colour):
    """An 8 px (4 px dense) tile of 1 px 45-degree lines, as riskmap's hatch draws."""
    step = 4 if name == "hatch-dense" else 8
    im = mapnik.Image(step, step)
    c = mapnik.Color(colour)
    for i in range(step):
        im.set_pixel(i, step - 1 - i, c)
        if name == "crosshatch":
            im.set_pixel(i, i, c)
    path = os.path.join(outdir, "%s-%s.png" % (name, colour.strip("#")))
    im.save(path, "png32")
    return path


def icon_svg(outdir, name, icon):
    parts = ['<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16" viewBox="0 0 16 16">']
    for p in icon.get("paths", []):
        parts.append('<path d="%s" fill="%s" stroke="%s" stroke-width="%s"/>' % (
            p["d"], p.get("fill", "none"), p.get("stroke", "none"), p.get("stroke-width", 0)))
    for cx, cy, r, fill in icon.get("circles", []):
        parts.append('<circle cx="%s" cy="%s" r="%s" fill="%s"/>' % (cx, cy, r, fill))
    parts.append("</svg>")
    path = os.path.join(outdir, "icon-%s.svg" % name)
    with open(path, "w") as f:
        f.write("".join(parts))
    return path


def symbolizers(layer, p, outdir, icons):
    t = layer["type"]
    out = []
    if t == "fill":
        pattern = p.get("fill-pattern")
        colour = p.get("fill-color", "#808080")
        outline = p.get("fill-outline-color")
        if pattern:  # riskmap hatches inside the outline colour and draws nothing else
            out.append('<PolygonPatternSymbolizer file=%s/>' % quoteattr(hatch_png(outdir, pattern, outline or colour)))
            return out
        out.append('<PolygonSymbolizer fill="%s" fill-opacity="%s"/>' % (colour, p.get("fill-opacity", 1)))
        if outline:
            out.append('<LineSymbolizer stroke="%s" stroke-width="1"/>' % outline)
    elif t == "line":
        w = p.get("line-width", 1)
        dash = p.get("line-dasharray")
        extra = ' stroke-dasharray="%s"' % ",".join(str(d * w) for d in dash) if dash and dash != [1, 0] else ""
        out.append('<LineSymbolizer stroke="%s" stroke-width="%s" stroke-opacity="%s" stroke-linejoin="round" '
                   'stroke-linecap="round"%s/>' % (p.get("line-color", "#000000"), w, p.get("line-opacity", 1), extra))
    elif t == "circle":
        r = p.get("circle-radius", 4)
        out.append('<MarkersSymbolizer marker-type="ellipse" width="%s" height="%s" fill="%s" fill-opacity="%s" '
                   'stroke="%s" stroke-width="%s" allow-overlap="true" ignore-placement="true" placement="point"/>' % (
                       2 * r, 2 * r, p.get("circle-color", "#000000"), p.get("circle-opacity", 1),
                       p.get("circle-stroke-color", "#ffffff"), p.get("circle-stroke-width", 1)))
    elif t == "symbol":
        if p.get("icon-image") in icons:
            out.append('<MarkersSymbolizer file=%s width="%s" allow-overlap="true" ignore-placement="true" '
                       'placement="point"/>' % (quoteattr(icons[p["icon-image"]]), 16 * p.get("icon-size", 1)))
        text = p.get("text-field")
        if isinstance(text, str) and text:
            size = p.get("text-size", 12)
            dx, dy = p.get("text-offset", [0, 0])
            field = text.replace("{", "[").replace("}", "]")
            out.append('<TextSymbolizer face-name="Noto Sans CJK SC Regular" size="%s" fill="%s" halo-fill="%s" '
                       'halo-radius="%s" dx="%s" dy="%s" placement="point" avoid-edges="true">%s</TextSymbolizer>' % (
                           size, p.get("text-color", "#1a1a1a"), p.get("text-halo-color", "#ffffff"),
                           p.get("text-halo-width", 1.5), dx * size, dy * size, field))
    return out


def main(style_path, library, outdir):
    global PALETTE
    os.makedirs(outdir, exist_ok=True)
    style = json.load(open(style_path))
    base = os.path.dirname(os.path.abspath(style_path))
    PALETTE = tomllib.load(open(os.path.join(base, style.get("palette", "palette.toml")), "rb"))
    icon_spec = json.load(open(os.path.join(base, style.get("icons", "icons.json"))))
    icons = {k: icon_svg(outdir, k, v) for k, v in icon_spec.items() if not k.startswith("_")}
    ds = ogr.Open(library)
    xml = ['<?xml version="1.0" encoding="utf-8"?>', '<Map srs="%s">' % MERCATOR]
    layers = []
    for layer in style["layers"]:
        table = ds.GetLayerByName(layer["source"])
        if table is None or table.GetSpatialRef() is None:
            continue
        props = dict(layer.get("paint", {}), **layer.get("layout", {}))
        cases = keys_of(list(props.values()), {})
        keys = sorted(cases)
        rules = []
        scale = ""
        if "minzoom" in layer:
            scale += "<MaxScaleDenominator>%r</MaxScaleDenominator>" % (Z0_SCALE / 2 ** layer["minzoom"] * 1.001)
        if "maxzoom" in layer:
            scale += "<MinScaleDenominator>%r</MinScaleDenominator>" % (Z0_SCALE / 2 ** layer["maxzoom"] * 1.001)
        base_filter = filter_of(layer.get("filter"))
        combos = list(itertools.product(*[sorted(cases[k]) + [None] for k in keys]))
        drawn = {repr(symbolizers(layer, {n: evaluate(e, dict(zip(keys, c))) for n, e in props.items()}, outdir, icons))
                 for c in combos}
        if len(drawn) == 1:  # the matches change nothing drawn (symbol-sort-key): one rule
            keys, combos = [], [()]
        for combo in combos:
            case = dict(zip(keys, combo))
            conds = [base_filter] if base_filter else []
            for k, v in case.items():
                if v is None:  # the else branch: none of the listed values
                    conds.append("not (" + " or ".join("[%s] = '%s'" % (k, x) for x in sorted(cases[k])) + ")")
                else:
                    conds.append("[%s] = '%s'" % (k, v))
            syms = symbolizers(layer, {n: evaluate(e, case) for n, e in props.items()}, outdir, icons)
            if not syms:
                continue
            f = "<Filter>%s</Filter>" % " and ".join(conds).replace("&", "&amp;").replace("<", "&lt;") if conds else ""
            rules.append("<Rule>%s%s%s</Rule>" % (scale, f, "".join(syms)))
        if not rules:
            continue
        xml.append('<Style name="%s">%s</Style>' % (layer["id"], "".join(rules)))
        layers.append('<Layer name="%s" srs="%s"><StyleName>%s</StyleName><Datasource>'
                      '<Parameter name="type">ogr</Parameter><Parameter name="file">%s</Parameter>'
                      '<Parameter name="layer">%s</Parameter></Datasource></Layer>' % (
                          layer["id"], table.GetSpatialRef().ExportToProj4(), layer["id"],
                          os.path.abspath(library), layer["source"]))
    xml += layers + ["</Map>"]
    with open(os.path.join(outdir, "map.xml"), "w") as f:
        f.write("\n".join(xml))


if __name__ == "__main__":
    if len(sys.argv) != 4:
        raise SystemExit(__doc__)
    main(*sys.argv[1:])
