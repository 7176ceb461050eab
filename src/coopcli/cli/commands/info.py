"""`coop info`: which dataset is in use, and what it holds."""

import typer

from coopcli import __version__, shipped
from coopcli.api import fact_count
from coopcli.cache import cache_dir
from coopcli.cli.application import command
from coopcli.cli.options import (
    DataOption,
    JsonOption,
    ObjectFormatOption,
    choose_format,
    load_dataset,
)
from coopcli.render import OBJECT_FORMATS, Output, emit, views


@command(
    "info",
    position=1400,
    examples=["coop info", "COOP_DATA=west-africa.toml coop info --json"],
)
def info_command(
    ctx: typer.Context,
    json_flag: JsonOption = False,
    output_format: ObjectFormatOption = None,
    data: DataOption = None,
) -> None:
    """Which dataset is in use, its title, date and size, and where the schema is."""
    chosen = choose_format(json_flag, output_format, OBJECT_FORMATS)
    loaded = load_dataset(ctx, data)
    meta = loaded.records["meta"]
    partners = loaded.records["partners"]
    folder = cache_dir()
    values = {
        "version": __version__,
        "dataset": str(loaded.path.resolve()),
        "shipped": loaded.shipped,
        "title": meta["title"],
        "date": meta["date"],
        "covers": meta["covers"],
        "partners": len(partners),
        "facts": fact_count(partners),
        "schema": str(shipped.schema_path()),
        "cache": str(folder) if folder is not None else None,
    }
    emit(Output(values, human=lambda screen: views.details(screen, values)), chosen)
