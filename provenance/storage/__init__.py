"""The SQLite database: its schema, and storing and reading analyses, runs and reviews.

Only this package knows SQL. Its modules, by concept: `connection` opens and closes a database and
makes or upgrades its schema (`schema` the schema itself, from `tables`, `views` and `triggers`;
`upgrades` the step from each earlier version); `analyses` stores an analysis and reads it back;
`sources` the sources as entities and their corrections; `verdicts` the reviews; `queries` the
flagged claims users ask for; `runs` the runs; `constants` the values rows and code share; `sql` what
they all use. Every name the rest of provenance uses is here: `storage.open_db`, `storage.save`, ...
"""
from __future__ import annotations

from ..errors import StorageError
from .analyses import article_versions, find_articles, save, save_many, stored_analysis
from .connection import _connect, close, open_db
from .constants import (ABANDONED, ALL, BUSY_TIMEOUT, CORRECTIONS, FINISHED, INTERRUPTED, MERGE, OPEN,
                        QUEUE_VERDICTS, RENAME, SCHEMA_VERSION, SET_TYPE, SKIP, SKIP_KEY, VERDICTS)
from .queries import (article_summaries, claim, flagged_claims, is_provenance_db, list_claims, open_queue_page,
                      review_queue, stored_claim_ids)
from .runs import abandon_runs, finish_run, open_runs, start_run
from .schema import _expected_tables, _tables
from .sources import (correct_source, curated_sources, find_source, merge_keys, merged_keys, rename_key,
                      source_aliases, source_corrections, source_entities, source_rows, source_summary, speaker_key)
from .sql import _now
from .upgrades import upgrade_from_1, upgrade_from_2, upgrade_from_3, upgrade_from_4, upgrade_from_5
from .verdicts import add_review, earlier_reviews, review_log, review_progress, reviews, undo
from .views import CONTENT_JOINER, QUEUE_ORDER
