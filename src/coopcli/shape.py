"""The shape of a partner's facts: GENERATED from `coopcli.model` by
`python -m coopcli.generate`; do not edit (a test regenerates it and fails on a difference).

Plain data that imports nothing, so that reading it costs a run nothing: everything that
walks a partner's facts iterates `SECTIONS` (search, fact counting, validation, the card,
the CSV and SQLite exports), and the models stay the one description of a fact.
"""

from __future__ import annotations


class Field:
    """One field of a model: its name, what it holds (`text`, `date`, `id` of a
    vocabulary, `int`, `bool`, `texts`, `reasons` for `inferred`, `facts` or `records` for
    a list of models), whether it must be given, whether it may be null, its default, its
    vocabulary's name (`coopcli.vocab.VOCABULARIES`), its SQLite column, its role
    (`coopcli.vocab.ROLES`) and the words a reader sees for it (`label`)."""

    __slots__ = (
        "column", "default", "kind", "label", "name", "optional", "required", "role", "vocabulary"
    )  # fmt: skip

    def __init__(
        self,
        name: str,
        kind: str,
        *,
        required: bool = False,
        optional: bool = False,
        default: object = None,
        vocabulary: str | None = None,
        column: str | None = None,
        role: str = "detail",
        label: str = "",
    ) -> None:
        self.name = name
        self.kind = kind
        self.required = required
        self.optional = optional
        self.default = [] if kind in ("texts", "facts", "records") else default
        self.vocabulary = vocabulary
        self.column = column or name
        self.role = role
        self.label = label or name.replace("_", " ").capitalize()


class Shape:
    """A model; for a kind of fact (`SECTIONS`), also the partner's (or parent fact's) key
    that holds its list, its label, card heading and title (what a fact's own card calls
    it), the fields search reads (those in `search_labels` by their vocabulary's label),
    its facts (`parts`: an agreement's milestones), the field behind each CSV column, and
    what `coop diff` says of it: its change ids (added, removed, changed), the field an
    added or removed fact's row gives (`headline`), the field that names it (`subject`,
    `label:NAME` a vocabulary label), the fields whose change has an id of its own
    (`change_fields`) and whether a removed fact's row gives its quote."""

    __slots__ = (
        "change_fields",
        "changes",
        "csv",
        "fields",
        "heading",
        "headline",
        "key",
        "label",
        "model",
        "parts",
        "removed_quote",
        "search",
        "search_labels",
        "subject",
        "title",
    )

    def __init__(
        self,
        model: str,
        fields: tuple[Field, ...],
        *,
        key: str = "",
        label: str = "",
        heading: str = "",
        title: str = "",
        search: tuple[str, ...] = (),
        search_labels: tuple[str, ...] = (),
        parts: tuple[Shape, ...] = (),
        csv: tuple[tuple[str, str], ...] = (),
        changes: tuple[str, str, str] = ("", "", ""),
        headline: str = "",
        subject: str = "",
        change_fields: tuple[tuple[str, str], ...] = (),
        removed_quote: bool = True,
    ) -> None:
        self.model = model
        self.fields = fields
        self.key = key
        self.label = label
        self.heading = heading
        self.title = title or label
        self.search = search
        self.search_labels = search_labels
        self.parts = parts
        self.csv = csv
        self.changes = changes
        self.headline = headline
        self.subject = subject
        self.change_fields = change_fields
        self.removed_quote = removed_quote

    def field(self, name: str) -> Field:
        """The field called `name`."""
        return next(field for field in self.fields if field.name == name)


META = Shape(
    "Meta",
    (
        Field("title", "text", required=True),
        Field("date", "date", required=True),
        Field("date_reasoning", "text", required=True),
        Field("covers", "text", required=True),
        Field("source_file", "text", required=True),
        Field("source_sha256", "text", optional=True),
        Field("schema_version", "int", default=1),
    ),
)

MEMBER = Shape(
    "Member",
    (
        Field("name", "text", required=True),
        Field("iso2", "text", optional=True),
        Field("iso3", "text", optional=True),
        Field("aliases", "texts"),
    ),
)

PARTNER = Shape(
    "Partner",
    (
        Field("id", "text", required=True),
        Field("name", "text", required=True),
        Field("kind", "id", default="country", vocabulary="partner kind"),
        Field("region", "text", required=True),
        Field("iso2", "text", optional=True),
        Field("iso3", "text", optional=True),
        Field("aliases", "texts"),
        Field("members", "records"),
        Field("frameworks", "facts"),
        Field("agreements", "facts"),
        Field("events", "facts"),
        Field("areas", "facts"),
        Field("agencies", "facts"),
        Field("notes", "facts"),
    ),
)

