"""Plugin reach: options with a schema, commands, panels, and what exporters and
importers are handed -- through the real ``kano`` command and the real plugin manager."""

from __future__ import annotations

import json
import re
import textwrap
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kano_tui.errors import KanoError, PluginError
from kano_tui.plugins.discovery import build_for_run
from kano_tui.plugins.options import PluginOption, parse_overrides, resolve
from kano_tui.plugins.reach import PanelContext, render_panel

REACH_PLUGIN = '''
import json
from dataclasses import dataclass

import click
import pandas as pd

from kano_tui.errors import KanoError, SurveyImportError
from kano_tui.plugins import PluginOption, hookimpl

kano_api = ">=1,<2"


@dataclass(frozen=True)
class ShareMode:
    name: str = "share-mode"
    description: str = "The mode where its share reaches [plugins.reachy] min_share"

    def classify(self, figures, settings):
        options = figures.attrs["options"]
        counts = figures[["M", "O", "A", "I", "R"]]
        leader = counts.idxmax(axis=1).astype(object)
        share = counts.max(axis=1) / figures["n"].where(figures["n"] > 0)
        return leader.where(share >= options["min_share"], None)


@dataclass(frozen=True)
class OptionsDump:
    name: str = "options-dump"
    description: str = "What an exporter is handed, as JSON"
    extension: str = ".json"

    def export(self, context, destination):
        backlog = context.backlog()
        destination.write_text(json.dumps({
            "options": context.plugin_options, "language": context.settings.language,
            "table": context.table().name, "backlog": [i.feature for i in backlog],
        }), encoding="utf-8")
        return [destination]


@dataclass(frozen=True)
class Echo:
    name: str = "echo"
    description: str = "Refuses every file, naming its own option"
    extensions: tuple = (".echo",)

    def sniff(self, path, head):
        return True

    def read(self, path, options):
        raise SurveyImportError(f"{path}: label is {options.plugin_options['label']!r}.")


@dataclass(frozen=True)
class Shares:
    name: str = "shares"
    title: str = "Shares"
    description: str = "Respondents per feature"

    def render(self, analysis, context):
        return (f"{len(analysis.overall)} features, min_share {context.options['min_share']}"
                f", {context.settings.language}")


@click.command("reach-hello")
@click.argument("who")
def hello(who):
    """Say hello to WHO."""
    click.echo(f"hello {who}")


@click.command("reach-broken")
def broken():
    """Always fails."""
    raise ZeroDivisionError("boom")


@hookimpl
def register_options(register):
    register(PluginOption("min_share", float, 0.0, minimum=0, maximum=1,
                          help="The least share of the leading category"))
    register(PluginOption("label", str, "plain", choices=("plain", "fancy"), help="A label"))
    register(PluginOption("verbose", bool, False, help="Say more"))


@hookimpl
def register_classifiers(register):
    register(ShareMode())


@hookimpl
def register_exporters(register):
    register(OptionsDump())


@hookimpl
def register_importers(register):
    register(Echo())


@hookimpl
def register_commands(register):
    register(hello)
    register(broken)


@hookimpl
def register_panels(register):
    register(Shares())
'''


@pytest.fixture
def reach(plugin_file) -> Path:
    return plugin_file("reachy", REACH_PLUGIN)


def categories(result) -> dict[str, str | None]:
    assert result.returncode == 0, result.stderr
    return {f["id"]: f["category"] for f in json.loads(result.stdout)["features"]}


def add_to_toml(project: Path, text: str) -> None:
    path = project / "kano.toml"
    path.write_text(path.read_text(encoding="utf-8") + textwrap.dedent(text), encoding="utf-8")


def test_hook_register_options_values_reach_the_classifier_from_kano_toml_and_option(
    kano, reach, sample_project
):
    project = sample_project.directory
    default = categories(
        kano(
            "--plugin", reach, "analyze", project, "--classifier", "share-mode", "--format", "json"
        )
    )
    assert all(default.values())  # min_share 0: the plain mode
    add_to_toml(project, "\n[plugins.reachy]\nmin_share = 1.0\n")
    strict = categories(
        kano(
            "--plugin", reach, "analyze", project, "--classifier", "share-mode", "--format", "json"
        )
    )
    assert not any(strict.values())  # nobody has every respondent in one category
    overridden = categories(
        kano(
            "--plugin",
            reach,
            "analyze",
            project,
            "--classifier",
            "share-mode",
            "--format",
            "json",
            "--option",
            "reachy.min_share=0",
        )
    )
    assert overridden == default


