"""Undo and redo of project edits, by snapshot.

A :class:`~kano_tui.engine.project.model.Project` is a handful of small dataclasses, so every edit
is made on a deep copy and the previous project is kept whole: undo swaps it back. No
Textual here, so the history is tested on its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Generic, TypeVar

State = TypeVar("State")


@dataclass
class Step(Generic[State]):
    label: str  # what the edit did, e.g. "Add feature Camera"
    before: State


@dataclass
class History(Generic[State]):
    """Two stacks of snapshots; a new edit clears the redo stack."""

    limit: int = 200
    undo_stack: list[Step[State]] = field(default_factory=list)
    redo_stack: list[Step[State]] = field(default_factory=list)

    def record(self, label: str, before: State) -> None:
        self.undo_stack.append(Step(label, before))
        del self.undo_stack[: -self.limit]
        self.redo_stack.clear()

    def undo(self, current: State) -> Step[State] | None:
        """The step to go back to (its ``before`` becomes current), or None."""
        if not self.undo_stack:
            return None
        step = self.undo_stack.pop()
        self.redo_stack.append(Step(step.label, current))
        return step

    def redo(self, current: State) -> Step[State] | None:
        if not self.redo_stack:
            return None
        step = self.redo_stack.pop()
        self.undo_stack.append(Step(step.label, current))
        return step

    def clear(self) -> None:
        self.undo_stack.clear()
        self.redo_stack.clear()

    @property
    def can_undo(self) -> bool:
        return bool(self.undo_stack)

    @property
    def can_redo(self) -> bool:
        return bool(self.redo_stack)
