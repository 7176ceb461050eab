"""Search every text of every fact, quotes included (case and accents ignored).

$ coop search smuggling
$ coop search varhelyi visit --json
$ coop search readmiss --country nigeria
"""

from typing import Annotated

from coopcli.api import query_words
from coopcli.cli import options as o
from coopcli.render import LISTING_FORMATS, Output, columns, views

WORDS_HELP = "Words that must all occur in the same fact (prefixes match)."


@o.command(position=300, formats=LISTING_FORMATS)
def search_command(
    load: o.Load,
    words: Annotated[list[str], o.argument("QUERY...", WORDS_HELP)],
    *,
    filters: o.Filters,
    person: o.PersonOption = None,
) -> Output:
    folded = query_words(words)  # checked before the dataset is read
    dataset = load()
    rows = dataset.search(words, **filters, person=person)
    partners = dataset.records["partners"]
    return Output(
        rows, columns=columns.HITS, human=lambda screen: views.hits(screen, rows, folded, partners)
    )
