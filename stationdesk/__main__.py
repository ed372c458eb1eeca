"""`python -m stationdesk`: the same entry as the `stationdesk` command."""

from stationdesk.app import main

raise SystemExit(main())
