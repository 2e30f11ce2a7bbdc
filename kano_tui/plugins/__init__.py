"""The plugin system: hook specifications, protocols and the manager."""
