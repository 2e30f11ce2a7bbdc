"""The project on disk: its model, kano.toml, stored responses, the write lock, safe reads,
the catalogue's edits, the crash journal and the user's own settings."""
