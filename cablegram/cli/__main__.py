from cablegram.cli.main import main

main()
