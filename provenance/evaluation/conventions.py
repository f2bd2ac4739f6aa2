"""The annotation conventions `provenance eval` can score under, by the name its option takes."""
from __future__ import annotations

from typing import Dict

from ..linking import CHECK, Conventions

# PolNeAR's annotation guidelines, for scoring against it: a content there runs to the end
# of what its verb reports, which is mostly the end of the sentence.
POLNEAR = Conventions(split_cues=True, complementizer=True, nested=False, run_on=True)
# check: the findings exactly as `provenance check` reports them.
CONVENTIONS: Dict[str, Conventions] = {"check": CHECK, "polnear": POLNEAR}
