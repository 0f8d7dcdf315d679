"""What a batch run has done so far (handed to the progress callback after every commit)."""

from __future__ import annotations

import time
from dataclasses import dataclass, field


@dataclass
class IngestStats:
    total: int | None = None  # articles the inputs should yield, when that can be told
    done: int = 0  # inputs handled: written, skipped or failed
    written: int = 0
    skipped: int = 0
    errors: int = 0
    words: int = 0
    started: float = field(default_factory=time.monotonic)

    @property
    def elapsed(self) -> float:
        return time.monotonic() - self.started

    @property
    def rate(self) -> float:
        """Inputs handled per second."""
        return self.done / self.elapsed if self.elapsed > 0 else 0.0

    @property
    def eta(self) -> float | None:
        if self.total is None or self.rate <= 0:
            return None
        return max(0.0, (self.total - self.done) / self.rate)
