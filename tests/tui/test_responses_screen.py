"""The Responses screen: the respondents table, filters, answer distributions, imports."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Button, Input, Select, TabbedContent
from tui_helpers import screen_text, settle, type_text

from kano_tui.engine.project.projectfile import load_project
from kano_tui.session.workspace import Workspace
from kano_tui.tui.app import KanoApp
from kano_tui.tui.importing import ImportScreen, MappingForm
from kano_tui.tui.widgets.virtual_table import VirtualTable


def respondents(app: KanoApp) -> VirtualTable:
    return app.screen.query_one("#respondents-table", VirtualTable)


async def test_the_table_lists_every_respondent_and_moves_with_the_keyboard(smartphone):
    app = KanoApp(smartphone, first_screen="responses")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = respondents(app)
        frame = smartphone.responses().frame
        assert table.row_count == len(frame)
        text = screen_text(app)
        assert f"{len(frame):,} respondents" in text
        assert frame["respondent"].iloc[0] in text
        await pilot.press("pagedown")
        assert table.cursor_row > 0
        await pilot.press("end")
        await pilot.pause()
        assert table.cursor_row == len(frame) - 1
        assert frame["respondent"].iloc[-1] in screen_text(app)
        await pilot.press("home")
        assert table.cursor_row == 0


async def test_each_feature_cell_shows_the_answer_letters_and_the_pair_category(smartphone):
    app = KanoApp(smartphone, first_screen="responses")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        frame = smartphone.responses().frame
        first = next(
            line
            for line in screen_text(app).splitlines()
            if line.startswith(frame["respondent"].iloc[0])
        )
        letters = "·LENTD"
        f = int(frame["calls.functional"].iloc[0])
        d = int(frame["calls.dysfunctional"].iloc[0])
        from kano_tui.engine.analysis.figures import EVALUATION_TABLE

        expected = f"{letters[f]}{letters[d]}" + (
            f" {EVALUATION_TABLE[f - 1][d - 1]}" if f and d else ""
        )
        assert expected in first


async def test_filtering_by_wave_and_segment_narrows_the_respondents(smartphone):
    app = KanoApp(smartphone, first_screen="responses")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        frame = smartphone.responses().frame
        wave = smartphone.responses().waves()[1]
        app.screen.query_one("#filter-wave", Select).value = wave
        await settle(pilot)
        in_wave = int((frame["wave"] == wave).sum())
        assert respondents(app).row_count == in_wave
        assert f"{in_wave:,} of {len(frame):,} respondents" in screen_text(app)
        app.screen.query_one("#filter-segment", Select).value = "plan"
        await settle(pilot)
        app.screen.query_one("#filter-value", Select).value = "prepaid"
        await settle(pilot)
        both = int(((frame["wave"] == wave) & (frame["plan"] == "prepaid")).sum())
        assert respondents(app).row_count == both
        assert "plan = prepaid" in screen_text(app)
        await pilot.press("x")
        await settle(pilot)
        assert respondents(app).row_count == len(frame)


async def test_the_answers_tab_shows_a_features_distribution_matching_the_analysis(smartphone):
    app = KanoApp(smartphone, first_screen="responses")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        assert app.screen.query_one("#responses-tabs", TabbedContent).active == "answers"
        figures = smartphone.analyze().overall
        text = screen_text(app)
        assert f"{figures.at['calls', 'n']:,} of" in text
        assert f"M {figures.at['calls', 'M']:,}" in text
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert f"M {figures.at['messaging', 'M']:,}" in screen_text(app)
        assert "Messaging" in screen_text(app)


async def test_the_imports_tab_lists_the_imported_files(smartphone):
    app = KanoApp(smartphone, first_screen="responses")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("m")
        await settle(pilot)
        text = screen_text(app)
        for record in smartphone.project.imports:
            assert record.id in text and record.source in text


def survey_file(directory: Path, name: str, header: str, *rows: str) -> Path:
    path = directory / name
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


async def open_import(pilot, path: Path) -> None:
    await pilot.press("i")
    await pilot.pause()
    assert isinstance(pilot.app.screen, ImportScreen)
    pilot.app.screen.query_one("#import-path", Input).value = str(path)
    await pilot.press("enter")
    await settle(pilot)


async def test_importing_a_file_from_the_tui_stores_the_respondents(new_project, sample_copy):
    workspace = new_project("fresh")
    source = sample_copy("smartphone") / "survey" / "wave-1-2026-03-15.csv"
    before = source.read_bytes()
    app = KanoApp(workspace, first_screen="responses")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "press i to import" in screen_text(app)
        await open_import(pilot, source)
        text = screen_text(app)
        assert "400 respondents" in text and "No problems" in text
        assert not app.screen.query_one("#commit", Button).disabled
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, ImportScreen)
        assert respondents(app).row_count == 400
        assert not app.unsaved and not app.history.can_undo
    assert source.read_bytes() == before  # the source file is never modified
    saved = load_project(workspace.directory)
    assert len(saved.imports) == 1 and len(saved.features) == 11
    assert len(Workspace.open(workspace.directory).responses()) == 400


async def test_a_file_with_problems_lists_every_one_and_cannot_be_imported(new_project, tmp_path):
    workspace = new_project("fresh")
    path = survey_file(
        tmp_path,
        "bad.csv",
        "respondent,speed.functional,speed.dysfunctional",
        "r1,I like it,I dislike it",
        "r2,Whatever,I dislike it",
        "r3,I like it,",
    )
    app = KanoApp(workspace, first_screen="responses")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await open_import(pilot, path)
        text = screen_text(app)
        problems = app.screen.prepared.problems
        assert len(problems) == 1 and "row 3" in problems[0] and "'Whatever'" in problems[0]
        assert "1 problem:" in text and "Whatever" in text
        assert app.screen.query_one("#commit", Button).disabled
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ImportScreen)  # nothing imported
    assert load_project(workspace.directory).imports == []


async def test_a_missing_file_is_an_error_in_the_dialog_not_a_crash(new_project, tmp_path):
    workspace = new_project("fresh")
    app = KanoApp(workspace, first_screen="responses")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await open_import(pilot, tmp_path / "nowhere.csv")
        assert "Could not read the file." in screen_text(app)
        assert app.is_running


async def test_mapping_unnamed_columns_to_a_feature_then_importing(new_project, tmp_path):
    workspace = new_project("fresh")
    path = survey_file(
        tmp_path,
        "tool-export.csv",
        "id,Q1,Q2",
        "r1,I like it,I dislike it",
        "r2,I expect it,I dislike it",
        "r3,I am neutral,I can live with it",
    )
    app = KanoApp(workspace, first_screen="responses")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await open_import(pilot, path)
        assert "no column holds a Kano question" in app.screen.prepared.problems[0]
        assert "1 problem:" in screen_text(app)
        for column, role in (("Q1", "functional"), ("Q2", "dysfunctional")):
            plan = app.screen.query_one("#import-plan")
            plan.focus()
            plan.move_cursor(row=[p.column for p in app.screen.prepared.plan].index(column))
            await pilot.press("ctrl+e")
            await pilot.pause()
            assert isinstance(app.screen, MappingForm)
            await type_text(pilot, "Fast charging")
            app.screen.query_one("#mapping-role", Select).value = role
            await pilot.press("enter")
            await settle(pilot)
        assert isinstance(app.screen, ImportScreen)
        assert app.screen.mapping == {
            "Q1": ("Fast charging", "functional"),
            "Q2": ("Fast charging", "dysfunctional"),
        }
        assert "No problems" in screen_text(app)
        assert "new features: Fast charging" in screen_text(app)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert respondents(app).row_count == 3
    saved = load_project(workspace.directory)
    assert saved.feature("fast-charging") is not None
    figures = Workspace.open(workspace.directory).analyze().overall
    assert figures.at["fast-charging", "n"] == 3


async def test_ignoring_a_column_leaves_it_out_of_this_import_and_the_next(new_project, tmp_path):
    """An e-mail column a survey tool exports: mapped to "ignore" in the form (ctrl+o), it
    is not stored, and the saved mapping leaves it out of the next wave too."""
    workspace = new_project("fresh")
    header = "respondent,E-mail,camera.functional,camera.dysfunctional"
    path = survey_file(
        tmp_path,
        "wave1.csv",
        header,
        "r1,ann@example.org,like,dislike",
        "r2,bo@example.org,expect,dislike",
    )
    app = KanoApp(workspace, first_screen="responses")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await open_import(pilot, path)
        plan = app.screen.query_one("#import-plan")
        plan.focus()
        plan.move_cursor(row=[p.column for p in app.screen.prepared.plan].index("E-mail"))
        await pilot.press("ctrl+e")
        await pilot.pause()
        assert isinstance(app.screen, MappingForm)
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert isinstance(app.screen, ImportScreen)
        assert app.screen.mapping == {"E-mail": ("", "ignore")}
        kinds = {p.column: p.kind for p in app.screen.prepared.plan}
        assert kinds["E-mail"] == "ignored" and "ignored (mapped)" in screen_text(app)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert respondents(app).row_count == 2
    stored = Workspace.open(workspace.directory).responses()
    assert "E-mail" not in stored.columns
    assert [(m.column, m.feature, m.role) for m in load_project(workspace.directory).mappings] == [
        ("E-mail", "", "ignore")
    ]
    second = survey_file(tmp_path, "wave2.csv", header, "r3,cy@example.org,like,dislike")
    reopened = Workspace.open(workspace.directory)
    reopened.import_file(second)
    assert "E-mail" not in reopened.responses().columns and len(reopened.responses()) == 3


async def test_removing_an_import_asks_then_forgets_its_respondents(smartphone):
    first, second = smartphone.project.imports
    app = KanoApp(smartphone, first_screen="responses")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("m", "down", "delete")
        await pilot.pause()
        await pilot.press("n")
        await settle(pilot)
        assert len(smartphone.project.imports) == 2
        await pilot.press("delete", "y")
        await settle(pilot)
        assert [r.id for r in smartphone.project.imports] == [first.id]
        assert respondents(app).row_count == first.rows
        assert not app.unsaved
    assert [r.id for r in load_project(smartphone.directory).imports] == [first.id]
    assert not (smartphone.directory / second.data_file).exists()


async def test_unknown_wordings_are_taught_in_the_dialog_and_kept(new_project, tmp_path):
    """A custom answer set: the preview lists the unknown wordings, ctrl+t says what each
    means, the import then goes through and kano.toml keeps the wordings."""
    from kano_tui.tui.importing import WordingForm

    workspace = new_project("fresh")
    path = survey_file(
        tmp_path,
        "custom.csv",
        "respondent,maps.functional,maps.dysfunctional",
        "r1,Love it,Hate it",
        "r2,I expect it,Hate it",
        "r3,Love it,I am neutral",
    )
    app = KanoApp(workspace, first_screen="responses")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await open_import(pilot, path)
        assert app.screen.prepared.unknown_wordings == ["Love it", "Hate it"]
        assert "ctrl+t teaches" in screen_text(app)
        assert app.screen.query_one("#commit", Button).disabled
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert isinstance(app.screen, WordingForm)
        app.screen.query_one("#wording-0", Select).value = "like"
        app.screen.query_one("#wording-1", Select).value = "dislike"
        await pilot.click("#apply")
        await settle(pilot)
        assert isinstance(app.screen, ImportScreen)
        assert app.screen.prepared.problems == []
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, ImportScreen)
    saved = load_project(workspace.directory)
    assert saved.settings.wordings == {"like": ["Love it"], "dislike": ["Hate it"]}
    figures = Workspace.open(workspace.directory).analyze().overall
    assert (figures.at["maps", "O"], figures.at["maps", "M"], figures.at["maps", "A"]) == (1, 1, 1)
