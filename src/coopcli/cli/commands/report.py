"""A briefing to read, forward or print: one HTML page that makes no request
(it opens offline, from a disk or an email), with the partners-by-area heat map,
the agreements by status, a timeline chart, then every fact of each partner the
filters keep, with its date, its quote and coop's reasons for what it inferred.

$ coop report --output briefing.html
$ coop report --region 'Northern Africa' --output maghreb.html
$ coop report --area smuggling > smuggling.html
"""

from coopcli.api import shipped_dataset_path
from coopcli.cli import options as o
from coopcli.cli.exits import say
from coopcli.render import Output, OutputFormat, emit, save


@o.command(position=1200)
def report_command(
    load: o.Load,
    output: o.OutputFileOption = None,
    force: o.ForceOption = False,
    *,
    filters: o.Filters,
) -> None:
    briefing = load().briefing(**filters)
    if output is None or output == "-":
        emit(Output(briefing), OutputFormat.HTML)  # a terminal: a usage error, "add --output"
        return
    save(Output(briefing), OutputFormat.HTML, output, force=force, protected=shipped_dataset_path())
    count = len(briefing["partners"])
    say(f"wrote a briefing on {count} partner{'' if count == 1 else 's'} to {output}")
