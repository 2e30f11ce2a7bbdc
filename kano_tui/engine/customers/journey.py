"""The customer journey: editing stages, touchpoints and personas, and reading the map.

Editing functions change a :class:`~kano_tui.engine.project.model.Project` in place and raise a
:class:`~kano_tui.errors.KanoError` (one sentence) before changing anything when the
input is wrong; the CLI and the TUI share them. :func:`journey_map` lays the journey out
for display (stages in order, their touchpoints, linked features with their Kano
category) and judges each stage's health (see :func:`stage_health` and
``docs/journey-and-advocacy.md``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from kano_tui.engine.project.model import (
    EVIDENCE_LEVELS,
    Feature,
    Persona,
    Project,
    Stage,
    Touchpoint,
    slugify,
)
from kano_tui.errors import KanoError

if TYPE_CHECKING:
    from kano_tui.engine.analysis.figures import Analysis
    from kano_tui.engine.customers.advocacy import NpsFigure
    from kano_tui.session.workspace import Workspace

EMOTION_MIN, EMOTION_MAX = -2, 2
EMOTION_LABELS: dict[int, str] = {
    -2: "very negative",
    -1: "negative",
    0: "neutral",
    1: "positive",
    2: "delighted",
}
# The linked features of a touchpoint that do not count as a fix for its pain: customers
# are indifferent to an indifferent feature, a reverse one causes dissatisfaction, and a
# questionable one is not understood. Must-be, performance and excitement features count,
# and so does a linked feature without answers yet (a fix being planned).
NOT_A_FIX: frozenset[str] = frozenset({"I", "R", "Q"})


class StageNotEmptyError(KanoError):
    """A stage that still holds touchpoints was asked to be removed without saying how."""

    def __init__(self, stage: Stage, touchpoints: int) -> None:
        self.stage, self.touchpoints = stage, touchpoints
        plural = "touchpoint" if touchpoints == 1 else "touchpoints"
        super().__init__(
            f"The stage {stage.name!r} still has {touchpoints} {plural}; "
            "move them to another stage or delete them with the stage."
        )


# --------------------------------------------------------------------------- checks


def parse_emotion(value: object) -> int:
    """An emotion from -2 to +2, from an int or text like ``"+1"``; KanoError otherwise."""
    if isinstance(value, bool):
        raise KanoError(f"The emotion {value!r} is not a whole number from -2 to +2.")
    if isinstance(value, str):
        text = value.strip().replace("\u2212", "-")  # a typographic minus
        try:
            value = int(text)
        except ValueError:
            raise KanoError(f"The emotion {value!r} is not a whole number from -2 to +2.") from None
    if not isinstance(value, int):
        raise KanoError(f"The emotion {value!r} is not a whole number from -2 to +2.")
    if not EMOTION_MIN <= value <= EMOTION_MAX:
        raise KanoError(f"The emotion {value} is out of range: it must be from -2 to +2.")
    return value


def check_evidence(value: str) -> str:
    """An evidence level from its name, any spacing or dashes, or its first word."""

    def key(text: str) -> str:
        return " ".join(text.lower().replace("_", " ").replace("-", " ").split())

    wanted = key(value)
    for level in EVIDENCE_LEVELS:
        if wanted == key(level) or wanted == key(level).split()[0]:
            return level
    raise KanoError(
        f"The evidence level {value!r} is not one of: " + ", ".join(EVIDENCE_LEVELS) + "."
    )


def _clean_name(name: str, what: str) -> str:
    name = " ".join(str(name).split())
    if not name:
        raise KanoError(f"A {what} needs a name.")
    return name


def _clean_list(items: Iterable[str]) -> list[str]:
    return [" ".join(str(item).split()) for item in items if str(item).strip()]


def _unique_id(base: str, taken: Iterable[str]) -> str:
    taken = set(taken)
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    return candidate


def _position(position: int | None, length: int, what: str) -> int:
    """A 0-based insertion index; None means the end."""
    if position is None:
        return length
    if not 0 <= position <= length:
        raise KanoError(
            f"The position {position + 1} is out of range for {what}: "
            f"it must be from 1 to {length + 1}."
        )
    return position


# --------------------------------------------------------------------------- stages


def find_stage(project: Project, key: str) -> Stage:
    found = project.stage(key)
    if found is None:
        names = ", ".join(repr(s.name) for s in project.stages) or "none"
        raise KanoError(f"There is no journey stage {key!r}; stages: {names}.")
    return found


def add_stage(
    project: Project, name: str, *, description: str = "", position: int | None = None
) -> Stage:
    """A new stage named ``name`` at ``position`` (0-based; the end by default)."""
    name = _clean_name(name, "stage")
    if project.stage(name) is not None:
        raise KanoError(f"A journey stage named {name!r} already exists.")
    index = _position(position, len(project.stages), "the stages")
    stage = Stage(
        id=_unique_id(slugify(name), (s.id for s in project.stages)),
        name=name,
        description=description.strip(),
    )
    project.stages.insert(index, stage)
    return stage


def rename_stage(project: Project, key: str, name: str) -> Stage:
    """Give a stage a new name; its id (what touchpoints and features refer to) stays."""
    stage = find_stage(project, key)
    name = _clean_name(name, "stage")
    other = project.stage(name)
    if other is not None and other is not stage:
        raise KanoError(f"A journey stage named {name!r} already exists.")
    stage.name = name
    return stage


def move_stage(project: Project, key: str, position: int) -> Stage:
    """Put a stage at ``position`` (0-based) in the journey's order."""
    stage = find_stage(project, key)
    if not 0 <= position < len(project.stages):
        raise KanoError(
            f"The position {position + 1} is out of range: there are {len(project.stages)} stages."
        )
    project.stages.remove(stage)
    project.stages.insert(position, stage)
    return stage


