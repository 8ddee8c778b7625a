"""A participant whose changes the host keeps undoing (gate.py) is sending them on
purpose, or is broken: each undoing costs the host a reading of the whole map. After
more than `limit` in `window` seconds the host disconnects them and refuses their
key (the one their editor keeps across reconnections) for `keep_out` seconds. An
honest participant loses a race now and then: a few undone changes a minute."""

from __future__ import annotations

import time
from collections import defaultdict, deque
from collections.abc import Callable

LIMIT = 20
WINDOW = 10.0  # seconds
KEEP_OUT = 60.0  # seconds


class Strikes:
    def __init__(self, limit: int = LIMIT, window: float = WINDOW, keep_out: float = KEEP_OUT,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.limit, self.window, self.keep_out = limit, window, keep_out
        self._clock = clock
        self._times: dict[str, deque[float]] = defaultdict(deque)
        self._until: dict[str, float] = {}  # owner -> kept out until

    def strike(self, owner: str) -> bool:
        """Count one undone change of `owner`'s; True when it is one too many (then
        `owner` is kept out from now on, for `keep_out` seconds)."""
        now = self._clock()
        times = self._times[owner]
        times.append(now)
        while times and times[0] <= now - self.window:
            times.popleft()
        if len(times) <= self.limit:
            return False
        del self._times[owner]
        self._until[owner] = now + self.keep_out
        return True

    def kept_out(self, owner: str) -> bool:
        until = self._until.get(owner)
        if until is None:
            return False
        if self._clock() >= until:
            del self._until[owner]
            return False
        return True
