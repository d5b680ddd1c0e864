"""Find regular expressions that backtrack badly on hostile text.

Every pattern the product compiles (module-level ``re.Pattern`` objects, found by
importing each module, plus the literal patterns passed to ``re.search`` & co.
inside functions, found in the source) is run against pumped inputs built from
its own characters: one character repeated, two alternating, with a failing
character at the end. A pattern whose time grows faster than linearly (or that
is simply slow) is reported. Used by ``tests/test_regex_safety.py`` and runnable
by hand: ``python -m tests.regex_audit`` prints the slowest patterns.
"""

from __future__ import annotations

import ast
import contextlib
import importlib
import itertools
import pkgutil
import re
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

try:  # Python 3.11+
    from re import _parser as sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover
    import sre_parse  # type: ignore[no-redef]

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("knowledge", "handlers")
_CALLS = {"compile", "match", "search", "sub", "subn", "findall", "finditer", "split", "fullmatch"}
_GENERIC = "a Ađ0.,-(/:;*|\n\t"
# Plan prose repeated: patterns with ".*" can be quadratic on ordinary long text too.
NATURAL = (
    "Sở Nội vụ chủ trì, phối hợp với các cơ quan triển khai nhiệm vụ 3.18 trong Quý II/2026; ",
    "khai thác dữ liệu số của các cơ quan ",
    "UBND TỈNH LÂM SƠN SỞ TƯ PHÁP KẾ HOẠCH CHUYỂN ĐỔI SỐ NĂM 2026 ",
)


@dataclass(frozen=True)
class Found:
    where: str
    pattern: re.Pattern[str]


def module_patterns() -> Iterator[Found]:
    for package in PACKAGES:
        pkg = importlib.import_module(package)
        for info in pkgutil.walk_packages(pkg.__path__, prefix=f"{package}."):
            module = importlib.import_module(info.name)
            for name, value in vars(module).items():
                yield from _patterns_in(value, f"{info.name}.{name}")


def _patterns_in(value: object, where: str) -> Iterator[Found]:
    if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
        yield Found(where, value)
    elif isinstance(value, tuple | list | frozenset | set):
        for i, item in enumerate(value):
            if isinstance(item, re.Pattern | tuple | list):
                yield from _patterns_in(item, f"{where}[{i}]")
    elif isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, re.Pattern | tuple | list):
                yield from _patterns_in(item, f"{where}[{key!r}]")


def inline_patterns() -> Iterator[Found]:
    """Literal patterns passed to ``re.<call>(...)`` anywhere in the packages."""
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
                    continue
                if node.func.attr not in _CALLS or not isinstance(node.func.value, ast.Name):
                    continue
                if node.func.value.id != "re" or not node.args:
                    continue
                first = node.args[0]
                if isinstance(first, ast.Constant) and isinstance(first.value, str):
                    flags = _flags(node)
                    where = f"{path.relative_to(ROOT)}:{node.lineno}"
                    yield Found(where, re.compile(first.value, flags))


def _flags(call: ast.Call) -> int:
    flags = 0
    nodes = [kw.value for kw in call.keywords if kw.arg == "flags"] + call.args[1:]
    for node in nodes:
        for sub in ast.walk(node):
            if isinstance(sub, ast.Attribute) and isinstance(sub.value, ast.Name):
                flags |= int(getattr(re, sub.attr, 0)) if sub.value.id == "re" else 0
    return flags


def all_patterns() -> list[Found]:
    seen: set[tuple[str, int]] = set()
    out: list[Found] = []
    for found in itertools.chain(module_patterns(), inline_patterns()):
        key = (found.pattern.pattern, found.pattern.flags)
        if key not in seen:
            seen.add(key)
            out.append(found)
    return out