@dataclass(frozen=True)
class StageRemoval:
    """What removing a stage did, so the caller can say it."""

    stage: Stage
    moved_touchpoints: int = 0
    deleted_touchpoints: int = 0
    unplaced_features: int = 0
    moved_features: int = 0


def remove_stage(
    project: Project, key: str, *, move_to: str | None = None, delete_touchpoints: bool = False
) -> StageRemoval:
    """Remove a stage. A stage with touchpoints is refused unless the caller says where
    they go (``move_to``, another stage) or that they go too (``delete_touchpoints``).
    Features placed on the stage follow ``move_to``, or become unplaced."""
    stage = find_stage(project, key)
    target: Stage | None = None
    if move_to is not None:
        target = find_stage(project, move_to)
        if target is stage:
            raise KanoError(
                f"Cannot move the touchpoints of {stage.name!r} to the stage being removed."
            )
        if delete_touchpoints:
            raise KanoError("Choose either to move the touchpoints or to delete them, not both.")
    held = [t for t in project.touchpoints if t.stage == stage.id]
    if held and target is None and not delete_touchpoints:
        raise StageNotEmptyError(stage, len(held))
    moved = deleted = 0
    for touchpoint in held:
        if target is not None:
            touchpoint.stage = target.id
            moved += 1
        else:
            _drop_touchpoint(project, touchpoint)
            deleted += 1
    placed = [f for f in project.features if f.stage == stage.id]
    for feature in placed:
        feature.stage = target.id if target is not None else ""
    project.stages.remove(stage)
    return StageRemoval(
        stage,
        moved,
        deleted,
        unplaced_features=0 if target else len(placed),
        moved_features=len(placed) if target else 0,
    )


def adjacent_stage(project: Project, stage_id: str, step: int) -> Stage | None:
    """The stage ``step`` places after (or before, when negative) ``stage_id``."""
    ids = [s.id for s in project.stages]
    if stage_id not in ids:
        return None
    index = ids.index(stage_id) + step
    return project.stages[index] if 0 <= index < len(ids) else None


# --------------------------------------------------------------------------- touchpoints


def find_touchpoint(project: Project, key: str) -> Touchpoint:
    wanted = key.strip().lower()
    for touchpoint in project.touchpoints:
        if touchpoint.id.lower() == wanted:
            return touchpoint
    for touchpoint in project.touchpoints:
        if touchpoint.name.lower() == wanted or slugify(touchpoint.name) == slugify(key):
            return touchpoint
    raise KanoError(f"There is no touchpoint {key!r}; see `kano touchpoint list`.")


def find_feature(project: Project, key: str) -> Feature:
    feature = project.feature(key)
    if feature is None:
        raise KanoError(f"There is no feature {key!r}; see `kano features list`.")
    return feature


