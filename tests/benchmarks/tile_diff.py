#!/usr/bin/python3
"""Pixel diff of two tile directories (z/x/y.png), compared as RGBA after
decoding: `tile_diff.py BEFORE AFTER [THRESHOLD]`. Prints how many tiles and
pixels differ and the largest channel difference; exits 1 if a tile is
missing or a channel differs by more than THRESHOLD (default 0: identical)."""
import os
import sys

import numpy as np
from PIL import Image

before, after = sys.argv[1], sys.argv[2]
threshold = int(sys.argv[3]) if len(sys.argv) > 3 else 0
tiles = differ = pixels = worst = missing = 0
for root, _, files in os.walk(before):
    for name in files:
        if not name.endswith(".png"):
            continue
        a = os.path.join(root, name)
        b = os.path.join(after, os.path.relpath(a, before))
        if not os.path.exists(b):
            missing += 1
            continue
        x = np.asarray(Image.open(a).convert("RGBA")).astype(int)
        y = np.asarray(Image.open(b).convert("RGBA")).astype(int)
        tiles += 1
        d = np.abs(x - y).max(axis=2)
        if d.max() > 0:
            differ += 1
            worst = max(worst, int(d.max()))
            pixels += int((d > 0).sum())
print("pixel diff: %d tiles compared, %d missing, %d differ, %d pixels differ, largest channel difference %d"
      % (tiles, missing, differ, pixels, worst))
sys.exit(1 if missing or worst > threshold else 0)
