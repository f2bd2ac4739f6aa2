"""Loading and validating the rule files: reporting verbs, cues, sources, roles, boilerplate, claims.

Rules are data. Each rule has a stable dotted id that travels with every finding it
produces. Errors name the file and line: ``rules/sources.yaml:12: [source.sohr] ...``.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path
from typing import Dict, Hashable, Iterator, List, Optional, Sequence, Tuple

import yaml

from .errors import RuleError

ID_RE = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$")
SOURCE_TYPES = (
    "state_media", "government", "official", "ngo_monitor", "armed_group",
    "news_agency", "media", "organization", "person", "unnamed", "document", "poll",
)


@dataclass(frozen=True)
class VerbRule:
    """Reporting verbs of one stance.

    `scope` is speech (statements), thought (beliefs, intentions, judgements) or
    quote (verbs that report only a quotation beside them: "“...,” she continued").
    """

    id: str
    stance: str
    lemmas: Tuple[str, ...]
    object_lemmas: Tuple[str, ...]
    example: str
    scope: str = "speech"
    reports: str = "complement"  # or "subject": "the plan seems doomed" reports its subject, with no source


@dataclass(frozen=True)
class CueRule:
    """A cue phrase or an agentless cue. `names`: lemmas one of which the noun an
    according_to phrase governs must have ("in a new poll": poll), or empty for any."""

    id: str
    kind: str
    stance: str
    pattern: Tuple[dict, ...]
    example: str
    names: Tuple[str, ...] = ()


@dataclass(frozen=True)
class SourceRule:
    id: str
    name: str
    type: str
    aliases: Tuple[str, ...]
    roles: Tuple[str, ...]


@dataclass(frozen=True)
class LemmaRule:
    """A rule that matches a set of lemmas: vague source heads, each group of a `type` ("authorities":
    government; "newspapers": media; the rest unnamed)."""

    id: str
    lemmas: Tuple[str, ...]
    example: str
    type: str = "unnamed"


@dataclass(frozen=True)
class RoleRule:
    id: str
    type: str
    titles: Tuple[str, ...]
    generic: Tuple[str, ...]
    gender: str = ""  # female or male: the titles say it of the person (Ms, Mr, spokeswoman)


@dataclass(frozen=True)
class DescriptionRule:
    """Source descriptions by head noun: `refers` antecedent (the last source named of one of
    `types`) or issuer (the one named beside a document or poll, else one of `type`)."""

    id: str
    refers: str
    heads: Tuple[str, ...]
    types: Tuple[str, ...]
    type: str
    example: str
    names: Tuple[str, ...] = ()  # words that type a named entity of this class: "Ministry", "Times"


@dataclass(frozen=True)
class BoilerplateRule:
    id: str
    patterns: Tuple[re.Pattern, ...]
    example: str


@dataclass(frozen=True)
class NotClaimRule:
    """A line or sentence that is no claim: exactly one of `lines` (patterns matched against a
    whole stripped line the sentence fills), `sentences` (patterns searched in the sentence)
    or `shape` (a structural test: subheading, question) is set."""

    id: str
    lines: Tuple[re.Pattern, ...]
    sentences: Tuple[re.Pattern, ...]
    shape: str
    example: str


@dataclass(frozen=True)
class WorthRule:
    """A check-worthiness feature: exactly one of lemmas, entities, pattern, regex, lead, headline is set.

    `each`: the weight counts once per match, up to `most` matches; `needs`: the rule
    fires only when the sentence also has one of these lemmas or entity labels; `unless`:
    the rule fires only when the sentence has none of these; `lead`:
    the weight falls linearly over the first `lead` claims of the article, from whole
    on the first to nothing; `headline`: the weight counts by the share of the headline's
    words of these parts of speech that the sentence holds (the lead's, with no headline).
    """

    id: str
    weight: float
    lemmas: Tuple[str, ...]
    entities: Tuple[str, ...]
    pattern: Tuple[dict, ...]
    regex: Optional[re.Pattern]
    example: str
    each: bool = False
    most: int = 1
    needs: Tuple[str, ...] = ()
    lead: int = 0
    unless: Tuple[str, ...] = ()
    headline: Tuple[str, ...] = ()


@dataclass(frozen=True)
class Reweight:
    """A new weight for a check-worthiness rule of an earlier rule set: an entry of `checkworthiness`
    with an id and a weight alone, such as `provenance learn-weights` writes."""

    id: str
    weight: float


@dataclass(frozen=True)
class StandingRule:
    """How a claim's status is judged, beyond the attributions that cover it.

    `effect` says what a match does: `ignore` (an attribution matched by all of the
    `cue_rules`, `lemmas`, `links` and `sources` given, and with `clause` subordinate only
    when its cue stands outside the main clause, aside when it stands in an adverbial
    clause opened by one of `marks` and its content is not most of the sentence, verbless when its content has no finite verb) does not stand behind the claim),
    `generic` (an attribution whose source is a bare plural common noun, its head not
    one of `lemmas`, rests on vague authority: "analysts said"), `specific` (a vague attribution whose source's head noun is one of `lemmas`, singular
    or counted, names one definite party and stands as attributed), `unresolved` (a
    statement whose source the parser missed, with a cue of `cue_rules` or none and none
    of `links`, stands as attributed), `speech_act` (a
    sentence whose main verb is a verb of the `cue_rules` groups or of `lemmas`, with a
    subject other than `sources`, or a passive with an agent, is attributed), `finding` (a
    sentence whose main verb is one of `lemmas` with a subject whose head is one of
    `sources`, a document or a data release, is attributed) or `hedge`
    (a sentence on nobody's word that `pattern` matches in its main clause is vague).
    """

    id: str
    effect: str
    cue_rules: Tuple[str, ...]
    lemmas: Tuple[str, ...]
    links: Tuple[str, ...]
    sources: Tuple[str, ...]
    pattern: Tuple[dict, ...]
    clause: str
    marks: Tuple[str, ...]
    example: str


@dataclass(frozen=True)
class RuleSet:
    """Every rule family, passed explicitly to the engine."""

    verbs: Tuple[VerbRule, ...]
    cues: Tuple[CueRule, ...]
    agentless: Tuple[CueRule, ...]
    sources: Tuple[SourceRule, ...]
    vague: Tuple[LemmaRule, ...]
    roles: Tuple[RoleRule, ...]
    descriptions: Tuple[DescriptionRule, ...]
    boilerplate: Tuple[BoilerplateRule, ...]
    not_claims: Tuple[NotClaimRule, ...]
    checkworthiness: Tuple[WorthRule, ...]
    standing: Tuple[StandingRule, ...]
    digest: str
    files: Tuple[str, ...]
    overrides: Tuple[str, ...] = ()  # `path:line: [id] replaces the rule at path:line`, one per replaced id

    def verb_index(self, scopes: Sequence[str] = ("speech",)) -> Dict[str, VerbRule]:
        """Map each reporting-verb lemma of the given scopes to its rule (a later rule wins)."""
        return {lemma: rule for rule in self.verbs if rule.scope in scopes for lemma in rule.lemmas}

    def count(self) -> Dict[str, int]:
        """Return the number of rules in each family."""
        return {family: len(getattr(self, family)) for family in FAMILIES}


FAMILIES = ("verbs", "cues", "agentless", "sources", "vague", "roles", "descriptions", "boilerplate", "not_claims",
            "checkworthiness", "standing")


RULE_SUFFIXES = (".yaml", ".yml")
_META = ("__line__", "__keys__")  # what the loader adds to every mapping: its line, and the line of each key


class _LineLoader(yaml.SafeLoader):
    """A YAML loader that remembers the line of every mapping as `__line__` and of each of its keys as
    `__keys__`, and refuses a key given twice in one mapping (plain YAML keeps the last silently)."""


def _construct_mapping(loader, node, deep=False):
    lines = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, Hashable):
            continue  # construct_mapping below refuses it, at its place
        if key in lines:
            raise yaml.constructor.ConstructorError(
                problem=f"key {key!r} given twice in one mapping (first on line {lines[key]})",
                problem_mark=key_node.start_mark)
        lines[key] = key_node.start_mark.line + 1
    mapping = yaml.SafeLoader.construct_mapping(loader, node, deep=True)
    mapping["__line__"] = node.start_mark.line + 1
    mapping["__keys__"] = lines
    return mapping


class _Lines(list):
    """A YAML sequence that knows the line of each of its items."""

    lines: Tuple[int, ...] = ()


def _construct_sequence(loader, node):
    sequence = _Lines(loader.construct_sequence(node, deep=True))
    sequence.lines = tuple(item.start_mark.line + 1 for item in node.value)
    return sequence


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


def default_rules_dir() -> Path:
    """Return the folder of the rules that ship with the package.

    Installed, the top-level `rules/` folder is the `provenance.rulefiles` package; run
    from a source checkout, it is the `rules/` folder beside the package.
    """
    try:
        return Path(str(resources.files("provenance.rulefiles")))
    except ModuleNotFoundError:
        return Path(__file__).resolve().parent.parent / "rules"


def rule_files(folder: Path) -> List[Path]:
    """The rule files of a folder, `*.yaml` and `*.yml` alike, in the order of their names."""
    return sorted((p for p in Path(folder).iterdir() if p.suffix in RULE_SUFFIXES and p.is_file()),
                  key=lambda p: p.name)


@dataclass(frozen=True)
class _Defined:
    """A rule as loaded (None when it is malformed): its id and family, and where it stands
    (`path:line`) in which rule set."""

    id: str
    family: str
    rule: Optional[object]
    place: str
    rule_set: int


REWEIGHTS = "] re-weights the rule at "  # how `load_rules` words an override that changes a weight alone


def load_rules(extra_dirs: Sequence[Path] = ()) -> RuleSet:
    """Load the built-in rules, then each folder (or single rule file) in `extra_dirs` on top.

    Each folder is one rule set, in which an id stands once. A rule in a later folder
    replaces the rule of the same id from an earlier one (the built-in rules first); a
    check-worthiness entry of an id and a weight alone (`Reweight`) changes only the weight
    of the earlier rule of its id. The RuleSet's `overrides` say which, once each. New ids
    are added.

    Raises:
        RuleError: a file or folder is malformed or two rules of one set share an id; it
            holds every problem found, each naming file, line and rule id.
    """
    problems: List[str] = []
    folders = [default_rules_dir()] + [Path(folder) for folder in extra_dirs]
    files = [(index, path) for index, folder in enumerate(folders) for path in _folder_files(folder, problems)]
    defined: Dict[str, _Defined] = {}
    overrides: List[str] = []
    digest = hashlib.sha256()
    for rule_set, path in files:
        text = _read(path, problems)
        digest.update(path.name.encode() + b"\0" + (text or "").encode())
        for rule in _parse_file(path, text, rule_set, problems) if text is not None else ():
            before = defined.get(rule.id)
            if before is not None and before.rule_set == rule_set:
                problems.append(f"{rule.place}: [{rule.id}] duplicate id, first at {before.place}; "
                                "give each rule its own id")
                continue
            if isinstance(rule.rule, Reweight):
                if before is None or not isinstance(before.rule, WorthRule):
                    problems.append(f"{rule.place}: [{rule.id}] a weight alone re-weights a check-worthiness rule "
                                    "of the built-in rules or of an earlier rule set, and there is none of this id; "
                                    "give the rule whole, or fix its id")
                    continue
                overrides.append(f"{rule.place}: [{rule.id}{REWEIGHTS}{before.place}")
                # the rule keeps its place and what it matches, with the new weight
                defined[rule.id] = replace(before, rule=replace(before.rule, weight=rule.rule.weight),
                                           rule_set=rule_set)
                continue
            if before is not None:
                overrides.append(f"{rule.place}: [{rule.id}] replaces the rule at {before.place}")
                del defined[rule.id]  # the replacement stands where a new rule would
            defined[rule.id] = rule
    if problems:
        raise RuleError(*problems)
    return RuleSet(
        **{family: tuple(d.rule for d in defined.values() if d.family == family) for family in FAMILIES},
        digest=digest.hexdigest()[:12],
        files=tuple(str(path) for _, path in files),
        overrides=tuple(overrides),
    )


def override_notes(overrides: Sequence[str]) -> List[str]:
    """The overrides of a rule set as a run reports them: each replaced rule on its own line,
    the re-weighted ones one line per file (a learned weights file re-weights every rule,
    and `provenance rules check` lists them one by one)."""
    notes = [line for line in overrides if REWEIGHTS not in line]
    counts: Dict[str, int] = {}
    for line in overrides:
        if REWEIGHTS in line:
            place = line.split(": [", 1)[0]
            path = place.rsplit(":", 1)[0]
            counts[path] = counts.get(path, 0) + 1
    notes += [f"{path}: re-weights {count} check-worthiness rule{'s' if count > 1 else ''}"
              for path, count in counts.items()]
    return notes


def _folder_files(folder: Path, problems: List[str]) -> List[Path]:
    if folder.is_file() and folder.suffix in RULE_SUFFIXES:
        return [folder]  # one rule file is a rule set of its own
    if not folder.is_dir():
        problems.append(f"{folder}: not a folder of rule files; pass a folder holding *.yaml rules, or one *.yaml file")
        return []
    found = rule_files(folder)
    if not found:
        problems.append(f"{folder}: no *.yaml or *.yml rule files in this folder")
    return found


def _read(path: Path, problems: List[str]) -> Optional[str]:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(f"{path}: cannot read rule file ({exc}); check it exists and is UTF-8")
        return None


class _Invalid(Exception):
    """One problem with one rule, already placed: `path:line: [id] message`."""


def _parse_file(path: Path, text: str, rule_set: int, problems: List[str]) -> Iterator[_Defined]:
    """The rules of one file, each problem appended to `problems`; a malformed rule with a usable id
    comes out too, without its rule, so that a duplicate of its id is still found."""
    try:
        data = yaml.load(text, Loader=_LineLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        problems.append(f"{path}:{line}: YAML error: {problem}")
        return
    if data is None:
        return
    if not isinstance(data, dict):
        problems.append(f"{path}:1: a rule file is a mapping of rule families ({', '.join(FAMILIES)})")
        return
    for family, entries in data.items():
        if family in _META:
            continue
        line = data["__keys__"][family]
        if family not in PARSERS:
            problems.append(f"{path}:{line}: unknown rule family '{family}'; expected one of {', '.join(FAMILIES)}")
        elif not isinstance(entries, list):
            problems.append(f"{path}:{line}: '{family}' must be a list of rules")
        else:
            for entry, entry_line in zip(entries, entries.lines):
                try:
                    rule = _parse_rule(path, family, entry, entry_line)
                except _Invalid as exc:
                    problems.extend(exc.args)
                    rule = None
                if isinstance(entry, dict) and isinstance(entry.get("id"), str) and ID_RE.match(entry["id"]):
                    yield _Defined(entry["id"], family, rule, f"{path}:{entry['__line__']}", rule_set)


def _parse_rule(path: Path, family: str, entry, line: int) -> object:
    """One rule, built; raises _Invalid with each problem of its id and keys, or the first of its values."""
    if not isinstance(entry, dict):
        raise _Invalid(f"{path}:{line}: '{family}' holds a non-mapping entry {entry!r}; "
                       "each rule is a mapping with an id")
    place = _Place(path, entry["__line__"], entry.get("id"))
    rule_id = entry.get("id")
    required, optional, build = PARSERS[family]
    keys = set(entry) - set(_META) - {"id"}
    problems = []
    if not isinstance(rule_id, str) or not ID_RE.match(rule_id):
        problems.append(f"missing or malformed id {rule_id!r}; ids are dotted lower-case like verb.neutral")
    problems += [f"unknown key '{key}'; allowed: {', '.join(sorted(set(required) | set(optional)))}"
                 for key in sorted(keys - set(required) - set(optional))]
    problems += [f"missing key '{key}'" for key in required if key not in entry]
    if problems:
        raise _Invalid(*(place.where(problem) for problem in problems))
    return build(place, entry)


class _Place:
    """Where a rule stands, for error messages."""

    def __init__(self, path: Path, line: int, rule_id):
        self.path, self.line, self.rule_id = path, line, rule_id

    def where(self, message: str, line: Optional[int] = None) -> str:
        """`path:line: [id] message`, at the rule's line unless given another."""
        return f"{self.path}:{line or self.line}: [{self.rule_id}] {message}"

    def fail(self, message: str, line: Optional[int] = None):
        raise _Invalid(self.where(message, line))

    def strings(self, entry: dict, key: str, required: bool = True) -> Tuple[str, ...]:
        value = entry.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            self.fail(f"'{key}' must be a list of non-empty strings")
        if required and not value:
            self.fail(f"'{key}' must not be empty")
        return tuple(v.strip() for v in value)

    def text(self, entry: dict, key: str) -> str:
        value = entry.get(key, "")
        if not isinstance(value, str):
            self.fail(f"'{key}' must be a string")
        return value

    def pattern(self, entry: dict, key: str = "pattern") -> Tuple[dict, ...]:
        value = entry.get(key)
        if not isinstance(value, list) or not value or not all(isinstance(t, dict) for t in value):
            self.fail(f"'{key}' must be a spaCy Matcher pattern: a list of token mappings")
        tokens = tuple(_strip_lines(t) for t in value)
        _check_pattern(self, tokens, tuple(t["__line__"] for t in value))
        return tokens

    def regexes(self, entry: dict, key: str) -> Tuple[re.Pattern, ...]:
        return tuple(self.regex(p) for p in self.strings(entry, key))

    def regex(self, source: str) -> re.Pattern:
        try:
            return re.compile(source, re.IGNORECASE)
        except re.error as exc:
            self.fail(f"bad regular expression {source!r}: {exc}")


def _strip_lines(value):
    if isinstance(value, dict):
        return {k: _strip_lines(v) for k, v in value.items() if k not in _META}
    if isinstance(value, list):
        return [_strip_lines(v) for v in value]
    return value


_PATTERN_VOCAB = None


def _check_pattern(place: _Place, tokens: Tuple[dict, ...], lines: Tuple[int, ...]) -> None:
    """Validate a Matcher pattern against spaCy's schema: each problem spaCy finds, in full, at its token's line."""
    global _PATTERN_VOCAB
    from spacy.matcher import Matcher
    from spacy.vocab import Vocab

    if _PATTERN_VOCAB is None:
        _PATTERN_VOCAB = Vocab()
    try:
        Matcher(_PATTERN_VOCAB, validate=True).add("check", [list(tokens)])
    except (ValueError, KeyError, TypeError) as exc:
        causes = [_MATCHER_CAUSE.match(line.strip()) for line in str(exc).splitlines()]
        causes = [c for c in causes if c] or [None]
        raise _Invalid(*(_pattern_problem(place, cause, lines, exc) for cause in causes)) from None


# spaCy's schema error for one token: "- [pattern -> 0 -> LOWER -> IN] Input should be a valid list".
_MATCHER_CAUSE = re.compile(r"^- \[pattern -> (\d+)(?: -> ([^\]]*))?\] (.+)$")


def _pattern_problem(place: _Place, cause: Optional[re.Match], lines: Tuple[int, ...], exc: Exception) -> str:
    if cause is None:  # an error of another shape: all of it, on one line
        return place.where(f"invalid Matcher pattern: {' '.join(str(exc).split())}")
    token, path, message = int(cause.group(1)), cause.group(2), cause.group(3)
    where = f"token {token + 1}" + (f", {path}" if path else "")
    return place.where(f"invalid Matcher pattern: {where}: {message}", lines[token] if token < len(lines) else None)


def _verb(place: _Place, e: dict) -> VerbRule:
    lemmas = tuple(s.lower() for s in place.strings(e, "lemmas"))
    objects = tuple(s.lower() for s in place.strings(e, "object_lemmas", required=False))
    for lemma in objects:
        if lemma not in lemmas:
            place.fail(f"object lemma '{lemma}' is not in 'lemmas'")
    scope = e.get("scope", "speech")
    if scope not in SCOPES:
        place.fail(f"unknown scope {scope!r}; expected one of {', '.join(SCOPES)}")
    reports = e.get("reports", "complement")
    if reports not in REPORTS:
        place.fail(f"unknown reports {reports!r}; expected one of {', '.join(REPORTS)}")
    return VerbRule(e["id"], _stance(place, e), lemmas, objects, place.text(e, "example"), scope, reports)


STANCES = ("neutral", "endorsing", "distancing", "hedged")
SCOPES = ("speech", "thought", "quote")
REPORTS = ("complement", "subject")
CUE_KINDS = ("according_to", "as_put_it")
SHAPES = ("subheading", "question")
EFFECTS = ("ignore", "generic", "specific", "unresolved", "speech_act", "finding", "hedge")
CLAUSES = ("any", "subordinate", "aside", "verbless")
REFERS = ("antecedent", "issuer", "person")
GENDERS = ("", "female", "male")


def _stance(place: _Place, e: dict) -> str:
    if e.get("stance", "neutral") not in STANCES:
        place.fail(f"unknown stance {e.get('stance')!r}; expected one of {', '.join(STANCES)}")
    return e.get("stance", "neutral")


def _cue(place: _Place, e: dict) -> CueRule:
    if e["kind"] not in CUE_KINDS:
        place.fail(f"unknown kind {e['kind']!r}; expected one of {', '.join(CUE_KINDS)}")
    names = tuple(s.lower() for s in place.strings(e, "names", required=False))
    if names and e["kind"] != "according_to":
        place.fail("'names' applies only to kind according_to")
    return CueRule(e["id"], e["kind"], _stance(place, e), place.pattern(e), place.text(e, "example"), names)


def _agentless(place: _Place, e: dict) -> CueRule:
    return CueRule(e["id"], "agentless", _stance(place, e), place.pattern(e), place.text(e, "example"))


def _source(place: _Place, e: dict) -> SourceRule:
    if e["type"] not in SOURCE_TYPES:
        place.fail(f"unknown type {e['type']!r}; expected one of {', '.join(SOURCE_TYPES)}")
    name = place.text(e, "name").strip() or place.fail("'name' must not be empty")
    return SourceRule(e["id"], name, e["type"], place.strings(e, "aliases"), place.strings(e, "roles", required=False))


def _lemmas(place: _Place, e: dict) -> LemmaRule:
    kind = e.get("type", "unnamed")
    if kind not in SOURCE_TYPES:
        place.fail(f"unknown type {kind!r}; expected one of {', '.join(SOURCE_TYPES)}")
    return LemmaRule(e["id"], tuple(s.lower() for s in place.strings(e, "lemmas")), place.text(e, "example"), kind)


def _role(place: _Place, e: dict) -> RoleRule:
    if e["type"] not in SOURCE_TYPES:
        place.fail(f"unknown type {e['type']!r}; expected one of {', '.join(SOURCE_TYPES)}")
    lower = lambda key, req=True: tuple(s.lower() for s in place.strings(e, key, required=req))  # noqa: E731
    gender = place.text(e, "gender")
    if gender not in GENDERS:
        place.fail(f"unknown gender {gender!r}; expected one of {', '.join(GENDERS[1:])}")
    return RoleRule(e["id"], e["type"], lower("titles"), lower("generic", False), gender)


def _description(place: _Place, e: dict) -> DescriptionRule:
    refers = e["refers"]
    if refers not in REFERS:
        place.fail(f"unknown refers {refers!r}; expected one of {', '.join(REFERS)}")
    types = place.strings(e, "types", required=refers == "antecedent")
    kind = place.text(e, "type")
    if (refers == "issuer") != bool(kind):
        place.fail("give 'type' with refers issuer, and only then")
    for value in types + ((kind,) if kind else ()):
        if value not in SOURCE_TYPES:
            place.fail(f"unknown type {value!r}; expected one of {', '.join(SOURCE_TYPES)}")
    heads = tuple(s.lower() for s in place.strings(e, "heads"))
    names = place.strings(e, "names", required=False)
    if names and refers != "antecedent":
        place.fail("give 'names' with refers antecedent only: they type a named entity like its antecedents")
    return DescriptionRule(e["id"], refers, heads, types, kind, place.text(e, "example"), names)


def _boilerplate(place: _Place, e: dict) -> BoilerplateRule:
    return BoilerplateRule(e["id"], place.regexes(e, "patterns"), place.text(e, "example"))


def _not_claim(place: _Place, e: dict) -> NotClaimRule:
    matchers = [k for k in ("lines", "sentences", "shape") if k in e]
    if len(matchers) != 1:
        place.fail("give exactly one of 'lines', 'sentences', 'shape'")
    shape = place.text(e, "shape")
    if "shape" in e and shape not in SHAPES:
        place.fail(f"unknown shape {shape!r}; expected one of {', '.join(SHAPES)}")
    return NotClaimRule(e["id"], place.regexes(e, "lines") if "lines" in e else (),
                        place.regexes(e, "sentences") if "sentences" in e else (), shape, place.text(e, "example"))


WORTH_MATCHERS = ("lemmas", "entities", "pattern", "regex", "lead", "headline")
# The universal parts of speech (Universal Dependencies), as spaCy's `pos_` gives them: what `headline` lists.
UPOS = ("ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART", "PRON", "PROPN", "PUNCT", "SCONJ",
        "SYM", "VERB", "X")


def _worth(place: _Place, e: dict):
    if not isinstance(e["weight"], (int, float)) or isinstance(e["weight"], bool):
        place.fail(f"'weight' must be a number, not {e['weight']!r}")
    matchers = [k for k in WORTH_MATCHERS if k in e]
    if not matchers and set(e) - set(_META) <= {"id", "weight"}:
        return Reweight(e["id"], float(e["weight"]))
    if len(matchers) != 1:
        place.fail(f"give exactly one of {', '.join(repr(k) for k in WORTH_MATCHERS)}, "
                   "or a weight alone to re-weight a rule of an earlier rule set")
    for key in ("most", "lead"):
        if key in e and (not isinstance(e[key], int) or isinstance(e[key], bool) or e[key] < 1):
            place.fail(f"'{key}' must be a whole number of at least 1, not {e[key]!r}")
    if "most" in e and not e.get("each"):
        place.fail("give 'most' only with 'each: true'")
    unknown = [tag for tag in place.strings(e, "headline", required=False) if tag.upper() not in UPOS]
    if unknown:
        place.fail(f"unknown part of speech {unknown[0]!r} in 'headline'; expected universal tags such as NOUN, "
                   "PROPN, VERB")
    return WorthRule(
        e["id"], float(e["weight"]),
        lemmas=tuple(s.lower() for s in place.strings(e, "lemmas")) if "lemmas" in e else (),
        entities=place.strings(e, "entities") if "entities" in e else (),
        pattern=place.pattern(e) if "pattern" in e else (),
        regex=place.regex(place.text(e, "regex")) if "regex" in e else None,
        example=place.text(e, "example"),
        each=bool(e.get("each", False)),
        most=e.get("most", 1 if not e.get("each") else 1000),
        needs=_words_or_labels(place.strings(e, "needs", required=False)),
        lead=e.get("lead", 0),
        unless=_words_or_labels(place.strings(e, "unless", required=False)),
        headline=tuple(s.upper() for s in place.strings(e, "headline")) if "headline" in e else (),
    )


def _words_or_labels(items: Sequence[str]) -> Tuple[str, ...]:
    """Lemmas in lower case, entity labels (written in capitals) as they are."""
    return tuple(s if s.isupper() else s.lower() for s in items)


def _standing(place: _Place, e: dict) -> StandingRule:
    effect = e["effect"]
    if effect not in EFFECTS:
        place.fail(f"unknown effect {effect!r}; expected one of {', '.join(EFFECTS)}")
    if (effect == "hedge") != ("pattern" in e):
        place.fail("give a 'pattern' with effect hedge, and only then")
    matchers = [k for k in ("cue_rules", "lemmas", "links", "sources", "pattern", "clause") if k in e]
    if not matchers and effect != "unresolved":
        place.fail("give at least one of 'cue_rules', 'lemmas', 'links', 'sources', 'pattern', 'clause'")
    clause = e.get("clause", "any")
    if clause not in CLAUSES:
        place.fail(f"unknown clause {clause!r}; expected one of {', '.join(CLAUSES)}")
    if (clause == "aside") != ("marks" in e):
        place.fail("give 'marks' with clause aside, and only then")
    lower = lambda key: tuple(s.lower() for s in place.strings(e, key, required=False))  # noqa: E731
    return StandingRule(e["id"], effect, place.strings(e, "cue_rules", required=False), lower("lemmas"),
                        place.strings(e, "links", required=False), lower("sources"),
                        place.pattern(e) if "pattern" in e else (), clause, lower("marks"), place.text(e, "example"))


PARSERS = {
    "verbs": (("stance", "lemmas"), ("object_lemmas", "example", "scope", "reports"), _verb),
    "cues": (("kind", "pattern"), ("stance", "example", "names"), _cue),
    "agentless": (("pattern",), ("stance", "example"), _agentless),
    "sources": (("name", "type", "aliases"), ("roles",), _source),
    "vague": (("lemmas",), ("example", "type"), _lemmas),
    "roles": (("type", "titles"), ("generic", "gender"), _role),
    "descriptions": (("refers", "heads"), ("types", "type", "example", "names"), _description),
    "boilerplate": (("patterns",), ("example",), _boilerplate),
    "not_claims": ((), ("lines", "sentences", "shape", "example"), _not_claim),
    "checkworthiness": (("weight",), WORTH_MATCHERS + ("each", "most", "needs", "unless", "example"), _worth),
    "standing": (("effect",), ("cue_rules", "lemmas", "links", "sources", "pattern", "clause", "marks", "example"),
                 _standing),
}
