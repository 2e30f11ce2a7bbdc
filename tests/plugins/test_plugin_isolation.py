"""A plugin that fails — to import, to validate, inside a hook or inside a call — is
reported with its traceback and disabled; every other plugin and the core keep working.
Strict mode re-raises for plugin authors."""

from __future__ import annotations

import types

import pandas as pd
import pytest
from plugin_sources import BROKEN_PLUGINS, GOOD_PLUGIN

from kano_tui.errors import KanoError, PluginError
from kano_tui.plugins import hookimpl
from kano_tui.plugins.discovery import build_for_run
from kano_tui.plugins.manager import build_plugins
from kano_tui.session.export import run_export

BUILT_IN_CLASSIFIERS = {"mode", "mode-strength", "continuous", "better-worse"}


@pytest.fixture
def all_broken(plugin_file):
    """The plugin manager of a run given the good plugin and every broken one."""
    paths = [plugin_file("good", GOOD_PLUGIN)]
    paths += [plugin_file(name, source) for name, source in BROKEN_PLUGINS.items()]
    return build_for_run(paths)


@pytest.mark.parametrize(
    "name, expected",
    [
        ("import_error", "ModuleNotFoundError: No module named 'kano_tui_no_such_module_anywhere'"),
        (
            "bad_signature",
            "register_classifiers(register, surprise) takes 'surprise', which kano "
            "does not pass; write register_classifiers(register)",
        ),
        (
            "misspelt_hook",
            "unknown hook 'register_clasifiers' (did you mean 'register_classifiers'?)",
        ),
        ("raising_hook", "RuntimeError: the hook blew up"),
        ("bad_object", "the classifier 'no-classify' has no 'classify'"),
    ],
)
def test_a_plugin_that_fails_to_load_is_reported_with_its_traceback(all_broken, name, expected):
    info = all_broken.infos[name]
    assert info.state == "failed"
    assert expected in info.error
    assert "Traceback" in info.traceback or f'File "{info.location}"' in info.traceback
    assert info.provides == []


def test_the_other_plugins_and_the_core_keep_working(all_broken, sample_project):
    assert BUILT_IN_CLASSIFIERS | {"always-a", "explodes"} <= set(all_broken.classifiers)
    assert all_broken.infos["good"].state == "enabled"
    sample_project._plugins = all_broken
    assert set(sample_project.analyze().overall["category"]) <= set("AOMIRQ")
    assert set(sample_project.analyze("always-a").overall["category"]) == {"A"}


def test_a_classifier_that_raises_is_disabled_and_the_next_analysis_works(
    all_broken, sample_project
):
    sample_project._plugins = all_broken
    with pytest.raises(PluginError) as raised:
        sample_project.analyze("explodes")
    message = str(raised.value)
    assert message.startswith("Plugin 'raising_classifier' failed (ZeroDivisionError")
    assert "has been disabled" in message and "\n" not in message
    info = all_broken.infos["raising_classifier"]
    assert info.state == "failed" and "ZeroDivisionError" in info.traceback
    assert "explodes" not in all_broken.classifiers
    with pytest.raises(KanoError, match="no classifier named 'explodes'.*raising_classifier"):
        sample_project.analyze("explodes")
    assert sample_project.analyze("mode").classifier == "mode"


def test_an_exporter_that_raises_is_disabled_and_writes_nothing(
    all_broken, sample_project, tmp_path
):
    sample_project._plugins = all_broken
    target = tmp_path / "out.txt"
    with pytest.raises(PluginError, match="raising_exporter.*KeyError"):
        run_export(sample_project, "explodes-export", target)
    assert not target.exists()
    assert "explodes-export" not in all_broken.exporters
    assert run_export(sample_project, "feature-count", target) == [target]
    assert target.read_text(encoding="utf-8") == "4 features\n"


def test_an_importer_that_raises_while_sniffing_is_disabled_and_detection_goes_on(
    all_broken, sample_project, tmp_path
):
    sample_project._plugins = all_broken
    survey = tmp_path / "answers.boom"
    survey.write_text("x\n", encoding="utf-8")
    with pytest.raises(KanoError, match="No importer reads .boom files"):
        sample_project.prepare_import(survey)
    assert "explodes-import" not in all_broken.importers
    assert all_broken.infos["raising_importer"].state == "failed"
    assert "ValueError: cannot sniff" in all_broken.infos["raising_importer"].error


def test_a_built_in_that_raises_is_a_bug_and_is_not_hidden(sample_project, monkeypatch):
    from kano_tui.classifiers import builtin

    def broken(self, figures, settings):
        raise ZeroDivisionError("bug in kano")

    monkeypatch.setattr(builtin.ModeClassifier, "classify_columns", broken)
    with pytest.raises(ZeroDivisionError):
        sample_project.analyze("mode")
    assert sample_project.plugins.infos["kano_tui.classifiers.builtin"].state == "enabled"


def test_a_plugins_own_kano_error_passes_through_without_disabling_it(sample_project):
    class Picky:
        name = "picky"
        description = "refuses small samples"

        def classify(self, figures, settings):
            raise KanoError("The picky classifier needs 1000 respondents per feature.")

    module = types.SimpleNamespace(
        register_classifiers=hookimpl(lambda register: register(Picky()))
    )
    plugins = build_plugins(entry_points=False, extra=[("picky", module)])
    sample_project._plugins = plugins
    with pytest.raises(KanoError, match="needs 1000 respondents"):
        sample_project.analyze("picky")
    assert plugins.infos["picky"].state == "enabled"


