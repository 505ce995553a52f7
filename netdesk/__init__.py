"""netdesk: a personal networking CRM that lives on your own machine."""

__version__ = "0.1.0"
APP_NAME = "netdesk"
