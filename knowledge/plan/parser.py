"""``parse_plan``: a loaded ``Document`` -> ``ParsedPlan`` (metadata, sections, targets, tasks)."""

from __future__ import annotations

from knowledge.document import Document
from knowledge.plan.model import DocumentMeta, ParsedPlan


def parse_plan(doc: Document) -> ParsedPlan:
    return ParsedPlan(source=doc.source, meta=DocumentMeta(), pages=doc.pages)
