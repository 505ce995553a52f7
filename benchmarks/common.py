"""Shared benchmark helpers: a cache of generated networks so each size is built once."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from benchmarks.generate import generate

CACHE = Path(os.environ.get("NETDESK_BENCH_CACHE", Path(tempfile.gettempdir()) / "netdesk-bench"))


def cached_network(people: int, seed: int = 1) -> Path:
    """A generated database of `people` people, built on first use and reused after."""
    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"{people}.db" if seed == 1 else CACHE / f"{people}-s{seed}.db"
    done = path.with_suffix(".done")
    if not done.exists():
        for stale in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
            stale.unlink(missing_ok=True)
        generate(path, people, seed)
        done.touch()
    return path
