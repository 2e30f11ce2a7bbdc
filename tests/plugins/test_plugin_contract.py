"""The contract docs/plugins.md promises, each clause against a real plugin file: what a
registered object must have (read off the protocols), what its methods must answer, and
what the user sees when a plugin breaks the contract."""

from __future__ import annotations

import textwrap

import pytest
from plugin_sources import GOOD_PLUGIN

from kano_tui.errors import KanoError, PluginError
from kano_tui.plugins import protocols
from kano_tui.plugins.discovery import build_for_run

# A complete object of each kind, as plugin source; each test removes or breaks one part.
OBJECTS = {
    "classifier": (
        "register_classifiers",
        {
            "name": '"whole"',
            "description": '"complete"',
            "classify": "lambda figures, settings: None",
        },
    ),
    "importer": (
        "register_importers",
        {
            "name": '"whole"',
            "description": '"complete"',
            "extensions": '(".whole",)',
            "sniff": "lambda path, head: False",
            "read": "lambda path, options: None",
        },
    ),
    "exporter": (
        "register_exporters",
        {
            "name": '"whole"',
            "description": '"complete"',
            "extension": '".txt"',
            "export": "lambda context, destination: [destination]",
        },
    ),
    "evaluation_table": (
        "register_evaluation_tables",
        {
            "name": '"whole"',
            "description": '"complete"',
            "rows": '("QAAAO", "RIIIM", "RIIIM", "RIIIM", "RRRRQ")',
        },
    ),
}


def object_plugin(kind: str, leave_out: str = "") -> str:
    hook, parts = OBJECTS[kind]
    fields = "\n".join(
        f"    {name} = {value}" for name, value in parts.items() if name != leave_out
    )
    methods = {"classify", "sniff", "read", "export"}
    fields = "\n".join(
        f"    {line.split(' = ')[0].strip()} = staticmethod({line.split(' = ', 1)[1]})"
        if line.split(" = ")[0].strip() in methods
        else line
        for line in fields.splitlines()
    )
    return (
        f"from kano_tui.plugins import hookimpl\n\nclass Thing:\n{fields}\n\n"
        f"@hookimpl\ndef {hook}(register):\n    register(Thing())\n"
    )


def test_the_protocols_are_the_one_list_of_what_an_object_needs():
    assert protocols.members(protocols.Classifier) == (("name", "description"), ("classify",))
    assert protocols.members(protocols.Importer) == (
        ("name", "description", "extensions"),
        ("sniff", "read"),
    )
    assert protocols.members(protocols.Exporter) == (
        ("name", "description", "extension"),
        ("export",),
    )
    assert protocols.members(protocols.EvaluationTable) == (("name", "description", "rows"), ())
    for kind, (_, parts) in OBJECTS.items():
        attributes, methods = protocols.members(protocols.PROTOCOLS[kind])
        assert set(parts) == set(attributes) | set(methods), kind


@pytest.mark.parametrize(
    "kind, missing",
    [
        (kind, member)
        for kind in OBJECTS
        for member in sum(protocols.members(protocols.PROTOCOLS[kind]), ())
    ],
)
def test_an_object_missing_any_protocol_member_is_refused_naming_it(plugin_file, kind, missing):
    whole = build_for_run([plugin_file("whole", object_plugin(kind))])
    assert whole.infos["whole"].state == "enabled", whole.infos["whole"].error
    plugins = build_for_run([plugin_file("partial", object_plugin(kind, leave_out=missing))])
    info = plugins.infos["partial"]
    assert info.state == "failed" and info.provides == []
    if missing == "name":
        assert "without a name" in info.error
    else:
        assert f"has no {missing!r}" in info.error


def test_a_classifier_without_a_description_is_refused_as_the_guide_says(plugin_file, kano):
    path = plugin_file("undescribed", object_plugin("classifier", leave_out="description"))
    result = kano("--plugin", path, "plugins")
    assert result.returncode == 0
    assert "undescribed" in result.stdout and "failed" in result.stdout
    assert "Plugin 'undescribed': the classifier 'whole' has no 'description'." in result.stdout


SLOPPY = """
import math
import pandas as pd
from kano_tui.plugins import hookimpl

class Sloppy:
    description = "answers something else than the protocol says"
    def __init__(self, name, answer):
        self.name, self.answer = name, answer
    def classify(self, figures, settings):
        return self.answer(figures)

ANSWERS = {
    "nan": lambda f: pd.Series([math.nan] * len(f), index=f.index, dtype=object),
    "float-nan": lambda f: pd.Series(math.nan, index=f.index),
    "plain-list": lambda f: ["M"] * len(f),
    "positions": lambda f: pd.Series(["M"] * len(f)),
    "short": lambda f: pd.Series("M", index=f.index[:1]),
    "stranger": lambda f: pd.Series("M", index=list(f.index) + ["nobody"]),
    "letter-z": lambda f: pd.Series("Z", index=f.index),
}

@hookimpl
def register_classifiers(register):
    for name, answer in ANSWERS.items():
        register(Sloppy(name, answer))
    register(Sloppy("fine", lambda f: pd.Series("M", index=f.index, dtype=object)))
"""


