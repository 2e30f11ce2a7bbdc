"""The part of an open project a plugin may use: typed, and stable for ``kano_api`` 1.

An exporter's ``context.workspace`` (and what a plugin command opens with
``Workspace.open``) is a :class:`kano_tui.session.workspace.Workspace`; its responses
are a :class:`kano_tui.engine.project.storage.Responses`. Of their attributes, the ones below
are the plugin API: while kano provides plugin API 1 (``hookspecs.KANO_PLUGIN_API``)
they keep these names, arguments and meanings; anything else may change in any
release. ``tests/plugins/test_plugin_surface.py`` checks that the real classes satisfy
these Protocols.

Answer codes (``Responses.answers`` and ``answer_codes``): functional and dysfunctional
answers are ``1`` like, ``2`` expect (must-be), ``3`` neutral, ``4`` tolerate (live
with), ``5`` dislike and ``0`` unanswered; importance answers are ``1``..``9`` (the
project's importance scale) and ``-1`` unanswered. Roles are ``"functional"``,
``"dysfunctional"`` and ``"importance"``.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

    from kano_tui.engine.analysis.figures import Analysis
    from kano_tui.engine.project.model import Project

ROLES: tuple[str, ...] = ("functional", "dysfunctional", "importance")
ANSWER_CODES: dict[int, str] = {
    0: "unanswered",
    1: "like",
    2: "expect",
    3: "neutral",
    4: "tolerate",
    5: "dislike",
}
IMPORTANCE_BLANK = -1


@runtime_checkable
class ResponsesSurface(Protocol):
    """Every imported respondent of the project (``workspace.responses()``)."""

    @property
    def frame(self) -> pd.DataFrame:
        """One row per respondent: ``respondent``, ``wave``, ``nps``, ``csat``, the
        attributes (segments) and ``<feature>.<role>`` answer codes (int8)."""
        ...

    @property
    def columns(self) -> list[str]: ...

    @property
    def attributes(self) -> list[str]:
        """The columns usable as segments (``kano analyze --by``), wave last."""
        ...

    def __len__(self) -> int: ...

    def waves(self) -> list[str]: ...

    def answers(self, feature_ids: Sequence[str], role: str) -> np.ndarray:
        """A (respondents, features) int8 matrix of one role's codes (see above)."""
        ...

    def answer_codes(self, feature_id: str, role: str) -> np.ndarray:
        """One feature's codes of one role (read-only; blank where not asked)."""
        ...


@runtime_checkable
class WorkspaceSurface(Protocol):
    """An open project, as plugins see it."""

    directory: Path
    project: Project  # kano.toml: features, stages, settings (``project.settings``)

    def responses(self) -> ResponsesSurface: ...

    def analyze(
        self,
        classifier: str | None = None,
        *,
        by: str | None = None,
        wave: str | None = None,
        where: dict[str, str] | None = None,
        table: str | None = None,
        weight: str | None = None,
    ) -> Analysis:
        """The analysis ``kano analyze`` prints (``analysis.groups[i].figures``)."""
        ...

    def backlog(
        self, classifier: str | None = None, *, table: str | None = None, weight: str | None = None
    ) -> list[Any]:
        """The ranked backlog (``kano backlog``): BacklogItem objects."""
        ...

    def plugin_options(self) -> Any:
        """Every plugin's option values: ``.of(PLUGIN)`` is one plugin's dict."""
        ...
