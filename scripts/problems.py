"""A problem found in a source file: its line and what to do about it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    line: int  # 1-based, in the file the problem is reported against; 0 when unknown
    message: str
    severity: str = "error"  # or "warning", which does not fail the build
