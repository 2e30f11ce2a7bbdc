"""A clustered survey: features packed in a narrow band, as real surveys often are.

Modelled on a neighbourhood-amenities Qualtrics survey of renters (16 amenities with long
names, most features indifferent): every feature has Better between 0.2 and 0.35 and
|Worse| between 0.05 and 0.15. ``tests/fixtures/amenities/answers.csv`` is the committed
16-feature survey (``python tests/clustered.py`` writes it again, byte for byte);
:func:`clustered_project` builds a project from it, or from a generated survey of any
number of features (40, 100) for the many-features tests.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
FIXTURE = HERE / "fixtures" / "amenities" / "answers.csv"
AMENITIES = [
    "Walkability and easy access to nearby assets (e.g., shops, restaurants, transportation)",
    "Parks and green spaces within a ten-minute walk",
    "A grocery store in the neighbourhood",
    "Public transport stop within 400 metres",
    "Secure bicycle parking (e.g., locked room or cages)",
    "On-site laundry room",
    "A fitness centre or gym in the building",
    "Quiet streets at night",
    "Cafés and restaurants nearby",
    "Access to a community garden",
    "Package lockers for deliveries",
    "Electric vehicle charging points",
    "Childcare and schools close by (e.g., day care, primary school)",
    "A pharmacy within walking distance",
    "Co-working space in the building",
    "Dog park or pet-friendly areas",
]
# The answer pair a respondent of each category gives: (functional, dysfunctional).
PAIRS = {
    "A": ("I like it", "I am neutral"),
    "O": ("I like it", "I dislike it"),
    "M": ("It must be that way", "I dislike it"),
    "I": ("I am neutral", "I am neutral"),
}


def feature_names(count: int) -> list[str]:
    if count <= len(AMENITIES):
        return AMENITIES[:count]
    return AMENITIES + [
        f"Amenity {i}: a shared rooftop terrace with seating, number {i}"
        for i in range(len(AMENITIES) + 1, count + 1)
    ]


def survey_rows(count: int = 16, respondents: int = 300, seed: int = 19) -> list[dict]:
    """Wide canonical rows: each feature's Better in 0.2-0.35, |Worse| in 0.05-0.15."""
    rng = np.random.default_rng(seed)
    targets = [(rng.uniform(0.2, 0.35), rng.uniform(0.05, 0.15)) for _ in range(count)]
    rows: list[dict] = [{"respondent": f"R_{i:04d}"} for i in range(respondents)]
    for j, (better, worse) in enumerate(targets):
        o = 0.03
        weights = np.array([better - o, o, worse - o, 1 - better - worse + o])  # A O M I
        drawn = rng.choice(list("AOMI"), size=respondents, p=weights / weights.sum())
        for row, letter in zip(rows, drawn):
            functional, dysfunctional = PAIRS[str(letter)]
            row[f"f{j + 1:03d}.functional"] = functional
            row[f"f{j + 1:03d}.dysfunctional"] = dysfunctional
    return rows


def write_survey(path: Path, rows: list[dict]) -> Path:
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_bytes(buffer.getvalue().encode("utf-8"))
    return path


def clustered_project(directory: Path, count: int = 16):
    """A project of ``count`` clustered features with their answers imported."""
    from kano_tui.engine.project.catalogue import add_feature
    from kano_tui.session.workspace import Workspace

    workspace = Workspace.create(directory, "Neighbourhood amenities")
    for j, name in enumerate(feature_names(count)):
        add_feature(workspace.project, name, feature_id=f"f{j + 1:03d}")
    workspace.save()
    if count == 16:
        survey = FIXTURE
    else:
        survey = write_survey(
            directory.parent / f"{directory.name}-answers.csv", survey_rows(count, respondents=200)
        )
    workspace.import_file(survey)
    return workspace


if __name__ == "__main__":
    sys.path.insert(0, str(HERE.parent))
    FIXTURE.parent.mkdir(parents=True, exist_ok=True)
    write_survey(FIXTURE, survey_rows())
    print(f"wrote {FIXTURE}")
