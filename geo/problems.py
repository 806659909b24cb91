"""Problem records: everything that is wrong with an input, with where it is."""
from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one cell of one file.

    ``line`` is the 1-based line in the file (the header is line 1), or None
    when the problem concerns the whole file.
    """

    file: str
    line: int | None
    column: str
    value: str
    reason: str
    severity: str = "error"  # "error" breaks the data contract, "warning" deserves a look
    row_id: str = ""

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.severity}: column {self.column!r}, value {self.value!r}: {self.reason}"

    def as_dict(self) -> dict:
        return asdict(self)


PROBLEM_FIELDS = ["file", "line", "column", "value", "reason", "severity", "row_id"]
