"""Search every text of every fact, quotes included (case and accents ignored). Each
word starts a word of the fact; a word that is a whole name of a thing (etm, frontex,
hrvp) also finds the facts about it, whatever words they use. OR (uppercase) between
words means either side: a b OR c is (a b) OR c.

$ coop search smuggling
$ coop search syrian OR rohingya OR afghan
$ coop search readmiss --country nigeria --json
"""

from typing import Annotated

from coopcli.api import query_words
from coopcli.cli import options as o
from coopcli.render import LISTING_FORMATS, Output, columns, views

WORDS_HELP = (
    "Words that must all occur in the same fact (prefixes match; a thing's whole name "
    "finds the facts about it); OR between words for either side."
)


@o.command(position=300, formats=LISTING_FORMATS)
def search_command(
    load: o.Load,
    words: Annotated[list[str], o.argument("QUERY...", WORDS_HELP, o.complete_thing)],
    *,
    filters: o.Filters,
    person: o.PersonOption = None,
    body: o.BodyOption = None,
) -> Output:
    folded = query_words(words)  # checked before the dataset is read
    dataset = load()
    rows = dataset.search(words, **filters, person=person, body=body)
    partners = dataset.select()
    things = dataset.registry.things if any(row["things"] for row in rows) else {}
    return Output(
        rows,
        columns=columns.HITS,
        human=lambda screen: views.hits(screen, rows, folded, partners, things),
    )
