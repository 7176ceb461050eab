"""List the partner countries and regions.

$ coop list
$ coop list --area smuggling --json
$ coop list --region 'Southern Asia' --format csv
"""

from coopcli.cli import options as o
from coopcli.render import LISTING_FORMATS, Output, columns


@o.command(position=100, formats=LISTING_FORMATS)
def list_command(
    load: o.Load,
    region: o.RegionOption = None,
    area: o.AreaOption = None,
    country: o.CountryOption = None,
    framework: o.FrameworkOption = None,
) -> Output:
    rows = load().partner_rows(country=country, region=region, area=area, framework=framework)
    return Output(rows, columns=columns.PARTNERS, empty_message="No partner matches.")
