"""Vietnamese deadline expressions -> ``Deadline`` (owned by the deadlines area)."""

from __future__ import annotations

from knowledge.plan.model import Deadline


def parse_deadline(raw: str, plan_year: int | None = None) -> Deadline:
    """Parse a deadline cell/phrase; ``plan_year`` resolves "Trong năm", "6 tháng"."""
    return Deadline(raw=raw.strip())
