"""Exceptions for the failures a user can cause; each message is one line naming the place and the fix."""


class ProvenanceError(Exception):
    """Base class: a user-facing failure whose message is meant to be shown as it is."""


class RuleError(ProvenanceError):
    """Rule files are malformed: one line per problem, each `path:line: [rule.id] what is wrong`."""

    def __init__(self, *problems: str):
        super().__init__("\n".join(problems))
        self.problems = problems


class InputError(ProvenanceError):
    """An input article cannot be read: missing, empty, binary or not UTF-8."""


class TooLongError(InputError):
    """An input article is longer than the run's limit (`check --max-chars`): it is refused, the run goes on."""


class ModelError(ProvenanceError):
    """No usable spaCy pipeline is installed, or the one asked for cannot be loaded."""


class DocError(ProvenanceError):
    """A spaCy Doc handed to the analysis lacks a parse, entities, lemmas or tags, or is not of the article's text."""


class StorageError(ProvenanceError):
    """The database cannot be opened or written: unwritable path, corrupt file."""


class GoldError(ProvenanceError):
    """An evaluation gold file is malformed or missing."""


class WeightsError(ProvenanceError):
    """Check-worthiness weights cannot be learned: the gold marks no check-worthy sentence beside other claims."""


class AnalysisError(ProvenanceError):
    """The engine failed on one article: a bug to report, not a user mistake; the batch goes on."""


class ClusterError(ProvenanceError):
    """A cluster run cannot start or go on: Dask is not installed, or no scheduler answers at the address."""


class WorkerRefused(ClusterError):
    """A cluster worker's pipeline, rules or provenance version differ from the client's: it would find other things."""

    def __init__(self, message: str, worker: str = ""):
        super().__init__(message)
        self.worker = worker  # the refused worker's address
