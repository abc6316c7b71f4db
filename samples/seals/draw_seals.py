#!/usr/bin/env python3
"""Draws the sample seals (印章) as transparent red PNGs: a ring, a five-pointed star in the
middle and a short bar under it (where an office's name would arc round the ring), anti-aliased
by 4 × 4 supersampling; and the sample 签发人签名章: a square frame round four block
characters, as a name stamp in seal script looks from afar. Only the standard library (zlib for
the PNG).

    python3 samples/seals/draw_seals.py      # writes samples/seals/seal-*.png and sign-*.png

The pixels outside the ink are white with alpha 0, so a viewer that ignores transparency (or a
multiplying renderer) shows the page through them."""

import math
import os
import struct
import zlib

SIZE = 360  # pixels across: 42 mm at about 218 dpi
RED = (0xE6, 0x1E, 0x28)
SUB = 4


def star_contains(x, y, cx, cy, r_out, r_in):
    """Whether (x, y) lies in a five-pointed star centred on (cx, cy), one point up."""
    pts = []
    for k in range(10):
        r = r_out if k % 2 == 0 else r_in
        a = -math.pi / 2 + k * math.pi / 5
        pts.append((cx + r * math.cos(a), cy + r * math.sin(a)))
    inside = False
    j = len(pts) - 1
    for i, (xi, yi) in enumerate(pts):
        xj, yj = pts[j]
        if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside


def ink(x, y, variant):
    """Whether the seal has ink at (x, y), in pixels of the final image."""
    c = SIZE / 2
    r = math.hypot(x - c, y - c)
    outer = SIZE / 2 - 2
    ring = SIZE * 0.045
    if outer - ring <= r <= outer:
        return True
    # A thin inner ring for the second seal, so that the two can be told apart.
    if variant == 1 and outer - ring * 2.2 <= r <= outer - ring * 1.8:
        return True
    if star_contains(x, y, c, c - SIZE * 0.02, SIZE * 0.2, SIZE * 0.08):
        return True
    bar_w, bar_h = SIZE * 0.36, SIZE * 0.035
    return abs(x - c) <= bar_w / 2 and abs(y - (c + SIZE * 0.27)) <= bar_h / 2


STAMP = 180  # pixels across a 签名章: 20 mm at about 228 dpi

# Four block "characters" a stamp, 5 × 5 cells each (X: ink), one set a stamp.
GLYPHS = [
    ["XXXXX", "..X..", "XXXXX", "..X..", "XXXXX"],  # 王
    ["XXXXX", "X...X", "XXXXX", "X...X", "XXXXX"],  # 日
    ["XXXXX", "X...X", "X...X", "X...X", "XXXXX"],  # 口
    ["..X..", "XXXXX", "..X..", "..X..", "..X.."],  # 十
    ["XXXXX", "X.X.X", "XXXXX", "X.X.X", "XXXXX"],  # 田
    ["X...X", "XXXXX", "X...X", "XXXXX", "X...X"],  # 卄
]
STAMP_GLYPHS = [[0, 1, 2, 3], [4, 0, 5, 2]]


def stamp_ink(x, y, variant):
    """Whether the 签名章 has ink at (x, y): the frame, then a 2 × 2 grid of characters."""
    frame = STAMP * 0.07
    if min(x, y, STAMP - x, STAMP - y) < 0:
        return False
    if min(x, y, STAMP - x, STAMP - y) <= frame:
        return True
    inner = STAMP - 2 * frame
    margin = inner * 0.08
    cell = (inner - 3 * margin) / 2
    for k, g in enumerate(STAMP_GLYPHS[variant]):
        # Read top to bottom, right to left, as seal script is.
        col, row = 1 - k // 2, k % 2
        gx = frame + margin + col * (cell + margin)
        gy = frame + margin + row * (cell + margin)
        u, v = (x - gx) / cell, (y - gy) / cell
        if 0 <= u < 1 and 0 <= v < 1:
            return GLYPHS[g][int(v * 5)][int(u * 5)] == "X"
    return False


def png(pixels, width, height):
    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    raw = b"".join(b"\0" + bytes(pixels[y * width * 4:(y + 1) * width * 4]) for y in range(height))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(raw, 9))
            + chunk(b"IEND", b""))


def draw(variant, inked=ink, size=SIZE):
    pixels = bytearray()
    for y in range(size):
        for x in range(size):
            hits = sum(
                inked(x + (i + 0.5) / SUB, y + (j + 0.5) / SUB, variant)
                for i in range(SUB)
                for j in range(SUB)
            )
            alpha = round(255 * hits / (SUB * SUB))
            pixels += bytes(RED if alpha else (255, 255, 255)) + bytes([alpha])
    return png(pixels, size, size)


if __name__ == "__main__":
    here = os.path.dirname(os.path.abspath(__file__))
    for variant, name in enumerate(["seal-a.png", "seal-b.png"]):
        with open(os.path.join(here, name), "wb") as f:
            f.write(draw(variant))
    for variant, name in enumerate(["sign-a.png", "sign-b.png"]):
        with open(os.path.join(here, name), "wb") as f:
            f.write(draw(variant, stamp_ink, STAMP))
