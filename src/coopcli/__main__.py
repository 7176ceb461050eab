from coopcli.cli import main

main()
