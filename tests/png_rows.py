"""Read and write small 8-bit PNG images as rows of bytes, to check what archgen writes.

Independent of archgen's own PNG code: the rows are unfiltered by the PNG
specification's rules, one byte at a time (fast enough for test-sized images).
"""

from __future__ import annotations

import struct
import zlib

SIGNATURE = b"\x89PNG\r\n\x1a\n"
CHANNELS = {0: 1, 2: 3, 4: 2, 6: 4}


def chunks(png: bytes) -> list[tuple[bytes, bytes]]:
    """Return each chunk's type and data, checking every CRC."""
    assert png.startswith(SIGNATURE)
    found, at = [], len(SIGNATURE)
    while at < len(png):
        (length,) = struct.unpack(">I", png[at : at + 4])
        kind, data = png[at + 4 : at + 8], png[at + 8 : at + 8 + length]
        (crc,) = struct.unpack(">I", png[at + 8 + length : at + 12 + length])
        assert crc == zlib.crc32(kind + data), kind
        found.append((kind, data))
        at += 12 + length
    assert found[0][0] == b"IHDR"
    assert found[-1] == (b"IEND", b"")
    return found


def rows(png: bytes) -> tuple[int, int, list[bytes]]:
    """Return the width, the colour type and every row's pixel bytes, unfiltered."""
    found = chunks(png)
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", found[0][1])
    assert (depth, interlace) == (8, 0)
    data = zlib.decompress(b"".join(body for kind, body in found if kind == b"IDAT"))
    size, stride = CHANNELS[colour], width * CHANNELS[colour]
    assert len(data) == height * (stride + 1)
    out: list[bytes] = []
    above = bytes(stride)
    for y in range(height):
        kind, line = (
            data[y * (stride + 1)],
            bytearray(data[y * (stride + 1) + 1 : (y + 1) * (stride + 1)]),
        )
        for x in range(stride):
            a = line[x - size] if x >= size else 0
            b, c = above[x], above[x - size] if x >= size else 0
            line[x] = (line[x] + _predict(kind, a, b, c)) & 0xFF
        out.append(bytes(line))
        above = bytes(line)
    return width, colour, out


def _predict(kind: int, a: int, b: int, c: int) -> int:
    if kind == 0:
        return 0
    if kind == 1:
        return a
    if kind == 2:
        return b
    if kind == 3:
        return (a + b) // 2
    assert kind == 4, kind
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    return a if pa <= pb and pa <= pc else b if pb <= pc else c


def write(width: int, colour: int, pixel_rows: list[bytes], filters: list[int]) -> bytes:
    """Return a PNG of `pixel_rows`, each row filtered with the filter given for it."""
    size, out, above = CHANNELS[colour], bytearray(), bytes(width * CHANNELS[colour])
    for line, kind in zip(pixel_rows, filters, strict=True):
        out.append(kind)
        for x, value in enumerate(line):
            a = line[x - size] if x >= size else 0
            b, c = above[x], above[x - size] if x >= size else 0
            out.append((value - _predict(kind, a, b, c)) & 0xFF)
        above = line
    header = struct.pack(">IIBBBBB", width, len(pixel_rows), 8, colour, 0, 0, 0)
    body = [(b"IHDR", header), (b"IDAT", zlib.compress(bytes(out))), (b"IEND", b"")]
    return SIGNATURE + b"".join(
        struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        for kind, data in body
    )
