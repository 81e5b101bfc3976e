"""Join two PNG images of one width, one above the other, into one PNG.

A large PNG is drawn by graphviz as two bands of rows at once (layout.png_parts):
cairo's rasterising and libpng's filtering and compressing take most of a
render's time, and each band's half of it then runs on its own core. Both bands
are 8-bit images of the same colour type, so the joined image's rows are the
top's rows followed by the bottom's, each with its own filter byte. The top is
decompressed and compressed again without ending the stream (a sync flush), so
the bottom's compressed rows follow it as they are: compressed data refers only
back within what its own compressor saw. The bottom's first row is filtered
against a row of zeros; a filter that reads the row above (Up, Average, Paeth)
would then read the top's last row instead, so such a row is unfiltered and
written unfiltered, and the bottom compressed again. The checksum of the whole
is combined from the two parts' own.
"""

from __future__ import annotations

import struct
import zlib
from typing import NamedTuple

SIGNATURE = b"\x89PNG\r\n\x1a\n"
_CHANNELS = {0: 1, 2: 3, 4: 2, 6: 4}
"""Channels of each non-palette colour type: grey, RGB, grey and alpha, RGBA."""
_ADLER_BASE = 65521
_READS_ROW_ABOVE = frozenset({2, 3, 4})  # Up, Average, Paeth
_JOIN_LEVEL = 1
"""zlib level of the recompressed top band: zlib's fastest, for a picture mostly of one colour
(a tenth bigger than libpng's level 6, in a sixth of the time)."""


class NotJoinable(ValueError):
    """The two images are not 8-bit, non-interlaced bands of one width and colour type."""


class Band(NamedTuple):
    """One PNG's header, the chunks before its image data, and its compressed image data."""

    width: int
    height: int
    colour_type: int
    before_data: list[tuple[bytes, bytes]]
    data: bytes

    @property
    def stride(self) -> int:
        """Bytes of one row after its filter byte."""
        return self.width * _CHANNELS[self.colour_type]


class Top(NamedTuple):
    """The top band made ready to join: its chunks, and its rows compressed without an end."""

    band: Band
    stream: bytes
    """zlib's header, then the rows compressed and flushed, the stream left open."""
    adler: int
    """The Adler-32 of the rows."""


def ready_top(top: bytes) -> Top:
    """Decompress the top band's rows and compress them again, leaving the stream open.

    The costly half of a join, done while the bottom band is still being drawn.
    """
    band = read_band(top)
    rows = zlib.decompress(band.data)
    compressor = zlib.compressobj(_JOIN_LEVEL)
    stream = compressor.compress(rows) + compressor.flush(zlib.Z_SYNC_FLUSH)
    return Top(band, stream, zlib.adler32(rows))


def join_bands(top: Top, bottom: bytes) -> bytes:
    """Return one PNG: the top band's rows, then `bottom`'s; its other chunks are the top's."""
    upper, lower = top.band, read_band(bottom)
    if (upper.width, upper.colour_type) != (lower.width, lower.colour_type):
        raise NotJoinable("the two bands differ in width or colour type")
    tail, tail_adler = _lower_stream(lower)
    adler = _adler_combine(top.adler, tail_adler, lower.height * (1 + lower.stride))
    height = upper.height + lower.height
    header = struct.pack(">IIBBBBB", upper.width, height, 8, upper.colour_type, 0, 0, 0)
    chunks = [(b"IHDR", header), *upper.before_data]
    chunks += [(b"IDAT", top.stream + tail + struct.pack(">I", adler)), (b"IEND", b"")]
    return SIGNATURE + b"".join(_chunk(kind, body) for kind, body in chunks)


def read_band(png: bytes) -> Band:
    """Read the header, the chunks before the image data, and the image data of a PNG."""
    if not png.startswith(SIGNATURE):
        raise NotJoinable("not a PNG")
    header: tuple[int, ...] = ()
    before: list[tuple[bytes, bytes]] = []
    data = []
    for kind, body in _chunks(png):
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            data.append(body)
        elif kind != b"IEND" and not data:
            before.append((kind, body))
    if len(header) != 7 or header[2] != 8 or header[3] not in _CHANNELS or header[6] != 0:
        raise NotJoinable(f"a PNG header archgen cannot join: {header}")
    return Band(header[0], header[1], header[3], before, b"".join(data))


def _lower_stream(lower: Band) -> tuple[bytes, int]:
    """Return the bottom band's compressed rows (no zlib header, no checksum) and their checksum.

    They are compressed again when the first row's filter reads the row above.
    """
    first_filter = zlib.decompressobj().decompress(lower.data, 1)
    if first_filter and first_filter[0] not in _READS_ROW_ABOVE:
        return lower.data[2:-4], struct.unpack(">I", lower.data[-4:])[0]
    raw = bytearray(zlib.decompress(lower.data))
    bytes_per_pixel = _CHANNELS[lower.colour_type]
    raw[1 : 1 + lower.stride] = _unfilter_first_row(
        raw[0], raw[1 : 1 + lower.stride], bytes_per_pixel
    )
    raw[0] = 0  # None: the row as it is
    compressor = zlib.compressobj(_JOIN_LEVEL, zlib.DEFLATED, -zlib.MAX_WBITS)
    return compressor.compress(raw) + compressor.flush(), zlib.adler32(raw)


def _unfilter_first_row(kind: int, row: bytearray, bytes_per_pixel: int) -> bytearray:
    """Undo an Up, Average or Paeth filter on an image's first row (its row above is zeros).

    With a zero row above, Up adds nothing, and Paeth always predicts the byte to the left.
    """
    out = bytearray(row)
    for index in range(len(out)):
        left = out[index - bytes_per_pixel] if index >= bytes_per_pixel else 0
        predicted = 0 if kind == 2 else left // 2 if kind == 3 else left
        out[index] = (out[index] + predicted) & 0xFF
    return out


def _adler_combine(first: int, second: int, second_length: int) -> int:
    """Return the Adler-32 of two strings end to end, from each one's and the second's length."""
    a1, b1 = first & 0xFFFF, first >> 16
    a2, b2 = second & 0xFFFF, second >> 16
    a = (a1 + a2 - 1) % _ADLER_BASE
    b = (b1 + b2 + second_length * (a1 - 1)) % _ADLER_BASE
    return (b << 16) | a


def _chunks(png: bytes) -> list[tuple[bytes, bytes]]:
    found = []
    at = len(SIGNATURE)
    while at + 8 <= len(png):
        (length,) = struct.unpack(">I", png[at : at + 4])
        found.append((png[at + 4 : at + 8], png[at + 8 : at + 8 + length]))
        at += 12 + length
    return found


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
