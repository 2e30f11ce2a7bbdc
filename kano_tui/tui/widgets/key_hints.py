"""The footer: the keys of the current screen, as one line of text.

Textual's Footer rebuilds a widget per key each time the bindings change (several times
per screen switch); this draws the same hints as one Text, so switching screens stays
well under the 100 ms budget.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.widget import Widget


class KeyHints(Widget):
    """``a Add  e Edit  / Filter ... ? Help  ^s Save  q Quit      ^p palette``

    The app's own keys (help, save, quit) are always shown whole."""

    DEFAULT_CSS = """
    KeyHints {
        dock: bottom;
        height: 1;
        background: $footer-background;
        color: $footer-foreground;
    }
    """

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, _screen: object) -> None:
        self.refresh()

    def render(self) -> Text:
        """The screen's keys, then the app's (help, save, quit) and the palette at the
        right. When they do not all fit, the screen's last keys are left out whole: the
        app's keys are never dropped nor cut (``?`` lists every key)."""
        from kano_tui.tui.colours import theme_variables

        colour = theme_variables(self.app).get("footer-key-foreground")
        key_style = Style(bold=True, color=colour if colour and colour[0] == "#" else None)
        screen_hints: list[Text] = []
        app_hints: list[Text] = []
        seen: set[str] = set()
        palette_key = ""
        for node, binding, enabled, _tooltip in self.screen.active_bindings.values():
            if binding.action in ("app.command_palette", "command_palette"):
                palette_key = self.app.get_key_display(binding)
                continue
            if not binding.show or binding.action in seen or not binding.description:
                continue
            seen.add(binding.action)
            hint = Text.assemble(
                (
                    f" {self.app.get_key_display(binding)} ",
                    key_style if enabled else Style(dim=True),
                ),
                (f"{binding.description} ", "" if enabled else Style(dim=True)),
            )
            (app_hints if node is self.app else screen_hints).append(hint)
        tail = (
            Text.assemble((f" {palette_key} ", key_style), "palette ")
            if palette_key and self.app.ENABLE_COMMAND_PALETTE
            else Text("")
        )
        kept = sum(h.cell_len for h in app_hints) + tail.cell_len
        while screen_hints and kept + sum(h.cell_len for h in screen_hints) > self.size.width:
            screen_hints.pop()
        hints = Text(no_wrap=True, overflow="crop", end="")
        for hint in (*screen_hints, *app_hints):
            hints.append_text(hint)
        hints.pad_right(max(self.size.width - hints.cell_len - tail.cell_len, 0))
        hints.append_text(tail)
        return hints
