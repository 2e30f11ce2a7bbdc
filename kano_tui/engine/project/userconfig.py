"""The user's own settings, in the XDG config directory (``~/.config/kano-tui``).

Holds what belongs to the person, not the project: the theme, the keymap (``[keymap]``,
binding ids to keys: ``kano_tui.tui.keymap``), remembered plugin trust
decisions, blocked plugins. Written atomically as TOML; a damaged file is reported and
ignored rather than stopping the app.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any

import tomli_w
from platformdirs import user_config_dir, user_state_dir

APP_NAME = "kano-tui"
CONFIG_FILE = "config.toml"
CONFIG_ENV = "KANO_CONFIG_DIR"  # overrides the location (tests, portable setups)


def config_dir() -> Path:
    override = os.environ.get(CONFIG_ENV)
    return Path(override) if override else Path(user_config_dir(APP_NAME))


def state_dir() -> Path:
    """Where recovery journals and other machine-local state go."""
    override = os.environ.get(CONFIG_ENV)
    return Path(override) / "state" if override else Path(user_state_dir(APP_NAME))


def plugins_dir() -> Path:
    """Single-file plugins the user installed for themselves."""
    return config_dir() / "plugins"


def load_user_config() -> dict[str, Any]:
    path = config_dir() / CONFIG_FILE
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return {}


def save_user_config(config: dict[str, Any]) -> None:
    from kano_tui.engine.project.projectfile import atomic_write, to_plain

    directory = config_dir()
    directory.mkdir(parents=True, exist_ok=True)
    atomic_write(directory / CONFIG_FILE, tomli_w.dumps(to_plain(config) or {}).encode("utf-8"))


def update_user_config(**values: Any) -> dict[str, Any]:
    config = load_user_config()
    config.update(values)
    save_user_config(config)
    return config
