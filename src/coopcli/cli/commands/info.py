"""Which dataset is in use, its title, date and size, and where the schema is.

$ coop info
$ COOP_DATA=west-africa.toml coop info --json
"""

from coopcli import __version__
from coopcli.api import cache_dir, fact_count, schema_path
from coopcli.cli import options as o
from coopcli.render import OBJECT_FORMATS, Output, views


@o.command(position=1400, formats=OBJECT_FORMATS)
def info_command(load: o.Load) -> Output:
    loaded = load()
    meta, partners, folder = loaded.meta, loaded.select(), cache_dir()
    values = {
        "version": __version__,
        "dataset": str(loaded.path.resolve()),
        "shipped": loaded.shipped,
        "title": meta["title"],
        "date": meta["date"],
        "covers": meta["covers"],
        "partners": len(partners),
        "facts": fact_count(partners),
        "schema": str(schema_path()),
        "cache": str(folder) if folder is not None else None,
    }
    return Output(values, human=lambda screen: views.details(screen, values))
