"""Pydantic models of the dataset file: the schema that `coop validate` enforces.

Imported only where a dataset must be validated or the JSON Schema printed (Pydantic costs
more than the rest of a run); the rest of coop works on the dicts of `coopcli.records`.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from typing import Annotated, Any, ClassVar, Literal, NamedTuple

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    StringConstraints,
)

from coopcli.factids import FACT_ID_PATTERN, FACT_NAME_PATTERN
from coopcli.shape import PARTIAL_DATE_PATTERN
from coopcli.vocab import (
    AgencyName,
    AgencyStage,
    AgreementKind,
    AgreementStatus,
    AreaId,
    EventKind,
    FrameworkKind,
    MilestoneKind,
    NoteKind,
    PartnerKind,
    Role,
    ThingKind,
)

TEXT_PATTERN = r"\S"
"""The schema pattern of text (`Text`, `Source`): a field with it also gets `visible`."""


def real_date(value: str) -> str:
    """Reject partial dates that match the pattern but name no real day or month (run
    only on a value the pattern took: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`)."""
    year, month, day = (*map(int, value.split("-")), 1, 1)[:3]
    try:
        dt.date(year, month, day)
    except ValueError:
        raise ValueError(f"{value!r} is not a real date") from None
    return value


_BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")  # Hangul fillers, Braille blank


def visible(value: str) -> str:
    """Reject text made only of invisible characters (zero-width spaces, joiners,
    direction marks, controls, Hangul fillers, the blank Braille pattern, combining marks
    with nothing to combine with), which the pattern's `\\S` lets through."""
    for char in value:
        if unicodedata.category(char)[0] not in "CZM" and char not in _BLANK_LETTERS:
            return value
    shown = ", ".join(dict.fromkeys(f"U+{ord(char):04X}" for char in value[:8]))
    raise ValueError(f"empty text where text is required (only invisible {shown})")


def exact_int(value: object) -> object:
    """Let only a real integer reach a Literal of integers, which in lax mode would
    also take 1.0 or True for 1."""
    if type(value) is not int:
        raise ValueError(f"Input should be a valid integer (got {value!r})")
    return value


Text = Annotated[
    str, StringConstraints(min_length=1, pattern=TEXT_PATTERN), AfterValidator(visible)
]
"""A non-empty string with at least one visible character."""

PartialDate = Annotated[
    str,
    StringConstraints(pattern=PARTIAL_DATE_PATTERN),
    AfterValidator(real_date),
    Field(examples=["2021", "2021-05", "2021-09-09"]),
]
"""An ISO 8601 date at the precision the source gives: YYYY, YYYY-MM or YYYY-MM-DD."""

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
FactId = Annotated[
    str,
    StringConstraints(pattern=FACT_ID_PATTERN),
    Field(
        description=(
            "Unique among the partner's facts, stable across editions (`PARTNER/ID` names it)."
        ),
        examples=["visit-2021-05", "readmission", "readmission-mandate-2014"],
        json_schema_extra={"role": "id"},
    ),
]
"""A fact's id: `[a-z0-9_-]+`, unique within its partner; `PARTNER/ID` names the fact."""
Alpha2 = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]
Alpha3 = Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]


class Changes(NamedTuple):
    """What `coop diff` says of a kind of fact (ids from `coopcli.vocab.CHANGE_KINDS`)."""

    added: str  # the change id of a fact added (`agreement_added`)
    removed: str
    changed: str  # its fields changed (but those of `fields`)
    headline: str  # the field a row of a fact added gives as `new`, removed as `old`
    # The field that names the fact in a row's `subject` (`label:NAME`: a vocabulary
    # value's label); a fact within a fact is `PARENT SUBJECT: its own`, in lower case.
    subject: str
    position: int  # where its changes come among a partner's (0.3's order)
    fields: tuple[tuple[str, str], ...] = ()  # fields whose change has its own change id
    removed_quote: bool = True  # whether a removed fact's row gives its `source`


class Section(NamedTuple):
    """What a kind of fact's fields cannot say: the schema's `x-section`."""

    label: str  # what one such fact is called (`coop search`'s section label)
    search: tuple[str, ...]  # the fields search reads, in order (vocabularies by label)
    heading: str = ""  # the card's heading (none for the facts of a fact)
    card_position: int = 0
    search_ids: tuple[str, ...] = ()  # vocabularies search reads by id, not label
    title: str = ""  # its name on its own card (`coop show PARTNER/ID`); else the label
    diff: Changes | None = None


def with_role(
    name: Role, default: Any = ..., *, label: str = "", column: str = "", **constraints: Any
) -> Any:
    """`Field(default, json_schema_extra={"role": name})`: what the field is to the views
    (`coopcli.vocab.ROLES`), the words a reader sees where its name would not do, and its
    SQLite column where its name is a word SQL reserves."""
    given = {"role": name, "label": label, "column": column}
    extra = {key: value for key, value in given.items() if value}
    return Field(default, json_schema_extra=extra, **constraints)  # type: ignore[arg-type]


class _Strict(BaseModel):
    # Field docstrings become descriptions in `coopcli.schema` at build time, not here:
    # Pydantic would read this module's source on every validation of a user's file.
    # (`id`, `inferred` and `source` take theirs from their types.)
    model_config = ConfigDict(extra="forbid", frozen=True)


Source = Annotated[
    Text,
    Field(
        description="The verbatim sentence or clause of the source document this fact comes from.",
        json_schema_extra={"role": "quote"},
    ),
]
"""A verbatim quote of the source (whitespace normalised, the source's own typos kept)."""

Inferred = Annotated[
    dict[str, Text] | None,
    Field(
        description=(
            "The fields whose value coop reads into the source rather than finds in the quote, "
            "each with the reason in coop's own words (never the source's); absent when every "
            "value is stated by the quote."
        ),
        examples=[{"date": "the source gives no year; 2021 is read from the document's date"}],
        json_schema_extra={"role": "reasons"},
    ),
]
"""Field name to the reason coop gives for a value the quote does not state literally."""

Qualifiers = Annotated[
    list[Text],
    Field(
        description=(
            "The source's words that qualify the fact in time, certainty or scope "
            "('tentatively', 'up to now', 'inter alia'), verbatim from its quote or from the "
            "sentence its quote lies in, where they govern the whole sentence."
        ),
        examples=[["more recently"]],
        json_schema_extra={"role": "detail"},
    ),
]
"""Qualifiers of time, certainty or scope the source attaches to the fact (docs/data.md,
"Rules of reading the source")."""

AlsoQuoted = Annotated[
    list[Text],
    Field(
        description=(
            "Other places in its partner's paragraph where the source states the fact again, "
            "each verbatim ('integrated border management;')."
        ),
        json_schema_extra={"role": "detail", "label": "Also quoted"},
    ),
]
"""A fact's second quote: the source states it again, in its partner's paragraph."""


class Meta(_Strict):
    """What the dataset is and which document it was built from."""

    title: Text
    """The source document's title."""
    date: PartialDate
    """The document's date, as far as its text shows it."""
    date_reasoning: Text
    """Why the document is dated so: the latest past and earliest planned events."""
    covers: Text
    """What the dataset covers."""
    source_file: Text
    """The file name of the source text the quotes are proven against."""
    source_sha256: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")] | None = None
    """SHA-256 of the source text after whitespace normalisation (`coop validate --source`
    warns when a file is a different document)."""
    schema_version: Annotated[Literal[1, 2, 3, 4], BeforeValidator(exact_int)] = 1
    """Version of this data layout, raised when a reader of the previous version would reject
    a file of the new one. 2 adds `inferred`, `ongoing`, `counterparts` and `source_sha256`;
    3 an `id` on every fact, `names` on frameworks and agreements, `role_date` on frameworks
    and the status `rounds_held`; 4 the registry of `things`, and on facts `qualifiers`,
    `also_quoted`, an agreement's `condition`, the status `not_activated`, the milestone
    kind `procedures_agreed` and undated milestones. A file that says nothing is a version
    1 file; coop still reads versions 1 and 2, deriving the ids of their facts
    (`coopcli.factids`)."""


class Member(_Strict):
    """A member country of a regional partner (look-up metadata, not a source fact)."""

    name: Text
    """The country's common English name."""
    iso2: Alpha2 | None = None
    """ISO 3166-1 alpha-2 code (or a code in common use where ISO assigns none)."""
    iso3: Alpha3 | None = None
    """ISO 3166-1 alpha-3 code (or a code in common use where ISO assigns none)."""
    aliases: list[Text] = []
    """Other names the country is known by."""


class Framework(_Strict):
    """A forum, process or structure the partner takes part in."""

    section: ClassVar[Section] = Section(
        "Framework", ("name", "kind", "names", "role", "source"), "Frameworks", 2,
        diff=Changes("framework_added", "framework_removed", "framework_changed", "id", "name", 3),
    )  # fmt: skip

    id: Slug = with_role("id")
    """Slug shared by every partner in the same framework (e.g. `rabat-process`)."""
    name: Text = with_role("what")
    """The framework's name."""
    kind: FrameworkKind = with_role("kind")
    """What kind of framework it is."""
    since: PartialDate | None = with_role("when", None)
    """The year (or date) the source gives for its start, if any."""
    role: Text | None = None
    """The partner's or the EU's role in it, where the source states one."""
    role_date: PartialDate | None = None
    """The year (or date) the source gives for that role ("in 2021"), at its precision."""
    names: list[Text] = with_role("names", [])
    """Short forms the source gives it (`SSAR`, `CAPD`): look-up names, unique to it."""
    qualifiers: Qualifiers = []
    also_quoted: AlsoQuoted = []
    inferred: Inferred = None
    source: Source


class Milestone(_Strict):
    """A dated step of an agreement."""

    section: ClassVar[Section] = Section(
        "Milestone", ("source",), title="Agreement milestone",
        diff=Changes("milestone_added", "milestone_removed", "milestone_changed", "date",
                     "label:kind", 2),
    )  # fmt: skip

    id: FactId
    kind: MilestoneKind = with_role("kind")
    """What happened."""
    date: PartialDate | None = with_role("when", None)
    """When it happened (for negotiation rounds: the first year); absent where the source
    gives no date (procedures "have been agreed")."""
    end: PartialDate | None = with_role("when", None, column="end_date")
    """Last date of a range (for negotiation rounds: the last year)."""
    count: StrictInt | None = Field(default=None, ge=1, le=999)
    """How many rounds, where the source counts them."""
    qualifiers: Qualifiers = []
    also_quoted: AlsoQuoted = []
    inferred: Inferred = None
    source: Source


class Agreement(_Strict):
    """A formal instrument between the EU and the partner."""

    section: ClassVar[Section] = Section(
        "Agreement", ("title", "kind", "status", "names", "source", "milestones"), "Agreements", 1,
        diff=Changes("agreement_added", "agreement_removed", "agreement_changed", "status",
                     "title", 1, fields=(("status", "status_changed"),)),
    )  # fmt: skip

    id: FactId
    kind: AgreementKind = with_role("kind")
    """What kind of instrument it is."""
    status: AgreementStatus = with_role("status")
    """Where it stands, as the source describes it."""
    title: Text = with_role("what")
    """The instrument's name as the source gives it."""
    milestones: list[Milestone] = with_role("parts", [])
    """The dated steps the source gives (mandate, rounds, conclusion, application)."""
    names: list[Text] = with_role("names", [])
    """Short forms the source gives it (`JDMC`, `CAMM`): look-up names, unique to it."""
    condition: Text | None = None
    """What must happen for it to take effect, verbatim from its quote ("once irregular
    crossings have ended ...")."""
    qualifiers: Qualifiers = []
    also_quoted: AlsoQuoted = []
    inferred: Inferred = None
    source: Source


MAX_NAMES = 20
"""The most names a list of an event holds (the source's most is 4): each person's row of
`coop people` repeats the event's names, so a list's length counts squared."""


class Event(_Strict):
    """A visit, dialogue, meeting, call, council or summit."""

    section: ClassVar[Section] = Section(
        "Event", ("title", "kind", "when", "people", "bodies", "counterparts", "places", "source"),
        "Events", 3,
        diff=Changes("event_added", "event_removed", "event_changed", "date", "title", 5),
    )  # fmt: skip

    id: FactId
    kind: EventKind = with_role("kind")
    """What kind of event it is."""
    title: Text = with_role("what")
    """A short description of the event."""
    date: PartialDate | None = with_role("when", None)
    """Start date at the source's precision; absent where the source gives none."""
    end: PartialDate | None = with_role("when", None, column="end_date")
    """Last day of a range."""
    ongoing: StrictBool = with_role("when", False)
    """Started at `date`, no end known: still going on when the document was written."""
    when: Text | None = with_role("when", None, column="when_text")
    """The source's words for an undated or open-ended time ("in the coming months")."""
    planned: StrictBool = with_role("when", False)
    """True for what had not happened when the document was written."""
    people: list[Text] = with_role("who", [], max_length=MAX_NAMES)
    """The people or offices involved (e.g. `Commissioner Johansson`, `HRVP`)."""
    bodies: list[Text] = with_role("body", [], max_length=MAX_NAMES)
    """The institutions or bodies involved."""
    counterparts: list[Text] = with_role("counterpart", [], label="Met with", max_length=MAX_NAMES)
    """Who the EU met with, where the source says with whom (e.g. `Albania`)."""
    places: list[Text] = with_role("where", [], max_length=MAX_NAMES)
    """Where it took place, when narrower than the partner (e.g. a member country)."""
    qualifiers: Qualifiers = []
    also_quoted: AlsoQuoted = []
    inferred: Inferred = None
    source: Source


class Area(_Strict):
    """A cooperation area the source names for the partner."""

    section: ClassVar[Section] = Section(
        "Area", ("id", "source"), "Areas of cooperation", 4, title="Area of cooperation",
        diff=Changes("area_gained", "area_lost", "area_changed", "id", "id", 4, removed_quote=False),
    )  # fmt: skip

    id: AreaId = with_role("id")
    """The area."""
    qualifiers: Qualifiers = []
    also_quoted: AlsoQuoted = []
    inferred: Inferred = None
    source: Source


class Agency(_Strict):
    """Cooperation with an EU agency."""

    section: ClassVar[Section] = Section(
        "EU agency", ("name", "source"), "EU agencies", 5, search_ids=("name",),
        diff=Changes("agency_added", "agency_removed", "agency_changed", "stage", "name", 6),
    )  # fmt: skip

    id: FactId
    name: AgencyName = with_role("what")
    """The agency (or "EU agencies" where the source names none)."""
    stage: AgencyStage = with_role("status")
    """How far the cooperation has come."""
    qualifiers: Qualifiers = []
    also_quoted: AlsoQuoted = []
    inferred: Inferred = None
    source: Source


class Note(_Strict):
    """A fact that fits nowhere else: a request, an interest, a review, a project."""

    section: ClassVar[Section] = Section(
        "Note", ("title", "source"), "Notes", 6,
        diff=Changes("note_added", "note_removed", "note_changed", "kind", "title", 7),
    )  # fmt: skip

    id: FactId
    kind: NoteKind = with_role("kind")
    """What kind of note it is."""
    title: Text = with_role("what")
    """A short description of the note."""
    qualifiers: Qualifiers = []
    also_quoted: AlsoQuoted = []
    inferred: Inferred = None
    source: Source


class Partner(_Strict):
    """One of the EU's key partner countries or regions."""

    id: Slug
    """Stable lower-case slug (a public contract: `tunisia`, `western-balkans`)."""
    name: Text
    """Common English name."""
    kind: PartnerKind = "country"
    """A single country or a region of several."""
    region: Text
    """The geographic region (UN M49 sub-region)."""
    iso2: Alpha2 | None = None
    """ISO 3166-1 alpha-2 code; absent for a region."""
    iso3: Alpha3 | None = None
    """ISO 3166-1 alpha-3 code; absent for a region."""
    aliases: list[Text] = []
    """Other names the partner is known by (e.g. `Türkiye`)."""
    members: list[Member] = []
    """For a region: its member countries."""
    frameworks: list[Framework] = []
    """Fora and processes the partner takes part in."""
    agreements: list[Agreement] = []
    """Formal instruments with the EU."""
    events: list[Event] = []
    """Visits, dialogues, meetings, calls, councils and summits."""
    areas: list[Area] = []
    """Cooperation areas, each with the quote that names it."""
    agencies: list[Agency] = []
    """Cooperation with EU agencies."""
    notes: list[Note] = []
    """Facts that fit nowhere else."""


class Identification(_Strict):
    """A person the source names on a fact by office or surname, and who that is then."""

    fact: Annotated[str, StringConstraints(pattern=FACT_NAME_PATTERN)]
    """The fact (`PARTNER/ID`) that names the person."""
    name: Text
    """The form the fact gives (`HRVP`), one of the person's names."""
    reason: Text
    """Why it is this person: the office, its holder and their term, at the fact's date."""


class Thing(_Strict):
    """A person, body, state or framework the source names, with every name it goes by."""

    id: Slug
    """Stable slug (`ylva-johansson`, `frontex`); a framework's is its facts' `id`."""
    kind: ThingKind
    """What it is."""
    name: Text
    """Its canonical name."""
    written: list[Text] = []
    """The forms the source writes for it (`Commissioner Johansson`), verbatim."""
    aliases: list[Text] = []
    """Other names it goes by, and a field's wording where the source's differs."""
    office: Text | None = None
    """A person's office (`European Commissioner for Home Affairs`)."""
    of: Slug | None = None
    """The thing or partner its office or it belongs to (`european-commission`, `italy`)."""
    reason: Text | None = None
    """Why its names that the source does not write are right (look-up metadata)."""
    identified: list[Identification] = []
    """The facts naming it by office or surname, each with why it is this person."""


class DatasetFile(_Strict):
    """The whole dataset file."""

    meta: Meta
    """About the dataset and its source document."""
    things: list[Thing] = []
    """The registry (layout 4): which written form names which thing."""
    partners: list[Partner]
    """The partner countries and regions."""
