"""kano-tui: Kano-model analysis and customer-journey mapping in the terminal."""

__version__ = "0.1.0"
