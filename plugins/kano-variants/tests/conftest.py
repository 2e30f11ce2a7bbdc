"""Tell kano_tui.testing's fixtures (kano_plugins, kano_project, kano_cli, ...) which
plugin to register."""

import kano_variants
import pytest


@pytest.fixture
def kano_plugin():
    return kano_variants
