"""Storage, search, exports and publishing of the archive. Never imports Scrapy or portals."""
