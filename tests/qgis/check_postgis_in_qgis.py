"""A PostGIS library as QGIS opens it (run headless by PostgisQgisTest).

The library was imported and assessed by riskmap into the database; QGIS's
own code, not riskmap's, then reads what riskmap wrote into QGIS's tables:
1. public.layer_styles holds one default style for every feature table of
   the schema (read with OGR), keyed as QGIS looks it up (database, schema,
   table, geometry column, geometry type);
2. QGIS opens the project stored in <schema>.qgis_projects through its
   PostgreSQL project storage (postgresql://...?dbname=&schema=&project=),
   every layer valid, read by the postgres provider, with the feature count
   OGR counts in the table, risk_zones under the county boundary;
3. risk_zones added afresh with QGIS's postgres provider takes its default
   style from public.layer_styles: a rule per grade named with the
   palette's Chinese name (palette.toml) and filled with the palette's RGB
   (the style's fill opacity aside), and riskmap's style is the default one
   QGIS lists first.

Usage: check_postgis_in_qgis.py SOCKET_DIR DBNAME SCHEMA PROJECT STYLES_DIR
(PGHOST and PGUSER name the server's socket folder and the user, for QGIS's
project storage URI, which names neither).
"""
import os
import sys
import time
import tomllib

from osgeo import gdal, ogr

from qgis.core import QgsApplication, QgsProject, QgsVectorLayer

from qgis_checks import check, finish

ogr.UseExceptions()
gdal.UseExceptions()
host, dbname, schema, project_name, styles = sys.argv[1:6]


ds = ogr.Open(f"PG:host={host} dbname={dbname} active_schema={schema}")
feature_tables = {}
for i in range(ds.GetLayerCount()):
    layer = ds.GetLayer(i)
    if layer.GetLayerDefn().GetGeomFieldCount() > 0 and "." not in layer.GetName():
        feature_tables[layer.GetName()] = layer.GetFeatureCount()


def query(sql):
    result = ds.ExecuteSQL(sql)
    rows = [[f.GetField(i) for i in range(f.GetFieldCount())] for f in result]
    ds.ReleaseResultSet(result)
    return rows


# 1. One default style per feature table, where QGIS looks for it.
defaults = {}
for table, column, name, kind in query(
        "SELECT f_table_name, f_geometry_column, stylename, type FROM public.layer_styles "
        f"WHERE f_table_catalog = '{dbname}' AND f_table_schema = '{schema}' AND useasdefault"):
    check(table not in defaults, f"{table} has two default styles")
    defaults[table] = (column, name, kind)
for table in feature_tables:
    check(table in defaults, f"{table} has no default style in public.layer_styles")
    if table in defaults:
        check(defaults[table][0] == "geom", f"{table}: style for geometry column {defaults[table][0]}")
        check(defaults[table][2] in ("Point", "Line", "Polygon"), f"{table}: style type {defaults[table][2]}")
print(f"public.layer_styles: a default style for each of {len(feature_tables)} feature tables")

# 2. The stored project, through QGIS's PostgreSQL project storage.
started = time.time()
app = QgsApplication([], False)
app.initQgis()
qp = QgsProject.instance()
uri = f"postgresql://?dbname={dbname}&schema={schema}&project={project_name}"
check(qp.read(uri), f"QGIS cannot read the project {uri}")
tree = [n.layer() for n in qp.layerTreeRoot().findLayers()]
names = [layer.name() for layer in tree]
check(set(names) == set(feature_tables), f"project layers {sorted(names)} != feature tables {sorted(feature_tables)}")
for layer in tree:
    check(layer.isValid(), f"{layer.name()} is not valid in QGIS")
    check(layer.providerType() == "postgres", f"{layer.name()} read by {layer.providerType()}")
    check(layer.featureCount() == feature_tables.get(layer.name()),
          f"{layer.name()}: QGIS counts {layer.featureCount()}, OGR {feature_tables.get(layer.name())}")
    check(layer.crs().authid() == "EPSG:4549", f"{layer.name()} in {layer.crs().authid()}")
if "risk_zones" in names and "county" in names:
    check(names.index("risk_zones") > names.index("county"), "risk_zones is not under the county boundary")
print(f"QGIS opened {uri}: {len(tree)} layers in {time.time() - started:.1f} s")

# 3. risk_zones added afresh: its default style is riskmap's, from public.layer_styles.
zones = next((layer for layer in tree if layer.name() == "risk_zones"), None)
check(zones is not None, "no risk_zones in the project")
if zones is not None:
    fresh = QgsVectorLayer(zones.source(), "fresh", "postgres")  # loads the default style from the database
    check(fresh.isValid(), "risk_zones does not open afresh")
    count, ids, style_names, descriptions, error = fresh.listStylesInDatabase()
    check(count >= 1 and style_names and style_names[0] == defaults.get("risk_zones", ("", "", ""))[1],
          f"QGIS lists {style_names[:count]} as risk_zones' default styles, riskmap wrote {defaults.get('risk_zones')}")
    palette = tomllib.load(open(os.path.join(styles, "palette.toml"), "rb"))
    renderer = fresh.renderer()
    check(renderer.type() == "RuleRenderer", f"risk_zones drawn by {renderer.type()}")
    if renderer.type() == "RuleRenderer":
        rules = {r.label(): r for r in renderer.rootRule().descendants()}
        for grade in ("major", "high", "moderate", "low"):
            name, rgb = palette[grade]["name"], palette[grade]["rgb"]
            rule = rules.get(name)
            check(rule is not None and rule.symbol() is not None, f"no rule {name} in risk_zones' default style")
            if rule is not None and rule.symbol() is not None:
                c = rule.symbol().color()
                check([c.red(), c.green(), c.blue()] == rgb, f"{name} filled {[c.red(), c.green(), c.blue()]}, palette {rgb}")
                print(f"{grade} {name}: rule fills {[c.red(), c.green(), c.blue()]}")
finish()
