"""The progress chart: per unit, a stacked bar of occurrences by status class.

matplotlib with the Agg backend (no display) and its bundled DejaVu Sans,
which has every Vietnamese letter, so nothing is downloaded or installed.
"""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Sequence

import matplotlib

matplotlib.use("Agg")  # before pyplot: a server has no display

import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.ticker import MaxNLocator  # noqa: E402

from knowledge import texts  # noqa: E402
from knowledge.progress.status import CLASS_ORDER, StatusClass  # noqa: E402

COLORS = {
    StatusClass.DONE_ON_TIME: "#2e7d32",
    StatusClass.DONE_LATE: "#81c784",
    StatusClass.DUE_SOON: "#f9a825",
    StatusClass.OPEN_IN_TIME: "#64b5f6",
    StatusClass.OPEN_OVERDUE: "#c62828",
    StatusClass.NO_DEADLINE: "#bdbdbd",
}
MAX_UNITS = 20  # more bars than this are unreadable on a phone


def render_png(units: Sequence[tuple[str, Counter[StatusClass]]], title: str) -> bytes:
    """A PNG of the first ``MAX_UNITS`` units (the caller orders them)."""
    shown = list(units[:MAX_UNITS])
    height = 1.6 + 0.45 * max(len(shown), 1)
    fig, ax = plt.subplots(figsize=(9, height), dpi=110)
    try:
        names = [_short(name) for name, _ in shown][::-1]
        left = [0] * len(shown)
        for status_class in CLASS_ORDER:
            values = [counts[status_class] for _, counts in shown][::-1]
            ax.barh(names, values, left=left, color=COLORS[status_class], label=status_class.label)
            left = [a + b for a, b in zip(left, values, strict=True)]
        ax.set_title(title, fontsize=12)
        ax.set_xlabel(texts.CHART_X_LABEL)
        ax.legend(
            loc="upper center",
            bbox_to_anchor=(0.5, -0.12 - 0.6 / height),
            ncol=3,
            fontsize=8,
            frameon=False,
        )
        ax.spines[["top", "right"]].set_visible(False)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        fig.tight_layout()
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", bbox_inches="tight")
        return buffer.getvalue()
    finally:
        plt.close(fig)


def _short(name: str, limit: int = 34) -> str:
    return name if len(name) <= limit else name[: limit - 1] + "…"