def alphabet(pattern: re.Pattern[str]) -> str:
    """Characters the pattern cares about: its literals and a member of each class."""
    chars: set[str] = set()

    def visit(parsed: object) -> None:
        for op, arg in parsed:  # type: ignore[attr-defined]
            name = str(op)
            if name == "LITERAL":
                chars.add(chr(arg))
            elif name == "IN":
                for sub_op, sub_arg in arg:
                    if str(sub_op) == "LITERAL":
                        chars.add(chr(sub_arg))
                    elif str(sub_op) == "RANGE":
                        chars.add(chr(sub_arg[0]))
                        chars.add(chr(sub_arg[1]))
            elif isinstance(arg, tuple | list):
                for item in arg:
                    if isinstance(item, sre_parse.SubPattern):
                        visit(item)
                    elif isinstance(item, tuple | list):
                        for sub in item:
                            if isinstance(sub, sre_parse.SubPattern):
                                visit(sub)

    # An exotic construct falls back to the generic characters.
    with contextlib.suppress(Exception):
        visit(sre_parse.parse(pattern.pattern, pattern.flags))
    return "".join(sorted(chars | set(_GENERIC)))[:40]


def pumps(pattern: re.Pattern[str], n: int) -> Iterator[str]:
    chars = alphabet(pattern)
    for c in chars:
        yield c * n
        yield c * n + "\x00"
    for a, b in itertools.combinations(chars, 2):
        yield (a + b) * (n // 2) + "\x00"
    for a, b, c in (("2026", "/", ""), ("a", " ", "("), ("0", ".", " "), ("a", "-", " ")):
        yield (a + b + c) * (n // (len(a + b + c))) + "\x00"
    for sentence in NATURAL:
        yield (sentence * (n // len(sentence) + 1))[:n]


def worst(pattern: re.Pattern[str], n: int, budget: float) -> tuple[float, str]:
    """The slowest of search / findall / match over the pumped inputs of length ``n``."""
    slowest = (0.0, "")
    for text in pumps(pattern, n):
        for call in (pattern.search, pattern.findall, pattern.match):
            t0 = time.perf_counter()
            call(text)
            took = time.perf_counter() - t0
            if took > slowest[0]:
                slowest = (took, text[:12])
            if took > budget:
                return slowest
    return slowest


def audit(found: Found, sizes: tuple[int, ...] = (100, 1000, 10_000), budget: float = 0.5) -> str:
    """``""`` when the pattern looks linear, else a line describing the problem."""
    previous = 0.0
    for n in sizes:
        took, sample = worst(found.pattern, n, budget)
        if took > budget:
            return f"{found.where}: {took:.2f}s at n={n} on {sample!r}…  /{found.pattern.pattern}/"
        if previous > 1e-3 and took / previous > 40 and n == sizes[-1]:
            return (
                f"{found.where}: grows {took / previous:.0f}x for 10x input ({took:.3f}s at"
                f" n={n}, {sample!r}…)  /{found.pattern.pattern}/"
            )
        previous = took
    return ""


def main() -> int:
    sys.path.insert(0, str(ROOT))
    found = all_patterns()
    print(f"{len(found)} patterns")
    bad = 0
    for item in found:
        problem = audit(item)
        if problem:
            bad += 1
            print(problem, flush=True)
    print(f"{bad} suspicious")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())


QUICK_RUNS = " \t\n(A0.-|*:"  # the runs that found every slow pattern of issue 12


def quick_audit(found: Found, n: int = 20_000, budget: float = 0.5) -> str:
    """The cheap form for the test suite: long runs of single characters and prose.

    A quadratic pattern takes seconds on 20,000 characters, a linear one milliseconds.
    """
    texts = [c * n + "\x00" for c in QUICK_RUNS]
    texts += [(sentence * (n // len(sentence) + 1))[:n] for sentence in NATURAL]
    for text in texts:
        for call in (found.pattern.search, found.pattern.findall):
            start = time.perf_counter()
            call(text)
            took = time.perf_counter() - start
            if took > budget:
                return f"{found.where}: {took:.2f}s on {text[:10]!r}…  /{found.pattern.pattern}/"
    return ""
