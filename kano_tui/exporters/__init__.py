"""Built-in exporters, each registered through the public ``register_exporters`` hook."""
