"""A project with everything a report shows, and user text that tries to break out."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from kano_tui.engine.project.catalogue import add_feature
from kano_tui.engine.project.model import KpiPeriod, Persona, Touchpoint
from kano_tui.session.workspace import Workspace
from tests.conftest import write_wide_csv

XSS = "<script>alert(1)</script>"
IMG = '<img src="https://evil.example/x.png" onerror="alert(2)">'
QUOTES = 'Tom & Jerry\'s "best" </td></tr><tr>'
MATH = "$x^2$ pricing_{now}"
TOKENS = ("I like it", "It must be that way", "I am neutral", "I can live with it", "I dislike it")


def answer_rows(feature_ids: list[str], respondents: int, seed: int = 3) -> list[dict]:
    rng = np.random.default_rng(seed)
    rows = []
    for i in range(respondents):
        row = {
            "respondent": f"r{i}",
            "wave": "2026-03" if i % 2 else "2026-09",
            "segment": QUOTES if i % 3 else "plain",
            "nps": str(rng.integers(0, 11)),
            "csat": str(rng.integers(1, 6)),
        }
        for j, feature_id in enumerate(feature_ids):
            lean_f, lean_d = [(2, 5), (1, 5), (1, 3), (3, 3)][j % 4]
            row[f"{feature_id}.functional"] = TOKENS[
                (lean_f if rng.random() < 0.7 else rng.integers(1, 6)) - 1
            ]
            row[f"{feature_id}.dysfunctional"] = TOKENS[
                (lean_d if rng.random() < 0.7 else rng.integers(1, 6)) - 1
            ]
            row[f"{feature_id}.importance"] = str(rng.integers(1, 10))
        rows.append(row)
    return rows


def build_project(directory: Path, *, journey: bool = True, respondents: int = 80) -> Workspace:
    workspace = Workspace.create(directory, QUOTES)
    project = workspace.project
    project.description = IMG
    stage = "purchase" if journey else ""
    add_feature(project, XSS, feature_id="xss", description=IMG, stage=stage)
    add_feature(project, "Calls", feature_id="calls", stage=stage)
    add_feature(project, "Battery", feature_id="battery")
    add_feature(project, MATH, feature_id="math")
    if journey:
        project.touchpoints += [
            Touchpoint(
                id="checkout",
                stage="purchase",
                name=IMG,
                channel=XSS,
                emotion=-2,
                pain_points=[XSS],
                opportunities=[QUOTES],
                features=["xss", "calls"],
                evidence="data-backed",
            ),
            Touchpoint(
                id="unboxing",
                stage="post-purchase-support",
                name="Unboxing",
                emotion=2,
                features=["battery"],
            ),
        ]
        project.personas.append(Persona(id="p1", name=XSS, emotions={"checkout": -1}))
        project.kpi_periods.append(
            KpiPeriod(
                label=XSS,
                customers_start=100,
                customers_end=110,
                customers_new=20,
                customers_new_by_referral=5,
                referrals_made=12,
                referral_definition=QUOTES,
            )
        )
    workspace.save()
    if respondents:
        rows = answer_rows(project.feature_ids(), respondents)
        if not journey:
            for row in rows:
                del row["nps"], row["csat"]
                row["wave"] = ""
        workspace.import_file(write_wide_csv(directory.parent / f"{directory.name}.csv", rows))
    return workspace


@pytest.fixture
def report_project(tmp_path: Path) -> Workspace:
    return build_project(tmp_path / "project")
