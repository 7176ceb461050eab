"""Print the JSON Schema (draft 2020-12) of the dataset file, for editors and
validators. A copy ships with coop; `coop info` says where.

$ coop schema > countries.schema.json
$ coop schema | jq '.["$defs"].Agreement.properties.status'
"""

from coopcli.api import dataset_schema
from coopcli.cli import options as o
from coopcli.render import Output, OutputFormat, emit


@o.command(position=1300, data=False)
def schema_command() -> None:
    emit(Output(dataset_schema(), indent=True), OutputFormat.JSON)
