"""The Workspace surface docs/plugins.md promises for plugin API 1 is what the real
classes offer: same names, same arguments, the documented answer codes."""

from __future__ import annotations

import inspect

import numpy as np

from kano_tui.engine.project.storage import Responses
from kano_tui.plugins import surface
from kano_tui.session.workspace import Workspace


def _public_members(protocol: type) -> list[str]:
    return [
        name
        for name in vars(protocol)
        if not name.startswith("_") or name == "__len__"
        if callable(vars(protocol)[name]) or isinstance(vars(protocol)[name], property)
    ]


def test_the_workspace_and_its_responses_satisfy_the_promised_surface(sample_project):
    assert isinstance(sample_project, surface.WorkspaceSurface)
    assert isinstance(sample_project.responses(), surface.ResponsesSurface)
    for protocol, real in (
        (surface.WorkspaceSurface, Workspace),
        (surface.ResponsesSurface, Responses),
    ):
        for name in _public_members(protocol):
            promised = vars(protocol)[name]
            actual = getattr(real, name)
            if isinstance(promised, property):
                assert isinstance(actual, property), name
                continue
            assert list(inspect.signature(actual).parameters) == list(
                inspect.signature(promised).parameters
            ), f"{real.__name__}.{name}"


def test_answers_are_the_documented_codes(sample_project):
    responses = sample_project.responses()
    features = sample_project.project.feature_ids()
    for role in ("functional", "dysfunctional"):
        codes = responses.answers(features, role)
        assert codes.shape == (len(responses), len(features)) and codes.dtype == np.int8
        assert set(np.unique(codes)) <= set(surface.ANSWER_CODES)
    importance = responses.answers(features, "importance")
    assert set(np.unique(importance)) <= {surface.IMPORTANCE_BLANK, *range(1, 10)}