SECTIONS: tuple[Shape, ...] = (
    Shape(
        "Framework",
        (
            Field("id", "text", required=True, column="framework", role="id"),
            Field("name", "text", required=True, role="what"),
            Field("kind", "id", required=True, vocabulary="framework kind", role="kind"),
            Field("since", "date", optional=True, role="when"),
            Field("role", "text", optional=True),
            Field("role_date", "date", optional=True),
            Field("names", "texts", role="names"),
            Field("inferred", "reasons", optional=True, role="reasons"),
            Field("source", "text", required=True, role="quote"),
        ),
        key="frameworks",
        label="Framework",
        heading="Frameworks",
        search=("name", "kind", "names", "role", "source"),
        search_labels=("kind",),
        csv=(
            ("kind", "kind"),
            ("title", "name"),
            ("date", "since"),
            ("inferred", "inferred"),
            ("source", "source"),
            ("id", "id"),
            ("name", "name"),
            ("since", "since"),
            ("role", "role"),
            ("role_date", "role_date"),
            ("names", "names"),
        ),
        changes=("framework_added", "framework_removed", "framework_changed"),
        headline="id",
        subject="name",
    ),
    Shape(
        "Agreement",
        (
            Field("id", "text", required=True, column="agreement", role="id"),
            Field("kind", "id", required=True, vocabulary="agreement kind", role="kind"),
            Field("status", "id", required=True, vocabulary="agreement status", role="status"),
            Field("title", "text", required=True, role="what"),
            Field("milestones", "facts", role="parts"),
            Field("names", "texts", role="names"),
            Field("inferred", "reasons", optional=True, role="reasons"),
            Field("source", "text", required=True, role="quote"),
        ),
        key="agreements",
        label="Agreement",
        heading="Agreements",
        search=("title", "kind", "status", "names", "source", "milestones"),
        search_labels=("kind", "status"),
        parts=(
            Shape(
                "Milestone",
                (
                    Field("id", "text", required=True, column="milestone", role="id"),
                    Field("kind", "id", required=True, vocabulary="milestone kind", role="kind"),
                    Field("date", "date", required=True, role="when"),
                    Field("end", "date", optional=True, column="end_date", role="when"),
                    Field("count", "int", optional=True),
                    Field("inferred", "reasons", optional=True, role="reasons"),
                    Field("source", "text", required=True, role="quote"),
                ),
                key="milestones",
                label="Milestone",
                title="Agreement milestone",
                search=("source",),
                csv=(
                    ("kind", "kind"),
                    ("title", "parent:title"),
                    ("date", "date"),
                    ("end", "end"),
                    ("inferred", "inferred"),
                    ("source", "source"),
                    ("id", "id"),
                    ("count", "count"),
                ),
                changes=("milestone_added", "milestone_removed", "milestone_changed"),
                headline="date",
                subject="label:kind",
            ),
        ),
        csv=(
            ("kind", "kind"),
            ("title", "title"),
            ("status", "status"),
            ("inferred", "inferred"),
            ("source", "source"),
            ("id", "id"),
            ("names", "names"),
        ),
        changes=("agreement_added", "agreement_removed", "agreement_changed"),
        headline="status",
        subject="title",
        change_fields=(("status", "status_changed"),),
    ),
    Shape(
        "Event",
        (
            Field("id", "text", required=True, column="event", role="id"),
            Field("kind", "id", required=True, vocabulary="event kind", role="kind"),
            Field("title", "text", required=True, role="what"),
            Field("date", "date", optional=True, role="when"),
            Field("end", "date", optional=True, column="end_date", role="when"),
            Field("ongoing", "bool", default=False, role="when"),
            Field("when", "text", optional=True, column="when_text", role="when"),
            Field("planned", "bool", default=False, role="when"),
            Field("people", "texts", role="who"),
            Field("bodies", "texts", role="body"),
            Field("counterparts", "texts", role="counterpart", label="Met with"),
            Field("places", "texts", role="where"),
            Field("inferred", "reasons", optional=True, role="reasons"),
            Field("source", "text", required=True, role="quote"),
        ),
        key="events",
        label="Event",
        heading="Events",
        search=("title", "kind", "when", "people", "bodies", "counterparts", "places", "source"),
        search_labels=("kind",),
        csv=(
            ("kind", "kind"),
            ("title", "title"),
            ("date", "date"),
            ("end", "end"),
            ("ongoing", "ongoing"),
            ("when", "when"),
            ("planned", "planned"),
            ("people", "people"),
            ("inferred", "inferred"),
            ("source", "source"),
            ("id", "id"),
            ("bodies", "bodies"),
            ("counterparts", "counterparts"),
            ("places", "places"),
        ),
        changes=("event_added", "event_removed", "event_changed"),
        headline="date",
        subject="title",
    ),
    Shape(
        "Area",
        (
            Field("id", "id", required=True, vocabulary="area", column="area", role="id"),
            Field("inferred", "reasons", optional=True, role="reasons"),
            Field("source", "text", required=True, role="quote"),
        ),
        key="areas",
        label="Area",
        heading="Areas of cooperation",
        title="Area of cooperation",
        search=("id", "source"),
        search_labels=("id",),
        csv=(
            ("kind", "id"),
            ("title", "label:id"),
            ("inferred", "inferred"),
            ("source", "source"),
            ("id", "id"),
        ),
        changes=("area_gained", "area_lost", "area_changed"),
        headline="id",
        subject="id",
        removed_quote=False,
    ),
    Shape(
        "Agency",
        (
            Field("id", "text", required=True, column="agency", role="id"),
            Field("name", "id", required=True, vocabulary="agency", role="what"),
            Field("stage", "id", required=True, vocabulary="agency stage", role="status"),
            Field("inferred", "reasons", optional=True, role="reasons"),
            Field("source", "text", required=True, role="quote"),
        ),
        key="agencies",
        label="EU agency",
        heading="EU agencies",
        search=("name", "source"),
        csv=(
            ("kind", "name"),
            ("title", "name"),
            ("status", "stage"),
            ("inferred", "inferred"),
            ("source", "source"),
            ("id", "id"),
            ("name", "name"),
            ("stage", "stage"),
        ),
        changes=("agency_added", "agency_removed", "agency_changed"),
        headline="stage",
        subject="name",
    ),
    Shape(
        "Note",
        (
            Field("id", "text", required=True, column="note", role="id"),
            Field("kind", "id", required=True, vocabulary="note kind", role="kind"),
            Field("title", "text", required=True, role="what"),
            Field("inferred", "reasons", optional=True, role="reasons"),
            Field("source", "text", required=True, role="quote"),
        ),
        key="notes",
        label="Note",
        heading="Notes",
        search=("title", "source"),
        csv=(
            ("kind", "kind"),
            ("title", "title"),
            ("inferred", "inferred"),
            ("source", "source"),
            ("id", "id"),
        ),
        changes=("note_added", "note_removed", "note_changed"),
        headline="kind",
        subject="title",
    ),
)
"""The kinds of a partner's facts, in the dataset's (and search's) order."""

