"""The one library as QGIS opens it (run by run-qgis-test.sh, headless).

Checks, each against figures found without riskmap's own code:
1. every feature table declares one non-generic geometry type in
   gpkg_geometry_columns and holds only that type (read with OGR);
2. the split tables add up: per geometry type, the imported tables hold what
   the source files hold (counted with OGR in the delivered files), and the
   assessed tables hold every graded source of sources.csv and every black
   spot and segment of assess_summary.json;
3. every feature table has a default style in layer_styles (QML and SLD,
   well-formed XML), risk_zones' with the palette's Chinese grade names;
4. QGIS opens the project stored in the GeoPackage, every layer valid with
   one geometry type and the feature count OGR counts, risk_zones under the
   county boundary in the layer tree;
5. the project rendered to PNG shows each grade's colour (palette.toml's RGB
   at default.json's fill opacity over the white background) at places
   picked inside each grade's zone, clear of every other drawn feature.

Usage: check_library_in_qgis.py LIBRARY.gpkg SAMPLE_DIR STYLES_DIR WORK_DIR
"""
import csv
import json
import math
import os
import sqlite3
import sys
import time
import tomllib
import xml.etree.ElementTree as ET

from osgeo import gdal, ogr

from qgis.core import (QgsApplication, QgsMapRendererParallelJob, QgsMapSettings, QgsPointXY, QgsProject,
                       QgsWkbTypes)
from qgis.PyQt.QtCore import QSize
from qgis.PyQt.QtGui import QColor

from qgis_checks import check, finish

ogr.UseExceptions()
gdal.UseExceptions()
library, sample, styles, work = sys.argv[1:5]


def family(name):
    n = name.upper().replace("MULTI", "")
    return {"POINT": "points", "LINESTRING": "lines", "POLYGON": "polygons"}.get(n, n.lower())


db = sqlite3.connect(library)
declared = dict(db.execute("SELECT table_name, upper(geometry_type_name) FROM gpkg_geometry_columns"))

# 1. One declared type per table, and only that type inside (OGR reads each feature's own type).
ds = ogr.Open(library)
types_in = {}
for table, gtype in declared.items():
    check(gtype not in ("GEOMETRY", "GEOMETRYCOLLECTION"), f"{table} declares {gtype}")
    found = {}
    for f in ds.GetLayerByName(table):
        g = f.GetGeometryRef()
        if g is not None:
            found[g.GetGeometryName()] = found.get(g.GetGeometryName(), 0) + 1
    types_in[table] = found
    check(set(found) <= {gtype}, f"{table} declared {gtype} holds {found}")


def tables_of(name):
    return [t for t in declared if t == name or (t.startswith(name + "_") and t[len(name) + 1:] in
                                                  ("points", "lines", "polygons", "collections"))]


def count_by_family(tables):
    out = {}
    for t in tables:
        for gname, n in types_in[t].items():
            out[family(gname)] = out.get(family(gname), 0) + n
    return out


# 2. The totals. Imported vector layers: per geometry family, what the delivered file holds.
project = tomllib.load(open(os.path.join(sample, "project.toml"), "rb"))
for layer in project["layers"]:
    if layer["kind"] in ("population", "elevation"):  # rasters
        continue
    path = os.path.join(sample, layer["source"])
    options = layer.get("open_options", [])
    src = gdal.OpenEx(path, gdal.OF_VECTOR, open_options=options)
    src_layer = src.GetLayerByName(layer["source_layer"]) if "source_layer" in layer else src.GetLayer(0)
    delivered = {}
    for f in src_layer:
        g = f.GetGeometryRef()
        if g is not None:
            delivered[family(g.GetGeometryName())] = delivered.get(family(g.GetGeometryName()), 0) + 1
    stored = count_by_family(tables_of(layer["name"]))
    check(stored == delivered, f"{layer['name']}: library holds {stored}, {layer['source']} {delivered}")
    if len(delivered) > 1:
        print(f"{layer['name']}: split into {sorted(tables_of(layer['name']))} = {stored}")

# Assessed tables: every graded source (sources.csv, one row each) and every black spot and segment.
with open(os.path.join(sample, "sources.csv"), newline="", encoding="utf-8") as f:
    graded = sum(1 for _ in csv.DictReader(f))
grades = count_by_family(tables_of("source_grades"))
check(sum(grades.values()) == graded, f"source_grades tables hold {grades}, sources.csv {graded} rows")
check(len(tables_of("source_grades")) == 3, f"source_grades split into {tables_of('source_grades')}")
summary = json.load(open(os.path.join(sample, "assess_summary.json"), encoding="utf-8"))
for table, rows in summary["parts"].items():
    stored = sum(count_by_family(tables_of(table)).values())
    check(stored == rows, f"{table}: {stored} rows in the library, assess wrote {rows}")
print(f"source_grades {grades} = {graded} graded sources; parts {summary['parts']}")

# 3. Default styles, QML and SLD, for every feature table.
palette = tomllib.load(open(os.path.join(styles, "palette.toml"), "rb"))
style_rows = {t: (q, s) for t, q, s in db.execute(
    "SELECT f_table_name, styleQML, styleSLD FROM layer_styles WHERE useAsDefault")}
for table in declared:
    check(table in style_rows, f"{table} has no default style in layer_styles")
    if table in style_rows:
        qml, sld = style_rows[table]
        for what, text in (("QML", qml), ("SLD", sld)):
            try:
                ET.fromstring(text.split("\n", 1)[1] if text.startswith("<!DOCTYPE") else text.encode("utf-8"))
            except ET.ParseError as e:
                check(False, f"{table} {what} is not well-formed: {e}")
