"""The ``kano`` command: thin wrappers over the engine; one module per group of commands."""
