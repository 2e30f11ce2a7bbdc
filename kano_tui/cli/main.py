"""The ``kano`` console script: turns every KanoError into one sentence on stderr."""

from __future__ import annotations

import os
import sys

import click

from kano_tui.cli import commands  # noqa: F401 - registers the core commands
from kano_tui.cli.base import cli
from kano_tui.errors import KanoError

DEBUG_ENV = "KANO_DEBUG"

# Further command modules register themselves on import.
COMMAND_MODULES: tuple[str, ...] = ("kano_tui.cli.plugins_cmd", "kano_tui.cli.journey",
                                     "kano_tui.cli.compare")


def _load_command_modules() -> None:
    import importlib

    for module in COMMAND_MODULES:
        importlib.import_module(module)


def _with_open_shortcut(args: list[str]) -> list[str]:
    """`kano` and `kano PROJECT` open the TUI: insert the `open` command."""
    if not args:
        return ["open", "."]
    first = args[0]
    if first.startswith("-") or first in cli.commands:
        return args
    return ["open", *args]


def main(argv: list[str] | None = None, *, plugins: object | None = None) -> int:
    """Run ``kano``; ``plugins`` (a ready plugin manager) is for kano_tui.testing."""
    _load_command_modules()
    args = _with_open_shortcut(list(sys.argv[1:] if argv is None else argv))
    try:
        cli.main(args=args, prog_name="kano", standalone_mode=False,
                 obj={"plugins": plugins} if plugins is not None else None)
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
        click.echo(f"kano: internal error ({type(error).__name__}: {error}); "
                   f"set {DEBUG_ENV}=1 to see the traceback and please report it.", err=True)
        return 70
    return 0


if __name__ == "__main__":
    sys.exit(main())
