"""Export the whole dataset, or the partners a filter keeps, for other tools:
json (the dataset document), ndjson (a partner per line), csv (a fact per row),
toml (a dataset file that coop validate accepts) or sqlite (a database, a table per
kind of fact, with full-text search; --output only).

$ coop export --format csv --output facts.csv
$ coop export --format toml --output edition.toml
$ coop export -f toml --region 'Western Africa' -o west-africa.toml
"""

import os

from coopcli import api
from coopcli.cli import options as o
from coopcli.cli.exits import say
from coopcli.errors import CoopError, UsageError
from coopcli.render import EXPORT_FORMATS, Output, OutputFormat, columns, emit, save, save_beside
from coopcli.render.base import counted
from coopcli.render.machine import SCHEMA_FILE_NAME


@o.command(position=1100)
def export_command(
    load: o.Load,
    output_format: o.ExportFormatOption = None,
    output: o.OutputFileOption = None,
    force: o.ForceOption = False,
    *,
    filters: o.Filters,
) -> None:
    chosen = o.choose_format(False, output_format, EXPORT_FORMATS)
    # Written in this coop's layout, whatever the edition it was read from.
    dataset = load()
    document = dataset.document(**filters)
    partners = document["partners"]
    rows = dataset.fact_rows(**filters)
    result = Output(document, items=partners, rows=rows, columns=columns.FACTS)
    if output is None or output == "-":
        emit(result, chosen)  # a binary format: a usage error, "add --output FILE"
        return
    if chosen is OutputFormat.TOML and os.path.basename(output) == SCHEMA_FILE_NAME:
        raise UsageError(
            f"a TOML edition cannot be named {SCHEMA_FILE_NAME}: its schema goes beside it so"
        )
    protected = api.shipped_dataset_path()
    save(result, chosen, output, force=force, protected=protected)
    wrote = f"wrote {counted(len(partners), 'partner')} to {output}"
    if chosen is not OutputFormat.TOML:
        say(wrote)
        return
    # The edition's first line names its schema beside it, for editors (taplo): put
    # one there, unless the folder has one already (it may be the user's own).
    try:
        schema = api.schema_path().read_bytes()
    except OSError as error:
        raise CoopError(f"cannot read coop's schema: {error.strerror or error}") from None
    try:
        written = save_beside(output, SCHEMA_FILE_NAME, schema, protected=protected)
    except BaseException:
        say(wrote)  # the edition is there: say so before why its schema is not
        raise
    if written is None:
        beside = os.path.join(os.path.dirname(output), SCHEMA_FILE_NAME)
        say(f"{wrote}; its schema, {beside}, was there already")
    else:
        say(f"{wrote} and its schema to {written}")