def test_a_wrong_option_in_kano_toml_is_one_sentence_naming_the_line_key_and_value(
    kano, reach, sample_project
):
    project = sample_project.directory
    add_to_toml(project, '\n[plugins.reachy]\nlabel = "fancy"\nmin_share = "most"\n')
    line = (project / "kano.toml").read_text(encoding="utf-8").splitlines().index(
        'min_share = "most"'
    ) + 1
    result = kano("--plugin", reach, "analyze", project)
    assert result.returncode == 1
    assert result.stderr == (
        f'kano: {project / "kano.toml"}, line {line}: [plugins.reachy] min_share = "most" '
        "must be a number from 0 to 1 (The least share of the leading category).\n"
    )


@pytest.mark.parametrize(
    ("option", "message"),
    [
        (
            "reachy.min_shar=1",
            "plugin 'reachy' has no option 'min_shar' (did you mean "
            "'min_share'?); its options: min_share, label, verbose.",
        ),
        (
            "reach.label=plain",
            "no loaded plugin named 'reach' has options (did you mean 'reachy'?)",
        ),
        ("reachy.label=gaudy", "label must be one of plain, fancy (A label)."),
        ("reachy.verbose=maybe", "verbose must be true or false (Say more)."),
        ("reachy", "is not PLUGIN.KEY=VALUE"),
    ],
)
def test_a_wrong_option_flag_is_refused_naming_it(kano, reach, sample_project, option, message):
    result = kano(
        "--plugin",
        reach,
        "export",
        sample_project.directory,
        "-e",
        "options-dump",
        "--option",
        option,
    )
    assert result.returncode == 1
    assert message in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_exporters_get_the_backlog_table_settings_and_their_options(
    kano, reach, sample_project, tmp_path
):
    target = tmp_path / "dump.json"
    result = kano(
        "--plugin",
        reach,
        "export",
        sample_project.directory,
        "-e",
        "options-dump",
        "-o",
        target,
        "--table",
        "pouliot",
        "--option",
        "reachy.verbose=yes",
        "--option",
        "reachy.label=fancy",
    )
    assert result.returncode == 0, result.stderr
    dumped = json.loads(target.read_text(encoding="utf-8"))
    assert dumped["options"] == {"min_share": 0.0, "label": "fancy", "verbose": True}
    assert (dumped["language"], dumped["table"]) == ("en", "pouliot")
    backlog = kano("backlog", sample_project.directory, "--format", "json", "--table", "pouliot")
    assert dumped["backlog"] == [item["feature"] for item in json.loads(backlog.stdout)]


def test_importers_get_their_options(kano, reach, sample_project, tmp_path):
    survey = tmp_path / "answers.echo"
    survey.write_text("anything\n", encoding="utf-8")
    result = kano(
        "--plugin",
        reach,
        "import",
        sample_project.directory,
        survey,
        "--option",
        "reachy.label=fancy",
    )
    assert result.returncode == 1
    assert result.stderr == f"kano: {survey}: label is 'fancy'.\n"


def test_kano_plugins_lists_the_options_with_the_projects_values(kano, reach, sample_project):
    add_to_toml(sample_project.directory, "\n[plugins.reachy]\nmin_share = 0.25\n")
    listed = kano(
        "--plugin", reach, "plugins", "list", sample_project.directory, "--format", "json"
    )
    assert listed.returncode == 0, listed.stderr
    info = next(p for p in json.loads(listed.stdout)["plugins"] if p["name"] == "reachy")
    options = {o["name"]: o for o in info["options"]}
    assert options["min_share"]["value"] == 0.25 and options["min_share"]["default"] == 0.0
    assert options["label"]["choices"] == ["plain", "fancy"]
    table = kano("--plugin", reach, "plugins")
    assert "option      reachy.min_share = 0.0" in table.stdout
    assert "command     reach-hello" in table.stdout and "Say hello to WHO." in table.stdout
    assert "panel       shares" in table.stdout


@pytest.mark.parametrize(
    ("declaration", "problem"),
    [
        ('PluginOption("two words", int, 1)', "an option name is a letter"),
        ('PluginOption("level", float, "high")', "the default 'high' of its option 'level'"),
        ('PluginOption("level", list, [])', "has type <class 'list'>"),
        ('"level"', "it declared an option named None"),
    ],
)
def test_a_bad_option_declaration_disables_its_plugin(plugin_file, declaration, problem):
    path = plugin_file(
        "badopts",
        f"""
from kano_tui.plugins import PluginOption, hookimpl

@hookimpl
def register_options(register):
    register({declaration})
""",
    )
    info = build_for_run([path]).infos["badopts"]
    assert info.state == "failed" and problem in info.error, info.error


def test_hook_register_commands_adds_a_subcommand_listed_in_help(kano, reach):
    hello = kano("--plugin", reach, "reach-hello", "world")
    assert (hello.returncode, hello.stdout) == (0, "hello world\n"), hello.stderr
    helped = kano("--plugin", reach, "--help")
    commands, _, plugin_commands = helped.stdout.partition("Plugin commands:")
    assert re.search(r"reach-hello +Say hello to WHO\. \[reachy\]", plugin_commands)
    assert "analyze" in commands and "reach-hello" not in commands
    assert kano("--plugin", reach, "reach-hello", "--help").returncode == 0


