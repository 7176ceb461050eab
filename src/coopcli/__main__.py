from coopcli.entry import main

main()
