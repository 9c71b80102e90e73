"""The outcome of a check run: findings, a verification per citation, and a summary."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from citations.model import Manuscript, Note
from checkers.findings import Finding

VERIFIED, PARTIAL, NOT_FOUND, UNVERIFIABLE, INVALID = (
    "verified", "partial", "not-found", "unverifiable", "invalid",
)
STATUSES = (VERIFIED, PARTIAL, NOT_FOUND, UNVERIFIABLE, INVALID)


@dataclass
class Difference:
    field: str
    cited: Any
    found: Any

    def to_dict(self) -> dict[str, Any]:
        return {"field": self.field, "cited": self.cited, "found": self.found}


@dataclass
class Evidence:
    service: str
    id: str | None = None
    url: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"service": self.service, "id": self.id, "url": self.url}


@dataclass
class Verification:
    """What the catalogues say about one citation."""

    status: str
    differences: list[Difference] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    #: Words for the user; never read back to decide anything (the flags below are for that).
    reason: str | None = None
    #: Several different works match about equally well and none was picked (``unverifiable``).
    ambiguous: bool = False
    #: Only the volume containing the cited chapter or article was found (``partial``).
    volume_only: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "differences": [d.to_dict() for d in self.differences],
            "evidence": [e.to_dict() for e in self.evidence],
            "reason": self.reason,
            "ambiguous": self.ambiguous,
            "volume_only": self.volume_only,
        }


@dataclass
class CheckResult:
    """Everything ``sourcecheck check`` found about one manuscript."""

    manuscript: Manuscript
    findings: list[Finding] = field(default_factory=list)
    #: (note number, citation index) -> Verification
    verifications: dict[tuple[int, int], Verification] = field(default_factory=dict)
    #: Extra sections contributed by checkers (e.g. library matches), by name.
    extras: dict[str, Any] = field(default_factory=dict)

    def findings_for(self, note: int | None) -> list[Finding]:
        return [f for f in self.findings if f.note == note]

    def summary(self) -> dict[str, Any]:
        severities = Counter(f.severity for f in self.findings)
        statuses = Counter(v.status for v in self.verifications.values())
        return {
            "notes": len(self.manuscript.notes),
            "markers": len(self.manuscript.markers),
            "citations": sum(len(n.citations) for n in self.manuscript.notes),
            "findings": {s: severities.get(s, 0) for s in ("error", "warning", "info")},
            "verifications": {s: statuses.get(s, 0) for s in STATUSES},
        }

    def note_to_dict(self, note: Note) -> dict[str, Any]:
        """One entry of ``notes`` in :meth:`to_dict`: the ``parse`` entry plus verifications."""
        data = self.manuscript.note_to_dict(note)
        for i, cdata in enumerate(data["citations"]):
            v = self.verifications.get((note.number, i))
            cdata["verification"] = v.to_dict() if v else None
        return data

    def to_dict(self, lazy: bool = False) -> dict[str, Any]:
        """The ``check --format json`` schema: the ``parse`` schema plus verifications and findings.

        With ``lazy``, ``notes`` and ``findings`` are iterators that build each dict when it is
        reached (the JSON report streams them); otherwise they are lists.
        """
        data = self.manuscript.to_dict(lazy=True)
        notes = (self.note_to_dict(note) for note in self.manuscript.notes)
        findings = (f.to_dict() for f in self.findings)
        data["notes"] = notes if lazy else list(notes)
        data["findings"] = findings if lazy else list(findings)
        data["summary"] = self.summary()
        data.update(self.extras)
        return data