def test_a_failing_command_is_its_plugins_failure_not_an_internal_error(kano, reach):
    result = kano("--plugin", reach, "reach-broken")
    assert result.returncode == 1
    assert result.stderr == (
        "kano: Plugin 'reachy' failed (ZeroDivisionError: boom) and has "
        "been disabled; run with KANO_STRICT_PLUGINS=1 to see the "
        "traceback.\n"
    )


def test_a_command_cannot_shadow_a_built_in_one(kano, plugin_file, sample_project):
    path = plugin_file(
        "shadow",
        """
import click
from kano_tui.plugins import hookimpl

@click.command("analyze")
def analyze():
    click.echo("hijacked")

@hookimpl
def register_commands(register):
    register(analyze)
""",
    )
    result = kano("--plugin", path, "analyze", sample_project.directory, "--format", "json")
    assert result.returncode == 0 and "hijacked" not in result.stdout
    listed = kano("--plugin", path, "plugins")
    assert "its command 'analyze' has the name of a built-in kano command" in listed.stdout


def test_a_command_that_is_not_a_click_command_disables_its_plugin(plugin_file):
    path = plugin_file(
        "notclick",
        """
from kano_tui.plugins import hookimpl

class Command:
    name = "hello"

@hookimpl
def register_commands(register):
    register(Command())
""",
    )
    info = build_for_run([path]).infos["notclick"]
    assert info.state == "failed" and "not a click command" in info.error


def test_hook_register_panels_renders_the_analysis_and_a_failing_panel_disables_its_plugin(
    reach, plugin_file, sample_project
):
    failing = plugin_file(
        "badpanel",
        """
from kano_tui.plugins import hookimpl

class Panel:
    name = "bad"
    title = "Bad"
    description = "raises"

    def render(self, analysis, context):
        return analysis.nothing_here

@hookimpl
def register_panels(register):
    register(Panel())
""",
    )
    plugins = build_for_run([reach, failing])
    sample_project.plugins = plugins
    analysis = sample_project.analyze()
    context = PanelContext(
        sample_project.options_for("panel", "shares"),
        sample_project.project.settings,
        sample_project.project,
    )
    assert render_panel(plugins, "shares", analysis, context) == "4 features, min_share 0.0, en"
    with pytest.raises(PluginError, match="Plugin 'badpanel' failed"):
        render_panel(plugins, "bad", analysis, context)
    assert "bad" not in plugins.registry["panel"]
    assert plugins.infos["badpanel"].state == "failed"


def test_a_panel_without_a_title_disables_its_plugin(plugin_file):
    path = plugin_file(
        "untitled",
        """
from kano_tui.plugins import hookimpl

class Panel:
    name = "p"
    def render(self, analysis, context):
        return ""

@hookimpl
def register_panels(register):
    register(Panel())
""",
    )
    info = build_for_run([path]).infos["untitled"]
    assert info.state == "failed" and "has no 'title'" in info.error


def test_options_of_plugins_that_are_not_loaded_are_left_alone(reach):
    plugins = build_for_run([reach])
    resolved = resolve(plugins, {"elsewhere": {"anything": [1, 2]}})
    assert resolved.of("reachy") == {"min_share": 0.0, "label": "plain", "verbose": False}
    with pytest.raises(KanoError, match="must be a table"):
        resolve(plugins, {"reachy": 3})


OPTIONS = st.one_of(
    st.tuples(st.just(int), st.integers(-(10**6), 10**6)),
    st.tuples(st.just(float), st.floats(allow_nan=False, allow_infinity=False)),
    st.tuples(st.just(bool), st.booleans()),
    st.tuples(st.just(str), st.text(max_size=20)),
)


@given(OPTIONS)
def test_an_option_value_written_as_text_reads_back_as_itself(typed):
    kind, value = typed
    option = PluginOption("key", kind, value)
    text = str(value).lower() if kind is bool else repr(value) if kind is float else str(value)
    parsed = option.parse(text)
    assert option.problem(parsed) is None
    assert parsed == value and type(parsed) is kind


@given(st.floats(allow_nan=False), st.floats(0, 1))
def test_a_number_outside_its_bounds_is_refused(value, bound):
    option = PluginOption("key", float, 0.0, minimum=0.0, maximum=bound)
    assert (option.problem(value) is None) == (0.0 <= value <= bound)


def test_option_overrides_split_at_the_first_dot_and_equals():
    [override] = parse_overrides(["variants.label=a=b.c"])
    assert (override.plugin, override.key, override.text) == ("variants", "label", "a=b.c")
