"""Load any supported file into a ``Document`` (dispatch by extension)."""

from __future__ import annotations

from pathlib import Path

from knowledge import texts
from knowledge.document import Document, DocumentError

SUPPORTED = (".txt", ".md", ".markdown", ".docx", ".pdf", ".html", ".htm")


def load_document(path: Path | str, display_name: str | None = None) -> Document:
    """Read ``path``; raise ``DocumentError`` with a Vietnamese message on bad input."""
    p = Path(path)
    name = display_name or p.name
    ext = p.suffix.lower()
    if not p.is_file():
        raise DocumentError(texts.FILE_NOT_FOUND.format(name=name))
    if ext in (".txt", ".md", ".markdown"):
        from knowledge.loaders.text import load_text

        return load_text(p, name)
    if ext in (".html", ".htm"):
        from knowledge.loaders.html import load_html

        return load_html(p, name)
    if ext == ".docx":
        from knowledge.loaders.docx import load_docx

        return load_docx(p, name)
    if ext == ".pdf":
        from knowledge.loaders.pdf import load_pdf

        return load_pdf(p, name)
    raise DocumentError(texts.UNSUPPORTED_FORMAT.format(name=name, ext=ext or "(không có)"))
