"""The built-in classifiers, registered through the public ``register_classifiers`` hook."""
