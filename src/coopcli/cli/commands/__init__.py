"""One module per command, each registered on `coopcli.cli.application.app` when imported."""
