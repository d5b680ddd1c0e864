"""Run every benchmark: ``python -m bench`` (or ``make bench``).

Each ``bench/bench_*.py`` module has ``main() -> dict``; figures print as they come
and the whole result is written to ``bench/results/latest.json``. When
``bench/baseline.json`` exists, each figure is also shown as a ratio against it.
"""

from __future__ import annotations

import importlib
import json
import pkgutil
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent


def _modules(selected: list[str]) -> list[str]:
    names = sorted(m.name for m in pkgutil.iter_modules([str(HERE)]) if m.name.startswith("bench_"))
    return [n for n in names if not selected or any(s in n for s in selected)]


def _compare(name: str, result: dict[str, Any], baseline: dict[str, Any]) -> None:
    base = baseline.get(name, {})
    for key, value in result.items():
        old = base.get(key)
        if isinstance(value, int | float) and isinstance(old, int | float) and old:
            print(f"  {name}.{key}: {value:.4g} (baseline {old:.4g}, ratio {value / old:.2f})")


def main(argv: list[str]) -> int:
    results: dict[str, Any] = {}
    baseline_file = HERE / "baseline.json"
    baseline = json.loads(baseline_file.read_text()) if baseline_file.exists() else {}
    for name in _modules(argv):
        print(f"== {name}")
        module = importlib.import_module(f"bench.{name}")
        results[name] = module.main()
        _compare(name, results[name], baseline)
    out = HERE / "results"
    out.mkdir(exist_ok=True)
    (out / "latest.json").write_text(json.dumps(results, indent=2, ensure_ascii=False))
    print(f"results: {out / 'latest.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
