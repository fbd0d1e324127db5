"""The one exception type stages raise for a file they cannot handle."""
from __future__ import annotations


class VanbanError(Exception):
    """A problem with one input file, reported as a row of the errors table.

    `kind` is a short machine-readable reason (empty, binary, bad_zip, zip_bomb, encrypted,
    too_large, unknown_format, not_found, unreadable, scanned_no_ocr, missing_tool, timeout ...);
    the message is one line for a person and names what to do where it can.
    """

    def __init__(self, kind: str, message: str, stage: str = "ingest"):
        super().__init__(message)
        self.kind = kind
        self.stage = stage
        self.message = message
