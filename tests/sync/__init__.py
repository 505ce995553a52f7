"""netdesk sync: accounts, vdirsyncer and a real Radicale server."""