@pytest.mark.parametrize(
    "answer, problem",
    [
        (lambda figures: pd.Series("Z", index=figures.index), "returned 'Z'"),
        (lambda figures: pd.Series("A", index=figures.index[:1]), "no category for feature"),
        (lambda figures: 42, "returned int"),
    ],
)
def test_a_classifier_breaking_its_contract_is_disabled(sample_project, answer, problem):
    class Sloppy:
        name = "sloppy"
        description = "answers nonsense"

        def classify(self, figures, settings):
            return answer(figures)

    module = types.SimpleNamespace(
        register_classifiers=hookimpl(lambda register: register(Sloppy()))
    )
    plugins = build_plugins(entry_points=False, extra=[("sloppy", module)])
    sample_project._plugins = plugins
    with pytest.raises(PluginError, match=problem):
        sample_project.analyze("sloppy")
    assert plugins.infos["sloppy"].state == "failed"


def test_a_classifier_may_answer_none_for_undecided_in_an_object_or_string_series(sample_project):
    class Undecided:
        name = "undecided"
        description = "first feature undecided"

        def classify(self, figures, settings):
            letters = [None] + ["M"] * (len(figures) - 1)
            return pd.Series(letters, index=figures.index)  # pandas 3: a str Series, NaN

    module = types.SimpleNamespace(
        register_classifiers=hookimpl(lambda register: register(Undecided()))
    )
    sample_project._plugins = build_plugins(entry_points=False, extra=[("undecided", module)])
    categories = sample_project.analyze("undecided").overall["category"]
    assert categories.iloc[0] is None and set(categories.iloc[1:]) == {"M"}


def test_two_plugins_registering_the_same_name_the_second_is_refused(plugin_file):
    twin = GOOD_PLUGIN.replace("__version__", "__other__")
    plugins = build_for_run([plugin_file("good", GOOD_PLUGIN), plugin_file("twin", twin)])
    assert plugins.infos["good"].state == "enabled"
    assert plugins.infos["twin"].state == "failed"
    assert "already taken by plugin 'good'" in plugins.infos["twin"].error
    assert plugins.owner_of("classifier", "always-a").name == "good"


def test_a_plugin_cannot_take_a_built_in_name(plugin_file):
    source = GOOD_PLUGIN.replace('name: str = "always-a"', 'name: str = "mode"')
    plugins = build_for_run([plugin_file("impostor", source)])
    impostor = plugins.infos["impostor"]
    assert (
        "already taken by plugin 'kano_tui.classifiers.builtin'"
        in impostor.disabled["classifier mode"]
    )
    assert plugins.owner_of("classifier", "mode").built_in
    # Only the clashing classifier is refused; its importer and exporter are loaded.
    assert impostor.state == "enabled"
    assert impostor.provides == ["importer pipe", "exporter feature-count"]


def test_a_plugin_calling_sys_exit_at_import_does_not_stop_kano(plugin_file):
    plugins = build_for_run([plugin_file("quitter", "import sys\nsys.exit(3)\n")])
    assert plugins.infos["quitter"].state == "failed"
    assert "SystemExit" in plugins.infos["quitter"].error
    assert "mode" in plugins.classifiers


@pytest.mark.parametrize("name", ["import_error", "raising_hook"])
def test_strict_mode_re_raises_the_original_error(plugin_file, monkeypatch, name):
    monkeypatch.setenv("KANO_STRICT_PLUGINS", "1")
    with pytest.raises(Exception) as raised:
        build_for_run([plugin_file(name, BROKEN_PLUGINS[name])])
    assert not isinstance(raised.value, PluginError)


@pytest.mark.parametrize(
    "name, problem",
    [
        ("bad_signature", "takes 'surprise', which kano does not pass"),
        ("misspelt_hook", "unknown hook 'register_clasifiers'"),
        ("bad_object", "the classifier 'no-classify' has no 'classify'"),
    ],
)
def test_strict_mode_stops_at_a_problem_kano_finds_with_its_sentence(
    plugin_file, monkeypatch, name, problem
):
    monkeypatch.setenv("KANO_STRICT_PLUGINS", "1")
    with pytest.raises(PluginError, match=problem):
        build_for_run([plugin_file(name, BROKEN_PLUGINS[name])])


def test_strict_mode_re_raises_inside_a_call(plugin_file, sample_project, monkeypatch):
    monkeypatch.setenv("KANO_STRICT_PLUGINS", "1")
    sample_project._plugins = build_for_run(
        [plugin_file("raising_classifier", BROKEN_PLUGINS["raising_classifier"])]
    )
    with pytest.raises(ZeroDivisionError):
        sample_project.analyze("explodes")


def test_listeners_hear_about_a_plugin_being_disabled(all_broken, sample_project):
    heard = []
    all_broken.listeners.append(heard.append)
    all_broken.listeners.append(lambda info: 1 / 0)  # a broken listener changes nothing
    sample_project._plugins = all_broken
    with pytest.raises(PluginError):
        sample_project.analyze("explodes")
    assert [info.name for info in heard] == ["raising_classifier"]
