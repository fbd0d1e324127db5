"""vanban: Vietnamese administrative documents -> records and linked tables.

Stages, data flowing one way: ingest -> normalize -> extract (header, citations, dates,
sections, units) -> link -> tables -> export; `pipeline.api` is the front door.
"""
__version__ = "0.1.0"
