"""How findings are cut where annotation schemes differ."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Conventions:
    """How findings are cut where annotation schemes differ.

    Attributes:
        split_cues: report a verb that shares its subject with a reporting verb
            ("she noted ..., emphasizing that ...") as an attribution of its own
            with the same source, instead of as a second cue of one attribution.
        complementizer: keep the "that" or "whether" opening an indirect content.
        nested: keep statements reported inside another attribution's content ("she
            said the mayor told aides he would resign"); with it off, a statement whose
            cue lies inside the content of another that is kept is left out.
        run_on: a content that follows its reporting verb runs on to the end of the
            verb's sentence, up to the next finding ("she said the plan failed, which
            cost the city millions"), where the parse cut it at a clause or phrase the
            verb does not govern.
    """

    split_cues: bool = False
    complementizer: bool = False
    nested: bool = True
    run_on: bool = False


# What `provenance check` reports.
CHECK = Conventions()