def stage_touchpoints(project: Project, stage_id: str) -> list[Touchpoint]:
    """The touchpoints of a stage, in journey order."""
    return [t for t in project.touchpoints if t.stage == stage_id]


def add_touchpoint(
    project: Project,
    stage: str,
    name: str,
    *,
    channel: str = "",
    description: str = "",
    emotion: object = 0,
    pain_points: Iterable[str] = (),
    opportunities: Iterable[str] = (),
    evidence: str = "assumption",
    features: Iterable[str] = (),
    touchpoint_id: str | None = None,
    position: int | None = None,
) -> Touchpoint:
    """A new touchpoint on ``stage`` (id or name), at ``position`` within the stage."""
    target = find_stage(project, stage)
    name = _clean_name(name, "touchpoint")
    taken = [t.id for t in project.touchpoints]
    if touchpoint_id is not None and touchpoint_id.strip():
        touchpoint_id = touchpoint_id.strip()
        if touchpoint_id in taken:
            raise KanoError(f"A touchpoint with the id {touchpoint_id!r} already exists.")
    else:
        touchpoint_id = _unique_id(slugify(name), taken)
    touchpoint = Touchpoint(
        id=touchpoint_id,
        stage=target.id,
        name=name,
        channel=channel.strip(),
        description=description.strip(),
        emotion=parse_emotion(emotion),
        pain_points=_clean_list(pain_points),
        opportunities=_clean_list(opportunities),
        evidence=check_evidence(evidence),
        features=_linked_ids(project, features),
    )
    _place(project, touchpoint, target.id, position)
    return touchpoint


def _linked_ids(project: Project, keys: Iterable[str]) -> list[str]:
    ids: list[str] = []
    for key in keys:
        feature_id = find_feature(project, key).id
        if feature_id not in ids:
            ids.append(feature_id)
    return ids


def _place(project: Project, touchpoint: Touchpoint, stage_id: str, position: int | None) -> None:
    """Insert ``touchpoint`` (not in the list) at ``position`` among ``stage_id``'s."""
    siblings = stage_touchpoints(project, stage_id)
    stage_name = next((s.name for s in project.stages if s.id == stage_id), stage_id)
    index = _position(position, len(siblings), f"the touchpoints of {stage_name!r}")
    touchpoint.stage = stage_id
    if index < len(siblings):
        project.touchpoints.insert(project.touchpoints.index(siblings[index]), touchpoint)
    elif siblings:
        project.touchpoints.insert(project.touchpoints.index(siblings[-1]) + 1, touchpoint)
    else:  # the first of its stage: after the touchpoints of the stages before it
        order = [s.id for s in project.stages]
        rank = order.index(stage_id) if stage_id in order else len(order)
        before = [
            i
            for i, t in enumerate(project.touchpoints)
            if t.stage in order and order.index(t.stage) < rank
        ]
        project.touchpoints.insert(before[-1] + 1 if before else 0, touchpoint)


EDITABLE: tuple[str, ...] = (
    "name",
    "channel",
    "description",
    "emotion",
    "pain_points",
    "opportunities",
    "evidence",
    "features",
)


def edit_touchpoint(project: Project, key: str, **changes: Any) -> Touchpoint:
    """Change the given fields of a touchpoint; every value is checked before any is set.

    ``stage`` in ``changes`` moves the touchpoint to the end of that stage.
    """
    touchpoint = find_touchpoint(project, key)
    unknown = set(changes) - set(EDITABLE) - {"stage"}
    if unknown:
        raise KanoError(f"A touchpoint has no field {sorted(unknown)[0]!r}.")
    clean: dict[str, Any] = {}
    for name, value in changes.items():
        if value is None:
            continue
        if name == "name":
            clean[name] = _clean_name(value, "touchpoint")
        elif name == "emotion":
            clean[name] = parse_emotion(value)
        elif name == "evidence":
            clean[name] = check_evidence(value)
        elif name in ("pain_points", "opportunities"):
            clean[name] = _clean_list(value)
        elif name == "features":
            clean[name] = _linked_ids(project, value)
        elif name == "stage":
            clean[name] = find_stage(project, value).id
        else:
            clean[name] = str(value).strip()
    stage = clean.pop("stage", None)
    for name, value in clean.items():
        setattr(touchpoint, name, value)
    if stage is not None and stage != touchpoint.stage:
        move_touchpoint(project, touchpoint.id, stage)
    return touchpoint


