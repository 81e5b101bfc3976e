"""Two PNG bands joined into one image hold the top's rows, then the bottom's, exactly.

The images are written here, row by row with a chosen filter (tests/png_rows.py),
so every filter a band's first row can carry is met, not only those libpng picks.
"""

from __future__ import annotations

import struct
import zlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from archgen.layout.png_join import NotJoinable, join_bands, ready_top
from tests import png_rows


@st.composite
def bands(draw: st.DrawFn) -> tuple[int, int, list[bytes], list[int], list[bytes], list[int]]:
    """Two images of one width and colour type, random pixels, a random filter per row."""
    width = draw(st.integers(1, 9))
    colour = draw(st.sampled_from(sorted(png_rows.CHANNELS)))
    stride = width * png_rows.CHANNELS[colour]
    line = st.binary(min_size=stride, max_size=stride)
    top = draw(st.lists(line, min_size=1, max_size=5))
    bottom = draw(st.lists(line, min_size=1, max_size=5))
    top_filters = draw(st.lists(st.integers(0, 4), min_size=len(top), max_size=len(top)))
    bottom_filters = draw(st.lists(st.integers(0, 4), min_size=len(bottom), max_size=len(bottom)))
    return width, colour, top, top_filters, bottom, bottom_filters


@settings(max_examples=300)
@given(bands())
def test_the_joined_image_is_the_top_s_rows_then_the_bottom_s(
    case: tuple[int, int, list[bytes], list[int], list[bytes], list[int]],
) -> None:
    width, colour, top, top_filters, bottom, bottom_filters = case
    joined = join_bands(
        ready_top(png_rows.write(width, colour, top, top_filters)),
        png_rows.write(width, colour, bottom, bottom_filters),
    )
    assert png_rows.rows(joined) == (width, colour, top + bottom)


@pytest.mark.parametrize(
    "first_filter", [0, 1, 2, 3, 4], ids=["None", "Sub", "Up", "Average", "Paeth"]
)
def test_every_filter_of_the_bottom_s_first_row_reads_as_its_own_row(first_filter: int) -> None:
    """Up, Average and Paeth read the row above: in the bottom band alone, a row of zeros."""
    top = [bytes([200, 10, 30] * 4)] * 2
    bottom = [bytes([5, 250, 128, 77, 3, 9, 64, 64, 64, 0, 255, 1]), bytes(range(12))]
    joined = join_bands(
        ready_top(png_rows.write(4, 2, top, [0, 2])),
        png_rows.write(4, 2, bottom, [first_filter, 4]),
    )
    assert png_rows.rows(joined) == (4, 2, top + bottom)


def test_the_top_s_chunks_before_its_image_data_are_kept() -> None:
    """Cairo writes the background colour (bKGD) before the image data."""
    plain = png_rows.write(2, 2, [bytes(6)], [0])
    background = struct.pack(">HHH", 255, 255, 255)
    chunk = struct.pack(">I", 6) + b"bKGD" + background
    with_background = plain[:33] + chunk + struct.pack(">I", zlib.crc32(b"bKGD" + background))
    with_background += plain[33:]
    joined = join_bands(ready_top(with_background), plain)
    assert [kind for kind, _ in png_rows.chunks(joined)] == [b"IHDR", b"bKGD", b"IDAT", b"IEND"]
    assert png_rows.rows(joined)[2] == [bytes(6), bytes(6)]


def test_bands_of_another_width_or_colour_type_are_refused() -> None:
    top = ready_top(png_rows.write(2, 2, [bytes(6)], [0]))
    with pytest.raises(NotJoinable, match="width or colour type"):
        join_bands(top, png_rows.write(3, 2, [bytes(9)], [0]))
    with pytest.raises(NotJoinable, match="width or colour type"):
        join_bands(top, png_rows.write(2, 6, [bytes(8)], [0]))


def test_an_image_archgen_cannot_join_is_refused_by_name() -> None:
    sixteen_bit = bytearray(png_rows.write(1, 0, [bytes(1)], [0]))
    sixteen_bit[24] = 16  # the header's bit depth
    with pytest.raises(NotJoinable, match="header"):
        ready_top(bytes(sixteen_bit))
    with pytest.raises(NotJoinable, match="not a PNG"):
        ready_top(b"GIF89a")
