"""Many seeded random streams, cheaply: `Streams(base, n, tail)[i]` draws exactly as
`np.random.default_rng([base, i, *tail])` does.

Each of an authority's periods of care draws from streams of its own (`placements.build`),
and making a generator from a seed costs about 18 microseconds (NumPy hashes the seed with a
`SeedSequence`, then seeds a PCG64 with it): two a period were a tenth of generating Kent.
Here the seed sequences of all `n` streams are hashed at once, in arrays, as NumPy hashes one
(its `SeedSequence.mix_entropy` and `generate_state`, M. O'Neill's seed_seq_fe), and PCG64 is
seeded from them as NumPy seeds it (`pcg64_set_seed`); asking for stream `i` sets that state on
one generator (a microsecond). `tests/synthetic/test_streams_agree.py` holds every state and
draw equal to NumPy's.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

# SeedSequence's hash (numpy/random/bit_generator.pyx)
INIT_A, MULT_A = 0x43B0D7E5, 0x931E8875
INIT_B, MULT_B = 0x8B51F9DD, 0x58F38DED
MIX_MULT_L, MIX_MULT_R = 0xCA01F9DD, 0x4973F715
POOL = 4
MASK32 = 0xFFFFFFFF
# PCG64's 128-bit multiplier (numpy/random/src/pcg64)
PCG_MULTIPLIER = (2549297995355413924 << 64) + 4865540595714422341
MASK128 = (1 << 128) - 1


class Streams:
    """`np.random.default_rng([base, i, *tail])` for each `i` below `count`. The generator
    returned is the same object each time, set to the start of stream `i`: draw from one
    stream before asking for the next."""

    def __init__(self, base: int, count: int, tail: tuple[int, ...] = ()) -> None:
        self.states = pcg64_states(base, count, tail)
        self.bits = np.random.PCG64()
        self.rng = np.random.Generator(self.bits)

    def __getitem__(self, i: int) -> np.random.Generator:
        state, inc = self.states[i]
        self.bits.state = {
            "bit_generator": "PCG64",
            "state": {"state": state, "inc": inc},
            "has_uint32": 0,
            "uinteger": 0,
        }
        return self.rng


def _words(n: int) -> list[int]:
    """A non-negative integer as SeedSequence reads it: 32-bit words, least first."""
    if n < 0:
        raise ValueError(f"a seed is not negative: {n}")
    words = [0] if n == 0 else []
    while n > 0:
        words.append(n & MASK32)
        n >>= 32
    return words


def _hasher(init: int, multiplier: int) -> Callable[[np.ndarray], np.ndarray]:
    """SeedSequence's hash of 32-bit words, its constant moving on at each use (the same
    sequence of constants whatever the words, so one hash serves every stream at once)."""
    const = init

    def hash_words(value: np.ndarray) -> np.ndarray:
        nonlocal const
        value = value ^ np.uint32(const)
        const = (const * multiplier) & MASK32
        value = value * np.uint32(const)
        return value ^ (value >> np.uint32(16))

    return hash_words


def pcg64_states(base: int, count: int, tail: tuple[int, ...] = ()) -> list[tuple[int, int]]:
    """The PCG64 (state, increment) of `default_rng([base, i, *tail])` for i in range(count)."""
    u32 = np.uint32
    entropy = [np.full(count, w, u32) for w in _words(base)]
    if count and count - 1 > MASK32:
        raise ValueError("at most 2**32 streams")
    entropy.append(np.arange(count, dtype=u32))  # each i below 2**32 is one word (0 too)
    entropy += [np.full(count, w, u32) for t in tail for w in _words(t)]
    hashmix = _hasher(INIT_A, MULT_A)

    def mix(x: np.ndarray, y: np.ndarray) -> np.ndarray:
        result: np.ndarray = x * u32(MIX_MULT_L) - y * u32(MIX_MULT_R)
        return result ^ (result >> u32(16))

    zero = np.zeros(count, u32)
    pool = [hashmix(entropy[k] if k < len(entropy) else zero) for k in range(POOL)]
    for source in range(POOL):
        for target in range(POOL):
            if source != target:
                pool[target] = mix(pool[target], hashmix(pool[source]))
    for source in range(POOL, len(entropy)):
        for target in range(POOL):
            pool[target] = mix(pool[target], hashmix(entropy[source]))

    # generate_state(4, np.uint64): eight 32-bit words, the pool in turn, read in pairs
    hash_out = _hasher(INIT_B, MULT_B)
    halves = [hash_out(pool[k % POOL]).astype(np.uint64) for k in range(8)]
    words = [(halves[2 * j] | (halves[2 * j + 1] << np.uint64(32))).tolist() for j in range(4)]

    # pcg64_set_seed: the increment from the last two words, then two steps around the seed
    states = []
    for seed_high, seed_low, inc_high, inc_low in zip(*words, strict=True):
        inc = ((((inc_high << 64) | inc_low) << 1) | 1) & MASK128
        state = (inc + ((seed_high << 64) | seed_low)) & MASK128
        states.append(((state * PCG_MULTIPLIER + inc) & MASK128, inc))
    return states
