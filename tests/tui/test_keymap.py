"""The user's ``[keymap]`` (kano_tui.tui.keymap): binding ids remapped through Textual's
keymap, shown where keys are shown, typos reported; every id documented."""

from __future__ import annotations

import re
from pathlib import Path

import tomli_w

from kano_tui.testing import palette_titles, screen_text, settle
from kano_tui.tui.app import KanoApp
from kano_tui.tui.keymap import binding_ids, user_keymap
from kano_tui.tui.modals import HelpScreen

DOCS = Path(__file__).parents[2] / "docs" / "tui.md"


def write_keymap(config_dir: Path, keymap: dict[str, object]) -> None:
    (config_dir / "config.toml").write_text(tomli_w.dumps({"keymap": keymap}), "utf-8")


def test_every_binding_id_is_in_the_docs_table_and_every_documented_id_exists():
    text = DOCS.read_text("utf-8")
    table = text[text.index("### Your own keys") : text.index("## 1 Features")]
    documented = set(re.findall(r"`([a-z-]+\.[a-z_]+)` \(", table))
    known = binding_ids(KanoApp)
    assert known - documented == set(), "binding ids missing from docs/tui.md"
    assert documented - known == set(), "docs/tui.md lists ids no binding has"
    assert {"app.save", "screen.features", "features.add", "form.save"} <= known


def test_a_keymap_value_that_is_not_a_key_is_left_out_with_a_sentence():
    keymap, problems = user_keymap(
        {"keymap": {"app.save": "ctrl+w", "features.add": 3, "app.help": " "}}
    )
    assert keymap == {"app.save": "ctrl+w"}
    assert len(problems) == 2 and "'features.add'" in problems[0] and "3" in problems[0]
    assert user_keymap({"keymap": "ctrl+w"})[1] == [
        "The user config's keymap must be a table of binding ids and keys; it is ignored."
    ]
    assert user_keymap({}) == ({}, [])


async def test_remapped_keys_work_and_show_in_the_header_help_and_palette(smartphone, user_config):
    write_keymap(
        user_config, {"app.help": "f1", "screen.journey": "f4", "features.add": "n,insert"}
    )
    app = KanoApp(smartphone)  # reads the user config, as `kano PROJECT` does
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        header = screen_text(app).splitlines()[0]
        assert " f4 Journey " in header and " 4 Journey " not in header
        assert "Go to Journey (f4)" in palette_titles(app)
        assert "Help: keys (f1)" in palette_titles(app)
        footer = screen_text(app).splitlines()[-1]
        assert "n Add" in footer and "f1 Help" in footer, footer

        await pilot.press("question_mark")  # no longer the help's key
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        everywhere = dict(app.help_sections()[0][1])
        assert everywhere.get("f1") == "Help", everywhere
        await pilot.press("escape")
        await pilot.pause()

        await pilot.press("f4")
        await settle(pilot, tolerate_superseded=True)
        assert app.current_mode == "journey"


async def test_a_keymap_id_no_binding_has_is_reported_once_the_engine_is_loaded(
    smartphone, user_config
):
    write_keymap(user_config, {"app.svae": "ctrl+w", "app.quit": 7})
    app = KanoApp(smartphone)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        messages = [str(note.message) for note in app._notifications]
        assert any("'app.svae'" in m and "no key binding has" in m for m in messages), messages
        assert any("'app.quit'" in m and "not a key" in m for m in messages), messages
        await pilot.press("q")  # the bad value left the default in place
        await pilot.pause()
    assert app.return_code == 0
