"""Import, step by step: a survey tool's table, its answers read, its columns mapped,
its responses checked and stored."""