zones_qml, zones_sld = style_rows.get("risk_zones", ("", ""))
for grade in ("major", "high", "moderate", "low"):
    check(palette[grade]["name"] in zones_qml and palette[grade]["name"] in zones_sld,
          f"risk_zones style lacks {palette[grade]['name']}")

# 4. The stored project in QGIS.
started = time.time()
app = QgsApplication([], False)
app.initQgis()
qp = QgsProject.instance()
stem = os.path.splitext(os.path.basename(library))[0]
check(qp.read(f"geopackage:{library}?projectName={stem}"), "QGIS cannot read the stored project")
tree = [n.layer() for n in qp.layerTreeRoot().findLayers()]
names = [layer.name() for layer in tree]
check(set(names) == set(declared), f"project layers {sorted(names)} != feature tables {sorted(declared)}")
for layer in tree:
    check(layer.isValid(), f"{layer.name()} is not valid in QGIS")
    wkb = QgsWkbTypes.displayString(layer.wkbType()).upper()
    check(wkb == declared.get(layer.name()), f"{layer.name()}: QGIS sees {wkb}, declared {declared.get(layer.name())}")
    check(layer.featureCount() == sum(types_in.get(layer.name(), {}).values()),
          f"{layer.name()}: QGIS counts {layer.featureCount()}")
    check(layer.crs().authid() == "EPSG:4549", f"{layer.name()} in {layer.crs().authid()}")
check(names.index("risk_zones") > names.index("county"), "risk_zones is not under the county boundary")

# 5. Render the visible layers at the project's extent; sample each grade's colour.
visible = [n.layer() for n in qp.layerTreeRoot().findLayers() if n.isVisible()]
settings = QgsMapSettings()
settings.setLayers(visible)
settings.setDestinationCrs(qp.crs())
settings.setExtent(qp.viewSettings().defaultViewExtent())
settings.setOutputSize(QSize(2000, 2000))
settings.setBackgroundColor(QColor(255, 255, 255))
job = QgsMapRendererParallelJob(settings)
job.start()
job.waitForFinished()
image = job.renderedImage()
png = os.path.join(work, "qgis-map.png")
image.save(png)
check(not job.errors(), f"render errors {[e.message for e in job.errors()]}")
metres_per_pixel = settings.mapUnitsPerPixel()

# Places: inside each grade's zone, 8 pixels clear of every other visible feature (and 60 of a label's anchor).
style = json.load(open(os.path.join(styles, "default.json"), encoding="utf-8"))
for layer in style["layers"]:  # a MapLibre style names the table in source-layer
    layer["source"] = layer.get("source-layer", layer["source"])
opacity = next(layer["paint"]["fill-opacity"] for layer in style["layers"] if layer["source"] == "risk_zones")
clear = 8 * metres_per_pixel
filled = {layer["source"] for layer in style["layers"]
          if layer["type"] == "fill" and layer.get("layout", {}).get("visibility") != "none"}


def logical(table):
    for suffix in ("_points", "_lines", "_polygons"):
        if table.endswith(suffix):
            return table[:-len(suffix)]
    return table


# Labels drawn at this scale (a web-map zoom, as the style's minzoom and maxzoom count them).
zoom = math.log2(559082264.028717 / settings.scale())
labelled = {layer["source"] for layer in style["layers"]
            if "text-field" in layer.get("layout", {}) and layer.get("minzoom", 0) <= zoom < layer.get("maxzoom", 24)}

obstacles = ogr.Geometry(ogr.wkbMultiPolygon)


def add_area(g):
    if ogr.GT_Flatten(g.GetGeometryType()) == ogr.wkbPolygon:
        obstacles.AddGeometry(g)
    else:
        for i in range(g.GetGeometryCount()):
            add_area(g.GetGeometryRef(i))



for layer in visible:
    if layer.name() == "risk_zones":
        continue
    for f in ds.GetLayerByName(layer.name()):
        g = f.GetGeometryRef()
        if g is None:
            continue
        if g.GetDimension() == 2 and logical(layer.name()) not in filled:
            g = g.Boundary()  # a boundary drawn as a line
        add_area(g.Buffer(clear))
        if logical(layer.name()) in labelled:  # a label sits about its feature's centroid (polygons) or beside it (points)
            for anchor in (g.Centroid(), g.PointOnSurface()):
                add_area(anchor.Buffer(60 * metres_per_pixel))
blocked = obstacles.UnionCascaded()
for f in ds.GetLayerByName("risk_zones"):
    grade = f.GetField("grade")
    free = f.GetGeometryRef().Buffer(-clear).Difference(blocked)
    check(not free.IsEmpty(), f"no clear place inside the {grade} zone")
    if free.IsEmpty():
        continue
    multi = ogr.GT_Flatten(free.GetGeometryType()) in (ogr.wkbMultiPolygon, ogr.wkbGeometryCollection)
    parts = [free.GetGeometryRef(i) for i in range(free.GetGeometryCount())] if multi else [free]
    parts.sort(key=lambda p: -p.GetArea())
    rgb = palette[grade]["rgb"]
    expected = [round(opacity * c + (1 - opacity) * 255) for c in rgb]
    for part in parts[:3]:
        p = part.PointOnSurface()
        pixel = settings.mapToPixel().transform(QgsPointXY(p.GetX(), p.GetY()))
        got = QColor(image.pixel(int(pixel.x()), int(pixel.y())))
        seen = [got.red(), got.green(), got.blue()]
        print(f"{grade} {palette[grade]['name']} at {p.GetX():.0f},{p.GetY():.0f}: pixel {seen}, expected {expected}")
        check(all(abs(a - b) <= 3 for a, b in zip(seen, expected)),
              f"{grade} at {p.GetX():.0f},{p.GetY():.0f} is {seen}, expected {expected}")
print(f"QGIS opened, checked and rendered the project in {time.time() - started:.1f} s ({png})")
finish()
