"""onrecord's own exception types. Every message says what went wrong and what would have worked."""

from __future__ import annotations


class OnrecordError(Exception):
    """Base class of every error onrecord raises on purpose."""


class InputError(OnrecordError):
    """An input (file, record, URL) could not be read or is not usable as an article.

    ``source`` names the input (a path, ``path@offset`` for a WARC record, ``path:line``
    for a JSONL line, a URL); ``reason`` says what was wrong with it.
    """

    def __init__(self, source: str, reason: str) -> None:
        self.source = source
        self.reason = reason
        super().__init__(f"{source}: {reason}")


class ModelNotFoundError(OnrecordError):
    """The spaCy pipeline named by the user is not installed."""


class UsageError(OnrecordError):
    """A call or command line that cannot work as given."""


class StoreError(OnrecordError):
    """The article store cannot be opened, read or written."""


class MissingDependencyError(UsageError):
    """A feature asked for needs an optional package that is not installed (the message names it)."""