@pytest.mark.parametrize(
    "classifier, problem",
    [
        (
            "nan",
            "returned NaN for feature 'battery-life'; return None where the figures do not decide",
        ),
        ("float-nan", "returned NaN for feature 'battery-life'"),
        ("plain-list", "returned list, not a pandas Series indexed by feature id"),
        ("positions", "returned a Series with index 0..3 instead of feature ids"),
        ("short", "returned no category for feature 'camera'"),
        ("stranger", "returned a category for 'nobody', which is not a feature id"),
        (
            "letter-z",
            "returned 'Z' for feature 'battery-life'; expected one of A O M I R Q or None",
        ),
    ],
)
def test_a_classifier_answer_outside_the_protocol_is_a_contract_violation_naming_it(
    plugin_file, sample_project, classifier, problem
):
    plugins = build_for_run([plugin_file("sloppy", SLOPPY)])
    sample_project._plugins = plugins
    with pytest.raises(PluginError) as raised:
        sample_project.analyze(classifier)
    message = str(raised.value)
    assert f"ContractViolation: classifier {classifier!r} {problem}" in message
    assert "\n" not in message
    # One bad classifier disables itself; its seven siblings stay.
    info = plugins.infos["sloppy"]
    assert info.state == "enabled" and f"classifier {classifier}" in info.disabled
    assert classifier not in plugins.classifiers
    assert len(info.provides) == 7
    assert set(sample_project.analyze("fine").overall["category"]) == {"M"}


EIGHT = """
import pandas as pd
from kano_tui.plugins import hookimpl

class Must:
    description = "every feature a must-be"
    def __init__(self, name):
        self.name = name
    def classify(self, figures, settings):
        return pd.Series("M", index=figures.index, dtype=object)

class Silent:
    name = "silent"  # no description: refused
    def classify(self, figures, settings):
        return pd.Series("M", index=figures.index, dtype=object)

@hookimpl
def register_classifiers(register):
    for number in range(7):
        register(Must(f"must-{number}"))
    register(Silent())
"""


def test_one_bad_classifier_is_listed_as_disabled_beside_its_siblings(plugin_file, kano):
    result = kano("--plugin", plugin_file("eight", EIGHT), "plugins")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert next(line for line in lines if line.startswith("eight")).endswith("enabled")
    assert sum("classifier  must-" in line for line in lines) == 7
    assert any(
        "classifier  silent" in line
        and "disabled: Plugin 'eight': the classifier 'silent' has no 'description'." in line
        for line in lines
    )


WRONG_IMPORTER = """
import pandas as pd
from kano_tui.plugins import hookimpl

class HandsBackAFrame:
    name = "frame"
    description = "returns a DataFrame where a SurveyTable belongs"
    extensions = (".frame",)
    def sniff(self, path, head):
        return True
    def read(self, path, options):
        return pd.read_csv(path, dtype="str")

@hookimpl
def register_importers(register):
    register(HandsBackAFrame())
"""


