"""IntervalSet against Python's own sets of integers, over a universe small enough to list.

Every reachability verdict is set algebra on addresses and ports: a wrong merge or an
off-by-one cut in an interval would allow or deny traffic silently. Each property builds
the same set both ways, as intervals and as the plain set of its members, and asks that
every operation agree and leave the intervals sorted, disjoint and non-adjacent (the one
form that makes `==` mean "same members").
"""

from __future__ import annotations

import ipaddress
import itertools

from hypothesis import given
from hypothesis import strategies as st

from archgen.network.intervals import IntervalSet, address_text, port_text

UNIVERSE = 48
"""Members range over 0..47: small enough to list, large enough for several intervals."""

_pieces = st.lists(
    st.tuples(st.integers(0, UNIVERSE - 1), st.integers(0, UNIVERSE - 1)), max_size=6
)
"""Intervals as `of` receives them: any order, overlapping, touching, or empty (low > high)."""


def _members(intervals: IntervalSet) -> set[int]:
    return {n for low, high in intervals for n in range(low, high + 1)}


def _expected(pieces: list[tuple[int, int]]) -> set[int]:
    return {n for low, high in pieces for n in range(low, high + 1)}


def _assert_canonical(intervals: IntervalSet) -> None:
    """Sorted, each interval non-empty, and a gap of at least one between neighbours."""
    pairs = intervals.intervals
    assert all(low <= high for low, high in pairs), pairs
    assert all(a[1] + 1 < b[0] for a, b in itertools.pairwise(pairs)), pairs


@given(_pieces)
def test_of_holds_exactly_the_members_of_its_pieces(pieces: list[tuple[int, int]]) -> None:
    result = IntervalSet.of(pieces)
    _assert_canonical(result)
    assert _members(result) == _expected(pieces)
    assert bool(result) == bool(_expected(pieces))


@given(_pieces, _pieces)
def test_equal_members_make_equal_sets(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> None:
    assert (IntervalSet.of(a) == IntervalSet.of(b)) == (_expected(a) == _expected(b))


@given(_pieces, _pieces)
def test_union(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> None:
    result = IntervalSet.of(a) | IntervalSet.of(b)
    _assert_canonical(result)
    assert _members(result) == _expected(a) | _expected(b)


@given(_pieces, _pieces)
def test_intersection(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> None:
    result = IntervalSet.of(a) & IntervalSet.of(b)
    _assert_canonical(result)
    assert _members(result) == _expected(a) & _expected(b)


@given(_pieces, _pieces)
def test_difference(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> None:
    result = IntervalSet.of(a) - IntervalSet.of(b)
    _assert_canonical(result)
    assert _members(result) == _expected(a) - _expected(b)


@given(_pieces, _pieces)
def test_covers_is_the_superset_test(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> None:
    assert IntervalSet.of(a).covers(IntervalSet.of(b)) == (_expected(a) >= _expected(b))


@given(_pieces, st.integers(0, UNIVERSE - 1))
def test_membership_through_a_single_point(pieces: list[tuple[int, int]], point: int) -> None:
    """A point is a member exactly when the set covers it, and its intersection is non-empty."""
    intervals, single = IntervalSet.of(pieces), IntervalSet.of([(point, point)])
    assert intervals.covers(single) == (point in _expected(pieces))
    assert bool(intervals & single) == (point in _expected(pieces))


@given(_pieces.filter(lambda pieces: any(low <= high for low, high in pieces)))
def test_first_is_the_lowest_interval(pieces: list[tuple[int, int]]) -> None:
    low, high = IntervalSet.of(pieces).first()
    members = _expected(pieces)
    assert low == min(members)
    assert set(range(low, high + 1)) <= members
    assert high + 1 not in members


@given(_pieces, _pieces, _pieces)
def test_the_algebra_of_three_sets(
    a: list[tuple[int, int]], b: list[tuple[int, int]], c: list[tuple[int, int]]
) -> None:
    """Distribution and De Morgan inside the universe: the laws the reachability walk relies on."""
    x, y, z = IntervalSet.of(a), IntervalSet.of(b), IntervalSet.of(c)
    universe = IntervalSet.of([(0, UNIVERSE - 1)])
    assert x & (y | z) == (x & y) | (x & z)
    assert universe - (x | y) == (universe - x) & (universe - y)
    assert x - (y | z) == (x - y) - z


@given(st.integers(0, 2**32 - 1), st.integers(26, 32))
def test_a_cidr_block_holds_its_addresses(address: int, prefix: int) -> None:
    network = ipaddress.IPv4Network((address, prefix), strict=False)
    block = IntervalSet.cidr(str(network))
    assert _members(block) == {int(host) for host in network}


@given(_pieces)
def test_port_text_names_exactly_the_ports(pieces: list[tuple[int, int]]) -> None:
    text = port_text(IntervalSet.of(pieces))
    named: set[int] = set()
    for part in filter(None, text.split(", ")):
        low, _, high = part.partition("-")
        named |= set(range(int(low), int(high or low) + 1))
    assert named == _expected(pieces)


@given(_pieces)
def test_address_text_names_exactly_the_addresses(pieces: list[tuple[int, int]]) -> None:
    """Shifted into 10.0.0.0/8; past three blocks the text names the first three and a count."""
    base = int(ipaddress.IPv4Address("10.0.0.0"))
    addresses = IntervalSet.of([(base + low, base + high) for low, high in pieces])
    shown, _, cut = address_text(addresses).partition(" and ")
    blocks = [ipaddress.IPv4Network(part) for part in filter(None, shown.split(", "))]
    members = {int(host) - base for block in blocks for host in block}
    if cut:
        assert len(blocks) == 3
        assert cut.endswith(" more")
        assert members < _expected(pieces)
    else:
        assert members == _expected(pieces)
