"""Pure domain core of StationDesk: rules, checks and report figures; standard library only."""