def test_an_importer_returning_the_wrong_type_is_the_plugins_error_not_kanos(
    plugin_file, kano, sample_project, tmp_path
):
    survey = tmp_path / "answers.frame"
    survey.write_text("respondent,F1.functional,F1.dysfunctional\nr1,1,5\n", encoding="utf-8")
    before = (sample_project.directory / "kano.toml").read_bytes()
    result = kano(
        "--plugin",
        plugin_file("wrong_importer", WRONG_IMPORTER),
        "import",
        sample_project.directory,
        survey,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert result.stderr.count("\n") == 1
    assert (
        "Plugin 'wrong_importer' failed (ContractViolation: importer 'frame' returned "
        "DataFrame from read(), not a SurveyTable"
    ) in result.stderr
    assert "internal error" not in result.stderr.lower() and "Traceback" not in result.stderr
    assert (sample_project.directory / "kano.toml").read_bytes() == before


def test_an_exporter_returning_something_else_than_its_files_is_refused(
    plugin_file, sample_project, tmp_path
):
    from kano_tui.session.export import run_export

    source = GOOD_PLUGIN.replace("return [destination]", "return None")
    sample_project._plugins = build_for_run([plugin_file("good", source)])
    with pytest.raises(
        PluginError,
        match="exporter 'feature-count' returned NoneType from "
        r"export\(\), not the list of paths it wrote",
    ):
        run_export(sample_project, "feature-count", tmp_path / "count.txt")
    assert not (tmp_path / "count.txt").exists()


NO_HOOKS = """
def register_classifiers(register):  # forgot @hookimpl
    pass
"""


def test_a_module_with_no_hookimpl_is_warned_about(plugin_file, kano):
    result = kano("--plugin", plugin_file("forgetful", NO_HOOKS), "plugins")
    assert result.returncode == 0
    assert (
        "kano: note: Plugin 'forgetful' (" in result.stderr
        and "implements no hook and provides nothing: register_classifiers is not marked "
        "@hookimpl (from kano_tui.plugins import hookimpl)."
        in result.stderr
    )
    empty = kano("--plugin", plugin_file("empty", "x = 1\n"), "plugins")
    assert (
        "Plugin 'empty'" in empty.stderr
        and "mark its hook functions with @hookimpl" in empty.stderr
    )


RAISING_SNIFF = """
from kano_tui.plugins import hookimpl

class Nosy:
    name = "nosy"
    description = "raises while sniffing"
    extensions = (".pipe",)
    def sniff(self, path, head):
        raise ValueError("cannot sniff")
    def read(self, path, options):
        raise AssertionError("never asked to read")

@hookimpl
def register_importers(register):
    register(Nosy())
"""


def test_a_sniff_that_raises_skips_that_importer_and_detection_goes_on(
    plugin_file, sample_project, tmp_path
):
    plugins = build_for_run([plugin_file("nosy", RAISING_SNIFF), plugin_file("good", GOOD_PLUGIN)])
    sample_project._plugins = plugins
    survey = tmp_path / "answers.pipe"
    survey.write_text("respondent|F1.functional|F1.dysfunctional\nr1|1|5\n", encoding="utf-8")
    assert sample_project.choose_importer(survey).name == "pipe"
    assert plugins.infos["nosy"].state == "failed"
    assert "ValueError: cannot sniff" in plugins.infos["nosy"].error
    assert sample_project.prepare_import(survey).importer == "pipe"


def test_a_hook_with_a_wrong_signature_names_the_argument(plugin_file, kano):
    source = (
        "from kano_tui.plugins import hookimpl\n\n@hookimpl\n"
        "def register_exporters(register, options):\n    pass\n"
    )
    result = kano("--plugin", plugin_file("greedy", source), "plugins")
    assert (
        "Plugin 'greedy': its hook register_exporters(register, options) takes "
        "'options', which kano does not pass; write register_exporters(register)." in result.stdout
    )


def test_a_plugins_own_kano_error_in_one_classifier_disables_nothing(plugin_file, sample_project):
    source = SLOPPY.replace('"plain-list": lambda f: ["M"] * len(f),', "")
    source = source.replace("import math", "import math\nfrom kano_tui.errors import KanoError")
    source += textwrap.dedent("""
        def refuse(figures):
            raise KanoError("The picky classifier needs 1000 respondents per feature.")

        ANSWERS["picky"] = refuse
    """)
    plugins = build_for_run([plugin_file("sloppy", source)])
    sample_project._plugins = plugins
    with pytest.raises(KanoError, match="needs 1000 respondents"):
        sample_project.analyze("picky")
    assert "picky" in plugins.classifiers and not plugins.infos["sloppy"].disabled


def test_kano_plugins_never_refers_users_to_the_brief(kano):
    result = kano("plugins")
    assert result.returncode == 0
    assert "BRIEF" not in result.stdout + result.stderr


def test_the_registry_is_typed_by_kind(plugin_file):
    plugins = build_for_run([plugin_file("good", GOOD_PLUGIN)])
    assert isinstance(plugins.classifier("always-a"), protocols.Classifier)
    assert isinstance(plugins.importer("pipe"), protocols.Importer)
    assert isinstance(plugins.exporter("feature-count"), protocols.Exporter)
    assert isinstance(plugins.evaluation_table("standard"), protocols.EvaluationTable)
    with pytest.raises(KanoError, match="There is no evaluation table named 'nope'"):
        plugins.evaluation_table("nope")


def test_the_plugins_screen_details_a_disabled_object_under_its_enabled_plugin(plugin_file):
    from kano_tui.tui.screens.plugins import detail_text

    plugins = build_for_run([plugin_file("eight", EIGHT)])
    shown = detail_text(plugins.infos["eight"], plugins).plain
    assert "state: enabled" in shown
    assert "classifier  must-6" in shown
    assert (
        "Disabled\n  classifier silent: Plugin 'eight': the classifier 'silent' has no "
        "'description'."
    ) in shown


def test_two_workers_meeting_the_same_failure_get_the_same_sentence(plugin_file, sample_project):
    """The TUI runs analyses in several workers: each may hold the classifier when it fails;
    the second is told what the first was, not "internal error" or a second story."""
    from kano_tui.plugins.manager import PluginDisabled

    plugins = build_for_run([plugin_file("sloppy", SLOPPY)])
    sample_project._plugins = plugins
    held = plugins.classifier("positions")  # fetched by two workers before either ran it
    figures = sample_project.analyze("fine").overall
    errors = []
    for _ in range(2):
        with pytest.raises(PluginDisabled) as raised, plugins.guard("classifier", "positions"):
            held.classify(figures, sample_project.project.settings)
        errors.append(raised.value)
    assert str(errors[0]) == str(errors[1]) and "index 0..3" in errors[0].reason
    again = plugins.disable("classifier", "positions", RuntimeError("late"))
    assert again is errors[0]
    assert len(plugins.infos["sloppy"].provides) == 7
