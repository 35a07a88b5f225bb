"""The `cablegram` command: thin commands over the library."""
