"""Crawling and parsing of Vietnamese provincial S&T news portals (the Scrapy package)."""
