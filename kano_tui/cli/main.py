"""The ``kano`` console script: turns every KanoError into one sentence on stderr."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from kano_tui.cli import commands  # noqa: F401 - registers the core commands
from kano_tui.cli.base import LAZY_COMMANDS, cli
from kano_tui.cli.terminal import guard_terminal
from kano_tui.errors import KanoError

DEBUG_ENV = "KANO_DEBUG"

# Further command modules register themselves on import, when their command is used.
COMMAND_MODULES: tuple[str, ...] = tuple(dict.fromkeys(LAZY_COMMANDS.values()))


def _load_command_modules() -> None:
    """Import every command module (tests and tools that walk all the commands)."""
    cli.load_all()


def command_names() -> list[str]:
    """Every top-level command of kano's own, loaded or not (a plugin's command is looked
    for only when the word is none of these: loading plugins is not free)."""
    return sorted(cli.built_in_names())


def _with_open_shortcut(args: list[str]) -> list[str]:
    """`kano` and `kano PROJECT` open the TUI: insert the `open` command. A first word
    that is neither a command nor a project directory is refused with a did-you-mean
    (rather than opened as a project, or answered with the help of `open`)."""
    position = 0
    while position < len(args) and args[position].startswith("-"):
        if args[position] != "--plugin":
            return args  # --help, --version, --plugin=FILE...: click takes it from here
        position += 2  # --plugin FILE
    if position >= len(args):
        return [*args, "open", "."]
    first = args[position]
    if first in command_names():
        return args
    if Path(first).is_dir():
        return [*args[:position], "open", *args[position:]]
    from kano_tui.cli.plugin_commands import is_plugin_command

    if is_plugin_command(first, args[1:position:2]):
        return args
    raise KanoError(no_such_command(first))


def no_such_command(word: str) -> str:
    from difflib import get_close_matches

    close = get_close_matches(word, command_names(), n=3, cutoff=0.6)
    advice = (
        f" Did you mean {' or '.join(repr(c) for c in close)}?"
        if close
        else " `kano --help` lists the commands."
    )
    return (
        f"no such command or project: {word!r} is not a kano command nor a project "
        f"directory.{advice}"
    )


def main(argv: list[str] | None = None, *, plugins: object | None = None) -> int:
    """Run ``kano``; ``plugins`` (a ready plugin manager) is for kano_tui.testing."""
    raw = list(sys.argv[1:] if argv is None else argv)
    try:
        args = _with_open_shortcut(raw)
    except KanoError as error:  # an unknown first word: it may hold anything
        guard_terminal()
        click.echo(f"kano: {error}", err=True)
        return 1
    if args[:1] not in (["open"], ["serve"]):  # the TUI draws its own screen
        guard_terminal()  # data's control characters never reach a terminal raw
    try:
        cli.main(
            args=args,
            prog_name="kano",
            standalone_mode=False,
            obj={"plugins": plugins} if plugins is not None else None,
        )
    except KanoError as error:
        click.echo(f"kano: {error}", err=True)
        return 1
    except click.exceptions.Abort:
        click.echo("kano: aborted.", err=True)
        return 130
    except click.ClickException as error:
        error.show()
        return error.exit_code
    except click.exceptions.Exit as done:
        return done.exit_code
    except KeyboardInterrupt:
        click.echo("kano: interrupted.", err=True)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as error:  # a bug: still one line, the traceback only on request
        if os.environ.get(DEBUG_ENV) or os.environ.get("KANO_STRICT_PLUGINS", "") not in ("", "0"):
            raise  # strict plugin mode: the plugin author wants the traceback
        click.echo(
            f"kano: internal error ({type(error).__name__}: {error}); "
            f"set {DEBUG_ENV}=1 to see the traceback and please report it.",
            err=True,
        )
        return 70
    return 0


if __name__ == "__main__":
    sys.exit(main())
