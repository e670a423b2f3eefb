from portals.cli import main

main()
