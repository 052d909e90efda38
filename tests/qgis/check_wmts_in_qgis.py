"""QGIS connects to `riskmap serve` by WMTS (run by run-qgis-wmts-test.sh, headless).

For each tile matrix set the server offers (GoogleMapsCompatible in EPSG:3857
through the KVP capabilities, CGCS2000 in EPSG:4490 through the RESTful
ones), QGIS's WMS provider must open the layer as valid, and the layer
rendered at the study area's extent must show:
- the major grade's red (palette.toml's RGB at default.json's risk_zones
  fill opacity, over white) at points inside the major zones, found with OGR
  in the library: at least 2 in 5, since the markers, hatching, lines and
  labels the tiles also draw cover the rest (about half on the sample
  county, most of them in the town centre);
- that red at fewer than 1 in 20 points inside the low zones (the test
  tells red from anything else).

Usage: check_wmts_in_qgis.py BASE_URL LIBRARY.gpkg STYLES_DIR WORK_DIR
"""
import json
import os
import sys
import time
import tomllib

from osgeo import ogr, osr

from qgis.core import (QgsApplication, QgsCoordinateReferenceSystem, QgsMapRendererParallelJob, QgsMapSettings,
                       QgsPointXY, QgsRasterLayer, QgsRectangle)
from qgis.PyQt.QtCore import QSize
from qgis.PyQt.QtGui import QColor

from qgis_checks import check, finish

ogr.UseExceptions()
base, library, styles, work = sys.argv[1:5]
SIZE = 1024      # pixels of the rendered image, each side
INSET_PX = 6     # probe points lie this many pixels inside their zone
PARTS = 8        # zone parts probed per grade, the largest
GRID = 7         # probes per part: a GRID x GRID grid over it, those inside
TOLERANCE = 6    # per channel, 8-bit


palette = tomllib.load(open(os.path.join(styles, "palette.toml"), "rb"))
style = json.load(open(os.path.join(styles, "default.json"), encoding="utf-8"))
opacity = next(layer["paint"]["fill-opacity"] for layer in style["layers"]
               if layer.get("source-layer", layer.get("source")) == "risk_zones" and layer["type"] == "fill")
red = [round(opacity * c + (1 - opacity) * 255) for c in palette["major"]["rgb"]]

ds = ogr.Open(library)
zones = ds.GetLayerByName("risk_zones") or ds.GetLayerByName("risk_zones_polygons")
check(zones is not None, "the library has no risk_zones table")
library_srs = zones.GetSpatialRef()


def parts_of(g):
    if ogr.GT_Flatten(g.GetGeometryType()) == ogr.wkbPolygon:
        return [g.Clone()]
    return [p for i in range(g.GetGeometryCount()) for p in parts_of(g.GetGeometryRef(i))]


def zone_parts(grade):
    out = []
    zones.SetAttributeFilter(f"grade = '{grade}'")
    for f in zones:
        out += parts_of(f.GetGeometryRef())
    zones.SetAttributeFilter(None)
    return sorted(out, key=lambda p: -p.GetArea())


def to_crs(epsg):
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(epsg)
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)  # x = longitude, as QGIS keeps it
    return osr.CoordinateTransformation(library_srs, srs)