def move_touchpoint(
    project: Project, key: str, stage: str, position: int | None = None
) -> Touchpoint:
    """Move a touchpoint to ``stage`` (id or name), at ``position`` within it (0-based,
    counted without the touchpoint itself; the end by default)."""
    touchpoint = find_touchpoint(project, key)
    target = find_stage(project, stage)
    siblings = [t for t in stage_touchpoints(project, target.id) if t is not touchpoint]
    _position(position, len(siblings), f"the touchpoints of {target.name!r}")  # check first
    project.touchpoints.remove(touchpoint)
    _place(project, touchpoint, target.id, position)
    return touchpoint


def shift_touchpoint(project: Project, key: str, step: int) -> Touchpoint:
    """Move a touchpoint ``step`` places up or down within its stage (clamped)."""
    touchpoint = find_touchpoint(project, key)
    siblings = stage_touchpoints(project, touchpoint.stage)
    index = max(0, min(len(siblings) - 1, siblings.index(touchpoint) + step))
    return move_touchpoint(project, touchpoint.id, touchpoint.stage, index)


def remove_touchpoint(project: Project, key: str) -> Touchpoint:
    """Remove a touchpoint and every persona's emotion at it."""
    touchpoint = find_touchpoint(project, key)
    _drop_touchpoint(project, touchpoint)
    return touchpoint


def _drop_touchpoint(project: Project, touchpoint: Touchpoint) -> None:
    project.touchpoints.remove(touchpoint)
    for persona in project.personas:
        persona.emotions.pop(touchpoint.id, None)


def link_feature(project: Project, touchpoint_key: str, feature_key: str) -> bool:
    """Link a feature to a touchpoint; False when it was linked already."""
    touchpoint = find_touchpoint(project, touchpoint_key)
    feature = find_feature(project, feature_key)
    if feature.id in touchpoint.features:
        return False
    touchpoint.features.append(feature.id)
    return True


def unlink_feature(project: Project, touchpoint_key: str, feature_key: str) -> Feature:
    touchpoint = find_touchpoint(project, touchpoint_key)
    feature = project.feature(feature_key)
    linked = feature.id if feature is not None else feature_key
    if linked not in touchpoint.features:
        raise KanoError(
            f"The touchpoint {touchpoint.name!r} does not link the feature {feature_key!r}."
        )
    touchpoint.features.remove(linked)
    return feature or Feature(id=linked, name=linked)


# --------------------------------------------------------------------------- personas


def find_persona(project: Project, key: str) -> Persona:
    wanted = key.strip().lower()
    for persona in project.personas:
        if persona.id.lower() == wanted or persona.name.lower() == wanted:
            return persona
    names = ", ".join(repr(p.name) for p in project.personas) or "none"
    raise KanoError(f"There is no persona {key!r}; personas: {names}.")


def add_persona(
    project: Project, name: str, *, description: str = "", persona_id: str | None = None
) -> Persona:
    name = _clean_name(name, "persona")
    if any(p.name.lower() == name.lower() for p in project.personas):
        raise KanoError(f"A persona named {name!r} already exists.")
    taken = [p.id for p in project.personas]
    if persona_id:
        if persona_id in taken:
            raise KanoError(f"A persona with the id {persona_id!r} already exists.")
    else:
        persona_id = _unique_id(slugify(name), taken)
    persona = Persona(id=persona_id, name=name, description=description.strip())
    project.personas.append(persona)
    return persona


def remove_persona(project: Project, key: str) -> Persona:
    persona = find_persona(project, key)
    project.personas.remove(persona)
    return persona


def set_persona_emotion(
    project: Project, persona_key: str, touchpoint_key: str, emotion: object | None
) -> Persona:
    """Set (or, with ``None``, clear) a persona's emotion at a touchpoint."""
    persona = find_persona(project, persona_key)
    touchpoint = find_touchpoint(project, touchpoint_key)
    if emotion is None:
        persona.emotions.pop(touchpoint.id, None)
    else:
        persona.emotions[touchpoint.id] = parse_emotion(emotion)
    return persona


# --------------------------------------------------------------------------- the map


