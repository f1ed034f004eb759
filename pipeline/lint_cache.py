"""Findings of lint checks kept between builds (OUT/cache/lint-findings.pickle), by check and a digest of what the check
read (passes.lint.READS): a rebuild whose edit leaves a check's inputs as they were takes its findings from here. With
them, the digest of what each check read of each source's powers, by the source's read key: a rebuild reads the
fields again only of the sources it has not seen; and the findings of the checks of one instrument at a time
(passes.lint.PER_INSTRUMENT) by the instrument's identity."""

from __future__ import annotations

import pickle
from pathlib import Path

from pipeline.cache import RECORD_CODE_FILES, RECORD_CODE_PACKAGES, STORED_FORMAT, code_version
from schema.records import Diagnostic
from writers import kept

FINDINGS_FILE = "lint-findings.pickle"


class LintFindings:
    """passes.lint.FindingsStore kept in `folder` (None: nothing kept)."""

    def __init__(self, folder: Path | None) -> None:
        self.path = folder / FINDINGS_FILE if folder is not None else None
        self.version = f"{code_version(RECORD_CODE_PACKAGES, RECORD_CODE_FILES)} {STORED_FORMAT}"
        before = kept.load(self.path, self.version, dict) or {}
        self._before: dict[str, tuple[str, bytes]] = before.get("findings", {})
        self._now: dict[str, tuple[str, bytes]] = {}
        self._parts_before: dict[tuple[str, str], bytes] = before.get("parts", {})
        self._parts_now: dict[tuple[str, str], bytes] = {}
        self._instruments_before: dict[tuple[str, bytes], bytes] = before.get("instruments", {})
        self._instruments_now: dict[tuple[str, bytes], bytes] = {}

    def get(self, check: str, inputs: str) -> list[Diagnostic] | None:
        findings = self._before.get(check)
        if findings is None or findings[0] != inputs:
            return None
        self._now[check] = findings
        return pickle.loads(findings[1])

    def put(self, check: str, inputs: str, findings: list[Diagnostic]) -> None:
        self._now[check] = (inputs, pickle.dumps(findings, protocol=pickle.HIGHEST_PROTOCOL))

    def part(self, check: str, identity: str) -> bytes | None:
        return self._parts_before.get((check, identity))

    def keep_part(self, check: str, identity: str, digest: bytes) -> None:
        self._parts_now[(check, identity)] = digest

    def of_instrument(self, check: str, identity: bytes) -> list[Diagnostic] | None:
        findings = self._instruments_before.get((check, identity))
        return None if findings is None else pickle.loads(findings)

    def keep_of_instrument(self, check: str, identity: bytes, findings: list[Diagnostic]) -> None:
        known = self._instruments_before.get((check, identity))
        self._instruments_now[(check, identity)] = known or pickle.dumps(findings, protocol=pickle.HIGHEST_PROTOCOL)

    def save(self) -> None:
        """Keep this build's findings, part digests and findings by instrument (only this build's), when they differ
        from the last build's."""
        before = (self._before, self._parts_before, self._instruments_before)
        if self.path is not None and (self._now, self._parts_now, self._instruments_now) != before:
            kept.save(self.path, self.version, {"findings": self._now, "parts": self._parts_now, "instruments": self._instruments_now})
