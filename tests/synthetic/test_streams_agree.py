"""The generator's cheap streams draw exactly as NumPy's `default_rng` of the same seed
(`analytics/synthetic/streams.py`): the generated files depend on every draw."""

from __future__ import annotations

import numpy as np
import pytest

from analytics.synthetic.streams import Streams, pcg64_states

# Bases around the edges of SeedSequence's 32-bit words, and random ones as the generator's.
BASES = [0, 1, 2**32 - 1, 2**32, 2**62 - 1, *np.random.default_rng(5).integers(1 << 62, size=40)]


@pytest.mark.parametrize("tail", [(), (1,), (7, 2**40)], ids=["i", "i-1", "i-7-2^40"])
def test_every_state_is_numpys(tail):
    for base in map(int, BASES):
        ours = pcg64_states(base, 70, tail)
        for i in range(70):
            numpys = np.random.default_rng([base, i, *tail]).bit_generator.state["state"]
            assert ours[i] == (numpys["state"], numpys["inc"]), (base, i, tail)


def test_each_stream_draws_as_numpys_after_the_one_before_was_drawn_from():
    base = int(BASES[-1])
    streams = Streams(base, 200, (1,))
    for i in range(200):
        ours, numpys = streams[i], np.random.default_rng([base, i, 1])
        # a 32-bit draw leaves half a word buffered: the next stream must not inherit it
        assert ours.integers(0, 1000, dtype=np.int32) == numpys.integers(0, 1000, dtype=np.int32)
        assert ours.random(3).tolist() == numpys.random(3).tolist()
        assert ours.integers(100000, 999999) == numpys.integers(100000, 999999)
        assert ours.normal() == numpys.normal()