@dataclass(frozen=True)
class LinkedFeature:
    id: str
    name: str
    category: str | None  # A O M I R Q from the current analysis; None without answers


@dataclass(frozen=True)
class HealthIssue:
    """One reason a stage needs attention, said in a sentence."""

    kind: str  # "must-be performing badly" or "pain without a fix"
    touchpoint: str | None
    feature: str | None
    message: str


@dataclass(frozen=True)
class StageHealth:
    issues: tuple[HealthIssue, ...] = ()
    mean_emotion: float | None = None  # over the stage's touchpoints

    @property
    def ok(self) -> bool:
        return not self.issues

    @property
    def label(self) -> str:
        if self.ok:
            return "healthy"
        count = len(self.issues)
        return f"{count} issue" + ("" if count == 1 else "s")


@dataclass(frozen=True)
class TouchpointView:
    touchpoint: Touchpoint
    features: tuple[LinkedFeature, ...]


@dataclass(frozen=True)
class StageView:
    stage: Stage
    touchpoints: tuple[TouchpointView, ...]
    health: StageHealth
    placed_features: tuple[LinkedFeature, ...] = ()  # features whose `stage` is this one


@dataclass(frozen=True)
class JourneyMap:
    stages: tuple[StageView, ...]
    personas: tuple[Persona, ...] = ()
    # Why each flagged must-be feature performs badly, from the responses (see docs).
    must_be_nps: Mapping[str, NpsFigure] = field(default_factory=dict)

    def touchpoints(self) -> list[TouchpointView]:
        return [view for stage in self.stages for view in stage.touchpoints]

    def curve(self, persona: Persona | None = None) -> list[int | None]:
        """The emotion at each touchpoint in journey order: the shared one, or the
        persona's (None where the persona has none)."""
        if persona is None:
            return [view.touchpoint.emotion for view in self.touchpoints()]
        return [persona.emotions.get(view.touchpoint.id) for view in self.touchpoints()]

    @property
    def issues(self) -> list[HealthIssue]:
        return [issue for stage in self.stages for issue in stage.health.issues]


def ordered_touchpoints(project: Project) -> list[Touchpoint]:
    """Every touchpoint, stage by stage in journey order."""
    return [t for stage in project.stages for t in stage_touchpoints(project, stage.id)]


def journey_map(
    project: Project,
    categories: Mapping[str, str | None] | None = None,
    must_be_nps: Mapping[str, NpsFigure] | None = None,
) -> JourneyMap:
    """The journey laid out for display, with each stage's health.

    ``categories`` maps feature ids to their Kano category (from the current analysis);
    ``must_be_nps`` maps feature ids to the NPS of the respondents for whom the feature
    is must-be (:func:`kano_tui.engine.customers.advocacy.nps_by_feature_category`).
    """
    categories = categories or {}
    must_be_nps = must_be_nps or {}
    names = {f.id: f.name for f in project.features}

    def linked(feature_id: str) -> LinkedFeature:
        return LinkedFeature(
            feature_id, names.get(feature_id, feature_id), categories.get(feature_id)
        )

    stages = []
    for stage in project.stages:
        views = tuple(
            TouchpointView(t, tuple(linked(f) for f in t.features))
            for t in stage_touchpoints(project, stage.id)
        )
        placed = tuple(linked(f.id) for f in project.features if f.stage == stage.id)
        health = stage_health(views, placed, must_be_nps)
        stages.append(StageView(stage, views, health, placed))
    return JourneyMap(tuple(stages), tuple(project.personas), dict(must_be_nps))


