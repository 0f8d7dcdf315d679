"""What a batch run reads and how it analyses: one object, handed to both engines and their workers."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from onrecord.errors import UsageError
from onrecord.ingest import Input, Item, read_inputs
from onrecord.models import IngestErrorRecord
from onrecord.settings import DEFAULT_MODEL, MODES


@dataclass(frozen=True)
class IngestOptions:
    """The settings of one ingest run that shape its results (the same for every engine).

    Picklable: the Dask engine sends it to its workers with each partition.
    """

    model: str = DEFAULT_MODEL
    mode: str = "fast"
    text_field: str = "text"
    fetch_urls: bool = False  # http(s) inputs are errors unless this is set
    allow_private: bool = False  # fetching loopback/private addresses (with fetch_urls)
    batch_size: int = 32  # articles per transaction (local) and per analysis call
    partition_size: int = 200  # articles per Dask task

    def __post_init__(self) -> None:
        if self.mode not in MODES:
            raise UsageError(f"--mode is one of {', '.join(MODES)}, not {self.mode!r}")
        if self.batch_size < 1 or self.partition_size < 1:
            raise UsageError("--batch-size and --partition-size must be at least 1")

    def read(self, found: Iterable[Input | IngestErrorRecord]) -> Iterator[Item]:
        """Read inputs expanded by :func:`onrecord.ingest.inputs` with these settings."""
        return read_inputs(
            found, text_field=self.text_field, fetch_urls=self.fetch_urls, allow_private=self.allow_private
        )
