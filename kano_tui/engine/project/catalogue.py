"""Editing the feature catalogue: pure functions on a Project, shared by the CLI and TUI."""

from __future__ import annotations

import math

from kano_tui.engine.project.model import Feature, Project
from kano_tui.errors import KanoError


def add_feature(
    project: Project,
    name: str,
    *,
    feature_id: str | None = None,
    description: str = "",
    stage: str = "",
    tags: list[str] | None = None,
    effort: float | None = None,
) -> Feature:
    name = name.strip()
    if not name:
        raise KanoError("A feature needs a name.")
    feature_id = (feature_id or "").strip() or project.new_feature_id(name)
    if "." in feature_id:
        raise KanoError(
            f"The feature id {feature_id!r} contains a dot, which survey columns use as separator."
        )
    same_id = next((f for f in project.features if f.id.lower() == feature_id.lower()), None)
    if same_id is not None:
        like = "" if same_id.id == feature_id else f" ({same_id.id!r} differs only by case)"
        raise KanoError(f"A feature with the id {feature_id!r} already exists{like}.")
    _check_name_free(project, name)
    stage_id = resolve_stage(project, stage)
    _check_effort(effort)
    feature = Feature(
        id=feature_id,
        name=name,
        description=description,
        tags=tags or [],
        stage=stage_id,
        effort=effort,
    )
    project.features.append(feature)
    return feature


def _check_name_free(project: Project, name: str, keep: Feature | None = None) -> None:
    """Two features of one name could not be told apart (``features remove NAME``)."""
    for feature in project.features:
        if feature is not keep and feature.name.strip().lower() == name.strip().lower():
            raise KanoError(
                f"A feature named {feature.name!r} already exists "
                f"(id {feature.id!r}); give this one another name."
            )


def _check_effort(effort: object) -> None:
    if effort is None:
        return
    if (
        isinstance(effort, bool)
        or not isinstance(effort, (int, float))
        or not math.isfinite(effort)
        or effort < 0
    ):
        raise KanoError(f"Effort must be a number, 0 or more, not {effort}.")


def find_feature(project: Project, key: str) -> Feature:
    """The feature ``key`` names (id, name or slug); refused when it names none, or when
    it is the name of more than one (then the ids to use are listed)."""
    exact = next((f for f in project.features if f.id == key.strip()), None)
    if exact is not None:  # the id as written always names one feature
        return exact
    wanted = key.strip().lower()
    named = [f for f in project.features if f.name.strip().lower() == wanted]
    if len(named) > 1:
        ids = ", ".join(repr(f.id) for f in named)
        raise KanoError(
            f"{len(named)} features are named {key!r} (ids {ids}); give the id of the one you mean."
        )
    feature = project.feature(key)
    if feature is None:
        raise KanoError(f"There is no feature {key!r}.")
    return feature


def resolve_stage(project: Project, stage: str) -> str:
    if not stage.strip():
        return ""
    found = project.stage(stage)
    if found is None:
        names = ", ".join(s.name for s in project.stages) or "none"
        raise KanoError(f"There is no journey stage {stage!r}; stages: {names}.")
    return found.id


def remove_feature(project: Project, key: str) -> Feature:
    feature = find_feature(project, key)
    project.features.remove(feature)
    for touchpoint in project.touchpoints:
        touchpoint.features = [f for f in touchpoint.features if f != feature.id]
    return feature


_UNCHANGED: object = object()


def edit_feature(
    project: Project,
    key: str,
    *,
    name: str | None = None,
    description: str | None = None,
    stage: str | None = None,
    tags: list[str] | None = None,
    effort: float | object | None = _UNCHANGED,
    wording: dict[str, str] | None = None,
    status: str | None = None,
    note: str | None = None,
) -> Feature:
    """Change a feature in place; arguments left out stay as they are.

    The id is not editable: stored answers are keyed by it. ``effort=None`` clears it.
    ``wording`` sets any of ``phrase``, ``functional_question``, ``dysfunctional_question``
    and ``importance_question`` ("" goes back to the language's template).
    """
    feature = find_feature(project, key)
    if name is not None:
        name = name.strip()
        if not name:
            raise KanoError("A feature needs a name.")
        _check_name_free(project, name, keep=feature)
    stage_id = resolve_stage(project, stage) if stage is not None else feature.stage
    if effort is not _UNCHANGED:
        _check_effort(effort)
    if name is not None:
        feature.name = name
    if description is not None:
        feature.description = description
    feature.stage = stage_id
    if tags is not None:
        feature.tags = [tag.strip() for tag in tags if tag.strip()]
    unknown = set(wording or {}) - set(WORDING_FIELDS)
    if unknown:
        raise KanoError(
            f"Unknown wording field {sorted(unknown)[0]!r}; expected one of "
            f"{', '.join(WORDING_FIELDS)}."
        )
    if status is not None:
        set_status(project, feature.id, status)
    if effort is not _UNCHANGED:
        feature.effort = None if effort is None else float(effort)  # type: ignore[arg-type]
    for field, text in (wording or {}).items():
        setattr(feature, field, " ".join(text.split()))
    if note is not None:
        feature.note = note.strip()
    return feature


WORDING_FIELDS = ("phrase", "functional_question", "dysfunctional_question", "importance_question")


def set_status(project: Project, key: str, status: str, note: str | None = None) -> Feature:
    """Set a feature's backlog status (and, when given, its note)."""
    from kano_tui.engine.project.model import STATUSES

    feature = project.feature(key)
    if feature is None:
        raise KanoError(f"There is no feature {key!r}.")
    wanted = status.strip().lower().replace(" ", "-").replace("_", "-")
    if wanted not in STATUSES:
        raise KanoError(
            f"Status {status!r} of feature {key!r} must be one of {', '.join(STATUSES)}."
        )
    feature.status = wanted
    if note is not None:
        feature.note = note.strip()
    return feature


def next_status(status: str) -> str:
    """The status after ``status`` in the plan's order, back to new after dropped."""
    from kano_tui.engine.project.model import STATUSES

    index = STATUSES.index(status) if status in STATUSES else -1
    return STATUSES[(index + 1) % len(STATUSES)]
