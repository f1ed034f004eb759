"""The fixed-seed fuzz slice of the test command: mutants of every kind of real source and fixture, read through the
build's entry point, neither crash nor hang; every crasher found so far stays fixed. The long mode is
benchmarks/fuzz_bench.py."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.fuzz.harness import CRASHERS, container_kind, corpus, mutate, read_input, save_finding

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts" / "fuzz"
CORPUS = corpus()
BYTES = {path: path.read_bytes() for path in CORPUS}
KINDS = sorted({container_kind(path) for path in CORPUS})
EXAMPLES = {"doc": 5, "html": 30}  # LibreOffice converts each .doc mutant (seconds apiece); pages take longest
DEFAULT_EXAMPLES = 60


def test_the_corpus_covers_every_container() -> None:
    assert {"txt", "html", "tsv", "xlsx", "xls", "docx", "doc", "pdf"} <= set(KINDS)


@pytest.mark.parametrize("kind", KINDS)
def test_mutants_neither_crash_nor_hang(kind: str) -> None:
    files = [path for path in CORPUS if container_kind(path) == kind]

    @settings(max_examples=EXAMPLES.get(kind, DEFAULT_EXAMPLES), derandomize=True, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))  # fmt: skip
    @given(seed=st.sampled_from(files), other=st.sampled_from(CORPUS), rng=st.randoms(use_true_random=False))
    def read_mutant(seed: Path, other: Path, rng: random.Random) -> None:
        mutant = mutate(BYTES[seed], rng, BYTES[other])
        outcome = read_input(seed.name, mutant)
        if outcome.status != "ok":
            saved = save_finding(kind, seed, mutant, ARTIFACTS)
            pytest.fail(f"{outcome.status} on a mutant of {seed.name} (saved as {saved}): {outcome.detail}")

    read_mutant()


@pytest.mark.parametrize("crasher", sorted(path for path in CRASHERS.iterdir() if path.name != "README.md"), ids=lambda path: path.name)
def test_former_crashers_are_read(crasher: Path) -> None:
    outcome = read_input(crasher.name, crasher.read_bytes())
    assert outcome.status == "ok", outcome.detail
