"""What progress reporting says about tasks, behind one small interface.

Progress reporting is built elsewhere; until it stores reports nothing counts as
reported done, so a passed due date means overdue.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.orm import Session


def reported_done(session: Session, task_ids: Sequence[int]) -> set[int]:
    """The ids among ``task_ids`` whose unit has reported them done (none yet)."""
    return set()
