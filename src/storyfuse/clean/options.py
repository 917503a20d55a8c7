"""Options of the cleaning stage."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from storyfuse.errors import OptionsError


@dataclass(slots=True, frozen=True)
class CleanOptions:
    """How :func:`storyfuse.clean.clean` decides what is article body.

    Args:
        templates: lines known to be one outlet's page template, as
            :func:`storyfuse.text.normalized` keys (from :func:`storyfuse.clean.learn_templates`).
        template_max_share: template lines are ignored on a page where they would remove more
            than this share of its prose; a "template" that large is the story itself, seen twice.
        prompt_block_gap: at most this many unrecognised paragraphs between two reader prompts
            are taken as part of the same appeal (a donation box mixes pleas with plain prose).
        keep_subheadings: keep short crossheads inside the body instead of removing them.
        html_min_chars: an HTML page whose chosen main container holds fewer characters falls
            back to the JSON-LD ``articleBody`` when the page has one.

    >>> CleanOptions().with_templates({"support our newsroom"}).templates
    frozenset({'support our newsroom'})
    """

    templates: frozenset[str] = field(default_factory=frozenset)
    template_max_share: float = 0.6
    prompt_block_gap: int = 5
    keep_subheadings: bool = False
    html_min_chars: int = 200
    time_limit: float | None = 5.0
    max_chars: int = 1_500_000

    def __post_init__(self) -> None:
        if not 0.0 <= self.template_max_share <= 1.0:
            raise OptionsError("template_max_share must be in [0.0, 1.0]")
        if self.prompt_block_gap < 0:
            raise OptionsError("prompt_block_gap must be >= 0")
        if self.html_min_chars < 0:
            raise OptionsError("html_min_chars must be >= 0")
        if self.time_limit is not None and not self.time_limit > 0:
            raise OptionsError("time_limit must be > 0 seconds, or None for no limit")
        if self.max_chars < 1:
            raise OptionsError("max_chars must be >= 1")

    def with_templates(self, templates: Iterable[str]) -> CleanOptions:
        """A copy of these options that also removes ``templates`` lines."""
        return replace(self, templates=self.templates | frozenset(templates))