def render(uri, epsg, name):
    layer = QgsRasterLayer(uri, name, "wms")
    if not layer.isValid():  # (QgsError.summary() crashes PyQGIS 3.22: the provider's message instead)
        why = layer.dataProvider().error().message() if layer.dataProvider() else "no provider"
        check(False, f"{name}: QGIS did not open the WMTS layer {uri}: {why}")
        return
    check(layer.crs().authid() == f"EPSG:{epsg}", f"{name}: layer CRS {layer.crs().authid()}")
    ct = to_crs(epsg)
    w, e, s, n = zones.GetExtent()
    box = ogr.CreateGeometryFromWkt(f"POLYGON(({w} {s},{e} {s},{e} {n},{w} {n},{w} {s}))")
    box.Segmentize((e - w) / 50)  # the extent's edges curve in the other CRS
    box.Transform(ct)
    minx, maxx, miny, maxy = box.GetEnvelope()
    settings = QgsMapSettings()
    settings.setLayers([layer])
    settings.setDestinationCrs(QgsCoordinateReferenceSystem(f"EPSG:{epsg}"))
    settings.setExtent(QgsRectangle(minx, miny, maxx, maxy))
    settings.setOutputSize(QSize(SIZE, SIZE))
    settings.setBackgroundColor(QColor(255, 255, 255))
    started = time.time()
    job = QgsMapRendererParallelJob(settings)
    job.start()
    job.waitForFinished()
    image = job.renderedImage()
    png = os.path.join(work, f"qgis-wmts-{name}.png")
    image.save(png)
    check(not job.errors(), f"{name}: render errors {[e.message for e in job.errors()]}")
    print(f"{name}: rendered {SIZE}x{SIZE} px in {time.time() - started:.1f} s ({png})", flush=True)

    # Metres per pixel in the library's CRS, to keep probes INSET_PX inside their zone.
    inset = INSET_PX * max(e - w, n - s) / SIZE

    # Probes: a grid over each zone part, kept where INSET_PX inside it (a zone's centre holds
    # its source's marker, so no single "point on surface" would do).
    def probes(part):
        inner = part.Buffer(-inset)
        if inner.IsEmpty():
            return []
        x0, x1, y0, y1 = inner.GetEnvelope()
        out = []
        for i in range(GRID):
            for j in range(GRID):
                p = ogr.Geometry(ogr.wkbPoint)
                p.AddPoint_2D(x0 + (x1 - x0) * (i + 0.5) / GRID, y0 + (y1 - y0) * (j + 0.5) / GRID)
                if inner.Contains(p):
                    out.append(p)
        return out

    def is_red(p):
        q = p.Clone()
        q.Transform(ct)
        pixel = settings.mapToPixel().transform(QgsPointXY(q.GetX(), q.GetY()))
        c = QColor(image.pixel(int(pixel.x()), int(pixel.y())))
        return all(abs(a - b) <= TOLERANCE for a, b in zip((c.red(), c.green(), c.blue()), red))

    results = {}
    for grade in ("major", "low"):
        results[grade] = [[is_red(p) for p in probes(part)] for part in zone_parts(grade)[:PARTS]]
    major = [r for part in results["major"] for r in part]
    low = [r for part in results["low"] for r in part]
    print(f"{name}: {sum(major)}/{len(major)} points in {len(results['major'])} major zone parts are red {red} "
          f"({' '.join(f'{sum(p)}/{len(p)}' for p in results['major'])}); {sum(low)}/{len(low)} in low zones", flush=True)
    check(len(major) >= 10, f"{name}: only {len(major)} probe points inside the major zones")
    check(sum(major) * 5 >= len(major) * 2, f"{name}: only {sum(major)}/{len(major)} major points are red")
    check(len(low) >= 10 and sum(low) * 20 < len(low), f"{name}: {sum(low)}/{len(low)} low-zone points are red")


QgsApplication.setPrefixPath("/usr", True)
app = QgsApplication([], False)
app.initQgis()
common = "contextualWMSLegend=0&dpiMode=7&format=image/png&layers=riskmap&styles=default"
# GoogleMapsCompatible through the KVP capabilities (the query encoded, as QGIS's own WMTS connections store it).
render(f"{common}&crs=EPSG:3857&tileMatrixSet=GoogleMapsCompatible&url={base}/wmts?SERVICE%3DWMTS%26REQUEST%3DGetCapabilities",
       3857, "GoogleMapsCompatible")
# CGCS2000 (the Tianditu `c` grid) through the RESTful capabilities document.
render(f"{common}&crs=EPSG:4490&tileMatrixSet=CGCS2000&url={base}/wmts/1.0.0/WMTSCapabilities.xml", 4490, "CGCS2000")
finish("PASS: QGIS reads both WMTS tile matrix sets")
