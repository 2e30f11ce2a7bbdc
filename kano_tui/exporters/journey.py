"""Journey exporters: a Mermaid ``journey`` diagram, and the journey with every advocacy
figure as one JSON document.

Mermaid scores a task from 1 to 5; a touchpoint's emotion runs from -2 to +2, so the
score is emotion + 3 (-2 -> 1, 0 -> 3, +2 -> 5). User text is made safe for Mermaid's
lexer, which ends a name at ``:``, ``;``, ``#`` or a line break and reads ``%%`` as a
comment, and for its renderer, which draws labels as HTML (``<``, ``>``, ``&`` and quotes
become look-alikes).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kano_tui.engine.customers.advocacy import advocacy_report, advocacy_to_json
from kano_tui.engine.customers.journey import JourneyMap, journey_map_for, journey_to_json
from kano_tui.engine.project.projectfile import atomic_write
from kano_tui.plugins.hookspecs import hookimpl
from kano_tui.session.workspace import ExportContext

MERMAID_ACTOR = "Customer"
# Look-alikes for the characters Mermaid's journey lexer treats as syntax.
# Mermaid draws labels as HTML, so markup look-alikes too: `<img onerror=...>` or
# `</script>` in a name stays text (full-width < > & " ').
_MERMAID_SAFE = str.maketrans(
    {
        ":": "\ua789",
        ";": ",",
        "#": "\uff03",
        "%": "\uff05",
        "`": "\u2032",
        "\n": " ",
        "\r": " ",
        "\t": " ",
        "<": "\uff1c",
        ">": "\uff1e",
        "&": "\uff06",
        '"': "\u201d",
        "'": "\u2019",
    }
)
_KEYWORDS = ("journey", "title", "section")


def mermaid_score(emotion: int) -> int:
    """Emotion -2..+2 onto Mermaid's 1..5."""
    return max(1, min(5, emotion + 3))


def mermaid_text(text: object, *, colon: bool = False) -> str:
    """User text that Mermaid shows as is: no syntax characters, no leading keyword
    (``colon=True``: a title, where a colon is allowed)."""
    clean = " ".join(str(text).translate(_MERMAID_SAFE).split())
    if colon:
        clean = clean.replace("\ua789", ":")
    if clean.lower().split(" ")[0] in _KEYWORDS:
        clean = f"\u201c{clean}\u201d"  # a keyword at the start would start a statement
    return clean or "untitled"


def mermaid_journey(title: str, journey: JourneyMap) -> str:
    """The journey as a Mermaid ``journey`` diagram: one section per stage, one task per
    touchpoint, scored emotion + 3."""
    lines = ["journey", f"    title {mermaid_text(title, colon=True)}"]
    for stage in journey.stages:
        lines.append(f"    section {mermaid_text(stage.stage.name)}")
        for view in stage.touchpoints:
            point = view.touchpoint
            lines.append(
                f"      {mermaid_text(point.name)}: {mermaid_score(point.emotion)}: {MERMAID_ACTOR}"
            )
    return "\n".join(lines) + "\n"


def journey_document(context: ExportContext) -> dict[str, Any]:
    """The project's journey (with stage health) and advocacy figures, as one object."""
    workspace = context.workspace
    project = workspace.project
    return {
        "project": {"name": project.name, "description": project.description},
        "journey": journey_to_json(journey_map_for(workspace, context.classifier)),
        "advocacy": advocacy_to_json(
            advocacy_report(workspace, by=context.options.get("by"), classifier=context.classifier)
        ),
    }


@dataclass(frozen=True)
class MermaidJourneyExporter:
    name: str = "mermaid-journey"
    description: str = "The customer journey as a Mermaid journey diagram (emotion -2..+2 as 1..5)"
    extension: str = ".mmd"

    def export(self, context: ExportContext, destination: Path) -> list[Path]:
        journey = journey_map_for(context.workspace, context.classifier)
        title = f"{context.project.name}: customer journey"
        atomic_write(destination, mermaid_journey(title, journey).encode("utf-8"))
        return [destination]


@dataclass(frozen=True)
class JourneyJsonExporter:
    name: str = "journey-json"
    description: str = "The journey, stage health, NPS, CSAT, KPI periods and lifecycle as JSON"
    extension: str = ".json"

    def export(self, context: ExportContext, destination: Path) -> list[Path]:
        text = json.dumps(journey_document(context), indent=2, ensure_ascii=False)
        atomic_write(destination, (text + "\n").encode("utf-8"))
        return [destination]


@hookimpl
def register_exporters(register):  # type: ignore[no-untyped-def]
    register(MermaidJourneyExporter())
    register(JourneyJsonExporter())
