"""The built-ins are plugins like any other: each loads through the hooks, provides
something, and everything registered satisfies its typed Protocol."""

from __future__ import annotations

import pytest

from kano_tui.plugins.builtin import DEFAULT_PLUGINS
from kano_tui.plugins.manager import KINDS, build_plugins
from kano_tui.plugins.protocols import Classifier, EvaluationTable, Exporter, Importer

PROTOCOLS = {
    "classifier": Classifier,
    "importer": Importer,
    "exporter": Exporter,
    "evaluation_table": EvaluationTable,
}


@pytest.fixture(scope="module")
def built_ins():
    return build_plugins(entry_points=False, strict=True)


@pytest.mark.parametrize("module", DEFAULT_PLUGINS)
def test_every_built_in_loads_through_the_hooks_and_provides_something(built_ins, module):
    info = built_ins.infos[module]
    assert (info.state, info.origin) == ("enabled", "built-in"), info.traceback
    assert info.provides, f"{module} registers nothing"


@pytest.mark.parametrize("kind", KINDS)
def test_everything_registered_satisfies_its_protocol(built_ins, kind):
    for name, obj in built_ins.registry[kind].items():
        assert isinstance(obj, PROTOCOLS[kind]), f"{kind} {name!r}"
        assert obj.description.strip(), f"{kind} {name!r} needs a description"


def test_the_brief_classifiers_are_built_in(built_ins):
    assert {"mode", "mode-strength", "continuous", "better-worse"} <= set(built_ins.classifiers)
    for name in ("mode", "mode-strength", "continuous", "better-worse"):
        assert built_ins.owner_of("classifier", name).built_in
