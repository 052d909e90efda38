#!/usr/bin/python3
"""Draws a list of tiles with Mapnik the way renderd does, for the side-by-side
benchmark (tests/benchmarks/tiles-vs-mapnik.sh). Benchmark only.

usage: mapnik_tiles.py MAP.xml TILES.txt OUTDIR [--metatile 8] [--buffer 64] [--processes 2] [--format png32]
       mapnik_tiles.py MAP.xml TILES.txt --lone N [--format png32]

TILES.txt holds one "z/x/y" a line (the tiles riskmap wrote). Metatile mode:
the tiles are grouped into metatiles of METATILE x METATILE tiles (clipped to
the pyramid), each drawn once as one image with a BUFFER px buffer, cut into
256 px tiles, each encoded in FORMAT, and written together as one metatile
file OUTDIR/z/mx/my.meta in renderd's layout ("META", count, x, y, z, then
an offset and size per tile, then the PNGs); PROCESSES
worker processes each load the map once (renderd's threads, one map each).
Prints tiles, wall seconds and CPU seconds (this process and its workers).
Lone mode: N tiles of the list drawn one at a time as single 256 px tiles
(64 px buffer), prints each one's milliseconds (min/median/max).
"""
import argparse
import math
import os
import resource
import statistics
import struct
import time
from multiprocessing import Pool

import mapnik

HALF = 20037508.342789244
SIZE = 256
_map = None
_args = None


def tile_box(z, x0, y0, x1, y1):
    """Web Mercator box of tiles x0..x1, y0..y1 (inclusive) at zoom z."""
    span = 2 * HALF / (1 << z)
    return mapnik.Box2d(-HALF + x0 * span, HALF - (y1 + 1) * span, -HALF + (x1 + 1) * span, HALF - y0 * span)


def init(xml, args):
    global _map, _args
    _args = args
    _map = mapnik.Map(SIZE, SIZE)
    mapnik.load_map(_map, xml)
    _map.buffer_size = args.buffer


def draw_metatile(job):
    (z, mx, my), tiles = job
    n = _args.metatile
    last = (1 << z) - 1
    x0, y0 = mx * n, my * n
    x1, y1 = min(last, x0 + n - 1), min(last, y0 + n - 1)
    _map.resize((x1 - x0 + 1) * SIZE, (y1 - y0 + 1) * SIZE)
    _map.zoom_to_box(tile_box(z, x0, y0, x1, y1))
    image = mapnik.Image(_map.width, _map.height)
    mapnik.render(_map, image)
    pngs = [image.view((x - x0) * SIZE, (y - y0) * SIZE, SIZE, SIZE).tostring(_args.format) for x, y in tiles]
    # renderd's metatile file: a header, an (offset, size) per tile, the tiles.
    header = struct.pack("<4s4i", b"META", len(pngs), x0, y0, z)
    offset = len(header) + 8 * len(pngs)
    index = b""
    for png in pngs:
        index += struct.pack("<2i", offset, len(png))
        offset += len(png)
    d = os.path.join(_args.out, str(z), str(mx))
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "%d.meta" % my), "wb") as f:
        f.write(header + index + b"".join(pngs))
    return len(tiles)


def cpu_seconds():
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("xml")
    ap.add_argument("tiles")
    ap.add_argument("out", nargs="?")
    ap.add_argument("--metatile", type=int, default=8)
    ap.add_argument("--buffer", type=int, default=64)
    ap.add_argument("--processes", type=int, default=2)
    ap.add_argument("--format", default="png32")
    ap.add_argument("--lone", type=int, default=0)
    args = ap.parse_args()
    tiles = [tuple(map(int, line.split("/"))) for line in open(args.tiles) if line.strip()]
    if args.lone:
        init(args.xml, args)
        step = max(1, len(tiles) // args.lone)
        ms = []
        for z, x, y in tiles[::step][:args.lone]:
            start = time.perf_counter()
            _map.resize(SIZE, SIZE)
            _map.zoom_to_box(tile_box(z, x, y, x, y))
            image = mapnik.Image(SIZE, SIZE)
            mapnik.render(_map, image)
            image.tostring(args.format)
            ms.append(1000 * (time.perf_counter() - start))
        print("lone tiles %d: ms min %.1f median %.1f max %.1f" % (len(ms), min(ms), statistics.median(ms), max(ms)))
        return
    metatiles = {}
    for z, x, y in tiles:
        metatiles.setdefault((z, x // args.metatile, y // args.metatile), []).append((x, y))
    start, cpu0 = time.perf_counter(), cpu_seconds()
    with Pool(args.processes, initializer=init, initargs=(args.xml, args)) as pool:
        done = sum(pool.imap_unordered(draw_metatile, sorted(metatiles.items()), chunksize=1))
    wall = time.perf_counter() - start
    cpu = cpu_seconds() - cpu0
    print("mapnik: %d tiles in %d metatiles, wall %.2f s, cpu %.2f s, %.1f tiles/s, %.1f tiles per CPU-s" % (
        done, len(metatiles), wall, cpu, done / wall, done / cpu))


if __name__ == "__main__":
    main()