SECTION = {section.key: section for section in SECTIONS}
"""Each kind of fact by the partner's key that holds its list."""

CARD_ORDER = ("agreements", "frameworks", "events", "areas", "agencies", "notes")
"""The sections in the order the card shows them."""

EVERY_SECTION = {
    "frameworks": SECTIONS[0],
    "agreements": SECTIONS[1],
    "milestones": SECTIONS[1].parts[0],
    "events": SECTIONS[2],
    "areas": SECTIONS[3],
    "agencies": SECTIONS[4],
    "notes": SECTIONS[5],
}
"""Every kind of fact, an agreement's milestones too, by its key (a fact's
`section`), in the dataset's order, each followed by its parts."""

DIFF_ORDER = ("agreements", "milestones", "frameworks", "areas", "events", "agencies", "notes")
"""Every kind of fact (an agreement's milestones too) by its key, in the order of
`coop diff`'s changes within a partner (0.3's order first: agreements, areas,
events)."""

CSV_COLUMNS = (
    "country",
    "country_name",
    "region",
    "section",
    "path",
    "kind",
    "title",
    "status",
    "date",
    "end",
    "ongoing",
    "when",
    "planned",
    "people",
    "inferred",
    "source",
    "id",
    "name",
    "since",
    "role",
    "count",
    "bodies",
    "counterparts",
    "places",
    "stage",
    "role_date",
    "names",
    "fact",
)
"""The columns of `coop export --format csv`, a contract: new ones are appended."""
