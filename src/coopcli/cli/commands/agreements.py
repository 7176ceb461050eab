"""List the agreements with the EU, filtered by status, kind or partner. Where an
agreement is held elsewhere (Iraq's, as a framework), a note on stderr says where.

$ coop agreements --status in_place
$ coop agreements --kind readmission --status negotiating --status mandate
$ coop agreements tunisia morocco --json
"""

from coopcli.api import choose_all
from coopcli.cli import options as o
from coopcli.render import LISTING_FORMATS, Output, columns
from coopcli.vocab import AGREEMENT_KINDS, AGREEMENT_STATUSES


@o.command(position=400, formats=LISTING_FORMATS)
def agreements_command(
    load: o.Load,
    partners: o.PartnersArgument = None,
    status: o.StatusOption = None,
    kind: o.AgreementKindOption = None,
    *,
    filters: o.Filters,
) -> Output:
    # Checked before the dataset is read: a typo is a usage error even in a bad dataset.
    statuses = choose_all(status or [], AGREEMENT_STATUSES, "status")
    kinds = choose_all(kind or [], AGREEMENT_KINDS, "kind")
    asked = o.with_partners(filters, partners)
    dataset = load()
    return Output(
        dataset.agreements(status=statuses, kind=kinds, **asked),
        columns=columns.AGREEMENTS,
        empty_message="No agreement matches.",
        inferred_hint=o.INFERRED_HINT,
        notes=dataset.agreement_notes(status=statuses, kind=kinds, **asked),  # on stderr
    )
