"""The engine-neutral core of search: what every engine offers (build, search) and returns, the update plan of a
rebuild, the mapping of stored fields to a hit (highlighted by search/highlight.py), tie-breaking, and the folder an engine owns.

An engine (search/tantivy_engine.py, search/whoosh_engine.py) implements storage and matching only."""

from __future__ import annotations

import ctypes
import os
import shutil
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TypeVar

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from search.fields import FORMAT_VERSION
from search.highlight import snippet

if TYPE_CHECKING:
    from search.documents import IndexDocument
    from search.query import SearchRequest

MAX_LIMIT = 100
SIGNATURE_FILE = "ENGINE"
PROGRESS_THRESHOLD = 2000


@dataclass
class BuildStats:
    """What an index build did."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0

    def render(self) -> str:
        return f"index: {self.added} added, {self.updated} updated, {self.deleted} deleted, {self.unchanged} unchanged"


@dataclass
class Hit:
    """One search result, enough to show it without opening the records."""

    id: str
    kind: str
    title: str
    url: str
    score: float
    snippet: str
    department: str = ""
    category: str = ""
    context: str = ""
    source: str = ""


@dataclass
class Results:
    total: int
    hits: list[Hit] = field(default_factory=list)


@dataclass
class IndexListing:
    """The index's document digests by id as of the commit `stamp` names (an engine's mark of its index state), kept
    between builds: a rebuild plans its update from them instead of reading every stored document back (at 100,000
    powers, most of a one-row rebuild's index stage). An engine takes them only when its index is at that commit."""

    stamp: str = ""
    digests: dict[str, str] = field(default_factory=dict)

    def after(self, plan: UpdatePlan, known: dict[str, str], stamp: str) -> None:
        """The listing once `plan` is committed over the index that listed `known`; `stamp`: the new commit's."""
        for identifier in plan.delete:
            known.pop(identifier, None)
        known.update((document["id"], document["digest"]) for document in plan.writes)
        self.stamp, self.digests = stamp, known


@dataclass(frozen=True)
class KnownDocument:
    """An index document whose id and digest an earlier build computed from the same inputs: made (`make`) only when
    the index does not already hold it with that digest."""

    id: str
    digest: str
    make: Callable[[], IndexDocument]


@dataclass
class UpdatePlan:
    """What a rebuild writes: documents new to the index, documents whose digest changed, ids no longer there."""

    add: list[IndexDocument] = field(default_factory=list)
    replace: list[IndexDocument] = field(default_factory=list)
    delete: list[str] = field(default_factory=list)
    unchanged: int = 0

    @classmethod
    def of(cls, known: Mapping[str, str], documents: Iterable[IndexDocument | KnownDocument]) -> UpdatePlan:
        """The plan from the index's `known` digests by id and this build's documents."""
        plan, ids = cls(), set()
        for entry in documents:
            if isinstance(entry, KnownDocument):
                if known.get(entry.id) == entry.digest:
                    ids.add(entry.id)
                    plan.unchanged += 1
                    continue
                entry = entry.make()
            document = entry
            ids.add(document["id"])
            digest = known.get(document["id"])
            if digest is None:
                plan.add.append(document)
            elif digest != document["digest"]:
                plan.replace.append(document)
            else:
                plan.unchanged += 1
        plan.delete = sorted(set(known) - ids)
        return plan

    @property
    def empty(self) -> bool:
        return not (self.add or self.replace or self.delete)

    @property
    def writes(self) -> list[IndexDocument]:
        """Every document to write, replaced ones first."""
        return [*self.replace, *self.add]

    def stats(self) -> BuildStats:
        return BuildStats(added=len(self.add), updated=len(self.replace), unchanged=self.unchanged, deleted=len(self.delete))


def query_terms(query: object) -> dict[str, set[str]]:
    """The terms of a compiled query by field (what highlighting marks)."""
    terms: dict[str, set[str]] = {}
    for name, text in query.all_terms():  # type: ignore[attr-defined]
        terms.setdefault(name, set()).add(text)
    return terms


def hit_of(stored: Mapping[str, str], score: float, terms: Mapping[str, set[str]]) -> Hit:
    """A hit from an index document's stored fields, whichever engine stored them."""
    body, title = stored.get("body", ""), stored.get("title", "")
    return Hit(
        id=stored.get("id", ""),
        kind=stored.get("kind", ""),
        title=title,
        url=stored.get("url", ""),
        score=round(float(score), 4),
        snippet=snippet(body, title, terms),
        department=stored.get("department", ""),
        category=stored.get("category", ""),
        context=stored.get("context", ""),
        source=stored.get("source", ""),
    )


def engine_signature(name: str) -> str:
    """What an engine writes to its index folder: its name and the index format version ("tantivy 2")."""
    return f"{name} {FORMAT_VERSION}"


Candidate = TypeVar("Candidate")


def stable_top(
    fetch: Callable[[int], Sequence[Candidate]], limit: int, score: Callable[[Candidate], float], key: Callable[[Candidate], str]
) -> list[Candidate]:
    """The `limit` best candidates by score, equal scores in `key` order (the record id): an engine returns tied hits in
    segment or insertion order, which differs between builds of the same records, so while the last candidate fetched
    ties with the `limit`-th, more are fetched, and the cut is made after sorting."""
    size = limit + 1
    found = fetch(size)
    while len(found) == size and score(found[-1]) == score(found[limit - 1]):
        size *= 4
        found = fetch(size)
    return sorted(found, key=lambda candidate: (-score(candidate), key(candidate)))[:limit]


class SearchEngine(Protocol):
    """What any engine offers: build an index from index documents, answer a request."""

    name: str
    signature: str  # engine name and index format version, written to the index folder

    def build(
        self,
        documents: Iterable[IndexDocument | KnownDocument],
        directory: Path,
        *,
        show_progress: bool = False,
        listing: IndexListing | None = None,
    ) -> BuildStats:
        """Update the index in `directory` from `documents`; `listing`: what the index held at the last build's end,
        updated to what it holds now (an engine that reads its digests cheaply may ignore it)."""
        ...

    def search(self, request: SearchRequest, directory: Path) -> Results: ...

    def shown_texts(self, directory: Path) -> Iterator[str]:
        """The stored texts a hit's snippet is cut from (body, title), document after document."""
        ...


def signature(directory: Path) -> str | None:
    """The engine and format version that wrote the index in `directory` ("tantivy 1"), None when there is none."""
    path = directory / SIGNATURE_FILE
    return path.read_text(encoding="utf-8").strip() if path.exists() else None


STAGED_PREFIX = ".quanze-partial-"  # a new engine's index is built beside OUT/index under this prefix
RENAME_EXCHANGE = 2  # renameat2(2): swap two paths in one step


@contextmanager
def claimed(directory: Path, wanted: str) -> Iterator[Path]:
    """Where an engine writes the index of `directory`: the folder itself when it holds an index of signature `wanted`
    (an engine's own commit replaces it atomically); else a fresh folder beside it that takes its place in one swap
    once the block completes, so a reader (serve) never sees an emptied or half-built index when the engine or the
    format changes, and a killed build leaves the old index (its staged folder is dropped by the next build)."""
    if signature(directory) == wanted:
        yield directory
        return
    for stale in directory.parent.glob(f"{STAGED_PREFIX}*-{directory.name}"):
        shutil.rmtree(stale, ignore_errors=True)
    staged = directory.with_name(f"{STAGED_PREFIX}{os.getpid()}-{directory.name}")
    staged.mkdir(parents=True)
    (staged / SIGNATURE_FILE).write_text(wanted + "\n", encoding="utf-8")
    try:
        yield staged
        _swap_into(staged, directory)
    finally:
        shutil.rmtree(staged, ignore_errors=True)  # after the swap: the old index


def _swap_into(staged: Path, directory: Path) -> None:
    """`directory` becomes `staged` in one step (renameat2's exchange; `staged` then holds the old folder). Where the
    kernel or file system cannot exchange, the old folder is moved aside first: a moment without an index."""
    if not directory.exists():
        os.rename(staged, directory)
        return
    libc = ctypes.CDLL(None, use_errno=True)
    exchange = getattr(libc, "renameat2", None)
    at_cwd = -100  # AT_FDCWD: paths as given
    if exchange is not None and exchange(at_cwd, bytes(staged), at_cwd, bytes(directory), RENAME_EXCHANGE) == 0:
        return
    aside = staged.with_name(staged.name + "-old")
    os.rename(directory, aside)
    os.rename(staged, directory)
    os.rename(aside, staged)


def progress_bar(total: int, enabled: bool) -> Progress:
    """A progress bar for long index builds (hidden below PROGRESS_THRESHOLD records)."""
    return Progress(
        TextColumn("indexing"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(), disable=not enabled or total < PROGRESS_THRESHOLD
    )
