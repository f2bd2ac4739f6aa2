"""The values the database's rows and the code that reads them share: the schema version, verdicts,
run statuses, source corrections and the queue's filters."""


SCHEMA_VERSION = 5
BUSY_TIMEOUT = 30.0  # seconds a writer waits for another process's write lock
SKIP = "skip"  # the verdict that leaves a claim open for review
VERDICTS = ("needs-source", "acceptable", "false-positive", SKIP)
# A run's status once it ended: NULL while it runs; ABANDONED when its process was found gone
# without recording its end (killed outright, or its machine went down).
FINISHED, INTERRUPTED, ABANDONED = "finished", "interrupted", "abandoned"
OPEN = "open"  # no verdict in force: never judged, skipped, or its verdict undone
# What a stored analysis was made from: an article stored with all of these the same is not analyzed again.
SKIP_KEY = ("version", "model", "model_version", "rules_digest", "scope", "conventions", "tool_version")


MERGE, RENAME, SET_TYPE = "merge", "rename", "set-type"
CORRECTIONS = (MERGE, RENAME, SET_TYPE)


ALL = "all"  # the verdict filter for every flagged claim, judged or not (the queue, review --list)
QUEUE_VERDICTS = (OPEN, ALL) + VERDICTS