def stage_health(
    touchpoints: tuple[TouchpointView, ...],
    placed: tuple[LinkedFeature, ...],
    must_be_nps: Mapping[str, NpsFigure],
) -> StageHealth:
    """Call out what needs attention on one stage.

    1. A must-be feature of the stage (linked to one of its touchpoints or placed on it)
       performs badly when a touchpoint of the stage that links it has a negative
       emotion, or when the respondents for whom it is must-be are detractors on
       balance beyond doubt: their NPS plus its 95% margin of error is below 0.
    2. A touchpoint with a negative emotion and no linked feature to fix it: only
       must-be, performance and excitement features (or features without answers yet)
       count; indifferent, reverse and questionable ones do not (:data:`NOT_A_FIX`).
    """
    issues: list[HealthIssue] = []
    must_be: dict[str, LinkedFeature] = {}
    for feature in (*placed, *(f for view in touchpoints for f in view.features)):
        if feature.category == "M":
            must_be.setdefault(feature.id, feature)
    for feature in must_be.values():
        sad = [
            view.touchpoint
            for view in touchpoints
            if view.touchpoint.emotion < 0 and any(f.id == feature.id for f in view.features)
        ]
        nps = must_be_nps.get(feature.id)
        if sad:
            where = ", ".join(repr(t.name) for t in sad)
            issues.append(
                HealthIssue(
                    "must-be performing badly",
                    sad[0].id,
                    feature.id,
                    f"Must-be feature {feature.name!r} performs badly: customers feel "
                    f"negative at {where}.",
                )
            )
        elif (
            nps is not None
            and nps.nps is not None
            and nps.margin is not None
            and nps.nps + nps.margin < 0
        ):
            issues.append(
                HealthIssue(
                    "must-be performing badly",
                    None,
                    feature.id,
                    f"Must-be feature {feature.name!r} performs badly: respondents who need it "
                    f"give an NPS of {nps.nps:+.0f} ± {nps.margin:.1f} (n={nps.n}).",
                )
            )
    for view in touchpoints:
        touchpoint = view.touchpoint
        if touchpoint.emotion >= 0:
            continue
        fixes = [f for f in view.features if f.category not in NOT_A_FIX]
        if not fixes:
            feels = f"Touchpoint {touchpoint.name!r} feels {EMOTION_LABELS[touchpoint.emotion]}"
            if not view.features:
                message = f"{feels} and has no linked feature."
            else:
                names = ", ".join(f"{f.name} ({f.category})" for f in view.features)
                message = (
                    f"{feels} and its linked features are indifferent or reverse "
                    f"({names}), so none can fix it."
                )
            issues.append(HealthIssue("pain without a fix", touchpoint.id, None, message))
    emotions = [view.touchpoint.emotion for view in touchpoints]
    mean = sum(emotions) / len(emotions) if emotions else None
    return StageHealth(tuple(issues), mean)


def journey_map_for(
    workspace: Workspace, classifier: str | None = None, analysis: Analysis | None = None
) -> JourneyMap:
    """The map of an open project, with categories (from ``analysis``, or a new analysis
    with ``classifier``) and must-be NPS from its responses."""
    from kano_tui.engine.customers.advocacy import nps_by_feature_category

    project = workspace.project
    analysis = analysis or workspace.analyze(classifier)
    categories = {result.id: result.category for result in analysis.results()}
    must_be = [fid for fid, c in categories.items() if c == "M"]
    nps = nps_by_feature_category(project, workspace.responses(), "M", must_be)
    return journey_map(project, categories, nps)


# --------------------------------------------------------------------------- JSON


def journey_to_json(journey: JourneyMap) -> dict[str, Any]:
    """The journey as plain JSON values (``kano journey --format json``)."""

    def feature(item: LinkedFeature) -> dict[str, Any]:
        return {"id": item.id, "name": item.name, "category": item.category}

    stages = []
    for view in journey.stages:
        stages.append(
            {
                "id": view.stage.id,
                "name": view.stage.name,
                "description": view.stage.description,
                "features": [feature(f) for f in view.placed_features],
                "health": {
                    "ok": view.health.ok,
                    "mean_emotion": view.health.mean_emotion,
                    "issues": [
                        {
                            "kind": i.kind,
                            "touchpoint": i.touchpoint,
                            "feature": i.feature,
                            "message": i.message,
                        }
                        for i in view.health.issues
                    ],
                },
                "touchpoints": [
                    {
                        "id": t.touchpoint.id,
                        "name": t.touchpoint.name,
                        "channel": t.touchpoint.channel,
                        "description": t.touchpoint.description,
                        "emotion": t.touchpoint.emotion,
                        "pain_points": list(t.touchpoint.pain_points),
                        "opportunities": list(t.touchpoint.opportunities),
                        "evidence": t.touchpoint.evidence,
                        "features": [feature(f) for f in t.features],
                    }
                    for t in view.touchpoints
                ],
            }
        )
    personas = [
        {"id": p.id, "name": p.name, "description": p.description, "emotions": dict(p.emotions)}
        for p in journey.personas
    ]
    return {"stages": stages, "personas": personas}
