"""Check a written round's gold files (stdlib only): rounds 12 and 14-17 share this checker,
each round's ``check.py`` runs it on its own folder.

For every docs/<stem>.txt there must be a <stem>.jsonl beside docs/, and the other way round.
Each gold line must be a JSON object with exactly the keys
    number, lead, coordinators, due, due_kind, due_text, keywords
and:
  * number: string ("" allowed: nothing printed); lead: non-empty string;
  * coordinators: list of non-empty strings;
  * due_kind: one of date / event / recurring / ongoing / none;
  * due: list of ISO dates (YYYY-MM-DD, real calendar days); non-empty when due_kind is
    "date", [] otherwise;
  * due_text: string; "" when due_kind is "none", non-empty otherwise;
  * keywords: 4-10 tokens separated by single spaces, no tab or line break (so it lies on one
    physical line of the raw file), occurring exactly once in the raw document text; the
    keywords of a file's tasks occur in document order.
The documents are read as raw UTF-8 (a leading BOM is ignored; CR, TAB and form-feed characters
are kept, so every file is checked byte for byte).
``main`` returns 0 when everything passes, 1 otherwise.
"""

import datetime
import json
import os
import re
import sys

KEYS = {"number", "lead", "coordinators", "due", "due_kind", "due_text", "keywords"}
KINDS = {"date", "event", "recurring", "ongoing", "none"}
ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def read_doc(path):
    with open(path, "rb") as f:
        raw = f.read()
    text = raw.decode("utf-8")
    if text.startswith("\ufeff"):
        text = text[1:]
    return text


def check_task(i, t, doc, errs, where):
    p = f"{where}:{i}"
    if not isinstance(t, dict):
        errs.append(f"{p}: not a JSON object")
        return None
    keys = set(t)
    if keys != KEYS:
        errs.append(f"{p}: keys {sorted(keys)} != {sorted(KEYS)}")
        return None
    if not isinstance(t["number"], str):
        errs.append(f"{p}: number not a string")
    if not isinstance(t["lead"], str) or not t["lead"].strip():
        errs.append(f"{p}: lead empty or not a string")
    co = t["coordinators"]
    if not isinstance(co, list) or not all(isinstance(c, str) and c.strip() for c in co):
        errs.append(f"{p}: coordinators must be a list of non-empty strings")
    kind = t["due_kind"]
    if kind not in KINDS:
        errs.append(f"{p}: due_kind {kind!r} not in {sorted(KINDS)}")
    due = t["due"]
    if not isinstance(due, list):
        errs.append(f"{p}: due not a list")
    else:
        for d in due:
            if not isinstance(d, str) or not ISO.match(d):
                errs.append(f"{p}: due value {d!r} is not YYYY-MM-DD")
                continue
            try:
                datetime.date.fromisoformat(d)
            except ValueError:
                errs.append(f"{p}: due value {d!r} is not a real date")
        if kind == "date" and not due:
            errs.append(f"{p}: due_kind date but due is []")
        if kind != "date" and due:
            errs.append(f"{p}: due must be [] unless due_kind is date")
    dt = t["due_text"]
    if not isinstance(dt, str):
        errs.append(f"{p}: due_text not a string")
    elif kind == "none" and dt != "":
        errs.append(f'{p}: due_kind none needs due_text ""')
    elif kind in KINDS and kind != "none" and not dt.strip():
        errs.append(f"{p}: due_text empty for due_kind {kind}")
    kw = t["keywords"]
    if not isinstance(kw, str):
        errs.append(f"{p}: keywords not a string")
        return None
    if any(c in kw for c in "\t\r\n"):
        errs.append(f"{p}: keywords contain a tab or line break: {kw!r}")
        return None
    toks = kw.split(" ")
    if any(tok == "" for tok in toks):
        errs.append(f"{p}: keywords have empty tokens (double/edge spaces): {kw!r}")
    if not 4 <= len(toks) <= 10:
        errs.append(f"{p}: keywords have {len(toks)} tokens (need 4-10): {kw!r}")
    n = doc.count(kw)
    if n != 1:
        errs.append(f"{p}: keywords occur {n} times in the document: {kw!r}")
        return None
    return doc.find(kw)


def main(base):
    docdir = os.path.join(base, "docs")
    errs = []
    stems_doc = {f[:-4] for f in os.listdir(docdir) if f.endswith(".txt")}
    stems_gold = {f[:-6] for f in os.listdir(base) if f.endswith(".jsonl")}
    for s in sorted(stems_doc - stems_gold):
        errs.append(f"docs/{s}.txt has no gold file {s}.jsonl")
    for s in sorted(stems_gold - stems_doc):
        errs.append(f"{s}.jsonl has no document docs/{s}.txt")
    total = 0
    for stem in sorted(stems_doc & stems_gold):
        doc = read_doc(os.path.join(docdir, stem + ".txt"))
        where = stem + ".jsonl"
        last = -1
        count = 0
        with open(os.path.join(base, where), encoding="utf-8") as f:
            for i, line in enumerate(f, 1):
                if not line.strip():
                    errs.append(f"{where}:{i}: empty line")
                    continue
                try:
                    t = json.loads(line)
                except json.JSONDecodeError as e:
                    errs.append(f"{where}:{i}: invalid JSON ({e})")
                    continue
                count += 1
                pos = check_task(i, t, doc, errs, where)
                if pos is not None:
                    if pos <= last:
                        errs.append(
                            f"{where}:{i}: keywords out of document order: {t['keywords']!r}"
                        )
                    last = pos
        if count == 0:
            errs.append(f"{where}: no tasks")
        print(f"{stem}: {count} tasks")
        total += count
    print(f"total: {total} tasks")
    if errs:
        print(f"{len(errs)} problem(s):")
        for e in errs:
            print("  " + e)
        return 1
    print("all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
